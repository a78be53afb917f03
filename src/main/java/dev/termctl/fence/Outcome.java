package dev.termctl.fence;

import dev.termctl.core.Term;
import dev.termctl.core.Verdict;

/**
 * A verdict and what acting on it did.
 *
 * @param verdict the fence's decision
 * @param changed true when the new term was persisted (only an adopt verdict of a writing call)
 */
public record Outcome(Verdict verdict, boolean changed) {

    /** The node's term after the call: the incoming term if it was persisted, else the term found. */
    public Term termAfter() {
        return changed ? verdict.incoming() : verdict.current();
    }
}
