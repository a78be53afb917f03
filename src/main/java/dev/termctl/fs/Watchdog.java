package dev.termctl.fs;

import java.nio.file.Path;

/**
 * Bounds the one wait Java cannot time out: open(2) of a FIFO or device that another account put in
 * a file's place between termctl's look and its open. While armed, a daemon thread ends the run if
 * the open has not returned within {@link FileLimits#OPEN_SECONDS}, through the {@link Handler} the
 * command line installed (one line on stderr, its exit status): nothing has been changed at that
 * point, and the kernel releases the lock with the process.
 */
public final class Watchdog {
    private static final Object LOCK = new Object();
    private static Thread thread;
    private static Path armed;
    private static boolean armedDirectory;
    private static long deadline;
    private static Handler handler;

    private Watchdog() {
    }

    /** Ends the run when an open hangs: the main thread is stuck in the kernel, so nothing else can. */
    public interface Handler {
        /** Reports {@code failure} (a {@link FileFailure.Hung}) and halts the process; never returns. */
        void hung(FileFailure failure);
    }

    /** Installs what ends the run when an open hangs (the command line's report and exit status). */
    public static void onHang(Handler h) {
        synchronized (LOCK) {
            handler = h;
        }
    }

    /** Disarms the watchdog when the guarded step is over. */
    interface Armed extends AutoCloseable {
        @Override
        void close();
    }

    private static final Armed DISARM = new Armed() {
        @Override
        public void close() {
            synchronized (LOCK) {
                armed = null;
            }
        }
    };

    /**
     * Arms the watchdog for the open of {@code path} (a directory when {@code directory}) in a
     * directory with these facts: only where another account could put a FIFO in the file's place
     * (a directory not this user's or root's, or one others may write). Elsewhere no one else can
     * change the entry between the look and the open, and no thread is started.
     */
    static Armed arm(FileFacts dir, Path path, boolean directory) {
        boolean mine = dir.uid() == 0 || dir.uid() == FileFacts.euid();
        if (mine && (dir.mode() & 0022) == 0) {
            return NONE;
        }
        return arm(path, directory);
    }

    private static final Armed NONE = new Armed() {
        @Override
        public void close() {
            // Nothing was armed.
        }
    };

    /** Arms the watchdog for the open of {@code path} (a directory when {@code directory}). */
    static Armed arm(Path path, boolean directory) {
        synchronized (LOCK) {
            armed = path;
            armedDirectory = directory;
            deadline = System.nanoTime() + FileLimits.OPEN_SECONDS * 1_000_000_000L;
            if (thread == null) {
                // An anonymous class, not a method reference: a lambda spins method handles on a cold start.
                thread = new Thread(new Runnable() {
                    @Override
                    public void run() {
                        watch();
                    }
                }, "termctl-watchdog");
                thread.setDaemon(true);
                thread.start();
            }
            LOCK.notifyAll();
        }
        return DISARM;
    }

    private static void watch() {
        synchronized (LOCK) {
            while (true) {
                try {
                    if (armed == null) {
                        LOCK.wait();
                        continue;
                    }
                    long left = deadline - System.nanoTime();
                    if (left > 0) {
                        LOCK.wait(Math.max(1, left / 1_000_000));
                        continue;
                    }
                    FileFailure failure = FileFailure.Hung.of(armed, armedDirectory, FileLimits.OPEN_SECONDS);
                    if (handler != null) {
                        handler.hung(failure);
                    }
                    // No command line installed a handler (a test, a benchmark): end the run all the same.
                    System.err.println(failure.getMessage());
                    Runtime.getRuntime().halt(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }
}
