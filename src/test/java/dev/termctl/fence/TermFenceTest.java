package dev.termctl.fence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termctl.core.Boundary;
import dev.termctl.core.Term;
import dev.termctl.core.Verdict.Kind;
import dev.termctl.core.Verdict;
import dev.termctl.store.MemoryTermStore;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class TermFenceTest {
    private final MemoryTermStore store = new MemoryTermStore(new Term(5));
    private final TermFence fence = new TermFence(store);

    private Term current() {
        return fence.current().term();
    }

    @Test
    void apply_boundary_fences_a_stale_record_and_keeps_the_term() {
        Outcome o = fence.admit(Boundary.APPLY, new Term(4));
        assertEquals(new Verdict(Kind.FENCED, Boundary.APPLY, new Term(4), new Term(5)), o.verdict());
        assertFalse(o.changed());
        assertEquals(new Term(5), current());
        assertEquals(0, store.writes());
    }

    @Test
    void current_term_is_admitted_without_a_write() {
        Outcome o = fence.admit(Boundary.APPLY, new Term(5));
        assertEquals(Kind.ADMIT, o.verdict().kind());
        assertEquals(new Term(5), o.termAfter());
        assertEquals(0, store.writes());
    }

    @Test
    void newer_term_is_persisted_before_admitting_and_then_fences_the_old_one() {
        Outcome o = fence.admit(Boundary.APPLY, new Term(8));
        assertEquals(Kind.ADOPT, o.verdict().kind());
        assertTrue(o.changed());
        assertEquals(new Term(8), o.termAfter());
        assertEquals(new Term(8), current());
        assertEquals(1, store.writes());
        assertEquals(Kind.FENCED, fence.admit(Boundary.APPLY, new Term(5)).verdict().kind());
    }

    @Test
    void handshake_boundary_fences_stale_admits_current_and_adopts_newer() {
        assertEquals(Kind.FENCED, fence.admit(Boundary.HANDSHAKE, new Term(4)).verdict().kind());
        assertEquals(Kind.ADMIT, fence.admit(Boundary.HANDSHAKE, new Term(5)).verdict().kind());
        Outcome o = fence.admit(Boundary.HANDSHAKE, new Term(9));
        assertEquals(Boundary.HANDSHAKE, o.verdict().boundary());
        assertEquals(new Term(9), current());
    }

    @Test
    void returning_ex_primary_is_fenced_until_it_adopts_the_new_term() {
        // The new primary's handshake moves the replica to term 6.
        assertEquals(Kind.ADOPT, fence.admit(Boundary.HANDSHAKE, new Term(6)).verdict().kind());
        // The old primary comes back on term 5: its handshake and records are refused.
        assertFalse(fence.admit(Boundary.HANDSHAKE, new Term(5)).verdict().isAdmitted());
        assertFalse(fence.admit(Boundary.APPLY, new Term(5)).verdict().isAdmitted());
        assertFalse(fence.admit(Boundary.LEASE, new Term(5)).verdict().isAdmitted());
        // After it re-syncs under term 6 it participates again.
        assertEquals(Kind.ADMIT, fence.adopt(new Term(6)).verdict().kind());
        assertTrue(fence.admit(Boundary.APPLY, new Term(6)).verdict().isAdmitted());
    }

    @Test
    void classify_reports_adopt_but_never_persists() {
        Outcome o = fence.classify(Boundary.APPLY, new Term(9));
        assertEquals(Kind.ADOPT, o.verdict().kind());
        assertFalse(o.changed());
        assertEquals(new Term(5), o.termAfter());
        assertEquals(new Term(5), current());
        assertEquals(0, store.writes());
    }

    @Test
    void adopt_moves_forward_and_never_backwards() {
        Outcome back = fence.adopt(new Term(4));
        assertEquals(Kind.FENCED, back.verdict().kind());
        assertNullBoundary(back);
        assertEquals(new Term(5), current());
        assertEquals(Kind.ADOPT, fence.adopt(new Term(12)).verdict().kind());
        assertEquals(new Term(12), current());
        assertEquals(Kind.ADMIT, fence.adopt(new Term(12)).verdict().kind());
        assertEquals(1, store.writes());
    }

    @Test
    void an_empty_store_reads_as_its_default_term() {
        TermFence fresh = new TermFence(MemoryTermStore.empty(new Term(1)));
        assertFalse(fresh.current().exists());
        assertEquals(Kind.ADMIT, fresh.classify(Boundary.APPLY, new Term(1)).verdict().kind());
        assertEquals(Kind.FENCED, fresh.classify(Boundary.APPLY, new Term(0)).verdict().kind());
    }

    @Test
    void concurrent_adopters_end_at_the_highest_term_and_each_write_moves_forward() throws Exception {
        MemoryTermStore shared = new MemoryTermStore(new Term(1));
        TermFence f = new TermFence(shared);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Outcome>> results = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            long t = 2 + (i * 7919L) % 397;
            results.add(pool.submit(() -> f.admit(Boundary.APPLY, new Term(t))));
        }
        long max = 0;
        List<Outcome> writes = new ArrayList<>();
        for (Future<Outcome> r : results) {
            Outcome o = r.get();
            if (o.changed()) {
                writes.add(o);
            }
            max = Math.max(max, o.verdict().incoming().bits());
        }
        pool.shutdown();
        assertEquals(new Term(max), f.current().term());
        // Each write started from the term the previous one left: one chain from 1, no lost update.
        writes.sort((a, b) -> a.verdict().current().compareTo(b.verdict().current()));
        Term expected = new Term(1);
        for (Outcome o : writes) {
            assertEquals(expected, o.verdict().current(), () -> "the writes do not form one chain: " + writes);
            expected = o.verdict().incoming();
        }
    }

    private static void assertNullBoundary(Outcome o) {
        assertEquals(null, o.verdict().boundary(), "adopt is an operator action, not a boundary");
    }
}
