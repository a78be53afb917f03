package dev.termctl.fence;

import dev.termctl.core.Boundary;
import dev.termctl.core.Verdict;
import dev.termctl.core.Term;
import dev.termctl.store.StoredTerm;
import dev.termctl.store.TermStore;

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
        Verdict seen = Verdict.decide(boundary, incoming, store.read().term());
        if (!seen.adopts()) {
            // Terms only move forward, so admit and fenced stay true of what was read: no lock needed.
            return new Outcome(seen, false);
        }
        Verdict decided = store.advance(current -> Verdict.decide(boundary, incoming, current));
        return new Outcome(decided, decided.adopts());
    }

    /**
     * Moves the node forward to {@code term} after it re-synced under it; never backwards. The
     * verdict says what happened: adopt (moved), admit (already there), fenced (already past it).
     */
    public Outcome adopt(Term term) {
        return admit(null, term);
    }
}
