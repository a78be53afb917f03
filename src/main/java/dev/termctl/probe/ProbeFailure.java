package dev.termctl.probe;

import java.nio.file.Path;

/**
 * Why the check of a data file did not say "not running", as facts: a process holds it, or the
 * kernel's lock table could not be read within its budget. Never advice, options or exit codes. The
 * file layer's failures ({@link dev.termctl.fs.FileFailure}) pass through as they are. Expected, so
 * created without a stack trace.
 *
 * <p>The factories are declared to return a {@code RuntimeException}: a class that throws one (the
 * check runs on every show) then makes the verifier load no class of this package's failures.
 */
public abstract sealed class ProbeFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    ProbeFailure(Path path) {
        super(null, null, false, false);
        this.path = path;
    }

    /** The data file. */
    public Path path() {
        return path;
    }

    /** The kind and the path, for a log or a test; users read what the command line makes of it. */
    @Override
    public String getMessage() {
        return getClass().getSimpleName() + " " + path;
    }

    /**
     * A database server is running on the node's data file ({@link #path}): a process holds an
     * exclusive flock on it, as a running RedDB server holds its data file (see {@link DataFile}).
     */
    public static final class Running extends ProbeFailure {
        private static final long serialVersionUID = 1L;
        private final long holderPid;
        private final String holderCommand;

        private Running(Path dataFile, long holderPid, String holderCommand) {
            super(dataFile);
            this.holderPid = holderPid;
            this.holderCommand = holderCommand;
        }

        public static RuntimeException of(DataFile.Holder holder) {
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
     * table went on past its budget ({@link LockTable#BYTES}, or {@link LockTable#MILLIS}
     * when {@link #timedOut}) and no lock on the file was in what was read (see {@link LockTable}).
     */
    public static final class Untold extends ProbeFailure {
        private static final long serialVersionUID = 1L;
        private final boolean timedOut;
        private final long bytes;
        private final long millis;

        private Untold(Path path, boolean timedOut, long bytes, long millis) {
            super(path);
            this.timedOut = timedOut;
            this.bytes = bytes;
            this.millis = millis;
        }

        public static RuntimeException of(Path path, boolean timedOut, long bytes, long millis) {
            return new Untold(path, timedOut, bytes, millis);
        }

        /** The time ran out ({@link LockTable#MILLIS}), not the bytes ({@link LockTable#BYTES}). */
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
}
