package dev.termctl.store;

import dev.termctl.core.Term;
import dev.termctl.core.Verdict;
import java.util.function.Function;

/** Durable home of one node's current term. */
public interface TermStore {

    /** Reads the current term. Never locks, creates or changes anything. */
    StoredTerm read();

    /**
     * Decides and persists as one step: re-reads the current term with every other writer excluded,
     * asks {@code rule} for a verdict, and persists the verdict's incoming term before returning
     * when the verdict adopts. Because the read and the write cannot interleave with another
     * writer's, no sequence of calls ever moves the term backwards.
     *
     * @return the verdict taken on the fresh read
     */
    Verdict advance(Function<Term, Verdict> rule);

    /**
     * Throws the error a write of {@code found} would meet, without writing: lets a dry run report
     * exactly what the real run would. Stores whose every write is allowed do nothing.
     */
    default void checkWritable(StoredTerm found) {
    }

    /** Where the term lives, for messages and reports. */
    String describe();
}
