package dev.termctl.fence;

import dev.termctl.core.Term;

/** A compare-and-set adopt found another current term than the one the caller expected; nothing changed. */
public final class UnexpectedTerm extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Term expected;
    private final transient Term current;

    public UnexpectedTerm(Term expected, Term current) {
        super("the current term is " + current + ", not the expected " + expected, null, false, false);
        this.expected = expected;
        this.current = current;
    }

    public Term expected() {
        return expected;
    }

    public Term current() {
        return current;
    }
}
