package dev.termctl.probe;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The kernel's table of every lock on the host, /proc/locks, read a line at a time and never held
 * whole, within a budget ({@link #BYTES}, {@link #MILLIS}): any
 * account can fill it (150,000 POSIX locks cost an account about 2 s), and the kernel's cost for
 * reading it grows faster than its length (it walks the table from the start for every 4 KiB it
 * hands out: 150,000 locks, 8 MB, took 4 to 36 s). Past the budget the reader cannot tell.
 *
 * <p>A line looks like {@code 1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF}; a blocked waiter
 * has {@code ->} as its second field. Newer locks come first in the kernel's lists, so an old lock
 * (a database server's, taken when it started) stands behind every lock taken since.
 */
public final class LockTable {
    /**
     * The most of the kernel's lock table (/proc/locks, every lock on the host) a look at it reads:
     * 512 KiB, about 9,000 locks (a host holds tens to hundreds). Any account can make the table longer
     * (150,000 locks: 8 MB) and the kernel's cost for reading it grows faster than its length (8 MB:
     * 4 to 36 s), so past this termctl cannot tell whether the database runs, and says so, and a
     * lock's holder goes unnamed.
     */
    public static final int BYTES = 512 * 1024;

    /** The longest a look at the kernel's lock table takes, however slowly the kernel hands it out. */
    public static final int MILLIS = 500;

    static final Path PATH = Path.of("/proc/locks");
    /** The longest line looked at (the kernel's are under 100 bytes); longer ones are skipped. */
    private static final int MAX_LINE = 512;

    private LockTable() {
    }

    /** One lock of the table, as {@link Entries#entry} sees it; reused for every line. */
    public static final class Entry {
        /** FLOCK, POSIX, OFDLCK, LEASE, ... as the kernel writes it. */
        boolean flock;
        /** An exclusive lock (WRITE), not a shared one. */
        boolean write;
        /** The holder's pid as the kernel says: -1 for an OFD lock, negative for a remote one. */
        public long pid;
        public long major;
        public long minor;
        public long ino;
    }

    /** What a reader does with each held lock (blocked waiters are not given). */
    public interface Entries {
        /** One held lock; true when the reader has what it needs, so reading stops. */
        boolean entry(Entry e);
    }

    /** How a read ended. */
    enum End {
        /** The reader had what it needed. */
        FOUND,
        /** The whole table was read. */
        WHOLE,
        /** {@link #BYTES} read, and the table went on. */
        BYTES,
        /** {@link #MILLIS} passed before the table ended. */
        TIME
    }

    /** A read of the table: how it ended, how much was read, and how long it took. */
    public record Read(End end, long bytes, long millis) {
        /** The table ended, or the reader found what it looked for: its answer is the table's. */
        public boolean told() {
            return end == End.FOUND || end == End.WHOLE;
        }
    }

    /** Reads /proc/locks within the budget; throws IOException when it cannot be read. */
    public static Read read(Entries entries) throws IOException {
        try (InputStream in = Files.newInputStream(PATH)) {
            return read(in, entries, BYTES, MILLIS);
        }
    }

    /** Reads the table from {@code in}, at most {@code maxBytes} of it for at most {@code maxMillis}. */
    static Read read(InputStream in, Entries entries, long maxBytes, long maxMillis) throws IOException {
        long start = System.nanoTime();
        long deadline = start + maxMillis * 1_000_000L;
        // Lines are parsed where they were read; a line cut by the end of a read moves to the front.
        byte[] buf = new byte[8192];
        Entry e = new Entry();
        int kept = 0;
        boolean skipping = false; // in a line longer than MAX_LINE
        long bytes = 0;
        while (true) {
            int n = in.read(buf, kept, (int) Math.min(buf.length - kept, maxBytes - bytes));
            if (n < 0) {
                boolean found = kept > 0 && !skipping && parse(buf, 0, kept, e) && entries.entry(e);
                return done(found ? End.FOUND : End.WHOLE, bytes, start);
            }
            bytes += n;
            int end = kept + n;
            int line = 0;
            for (int i = kept; i < end; i++) {
                if (buf[i] == '\n') {
                    if (!skipping && parse(buf, line, i, e) && entries.entry(e)) {
                        return done(End.FOUND, bytes, start);
                    }
                    skipping = false;
                    line = i + 1;
                }
            }
            kept = end - line;
            if (kept > MAX_LINE) {
                skipping = true;
                kept = 0;
            } else {
                System.arraycopy(buf, line, buf, 0, kept);
            }
            if (bytes >= maxBytes) {
                // The budget is spent: the table ends here only if the next read says so.
                return done(kept == 0 && in.read() < 0 ? End.WHOLE : End.BYTES, bytes, start);
            }
            if (System.nanoTime() - deadline > 0) {
                return done(End.TIME, bytes, start);
            }
        }
    }

    private static Read done(End end, long bytes, long start) {
        return new Read(end, bytes, (System.nanoTime() - start) / 1_000_000L);
    }

    /**
     * Parses the line from {@code from} to {@code len} (its end) into {@code e}: true for a held lock whose fields all parse, false for a
     * blocked waiter or a line of another shape. The fields are separated by one or more spaces.
     */
    static boolean parse(byte[] b, int from, int len, Entry e) {
        // Start and end of the first 6 fields: id, type ("->" for a waiter), kind, mode, pid, device:inode.
        int[] at = new int[12];
        int fields = 0;
        int i = from;
        while (fields < 6) {
            while (i < len && b[i] == ' ') {
                i++;
            }
            if (i == len) {
                return false;
            }
            at[2 * fields] = i;
            while (i < len && b[i] != ' ') {
                i++;
            }
            at[2 * fields + 1] = i;
            fields++;
        }
        if (is(b, at[2], at[3], "->")) {
            return false;
        }
        long pid = decimal(b, at[8], at[9]);
        int s = at[10];
        int end = at[11];
        int c1 = indexOf(b, s, end, ':');
        int c2 = c1 < 0 ? -1 : indexOf(b, c1 + 1, end, ':');
        if (pid == NONE || c2 < 0) {
            return false;
        }
        long major = hex(b, s, c1);
        long minor = hex(b, c1 + 1, c2);
        long ino = decimal(b, c2 + 1, end);
        if (major < 0 || minor < 0 || ino == NONE) {
            return false;
        }
        e.flock = is(b, at[2], at[3], "FLOCK");
        e.write = is(b, at[6], at[7], "WRITE");
        e.pid = pid;
        e.major = major;
        e.minor = minor;
        e.ino = ino;
        return true;
    }

    /** Not a number: what {@link #decimal} gives for a field that is not one. */
    static final long NONE = Long.MIN_VALUE;

    private static boolean is(byte[] b, int from, int to, String word) {
        if (to - from != word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (b[from + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static int indexOf(byte[] b, int from, int to, char c) {
        for (int k = from; k < to; k++) {
            if (b[k] == c) {
                return k;
            }
        }
        return -1;
    }

    /** A decimal number, signed (a remote lock's pid is negative), or unsigned in 64 bits (an inode); NONE if it is not one. */
    static long decimal(byte[] b, int from, int to) {
        boolean negative = from < to && b[from] == '-';
        int k = negative ? from + 1 : from;
        if (k == to || to - k > 20) {
            return NONE;
        }
        long v = 0;
        for (; k < to; k++) {
            int d = b[k] - '0';
            if (d < 0 || d > 9) {
                return NONE;
            }
            v = v * 10 + d; // wraps as the unsigned value's bits for inodes above 2^63
        }
        return negative ? -v : v;
    }

    /** A hexadecimal number of at most 8 digits (a major or minor number); -1 if it is not one. */
    static long hex(byte[] b, int from, int to) {
        if (from == to || to - from > 8) {
            return -1;
        }
        long v = 0;
        for (int k = from; k < to; k++) {
            int d = Character.digit(b[k], 16);
            if (d < 0) {
                return -1;
            }
            v = (v << 4) | d;
        }
        return v;
    }
}
