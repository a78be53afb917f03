package dev.termctl.journal;

import dev.termctl.core.Term;
import dev.termctl.fs.FileFailure;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Why the journal was not read or appended to, as facts: a file that is not termctl's journal, more
 * term files than one read follows, an append that failed. Never advice, options or exit codes. The
 * file layer's failures ({@link dev.termctl.fs.FileFailure}) pass through as they are. Expected, so
 * created without a stack trace.
 */
public abstract sealed class JournalFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    JournalFailure(Path path, Throwable cause) {
        super(null, cause, false, false);
        this.path = path;
    }

    /** The journal; null for standard input. */
    public Path path() {
        return path;
    }

    /** The kind and the path, for a log or a test; users read what the command line makes of it. */
    @Override
    public String getMessage() {
        return getClass().getSimpleName() + " " + path;
    }

    /** A journal to append to that is not termctl's: empty, not starting with an entry, or with no line break in its last {@code limit} bytes. */
    public static final class NotJournal extends JournalFailure {
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

        public static JournalFailure of(Why why, Path path, long limit) {
            return new NotJournal(why, path, limit);
        }

        public Why why() {
            return why;
        }

        public long limit() {
            return limit;
        }
    }

    /** A journal ({@link #where}) that names more than {@link #limit} term files, met at {@link #line}. */
    public static final class TooManyFiles extends JournalFailure {
        private static final long serialVersionUID = 1L;
        private final String where;
        private final long limit;
        private final int line;

        private TooManyFiles(String where, long limit, int line) {
            super(null, null);
            this.where = where;
            this.limit = limit;
            this.line = line;
        }

        public static JournalFailure of(String where, long limit, int line) {
            return new TooManyFiles(where, limit, line);
        }

        /** The journal as the caller named it. */
        public String where() {
            return where;
        }

        public long limit() {
            return limit;
        }

        /** The line the bound was met at, from 1. */
        public int line() {
            return line;
        }
    }

    /**
     * The entry of a write could not be appended to the journal ({@link #path}): {@link #io} says why;
     * the term file {@link #file} was not written and still holds {@link #before}.
     */
    public static final class NotAppended extends JournalFailure {
        private static final long serialVersionUID = 1L;
        private final transient Path file;
        private final transient Term before;

        private NotAppended(Path journal, Path file, Term before, FileFailure.Io io) {
            super(journal, io);
            this.file = file;
            this.before = before;
        }

        public static JournalFailure of(Path journal, Path file, Term before, IOException cause) {
            return new NotAppended(journal, file, before, (FileFailure.Io) FileFailure.Io.of(FileFailure.Io.Op.APPEND,
                    journal, cause));
        }

        /** The term file the write was for. */
        public Path file() {
            return file;
        }

        /** The term the term file still holds (null for a repair). */
        public Term before() {
            return before;
        }

        /** The file layer's failure to append: the system's reason. */
        public FileFailure.Io io() {
            return (FileFailure.Io) getCause();
        }
    }
}
