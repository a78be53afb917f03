package dev.termctl.store;

import dev.termctl.fs.AtomicReplace;
import dev.termctl.fs.Chase;
import dev.termctl.fs.Descriptors;
import dev.termctl.fs.Faults;
import dev.termctl.fs.FileFacts;
import dev.termctl.fs.FileFailure;
import dev.termctl.fs.NodeDir;
import dev.termctl.fs.Owner;
import dev.termctl.fs.PrivateFile;
import dev.termctl.probe.DataFile;
import dev.termctl.probe.LockTable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The exclusive POSIX lock on FILE.lock that makes read-decide-write one step across processes.
 * The lock file lives in the term file's open directory, is opened as {@link PrivateFile} opens
 * files, and only those who may write the term file may open it (so nobody else can hold it); a
 * holder is waited for no longer than the timeout.
 */
final class TermLock implements AutoCloseable {

    /** In-process guard: a JVM may hold only one lock per file, and FileChannel.tryLock throws otherwise. */
    private static final ConcurrentHashMap<String, ReentrantLock> LOCAL_LOCKS = new ConcurrentHashMap<>();
    private static final long POLL_MILLIS = 10;

    private final ReentrantLock local;
    private final FileChannel channel;
    private final FileLock lock;

    private TermLock(ReentrantLock local, FileChannel channel, FileLock lock) {
        this.local = local;
        this.channel = channel;
        this.lock = lock;
    }

    /** A step run under the term file's lock, in its open directory, with the owner of what it creates. */
    interface Step<T> {
        T run(NodeDir dir, Path name, Owner owner) throws IOException;
    }

    /**
     * Runs {@code step} on the term file {@code leaf} names with every other termctl writer of it
     * excluded, in the directory opened once for the whole step (closed after), with temp files a
     * killed writer left removed first. Files the step creates beside the term file belong to its
     * owner (the directory's, for a new file).
     */
    @SuppressWarnings("try") // the lock is held by the try block alone, never referenced in it
    static <T> T run(Chase.Leaf leaf, Duration timeout, LockWaits waits, Faults faults, Step<T> step) {
        NodeDir dir = leaf.dir();
        try {
            if (leaf.facts() == null && leaf.throughLink()) {
                throw FileFailure.Refused.of(FileFailure.Refused.Why.DANGLING_LINK, leaf.path());
            }
            Path name = leaf.name();
            int nameBytes = name.toString().getBytes(StandardCharsets.UTF_8).length;
            if (nameBytes > Limits.MAX_WRITABLE_NAME_BYTES) {
                throw StoreFailure.TooLarge.of(StoreFailure.TooLarge.Bound.NAME, leaf.path(), nameBytes,
                        Limits.MAX_WRITABLE_NAME_BYTES);
            }
            FileFacts f = leaf.facts();
            FileFacts ownerFacts = f != null ? f : dir.facts();
            Owner owner = new Owner(ownerFacts.uid(), ownerFacts.gid(), f != null ? f.mode() : Owner.NEW_FILE_MODE);
            try {
                faults.at(Faults.Step.RESOLVED);
            } catch (IOException e) {
                throw FileFailure.Io.of(FileFailure.Io.Op.LOCK, leaf.path(), e);
            }
            try (TermLock lock = acquire(dir, name, owner, timeout, waits)) {
                faults.at(Faults.Step.LOCKED);
                NodeDir.Listing stale = AtomicReplace.removeStale(dir, name);
                if (!stale.whole() && waits != null) {
                    waits.staleLeft(leaf.path(), stale.names().size());
                }
                return step.run(dir, name, owner);
            } catch (IOException e) {
                throw FileFailure.Io.of(FileFailure.Io.Op.WRITE, leaf.path(), e);
            }
        } finally {
            dir.close();
        }
    }

    /** Takes the lock of the term file {@code termName} in {@code dir}, waiting at most {@code timeout}. */
    static TermLock acquire(NodeDir dir, Path termName, Owner owner, Duration timeout, LockWaits waits) {
        Path name = Path.of(termName + ".lock");
        Path lockPath = dir.path().resolve(name);
        String key = dir.facts().dev() + ":" + dir.facts().ino() + "/" + name;
        // putIfAbsent, not computeIfAbsent with a lambda: a lambda spins method handles on a cold start.
        LOCAL_LOCKS.putIfAbsent(key, new ReentrantLock());
        ReentrantLock local = LOCAL_LOCKS.get(key);
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            if (!local.tryLock(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw StoreFailure.Busy.timedOut(lockPath, timeout, -1, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw StoreFailure.Busy.interrupted(lockPath, timeout);
        }
        FileChannel channel = null;
        try {
            channel = PrivateFile.open(dir, name, owner, FileFacts.lockMode(owner.termMode()), true, "the lock file")
                    .channel();
            FileLock lock = wait(channel, lockPath, deadline, timeout, waits);
            recordHolder(channel);
            return new TermLock(local, channel, lock);
        } catch (IOException e) {
            release(channel, local);
            throw FileFailure.Io.of(FileFailure.Io.Op.USE, "the lock file", lockPath, e);
        } catch (RuntimeException e) {
            release(channel, local);
            throw e;
        }
    }

    private static FileLock wait(FileChannel channel, Path lockPath, long deadline, Duration timeout, LockWaits waits)
            throws IOException {
        long tellAt = System.nanoTime() + LockWaits.AFTER.toNanos();
        boolean told = waits == null;
        while (true) {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // This JVM holds it through a channel outside LOCAL_LOCKS: as busy as any other holder.
                lock = null;
            }
            if (lock != null) {
                return lock;
            }
            long now = System.nanoTime();
            long left = deadline - now;
            if (left <= 0) {
                throw timedOut(lockPath, timeout, channel);
            }
            if (!told && now - tellAt >= 0) {
                told = true;
                String[] holder = holder(channel);
                waits.waiting(lockPath, holder == null ? -1 : Long.parseLong(holder[0]), holder == null ? null : holder[1],
                        timeout);
            }
            try {
                Thread.sleep(Math.min(POLL_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw StoreFailure.Busy.interrupted(lockPath, timeout);
            }
        }
    }

    /** Leaves the holder's pid in the lock file, so a writer that times out can say who holds it. */
    private static void recordHolder(FileChannel channel) throws IOException {
        byte[] pid = ("pid " + FileFacts.pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(pid), 0);
    }

    /**
     * The lock is busy after {@code timeout}: with its holder as the kernel says (/proc/locks), the
     * pid and its command, when it can tell. The pid written in the lock file is only the last
     * holder's, so it is never used.
     */
    private static RuntimeException timedOut(Path lockPath, Duration timeout, FileChannel lockChannel) {
        String[] holder = holder(lockChannel);
        return holder == null ? StoreFailure.Busy.timedOut(lockPath, timeout, -1, null)
                : StoreFailure.Busy.timedOut(lockPath, timeout, Long.parseLong(holder[0]), holder[1]);
    }

    /**
     * Who holds the lock on {@code lockChannel}'s file, as /proc/locks says: {pid, command or null};
     * null when it cannot tell. A lock on the same device and inode; failing that (btrfs shows a
     * subvolume's files under another device), the one lock on that inode number, if only one is:
     * never a process that holds a lock on another file system's file of that number. The table is
     * read within its budget ({@link LockTable}): past it, the holder goes unnamed.
     */
    private static String[] holder(FileChannel lockChannel) {
        try {
            FileFacts lock = Descriptors.stat(lockChannel);
            HolderScan scan = new HolderScan(DataFile.major(lock.dev()), DataFile.minor(lock.dev()), lock.ino());
            LockTable.Read read = LockTable.read(scan);
            long pid = scan.exact > 0 ? scan.exact : read.told() && scan.onInode == 1 ? scan.byInode : -1;
            return pid <= 0 ? null : new String[] {Long.toString(pid), command(Long.toString(pid))};
        } catch (IOException | RuntimeException e) {
            // No /proc, or it changed under us: say nothing rather than something wrong.
        }
        return null;
    }

    /** The holders of locks on one inode: the one on its device, which ends the read, and how many on other devices. */
    private static final class HolderScan implements LockTable.Entries {
        private final long major;
        private final long minor;
        private final long ino;
        long exact = -1;
        long byInode = -1;
        int onInode;

        HolderScan(long major, long minor, long ino) {
            this.major = major;
            this.minor = minor;
            this.ino = ino;
        }

        @Override
        public boolean entry(LockTable.Entry e) {
            if (e.ino != ino || e.pid <= 0) {
                return false;
            }
            if (e.major == major && e.minor == minor) {
                exact = e.pid;
                return true;
            }
            byInode = e.pid;
            onInode++;
            return false;
        }
    }

    /** The command name of process {@code pid}, or null when it cannot tell. */
    private static String command(String pid) {
        try {
            return Files.readString(Path.of("/proc", pid, "comm"), StandardCharsets.US_ASCII).trim();
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static void release(FileChannel channel, ReentrantLock local) {
        if (channel != null) {
            NodeDir.closeQuietly(channel);
        }
        local.unlock();
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // Closing the channel releases it too.
        }
        release(channel, local);
    }
}
