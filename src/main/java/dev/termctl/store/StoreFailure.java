package dev.termctl.store;

import dev.termctl.core.Term;
import dev.termctl.format.Position;
import dev.termctl.format.Problem;
import dev.termctl.format.TermFileFormat;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Why the store did not do what it was asked with a term file, as facts: which path, what was wrong
 * with it, the numbers involved. Never advice, option or command names, or exit codes: the command
 * line turns each kind into words and an exit status. The file layer's own failures
 * ({@link dev.termctl.fs.FileFailure}) pass through the store as they are. Expected, so created
 * without a stack trace.
 *
 * <p>Each kind is made by its static factories, declared to return a {@code RuntimeException}: a
 * class that throws one then names no class of these to the verifier, so linking it (on every run,
 * for the classes of a read) loads no failure it never throws.
 */
public abstract sealed class StoreFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    StoreFailure(Path path, Throwable cause) {
        super(null, cause, false, false);
        this.path = path;
    }

    /** The term file or lock the failure is about. */
    public Path path() {
        return path;
    }

    /** The kind and the path, for a log or a test; users read what the command line makes of it. */
    @Override
    public String getMessage() {
        return getClass().getSimpleName() + " " + path;
    }

    /** No term file at the path (for a writer): a new node there would start at {@link #defaultTerm}. */
    public static final class NotFound extends StoreFailure {
        private static final long serialVersionUID = 1L;
        private final transient Term defaultTerm;

        private NotFound(Path path, Term defaultTerm) {
            super(path, null);
            this.defaultTerm = defaultTerm;
        }

        /** No term file at {@code path}: a new node there would start at {@code defaultTerm}. */
        static RuntimeException termFile(Path path, Term defaultTerm) {
            return new NotFound(path, defaultTerm);
        }

        /** The term a new node at this path would start from. */
        public Term defaultTerm() {
            return defaultTerm;
        }
    }

    /**
     * A term file the format refuses: why and where ({@link #why}), and whether RedDB refuses it too.
     * {@code found} says whose file it is: the file as read, a file repair leaves alone because
     * RedDB reads it, or the file a write of {@link #term} would have left (nothing was written).
     */
    public static final class Damaged extends StoreFailure {
        private static final long serialVersionUID = 1L;

        /** Which file the refusal is about. */
        public enum Found { READING, REPAIRING, WRITING }

        private final Found found;
        private final transient Term term;

        private Damaged(Found found, Path path, TermFileFormat.InvalidTermFile why, Term term) {
            super(path, why);
            this.found = found;
            this.term = term;
        }

        static RuntimeException of(Found found, Path path, TermFileFormat.InvalidTermFile why, Term term) {
            return new Damaged(found, path, why, term);
        }

        public Found found() {
            return found;
        }

        /** The term a refused write would have written (WRITING), else null. */
        public Term term() {
            return term;
        }

        /** The format's refusal: what is wrong, and where ("it is not valid JSON: ... at line 2, column 1"). */
        public TermFileFormat.InvalidTermFile why() {
            return (TermFileFormat.InvalidTermFile) getCause();
        }

        public String detail() {
            return why().getMessage();
        }

        public Problem problem() {
            return why().problem();
        }

        /** Where in the file; null for a fault of the whole file. */
        public Position position() {
            return why().position();
        }

        /** Whether RedDB's own reader refuses the file too (then replacing it is the remedy). */
        public boolean redDbRefuses() {
            return why().redDbRefuses();
        }

        /** Whether the file is (or would be) over {@link TermFileFormat#MAX_BYTES}. */
        public boolean tooLarge() {
            return why().reason() == TermFileFormat.Reason.TOO_LARGE;
        }
    }
    /**
     * A durable last-vote record (it has "voted_for"), which termctl never writes; {@code damaged}:
     * a file that is not valid but mentions "voted_for", which repair never replaces.
     */
    public static final class LastVote extends StoreFailure {
        private static final long serialVersionUID = 1L;
        private final boolean damaged;

        private LastVote(Path path, boolean damaged) {
            super(path, null);
            this.damaged = damaged;
        }

        static RuntimeException of(Path path, boolean damaged) {
            return new LastVote(path, damaged);
        }

        public boolean damaged() {
            return damaged;
        }
    }
    /** Repair found a valid term file, holding {@link #term}: there is nothing to replace. */
    public static final class NotDamaged extends StoreFailure {
        private static final long serialVersionUID = 1L;
        private final transient Term term;

        private NotDamaged(Path path, Term term) {
            super(path, null);
            this.term = term;
        }

        static RuntimeException of(Path path, Term term) {
            return new NotDamaged(path, term);
        }

        public Term term() {
            return term;
        }
    }
    /** Another process held the lock ({@link #path}) for all of {@link #waited}, or the wait was interrupted. */
    public static final class Busy extends StoreFailure {
        private static final long serialVersionUID = 1L;
        private final long holderPid;
        private final String holderCommand;
        private final transient Duration waited;
        private final boolean interrupted;

        private Busy(Path lock, long holderPid, String holderCommand, Duration waited, boolean interrupted) {
            super(lock, null);
            this.holderPid = holderPid;
            this.holderCommand = holderCommand;
            this.waited = waited;
            this.interrupted = interrupted;
        }

        /** The lock stayed held for all of {@code waited}; by {@code holderPid} (-1: unknown) running {@code holderCommand}. */
        static RuntimeException timedOut(Path lock, Duration waited, long holderPid, String holderCommand) {
            return new Busy(lock, holderPid, holderCommand, waited, false);
        }

        static RuntimeException interrupted(Path lock, Duration waited) {
            return new Busy(lock, -1, null, waited, true);
        }

        /** The holder's pid as the kernel says (/proc/locks); -1 when it cannot tell. */
        public long holderPid() {
            return holderPid;
        }

        /** The holder's command name (/proc/PID/comm), or null when unknown. */
        public String holderCommand() {
            return holderCommand;
        }

        public Duration waited() {
            return waited;
        }

        public boolean interrupted() {
            return interrupted;
        }
    }
    /**
     * A term file the store will not write or copy: its name leaves no room for the files kept beside
     * it (NAME), or it is larger than repair copies (BACKUP); {@link #actual} against {@link #limit}.
     */
    public static final class TooLarge extends StoreFailure {
        private static final long serialVersionUID = 1L;

        /** Which bound: the bytes of the term file's name, or of the file a repair would copy. */
        public enum Bound { NAME, BACKUP }

        private final Bound bound;
        private final long actual;
        private final long limit;

        private TooLarge(Bound bound, Path path, long actual, long limit) {
            super(path, null);
            this.bound = bound;
            this.actual = actual;
            this.limit = limit;
        }

        static RuntimeException of(Bound bound, Path path, long actual, long limit) {
            return new TooLarge(bound, path, actual, limit);
        }

        public Bound bound() {
            return bound;
        }

        public long actual() {
            return actual;
        }

        public long limit() {
            return limit;
        }
    }
}
