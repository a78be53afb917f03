package dev.termctl.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.termctl.core.Boundary;
import dev.termctl.core.Term;
import dev.termctl.core.Verdict;
import dev.termctl.fence.Outcome;
import dev.termctl.fence.TermFence;
import dev.termctl.store.MemoryTermStore;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/** Properties of the fence rule over the whole unsigned range, with jqwik. */
class FencePropertiesTest {
    private static long cases;

    /** One operation on a fence: what it is and the term it carries. */
    record Op(String kind, Boundary boundary, Term term) {
    }

    /** Terms biased toward the edges where signed arithmetic goes wrong. */
    @Provide
    Arbitrary<Term> terms() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Term::new),
                Arbitraries.of(0L, 1L, 2L, Long.MAX_VALUE - 1, Long.MAX_VALUE, Long.MIN_VALUE, Long.MIN_VALUE + 1, -2L, -1L)
                        .map(Term::new),
                Arbitraries.longs().between(0, 20).map(Term::new));
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<Op> op = Combinators.combine(
                Arbitraries.of("admit", "classify", "adopt"),
                Arbitraries.of(Boundary.values()),
                terms()).as(Op::new);
        return op.list().ofMaxSize(30);
    }

    private static Outcome apply(TermFence fence, Op op) {
        switch (op.kind()) {
            case "admit": return fence.admit(op.boundary(), op.term());
            case "classify": return fence.classify(op.boundary(), op.term());
            default: return fence.adopt(op.term());
        }
    }

    private static BigInteger big(Term t) {
        return new BigInteger(t.toString());
    }

    @Property
    void the_verdict_follows_unsigned_order(@ForAll("terms") Term incoming, @ForAll("terms") Term current) {
        cases++;
        int expected = big(incoming).compareTo(big(current));
        Verdict.Kind kind = Verdict.decide(Boundary.APPLY, incoming, current).kind();
        assertEquals(expected == 0 ? Verdict.Kind.ADMIT : expected > 0 ? Verdict.Kind.ADOPT : Verdict.Kind.FENCED, kind);
    }

    @Property
    void no_sequence_of_operations_lowers_the_term(@ForAll("terms") Term start, @ForAll("ops") List<Op> ops) {
        cases++;
        MemoryTermStore store = new MemoryTermStore(start);
        TermFence fence = new TermFence(store);
        BigInteger max = big(start);
        for (Op op : ops) {
            Term before = fence.current().term();
            Outcome o = apply(fence, op);
            Term after = fence.current().term();
            assertFalse(after.isBefore(before), () -> op + " lowered " + before + " to " + after);
            assertEquals(after, o.termAfter());
            if (!op.kind().equals("classify")) {
                max = max.max(big(op.term()));
            }
        }
        assertEquals(max, big(fence.current().term()), "the final term is the largest admitted or adopted");
    }

    @Property
    void classify_never_changes_anything(@ForAll("terms") Term start, @ForAll("terms") Term incoming) {
        cases++;
        MemoryTermStore store = new MemoryTermStore(start);
        Outcome o = new TermFence(store).classify(Boundary.HANDSHAKE, incoming);
        assertFalse(o.changed());
        assertEquals(start, store.read().term());
        assertEquals(0, store.writes());
    }

    @Property
    void admitting_the_same_term_twice_changes_nothing_the_second_time(@ForAll("terms") Term start,
            @ForAll("terms") Term incoming) {
        cases++;
        MemoryTermStore store = new MemoryTermStore(start);
        TermFence fence = new TermFence(store);
        Outcome first = fence.admit(Boundary.APPLY, incoming);
        int writes = store.writes();
        Outcome second = fence.admit(Boundary.APPLY, incoming);
        assertEquals(writes, store.writes());
        assertFalse(second.changed());
        assertEquals(first.termAfter(), second.termAfter());
        assertEquals(first.verdict().isAdmitted() ? Verdict.Kind.ADMIT : Verdict.Kind.FENCED, second.verdict().kind());
    }

    @Property
    void every_interleaving_ends_at_the_same_maximum(@ForAll("terms") Term start, @ForAll("ops") List<Op> ops,
            @ForAll Random random) {
        cases++;
        List<Op> shuffled = new ArrayList<>(ops);
        Collections.shuffle(shuffled, random);
        TermFence a = new TermFence(new MemoryTermStore(start));
        TermFence b = new TermFence(new MemoryTermStore(start));
        ops.forEach(op -> apply(a, op));
        shuffled.forEach(op -> apply(b, op));
        // The maximum, computed here in BigInteger rather than by comparing two runs of the same code
        // (two fences that never moved would agree with each other too).
        BigInteger max = big(start);
        for (Op op : ops) {
            if (!op.kind().equals("classify")) {
                max = max.max(big(op.term()));
            }
        }
        assertEquals(max, big(a.current().term()), "in the given order");
        assertEquals(max, big(b.current().term()), "shuffled");
    }

    @AfterContainer
    static void report() {
        Figures.record("FencePropertiesTest", "cases", cases);
    }
}
