package dev.termctl.fence;

import dev.termctl.core.Boundary;
import dev.termctl.core.Term;
import dev.termctl.core.Verdict;
import dev.termctl.store.StoredTerm;
import dev.termctl.store.TermStore;
import java.util.function.Function;

/** The stale-term fence over one node's durable term: the rule of {@link Verdict} applied to a store. */
public final class TermFence {
    private final TermStore store;

    public TermFence(TermStore store) {
        this.store = store;
    }

    /** The node's current term, as stored. */
    public StoredTerm current() {
        return store.read();
    }

    /** The verdict {@code incoming} would get, without adopting anything: a pure probe. */
    public Outcome classify(Boundary boundary, Term incoming) {
        return new Outcome(Verdict.decide(boundary, incoming, store.read().term()), false);
    }

    /**
     * Admits or fences a message stamped with {@code incoming} at {@code boundary}. A newer term is
     * persisted before this returns, so a crash right after cannot un-adopt it.
     */
    public Outcome admit(Boundary boundary, Term incoming) {
        return apply(boundary, incoming, null, false);
    }

    /**
     * Moves the node forward to {@code term} after it re-synced under it; never backwards. The
     * verdict says what happened: adopt (moved), admit (already there), fenced (already past it).
     */
    public Outcome adopt(Term term) {
        return apply(null, term, null, false);
    }

    /**
     * The general form of {@link #admit} and {@link #adopt}.
     *
     * @param boundary      where the term arrives; null for an operator's adopt
     * @param expectCurrent when not null, act only if the node's term is exactly this, else throw
     *                      {@link UnexpectedTerm} and change nothing (compare-and-set, under the lock)
     * @param dryRun        decide and report, but take no lock and write nothing
     */
    public Outcome apply(Boundary boundary, Term incoming, Term expectCurrent, boolean dryRun) {
        Rule rule = new Rule(boundary, incoming, expectCurrent);
        StoredTerm found = store.read();
        Verdict seen = rule.apply(found.term());
        if (dryRun) {
            if (seen.adopts()) {
                store.checkWritable(found);
            }
            return new Outcome(seen, false);
        }
        if (!seen.adopts()) {
            // Terms only move forward, so admit and fenced stay true of what was read: no lock needed.
            return new Outcome(seen, false);
        }
        Verdict decided = store.advance(rule);
        return new Outcome(decided, decided.adopts());
    }

    /** The rule for one incoming term, with the compare-and-set check (a class, not a lambda: no indy at startup). */
    private record Rule(Boundary boundary, Term incoming, Term expectCurrent) implements Function<Term, Verdict> {
        @Override
        public Verdict apply(Term current) {
            if (expectCurrent != null && !current.equals(expectCurrent)) {
                throw new UnexpectedTerm(expectCurrent, current);
            }
            return Verdict.decide(boundary, incoming, current);
        }
    }
}
