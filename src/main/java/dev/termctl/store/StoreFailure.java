package dev.termctl.store;

import dev.termctl.core.Term;
import dev.termctl.format.Position;
import dev.termctl.format.Problem;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Why the store did not do what it was asked, as facts: which path, what was wrong with it, the
 * numbers involved. Never advice, option or command names, or exit codes: the command line turns
 * each kind into words and an exit status. Expected, so created without a stack trace.
 *
 * <p>Each kind is made by its static factories, declared to return a {@code StoreFailure}: a class
 * that throws one then names only this class to the verifier, so linking it (on every run, for the
 * classes of a read) loads no kind it never throws.
 */
public abstract sealed class StoreFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    StoreFailure(Path path, Throwable cause) {
        super(null, cause, false, false);
        this.path = path;
    }

    /** The file, directory or lock the failure is about; null for standard input. */
    public Path path() {
        return path;
    }

    /** The kind and the path, for a log or a test; users read what the command line makes of it. */
    @Override
    public String getMessage() {
        return getClass().getSimpleName() + " " + path;
    }

    /** What a file is, as lstat or fstat says. */
    public enum FileType { REGULAR, LINK, DIRECTORY, SPECIAL }

    /** The account name of {@code uid} in the user database ("root" for 0), or null when it has none. */
    public static String userName(int uid) {
        return FileFacts.userName(uid);
    }

    /** Nothing at the path: the term file (for a writer), a directory on the way to it, or an input ({@code label}). */
    public static final class NotFound extends StoreFailure {
        private static final long serialVersionUID = 1L;

        /** What is missing. */
        public enum What { TERM_FILE, DIRECTORY, INPUT }

        private final What what;
        private final transient Term defaultTerm;
        private final String label;

        private NotFound(What what, Path path, Term defaultTerm, String label) {
            super(path, null);
            this.what = what;
            this.defaultTerm = defaultTerm;
            this.label = label;
        }

        /** No term file at {@code path}: a new node there would start at {@code defaultTerm}. */
        static StoreFailure termFile(Path path, Term defaultTerm) {
            return new NotFound(What.TERM_FILE, path, defaultTerm, null);
        }

        /** The directory {@code path}, on the way to a file, does not exist. */
        static StoreFailure directory(Path path) {
            return new NotFound(What.DIRECTORY, path, null, null);
        }

        /** The input {@code label} ("the journal") names {@code path}, where nothing is. */
        static StoreFailure input(String label, Path path) {
            return new NotFound(What.INPUT, path, null, label);
        }

        public What what() {
            return what;
        }

        /** The term a new node at this path would start from (TERM_FILE). */
        public Term defaultTerm() {
            return defaultTerm;
        }

        /** How the caller named the input ("the journal"), for INPUT. */
        public String label() {
            return label;
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

        static StoreFailure of(Found found, Path path, TermFileFormat.InvalidTermFile why, Term term) {
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

        static StoreFailure of(Path path, boolean damaged) {
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

        static StoreFailure of(Path path, Term term) {
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
        static StoreFailure timedOut(Path lock, Duration waited, long holderPid, String holderCommand) {
            return new Busy(lock, holderPid, holderCommand, waited, false);
        }

        static StoreFailure interrupted(Path lock, Duration waited) {
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
     * A database server is running on the node's data file ({@link #path}): a process holds an
     * exclusive flock on it, as a running RedDB server holds its data file (see {@link DataFile}).
     */
    public static final class Running extends StoreFailure {
        private static final long serialVersionUID = 1L;
        private final long holderPid;
        private final String holderCommand;

        private Running(Path dataFile, long holderPid, String holderCommand) {
            super(dataFile, null);
            this.holderPid = holderPid;
            this.holderCommand = holderCommand;
        }

        static StoreFailure of(DataFile.Holder holder) {
            return new Running(holder.file(), holder.pid(), holder.command());
        }

        /** The holder's pid as the kernel says (/proc/locks); -1 when it does not say. */
        public long holderPid() {
            return holderPid;
        }

        /** The holder's command name (/proc/PID/comm), or null when unknown. */
        public String holderCommand() {
            return holderCommand;
        }
    }

    /**
     * Whether a process holds a lock on {@link #path} (the data file) is not known: the kernel's lock
     * table went on past its budget ({@link Limits#LOCK_TABLE_BYTES}, or {@link Limits#LOCK_TABLE_MILLIS}
     * when {@link #timedOut}) and no lock on the file was in what was read (see {@link LockTable}).
     */
    public static final class Untold extends StoreFailure {
        private static final long serialVersionUID = 1L;
        private final boolean timedOut;
        private final long bytes;
        private final long millis;

        private Untold(Path path, boolean timedOut, long bytes, long millis) {
            super(path, null);
            this.timedOut = timedOut;
            this.bytes = bytes;
            this.millis = millis;
        }

        static StoreFailure of(Path path, boolean timedOut, long bytes, long millis) {
            return new Untold(path, timedOut, bytes, millis);
        }

        /** The time ran out ({@link Limits#LOCK_TABLE_MILLIS}), not the bytes ({@link Limits#LOCK_TABLE_BYTES}). */
        public boolean timedOut() {
            return timedOut;
        }

        /** How much of the table was read. */
        public long bytes() {
            return bytes;
        }

        /** How long that took. */
        public long millis() {
            return millis;
        }
    }

    /**
     * A path the file layer will not use: a link, an owner, a type or a change under it that is not
     * safe, or a name that is not a term file. {@link #why} says which; the other facts are the
     * ones that refusal has (see {@link Refused.Why}), the rest null or -1.
     */
    public static final class Refused extends StoreFailure {
        private static final long serialVersionUID = 1L;

        /** What was wrong. SIDE_ ones are about a file termctl keeps beside the term file ({@link #label}). */
        public enum Why {
            /** path is a directory (or "/", ".", ".."), not a file. */
            DIRECTORY,
            /** path, on the way to other (the path as given), is not a directory. */
            NOT_A_DIRECTORY,
            /** path (as given) leads through more than 40 links. */
            TOO_MANY_LINKS,
            EMPTY_LINK,
            /** As root: path (type, uid) was reached through other (otherType, otherUid), of another account. */
            UNSAFE_STEP,
            /** As root: the file path (uid) is in the directory other (otherUid) of another account. */
            FOREIGN_FILE,
            /** A directory was replaced while the path was resolved. */
            REPLACED,
            /** The term file was replaced at every one of three opens. */
            KEEPS_CHANGING,
            /** The term file became a link while termctl worked on it. */
            BECAME_LINK,
            /** The term file became a link while termctl opened it. */
            BECAME_LINK_OPENING,
            /** path is not a regular file (type): the term file, or the input {@link #label} when not null. */
            NOT_REGULAR,
            /** A write would create the term file through a link; path is where the link leads. */
            DANGLING_LINK,
            /** A write would create the journal path through a link. */
            JOURNAL_LINK,
            /** The term file has count names. */
            HARD_LINKS,
            SIDE_NOT_REGULAR,
            SIDE_REPLACED,
            SIDE_HARD_LINKS,
            /** The side file belongs to uid, neither the term file's owner (otherUid) nor its directory's. */
            SIDE_FOREIGN
        }

        private final Why why;
        private final String label;
        private final transient Path other;
        private final FileType type;
        private final FileType otherType;
        private final int uid;
        private final int otherUid;
        private final long count;

        private Refused(Why why, Path path, String label, Path other, FileType type, FileType otherType, int uid,
                int otherUid, long count) {
            super(path, null);
            this.why = why;
            this.label = label;
            this.other = other;
            this.type = type;
            this.otherType = otherType;
            this.uid = uid;
            this.otherUid = otherUid;
            this.count = count;
        }

        /** A refusal that has no fact but the path. */
        static StoreFailure of(Why why, Path path) {
            return new Refused(why, path, null, null, null, null, -1, -1, -1);
        }

        static StoreFailure notADirectory(Path here, Path given) {
            return new Refused(Why.NOT_A_DIRECTORY, here, null, given, null, null, -1, -1, -1);
        }

        /** As root: {@code to} reached through {@code from}, which another account owns. */
        static StoreFailure unsafeStep(Path to, FileFacts toFacts, Path from, FileFacts fromFacts) {
            return new Refused(Why.UNSAFE_STEP, to, null, from, toFacts.fileType(), fromFacts.fileType(), toFacts.uid(),
                    fromFacts.uid(), -1);
        }

        /** As root: {@code file} (owned by {@code fileUid}) in the directory {@code dir} of {@code dirUid}. */
        static StoreFailure foreignFile(Path file, int fileUid, Path dir, int dirUid) {
            return new Refused(Why.FOREIGN_FILE, file, null, dir, null, null, fileUid, dirUid, -1);
        }

        /** {@code path} is not a regular file: the term file, or the input {@code label} when not null. */
        static StoreFailure notRegular(Path path, String label, FileType type) {
            return new Refused(Why.NOT_REGULAR, path, label, null, type, null, -1, -1, -1);
        }

        static StoreFailure hardLinks(Path path, long links) {
            return new Refused(Why.HARD_LINKS, path, null, null, null, null, -1, -1, links);
        }

        /** The side file {@code label} ("the lock file") at {@code path} is not a regular file. */
        static StoreFailure sideNotRegular(Path path, String label, FileType type) {
            return new Refused(Why.SIDE_NOT_REGULAR, path, label, null, type, null, -1, -1, -1);
        }

        static StoreFailure sideReplaced(Path path, String label) {
            return new Refused(Why.SIDE_REPLACED, path, label, null, null, null, -1, -1, -1);
        }

        static StoreFailure sideHardLinks(Path path, String label, long links) {
            return new Refused(Why.SIDE_HARD_LINKS, path, label, null, null, null, -1, -1, links);
        }

        /** The side file belongs to {@code uid}, neither the term file's owner ({@code termOwner}) nor its directory's. */
        static StoreFailure sideForeign(Path path, String label, int uid, int termOwner) {
            return new Refused(Why.SIDE_FOREIGN, path, label, null, null, null, uid, termOwner, -1);
        }

        public Why why() {
            return why;
        }

        public String label() {
            return label;
        }

        public Path other() {
            return other;
        }

        public FileType type() {
            return type;
        }

        public FileType otherType() {
            return otherType;
        }

        public int uid() {
            return uid;
        }

        public int otherUid() {
            return otherUid;
        }

        public long count() {
            return count;
        }
    }

    /**
     * More than a bound allows: {@link #actual} (0 when unknown) against {@link #limit}. {@code where}
     * names the input (and the line, or the node, where the bound was met) when there is no path.
     */
    public static final class TooLarge extends StoreFailure {
        private static final long serialVersionUID = 1L;

        /** Which bound: bytes of a name, of a backup or of an input; a line; term files a journal names; a cluster view. */
        public enum Bound { NAME, BACKUP, INPUT, LINE, JOURNAL_FILES, VIEW_NODES, VIEW_BYTES }

        private final Bound bound;
        private final String where;
        private final long actual;
        private final long limit;
        private final int line;

        private TooLarge(Bound bound, Path path, String where, long actual, long limit, int line) {
            super(path, null);
            this.bound = bound;
            this.where = where;
            this.actual = actual;
            this.limit = limit;
            this.line = line;
        }

        /** NAME or BACKUP: the file {@code path}. */
        static StoreFailure of(Bound bound, Path path, long actual, long limit) {
            return new TooLarge(bound, path, null, actual, limit, 0);
        }

        /** An input, named {@code where} (the node, for a view), at {@code line} when a line is the point. */
        static StoreFailure in(Bound bound, String where, long actual, long limit, int line) {
            return new TooLarge(bound, null, where, actual, limit, line);
        }

        public Bound bound() {
            return bound;
        }

        public String where() {
            return where;
        }

        public long actual() {
            return actual;
        }

        public long limit() {
            return limit;
        }

        /** The line the bound was met at (LINE, JOURNAL_FILES), from 1. */
        public int line() {
            return line;
        }
    }

    /** A journal to append to that is not termctl's: empty, not starting with an entry, or with no line break in its last {@code limit} bytes. */
    public static final class NotJournal extends StoreFailure {
        private static final long serialVersionUID = 1L;

        /** What shows it is not a journal. */
        public enum Why { EMPTY, NO_ENTRY, NO_LINE_BREAK }

        private final Why why;
        private final long limit;

        private NotJournal(Why why, Path path, long limit) {
            super(path, null);
            this.why = why;
            this.limit = limit;
        }

        static StoreFailure of(Why why, Path path, long limit) {
            return new NotJournal(why, path, limit);
        }

        public Why why() {
            return why;
        }

        public long limit() {
            return limit;
        }
    }

    /**
     * A line of another host's show output that is not a node's reading: {@link #where} names the
     * input and the line, {@link #detail} what is wrong and where in it (never the line itself).
     * Never thrown: the node of a cluster view it stands for is unreadable with it.
     */
    public static final class BadLine extends StoreFailure {
        private static final long serialVersionUID = 1L;
        private final String where;
        private final String detail;

        private BadLine(String where, String detail) {
            super(null, null);
            this.where = where;
            this.detail = detail;
        }

        static StoreFailure of(String where, String detail) {
            return new BadLine(where, detail);
        }

        public String where() {
            return where;
        }

        public String detail() {
            return detail;
        }
    }

    /** An open that had not returned after {@code seconds} (a FIFO or device put in a file's place): the run cannot go on. */
    public static final class Hung extends StoreFailure {
        private static final long serialVersionUID = 1L;
        private final boolean directory;
        private final int seconds;

        private Hung(Path path, boolean directory, int seconds) {
            super(path, null);
            this.directory = directory;
            this.seconds = seconds;
        }

        static StoreFailure of(Path path, boolean directory, int seconds) {
            return new Hung(path, directory, seconds);
        }

        public boolean directory() {
            return directory;
        }

        public int seconds() {
            return seconds;
        }
    }

    /** An I/O error: which operation on which path ({@code label} names a side file or input), and the system's reason. */
    public static final class Io extends StoreFailure {
        private static final long serialVersionUID = 1L;

        /** The operation that failed. RENAME: path over other; SYNC_DIRECTORY: path (the directory) after writing other. */
        public enum Op {
            INSPECT, LOOK_INTO, READ_LINK, OPEN_DIRECTORY, INSPECT_DIRECTORY, OPEN, READ, LOCK, WRITE, USE, SET_MODE,
            CREATE_TEMP, WRITE_TEMP, RENAME, SYNC_DIRECTORY, CLEAN_UP, PREPARE_JOURNAL, APPEND_JOURNAL
        }

        private final Op op;
        private final String label;
        private final transient Path other;
        private final String reason;
        private final boolean denied;
        private final int euid;
        private final transient Term before;

        private Io(Op op, Path path, String label, Path other, IOException cause, Term before) {
            super(path, cause);
            this.op = op;
            this.label = label;
            this.other = other;
            this.reason = reason(cause);
            this.denied = cause instanceof AccessDeniedException;
            this.euid = FileFacts.euid();
            this.before = before;
        }

        static StoreFailure of(Op op, Path path, IOException cause) {
            return new Io(op, path, null, null, cause, null);
        }

        /** An error on the side file or input {@code label} ("the lock file") at {@code path}. */
        static StoreFailure of(Op op, String label, Path path, IOException cause) {
            return new Io(op, path, label, null, cause, null);
        }

        /** RENAME and SYNC_DIRECTORY. */
        static StoreFailure of(Op op, Path path, Path other, IOException cause) {
            return new Io(op, path, null, other, cause, null);
        }

        /** APPEND_JOURNAL to {@code journal}: the term file {@code file} still holds {@code before}. */
        static StoreFailure append(Path journal, Path file, Term before, IOException cause) {
            return new Io(Op.APPEND_JOURNAL, journal, null, file, cause, before);
        }

        public Op op() {
            return op;
        }

        public String label() {
            return label;
        }

        public Path other() {
            return other;
        }

        /** The system's reason, short ("permission denied", "no space left on device"). */
        public String reason() {
            return reason;
        }

        /** Whether the system denied permission. */
        public boolean denied() {
            return denied;
        }

        /** The effective uid the run had. */
        public int euid() {
            return euid;
        }

        /** APPEND_JOURNAL: the term the term file still holds (null for a repair). */
        public Term before() {
            return before;
        }

        /** A short reason for an I/O error; Java's own messages are often just the path. */
        private static String reason(IOException e) {
            if (e instanceof AccessDeniedException) {
                return "permission denied";
            }
            if (e instanceof NoSuchFileException) {
                return "no such file or directory";
            }
            if (e instanceof NotDirectoryException) {
                return "a part of the path is not a directory";
            }
            if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
                return ((FileSystemException) e).getReason().toLowerCase(Locale.ROOT);
            }
            String m = e.getMessage();
            return m == null ? "an I/O error" : m.replace("/proc/self/fd/", "descriptor ");
        }
    }
}
