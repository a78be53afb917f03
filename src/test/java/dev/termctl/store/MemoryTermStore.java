package dev.termctl.store;

import dev.termctl.core.Term;
import dev.termctl.core.Verdict;
import dev.termctl.format.AuditTrail;
import java.util.function.Function;

/** A term held in memory: for tests and for reasoning about the fence without a file system. */
public final class MemoryTermStore implements TermStore {
    private Term term;
    private boolean exists;
    private int writes;

    /** A store that has never been written: it reads as {@code defaultTerm}. */
    public static MemoryTermStore empty(Term defaultTerm) {
        MemoryTermStore store = new MemoryTermStore(defaultTerm);
        store.exists = false;
        return store;
    }

    /** A store already holding {@code term}, as after an earlier adoption. */
    public MemoryTermStore(Term term) {
        this.term = term;
        this.exists = true;
    }

    @Override
    public synchronized StoredTerm read() {
        return new StoredTerm(term, exists, false, null, AuditTrail.NONE);
    }

    @Override
    public synchronized Verdict advance(Function<Term, Verdict> rule) {
        Verdict verdict = rule.apply(term);
        if (verdict.adopts()) {
            term = verdict.incoming();
            exists = true;
            writes++;
        }
        return verdict;
    }

    /** How many times a term was persisted: lets tests prove that a verdict wrote nothing. */
    public synchronized int writes() {
        return writes;
    }

    @Override
    public String describe() {
        return "memory";
    }
}
