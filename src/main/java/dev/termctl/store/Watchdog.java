package dev.termctl.store;

import dev.termctl.ExitCode;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Bounds the one wait Java cannot time out: open(2) of a FIFO or device that another account put in
 * a file's place between termctl's look and its open. While armed, a daemon thread ends the run
 * (exit 74, one line on stderr) if the open has not returned within {@link Limits#OPEN_SECONDS}:
 * nothing has been changed at that point, and the kernel releases the lock with the process.
 */
final class Watchdog {
    private static final Object LOCK = new Object();
    private static Thread thread;
    private static String armed;
    private static long deadline;

    private Watchdog() {
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
     * Arms the watchdog for an open in a directory with these facts, described by {@code what}
     * ("opening /srv/x/term.json"): only where another account could put a FIFO in the file's place
     * (a directory not this user's or root's, or one others may write). Elsewhere no one else can
     * change the entry between the look and the open, and no thread is started.
     */
    static Armed arm(FileFacts dir, String what) {
        boolean mine = dir.uid() == 0 || dir.uid() == FileFacts.euid();
        if (mine && (dir.mode() & 0022) == 0) {
            return NONE;
        }
        return arm(what);
    }

    private static final Armed NONE = new Armed() {
        @Override
        public void close() {
            // Nothing was armed.
        }
    };

    /** Arms the watchdog for the step described by {@code what} ("opening /srv/x/term.json"). */
    static Armed arm(String what) {
        synchronized (LOCK) {
            armed = what;
            deadline = System.nanoTime() + Limits.OPEN_SECONDS * 1_000_000_000L;
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
                    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
                    err.println("termctl: error: gave up after " + Limits.OPEN_SECONDS + "s " + printable(armed)
                            + ": it did not open (a FIFO or device put in a file's place?); nothing was changed."
                            + " Check who changes that directory");
                    Runtime.getRuntime().halt(ExitCode.IO);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /**
     * Anything but printable ASCII and letters or digits as '?': this line bypasses the CLI's
     * terminal escaping, and a path can hold control, bidi or other format characters.
     */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append((c >= 0x20 && c < 0x7f) || (c >= 0xa0 && Character.isLetterOrDigit(c)) ? c : '?');
        }
        return b.toString();
    }
}
