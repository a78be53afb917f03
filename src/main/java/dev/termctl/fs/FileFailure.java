package dev.termctl.fs;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Why the file layer did not do what it was asked, as facts: which path, what was wrong with it, the
 * numbers involved. Never advice, option or command names, or exit codes: the command line turns
 * each kind into words and an exit status. The layers above pass these up as they are. Expected,
 * so created without a stack trace.
 *
 * <p>Each kind is made by its static factories, declared to return a {@code FileFailure}: a class
 * that throws one then names only this class to the verifier, so linking it (on every run, for the
 * classes of a read) loads no kind it never throws.
 */
public abstract sealed class FileFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    FileFailure(Path path, Throwable cause) {
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

    /** Nothing at the path: a directory on the way to a file, or an input ({@code label}). */
    public static final class NotFound extends FileFailure {
        private static final long serialVersionUID = 1L;

        /** What is missing. */
        public enum What { DIRECTORY, INPUT }

        private final What what;
        private final String label;

        private NotFound(What what, Path path, String label) {
            super(path, null);
            this.what = what;
            this.label = label;
        }

        /** The directory {@code path}, on the way to a file, does not exist. */
        public static FileFailure directory(Path path) {
            return new NotFound(What.DIRECTORY, path, null);
        }

        /** The input {@code label} ("the journal") names {@code path}, where nothing is. */
        public static FileFailure input(String label, Path path) {
            return new NotFound(What.INPUT, path, label);
        }

        public What what() {
            return what;
        }

        /** How the caller named the input ("the journal"), for INPUT. */
        public String label() {
            return label;
        }
    }

    /**
     * A path the file layer will not use: a link, an owner, a type or a change under it that is not
     * safe, or a name that is not a term file. {@link #why} says which; the other facts are the
     * ones that refusal has (see {@link Refused.Why}), the rest null or -1.
     */
    public static final class Refused extends FileFailure {
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
        public static FileFailure of(Why why, Path path) {
            return new Refused(why, path, null, null, null, null, -1, -1, -1);
        }

        public static FileFailure notADirectory(Path here, Path given) {
            return new Refused(Why.NOT_A_DIRECTORY, here, null, given, null, null, -1, -1, -1);
        }

        /** As root: {@code to} reached through {@code from}, which another account owns. */
        public static FileFailure unsafeStep(Path to, FileFacts toFacts, Path from, FileFacts fromFacts) {
            return new Refused(Why.UNSAFE_STEP, to, null, from, toFacts.fileType(), fromFacts.fileType(), toFacts.uid(),
                    fromFacts.uid(), -1);
        }

        /** As root: {@code file} (owned by {@code fileUid}) in the directory {@code dir} of {@code dirUid}. */
        public static FileFailure foreignFile(Path file, int fileUid, Path dir, int dirUid) {
            return new Refused(Why.FOREIGN_FILE, file, null, dir, null, null, fileUid, dirUid, -1);
        }

        /** {@code path} is not a regular file: the term file, or the input {@code label} when not null. */
        public static FileFailure notRegular(Path path, String label, FileType type) {
            return new Refused(Why.NOT_REGULAR, path, label, null, type, null, -1, -1, -1);
        }

        public static FileFailure hardLinks(Path path, long links) {
            return new Refused(Why.HARD_LINKS, path, null, null, null, null, -1, -1, links);
        }

        /** The side file {@code label} ("the lock file") at {@code path} is not a regular file. */
        public static FileFailure sideNotRegular(Path path, String label, FileType type) {
            return new Refused(Why.SIDE_NOT_REGULAR, path, label, null, type, null, -1, -1, -1);
        }

        public static FileFailure sideReplaced(Path path, String label) {
            return new Refused(Why.SIDE_REPLACED, path, label, null, null, null, -1, -1, -1);
        }

        public static FileFailure sideHardLinks(Path path, String label, long links) {
            return new Refused(Why.SIDE_HARD_LINKS, path, label, null, null, null, -1, -1, links);
        }

        /** The side file belongs to {@code uid}, neither the term file's owner ({@code termOwner}) nor its directory's. */
        public static FileFailure sideForeign(Path path, String label, int uid, int termOwner) {
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
    public static final class TooLarge extends FileFailure {
        private static final long serialVersionUID = 1L;

        /** Which bound: the bytes of an input, or of one line of it. */
        public enum Bound { INPUT, LINE }

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

        /** An input, named {@code where} (the node, for a view), at {@code line} when a line is the point. */
        public static FileFailure in(Bound bound, String where, long actual, long limit, int line) {
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

        /** The line the bound was met at (LINE), from 1. */
        public int line() {
            return line;
        }
    }

    /** An open that had not returned after {@code seconds} (a FIFO or device put in a file's place): the run cannot go on. */
    public static final class Hung extends FileFailure {
        private static final long serialVersionUID = 1L;
        private final boolean directory;
        private final int seconds;

        private Hung(Path path, boolean directory, int seconds) {
            super(path, null);
            this.directory = directory;
            this.seconds = seconds;
        }

        public static FileFailure of(Path path, boolean directory, int seconds) {
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
    public static final class Io extends FileFailure {
        private static final long serialVersionUID = 1L;

        /** The operation that failed. RENAME: path over other; SYNC_DIRECTORY: path (the directory) after writing other. */
        public enum Op {
            INSPECT, LOOK_INTO, READ_LINK, OPEN_DIRECTORY, INSPECT_DIRECTORY, OPEN, READ, LOCK, WRITE, USE, SET_MODE,
            CREATE_TEMP, WRITE_TEMP, RENAME, SYNC_DIRECTORY, CLEAN_UP, PREPARE_APPEND, APPEND
        }

        private final Op op;
        private final String label;
        private final transient Path other;
        private final String reason;
        private final boolean denied;
        private final int euid;

        private Io(Op op, Path path, String label, Path other, IOException cause) {
            super(path, cause);
            this.op = op;
            this.label = label;
            this.other = other;
            this.reason = reason(cause);
            this.denied = cause instanceof AccessDeniedException;
            this.euid = FileFacts.euid();
        }

        public static FileFailure of(Op op, Path path, IOException cause) {
            return new Io(op, path, null, null, cause);
        }

        /** An error on the side file or input {@code label} ("the lock file") at {@code path}. */
        public static FileFailure of(Op op, String label, Path path, IOException cause) {
            return new Io(op, path, label, null, cause);
        }

        /** RENAME and SYNC_DIRECTORY. */
        public static FileFailure of(Op op, Path path, Path other, IOException cause) {
            return new Io(op, path, null, other, cause);
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
