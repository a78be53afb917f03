package dev.termctl.probe;

import dev.termctl.fs.Chase;
import dev.termctl.fs.FileFacts;
import dev.termctl.fs.FileFailure;
import dev.termctl.fs.NodeDir;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * A database's data file, and whether a server is running on it. A running RedDB server holds an
 * exclusive flock(2) on its data file ({@value #NAME}: its pager's lock); RedDB writes its term file
 * by temp file and rename without termctl's lock, so a write while it runs can be lost or undone.
 *
 * <p>termctl never takes a lock on the data file: a shared lock held at the moment the server starts
 * would make the server's start fail. It reads the kernel's table of locks instead, /proc/locks,
 * and looks for an exclusive flock ({@code FLOCK ... WRITE}, not a blocked waiter) on the data
 * file's device and inode: exactly what a non-blocking shared flock would fail on. It reads the
 * table within its budget ({@link LockTable}): past it, with no such lock in what it read, it
 * cannot tell ({@link ProbeFailure.Untold}). Asking each process that holds the file open
 * (/proc/PID/fdinfo) walks every descriptor on the host (50-190 ms on a host of 430, 400 ms with a
 * flood's 3,000 more) and can be stretched too; a probe by flock would open the file and lock it. Java's
 * FileChannel.tryLock cannot tell: it takes POSIX (fcntl) locks, which on Linux are independent of
 * flock. The file is found as {@link Chase} finds a term file (as root, never through another
 * account's link) and only looked at (lstat): never opened, read or locked.
 *
 * <p>/proc/locks names a device as the kernel's MAJOR:MINOR in hex; {@code stat} gives the
 * userspace st_dev, decomposed here as glibc's major() and minor() do. Where the two differ for
 * one file (btrfs gives each subvolume a device of its own, while its locks carry the
 * filesystem's), a lock on the same inode number counts when its device is the one of the
 * filesystem the data file's directory is mounted from (/proc/self/mountinfo).
 */
public final class DataFile {

    /** RedDB's data file's name ({@link #candidates}: where its layouts put it). */
    public static final String NAME = "data.rdb";

    /** How messages name it. */
    static final String LABEL = "the data file";

    private static final int MAX_COMMAND = 64;
    /** The most locks on the data file's inode number on other devices kept (btrfs): more are another account's flood. */
    private static final int MAX_OTHERS = 64;

    private DataFile() {
    }

    /**
     * A process holds an exclusive flock on the data file {@code file} (resolved).
     *
     * @param pid     its pid as /proc/locks gives it, -1 when it does not (see docs/security.md for a
     *                server in another PID namespace)
     * @param command its command name (/proc/PID/comm), or null when unknown
     */
    public record Holder(Path file, long pid, String command) {

        /** The failure of a write refused because this holder runs the database. */
        public RuntimeException running() {
            return ProbeFailure.Running.of(this);
        }
    }

    /** The directory RedDB keeps its replication state in, under its data directory: its term file's layout. */
    public static final String REPLICATION_DIR = "replication";

    /**
     * Where RedDB's documented layouts put the data file of {@code termFile} (resolved): {@value #NAME}
     * beside it, and for a term file in a {@value #REPLICATION_DIR} directory
     * ({@code /var/lib/reddb/replication/term.json}) also in that directory's parent
     * ({@code /var/lib/reddb/data.rdb}), in that order.
     */
    public static java.util.List<Path> candidates(Path termFile) {
        Path dir = termFile.toAbsolutePath().getParent();
        if (dir == null) {
            return java.util.List.of();
        }
        Path up = dir.getParent();
        return up != null && dir.getFileName() != null && dir.getFileName().toString().equals(REPLICATION_DIR)
                ? java.util.List.of(dir.resolve(NAME), up.resolve(NAME)) : java.util.List.of(dir.resolve(NAME));
    }

    /**
     * The first of {@link #candidates} where something is, else null: one lstat each, so most nodes,
     * which have no database beside them, pay nothing more. Never a stat: as root, the kernel must not
     * follow the directory owner's link (into an automount, say) before {@link #holder} has judged it
     * (it resolves the file as a term file is, never through another account's link); java.io.File.exists,
     * which makes no exception for a missing file, would.
     */
    public static Path near(Path termFile) {
        for (Path candidate : candidates(termFile)) {
            if (Files.exists(candidate, LinkOption.NOFOLLOW_LINKS)) {
                return candidate;
            }
        }
        return null;
    }

    /**
     * The process holding an exclusive flock on {@code dataFile}, or null when none does. Resolved
     * as a term file is ({@link Chase#chase}: as root, never through a link of one account to a file
     * of another); throws {@link FileFailure.NotFound} (INPUT) when there is no such file,
     * {@link FileFailure.Refused} for an unsafe step or a file that is not regular, and
     * {@link FileFailure.Io} when /proc/locks cannot be read.
     */
    public static Holder holder(Path dataFile) {
        Chase.Leaf leaf;
        try {
            leaf = Chase.chase(dataFile);
        } catch (FileFailure e) {
            // Caught as the base class: a handler for a kind would make the verifier load it on every show.
            if (e instanceof FileFailure.Refused
                    && ((FileFailure.Refused) e).why() == FileFailure.Refused.Why.DIRECTORY) {
                throw FileFailure.Refused.notRegular(e.path(), LABEL, FileFailure.FileType.DIRECTORY);
            }
            throw e;
        }
        NodeDir dir = leaf.dir();
        try {
            Path file = leaf.path();
            FileFacts f = leaf.facts();
            if (f == null) {
                throw FileFailure.NotFound.input(LABEL, file);
            }
            if (!f.regular()) {
                throw FileFailure.Refused.notRegular(file, LABEL, f.fileType());
            }
            Scan scan = new Scan(major(f.dev()), minor(f.dev()), f.ino());
            LockTable.Read read;
            try (InputStream in = Files.newInputStream(LockTable.PATH)) {
                read = scan.read(in);
            } catch (IOException e) {
                throw FileFailure.Io.of(FileFailure.Io.Op.READ, "the kernel's lock table", LockTable.PATH, e);
            }
            long pid = scan.holder(dir);
            if (pid == Scan.NONE && !read.told()) {
                // Its lock may stand past what was read: not running is not known.
                throw ProbeFailure.Untold.of(file, read.end() == LockTable.End.TIME, read.bytes(), read.millis());
            }
            return pid == Scan.NONE ? null : new Holder(file, pid > 0 ? pid : -1, pid > 0 ? command(pid) : null);
        } finally {
            dir.close();
        }
    }

    /** glibc's major() of a userspace st_dev: bits 8-19 and 44-63. */
    public static long major(long dev) {
        return ((dev >>> 8) & 0xfff) | ((dev >>> 32) & 0xfffff000L);
    }

    /** glibc's minor() of a userspace st_dev: bits 0-7 and 20-43 (never the major's high bits). */
    public static long minor(long dev) {
        return (dev & 0xff) | ((dev >>> 12) & 0xffffff00L);
    }

    /** The command name of process {@code pid}, or null when it cannot tell (it ended; /proc hides it). */
    private static String command(long pid) {
        try (InputStream in = Files.newInputStream(Path.of("/proc", Long.toString(pid), "comm"))) {
            byte[] b = in.readNBytes(MAX_COMMAND);
            int n = b.length;
            while (n > 0 && (b[n - 1] == '\n')) {
                n--;
            }
            return n == 0 ? null : new String(b, 0, n, StandardCharsets.UTF_8);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /**
     * One pass over /proc/locks (within its budget: {@link LockTable}) for the exclusive flocks on
     * one inode: the pid of the one on the file's own device, which ends the pass, and those on the
     * same inode number of other devices (for btrfs).
     */
    static final class Scan implements LockTable.Entries {
        /** No holder. */
        static final long NONE = Long.MIN_VALUE;

        private final long major;
        private final long minor;
        private final long ino;
        /** The pid of the lock on the file's own device and inode; NONE when there is none. */
        long exact = NONE;
        /** Locks on the same inode number of other devices: major, minor, pid, in threes. */
        private long[] others = new long[0];
        private int otherCount;

        Scan(long major, long minor, long ino) {
            this.major = major;
            this.minor = minor;
            this.ino = ino;
        }

        /** Reads the table from {@code in}, a line at a time, within the budget of {@link LockTable#BYTES} and {@link LockTable#MILLIS}. */
        LockTable.Read read(InputStream in) throws IOException {
            return LockTable.read(in, this, LockTable.BYTES, LockTable.MILLIS);
        }

        @Override
        public boolean entry(LockTable.Entry e) {
            if (!e.flock || !e.write || e.ino != ino) {
                return false; // a POSIX or OFD lock, a lease, a shared flock, or another file
            }
            if (e.major == major && e.minor == minor) {
                exact = e.pid;
                return true;
            }
            if (3 * (otherCount + 1) > others.length) {
                if (others.length >= 3 * MAX_OTHERS) {
                    return false;
                }
                others = java.util.Arrays.copyOf(others, Math.max(12, 2 * others.length));
            }
            others[3 * otherCount] = e.major;
            others[3 * otherCount + 1] = e.minor;
            others[3 * otherCount + 2] = e.pid;
            otherCount++;
            return false;
        }

        /**
         * The holder's pid: the lock on the file's own device, else one on the same inode of the
         * filesystem that {@code dir} (the file's directory, open) is mounted from; NONE when none.
         */
        long holder(NodeDir dir) {
            if (exact != NONE || otherCount == 0) {
                return exact;
            }
            long[] fs = filesystem(dir);
            return fs == null ? NONE : other(fs[0], fs[1]);
        }

        /** The pid of a lock on the same inode of device {@code fsMajor:fsMinor}; NONE when none. */
        long other(long fsMajor, long fsMinor) {
            for (int k = 0; k < otherCount; k++) {
                if (others[3 * k] == fsMajor && others[3 * k + 1] == fsMinor) {
                    return others[3 * k + 2];
                }
            }
            return NONE;
        }
    }

    /**
     * The device, major and minor, of the filesystem the open directory {@code dir} is on, as
     * /proc/self/mountinfo gives it (the device the kernel's lock table names); null when /proc
     * does not say.
     */
    private static long[] filesystem(NodeDir dir) {
        try {
            String mount = null;
            for (String l : Files.readAllLines(Path.of("/proc/self/fdinfo", dir.descriptor().getFileName().toString()),
                    StandardCharsets.ISO_8859_1)) {
                if (l.startsWith("mnt_id:")) {
                    mount = l.substring("mnt_id:".length()).trim();
                }
            }
            if (mount == null) {
                return null;
            }
            for (String l : Files.readAllLines(Path.of("/proc/self/mountinfo"), StandardCharsets.ISO_8859_1)) {
                // "276 27 0:271 / /mnt rw,relatime - btrfs /dev/loop0 rw": id, parent, MAJOR:MINOR in decimal, ...
                String[] f = l.split(" ", 4);
                if (f.length == 4 && f[0].equals(mount)) {
                    int colon = f[2].indexOf(':');
                    return new long[] {Long.parseLong(f[2].substring(0, colon)), Long.parseLong(f[2].substring(colon + 1))};
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc, or no such mount: the exact match alone decides.
        }
        return null;
    }
}
