package dev.termctl.store;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.core.Term;
import dev.termctl.core.Verdict;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * A node's term in its JSON term file. This class owns the whole file discipline:
 *
 * <ul>
 *   <li>reads are bounded and refuse anything but a regular file, so a FIFO or device never hangs;
 *   <li>writes happen under an exclusive POSIX lock on {@code FILE.lock}, which makes
 *       read-decide-write one step across processes;
 *   <li>a write goes to a new temp file in the same directory, is fsynced, renamed atomically over
 *       the target, and the directory is fsynced; every failure is reported, none ignored, and the
 *       temp file never outlives the call.
 * </ul>
 */
public final class FileTermStore implements TermStore {

    /** Temp files are named {@code .NAME.termctl-PID-NANOS.tmp} so that later writers recognise them. */
    static final String TEMP_MARK = ".termctl-";
    static final String TEMP_SUFFIX = ".tmp";

    /** In-process guard: a JVM may hold only one lock per file, and FileChannel.tryLock throws otherwise. */
    private static final ConcurrentHashMap<Path, ReentrantLock> LOCAL_LOCKS = new ConcurrentHashMap<>();

    private static final long LOCK_POLL_MILLIS = 10;

    private final Path path;
    private final Term defaultTerm;
    private final Duration lockTimeout;
    private final Faults faults;
    private final WriteStamp stamp;
    private final Path journal;

    public FileTermStore(Path path, Term defaultTerm, Duration lockTimeout) {
        this(path, defaultTerm, lockTimeout, Faults.fromSystemProperty(), null, null);
    }

    FileTermStore(Path path, Term defaultTerm, Duration lockTimeout, Faults faults) {
        this(path, defaultTerm, lockTimeout, faults, null, null);
    }

    private FileTermStore(Path path, Term defaultTerm, Duration lockTimeout, Faults faults, WriteStamp stamp,
            Path journal) {
        this.path = path.toAbsolutePath().normalize();
        this.defaultTerm = defaultTerm;
        this.lockTimeout = lockTimeout;
        this.faults = faults;
        this.stamp = stamp;
        this.journal = journal;
    }

    /**
     * The same store, recording every write: the audit members of {@code stamp} in the file, and a
     * line in {@code journal} (when not null).
     */
    public FileTermStore recording(WriteStamp stamp, Path journal) {
        return new FileTermStore(path, defaultTerm, lockTimeout, faults, stamp, journal);
    }

    @Override
    public String describe() {
        return path.toString();
    }

    @Override
    public StoredTerm read() {
        Parsed parsed = load(path);
        return parsed.stored;
    }

    @Override
    public Verdict advance(Function<Term, Verdict> rule) {
        Path target = writeTarget();
        try (Journal log = journal == null ? null : Journal.open(journal)) {
            return advance(rule, target, log);
        }
    }

    private Verdict advance(Function<Term, Verdict> rule, Path target, Journal log) {
        Path lockPath = target.resolveSibling(target.getFileName() + ".lock");
        ReentrantLock local = LOCAL_LOCKS.computeIfAbsent(lockPath, p -> new ReentrantLock());
        long deadline = System.nanoTime() + lockTimeout.toNanos();
        try {
            if (!local.tryLock(lockTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw lockTimeout(lockPath, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TermctlException(ExitCode.LOCKED, "interrupted while waiting for the lock on " + lockPath);
        }
        try (FileChannel lockChannel = openLockFile(lockPath);
             FileLock lock = acquire(lockChannel, lockPath, deadline)) {
            recordHolder(lockChannel);
            faults.at(Faults.Step.LOCKED);
            removeStaleTemps(target);
            Parsed current = load(target);
            Verdict verdict = rule.apply(current.stored.term());
            if (verdict.adopts()) {
                checkWritable(current.stored);
                Map<String, String> members = members(verdict.incoming());
                byte[] content = current.format == null
                        ? TermFileFormat.fresh(members)
                        : current.format.with(members);
                checkResult(target, content, verdict.incoming());
                replace(target, content, current.stored.exists());
                if (log != null) {
                    log.append(stamp, target, current.stored.term(), verdict.incoming());
                }
            }
            return verdict;
        } catch (IOException e) {
            throw io("cannot use the lock file " + lockPath, e);
        } finally {
            local.unlock();
        }
    }

    /**
     * The file a write would leave must be one that RedDB and termctl both read back as {@code term}:
     * a write that would push a file past the size limit (a long reason, a file near 64 KiB) is
     * refused here, before anything changes, rather than leaving a file every later run refuses.
     */
    private static void checkResult(Path target, byte[] content, Term term) {
        try {
            Term written = TermFileFormat.parse(content).term();
            if (!written.equals(term)) {
                throw new IllegalStateException("a rewrite of " + target + " would hold term " + written + ", not " + term);
            }
        } catch (TermFileFormat.InvalidTermFile e) {
            throw new TermctlException(ExitCode.INVALID_FILE, "cannot write term " + term + " to " + target
                    + ": the result would not be a valid term file (" + e.getMessage() + "); nothing was changed"
                    + (e.reason() == TermFileFormat.Reason.TOO_LARGE ? ". Give a shorter --reason, or remove members"
                            + " the file does not need" : ""));
        }
    }

    @Override
    public void checkWritable(StoredTerm found) {
        if (found.lastVote()) {
            throw lastVoteRefusal(path);
        }
    }

    /** The members a write sets: the term, and the audit trail when this store records one. */
    private Map<String, String> members(Term term) {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("term", term.toString());
        if (stamp != null) {
            AuditTrail a = stamp.audit();
            members.put("updated_at", TermFileFormat.quote(a.updatedAt()));
            members.put("updated_by", TermFileFormat.quote(a.updatedBy()));
            members.put("reason", TermFileFormat.quote(a.reason()));
            members.put("updated_with", TermFileFormat.quote(a.updatedWith()));
        }
        return members;
    }

    /** What a load found: the term and, for a present file, its parsed form for rewriting. */
    private record Parsed(StoredTerm stored, TermFileFormat.Parsed format) {
    }

    private Parsed load(Path file) {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            requireDirectory(file.getParent());
            return new Parsed(StoredTerm.missing(defaultTerm), null);
        } catch (IOException e) {
            throw io("cannot read " + file, e);
        }
        if (attrs.isDirectory()) {
            throw new TermctlException(ExitCode.IO, file + " is a directory, not a term file; name the JSON file inside it");
        }
        if (!attrs.isRegularFile()) {
            throw new TermctlException(ExitCode.IO,
                    file + " is not a regular file (a FIFO, socket or device); a term file is a small regular JSON file");
        }
        if (attrs.size() > TermFileFormat.MAX_BYTES) {
            throw invalid(file, "it is " + attrs.size() + " bytes, larger than " + TermFileFormat.MAX_BYTES
                    + " bytes; a term file is a few bytes");
        }
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            faults.at(Faults.Step.READ);
            bytes = in.readNBytes(TermFileFormat.MAX_BYTES + 1);
        } catch (IOException e) {
            throw io("cannot read " + file, e);
        }
        try {
            TermFileFormat.Parsed format = TermFileFormat.parse(bytes);
            return new Parsed(new StoredTerm(format.term(), true, format.lastVote(), format.votedFor(), format.audit()),
                    format);
        } catch (TermFileFormat.InvalidTermFile e) {
            throw invalid(file, e.getMessage());
        }
    }

    /**
     * The file a write replaces: symbolic links are followed to the file they name (a rename over
     * the link itself would turn it into a plain file), and the directory is taken by its real
     * path so every writer agrees on one lock file however it reached the directory.
     */
    private Path writeTarget() {
        Path p = path;
        try {
            for (int hops = 0; Files.isSymbolicLink(p); hops++) {
                if (hops == 40) {
                    throw new TermctlException(ExitCode.IO, "cannot write " + path + ": too many levels of symbolic links");
                }
                p = p.resolveSibling(Files.readSymbolicLink(p)).normalize();
            }
            Path dir = requireDirectory(p.getParent());
            return dir.toRealPath().resolve(p.getFileName());
        } catch (IOException e) {
            throw io("cannot resolve " + path, e);
        }
    }

    private static Path requireDirectory(Path dir) {
        if (!Files.isDirectory(dir)) {
            String what = Files.exists(dir) ? " is not a directory" : " does not exist";
            throw new TermctlException(ExitCode.IO, "the directory " + dir + what
                    + "; check the path (termctl creates a missing term file, never its directory)");
        }
        return dir;
    }

    private static FileChannel openLockFile(Path lockPath) {
        try {
            // NOFOLLOW_LINKS: the lock file is truncated to record the holder, so a link planted in
            // its place must never lead a root termctl to truncate the file it points to.
            return FileChannel.open(lockPath, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE,
                    LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            throw io("cannot open the lock file " + lockPath, e);
        }
    }

    private FileLock acquire(FileChannel channel, Path lockPath, long deadline) throws IOException {
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
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw lockTimeout(lockPath, holder(channel));
            }
            try {
                Thread.sleep(Math.min(LOCK_POLL_MILLIS, Math.max(1, TimeUnit.NANOSECONDS.toMillis(left))));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new TermctlException(ExitCode.LOCKED, "interrupted while waiting for the lock on " + lockPath);
            }
        }
    }

    /** Leaves the holder's pid in the lock file, so a writer that times out can say who holds it. */
    private static void recordHolder(FileChannel channel) throws IOException {
        byte[] pid = ("pid " + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(pid), 0);
    }

    private static String holder(FileChannel channel) {
        try {
            ByteBuffer buf = ByteBuffer.allocate(64);
            int n = channel.read(buf, 0);
            String text = n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.US_ASCII).trim();
            return text.matches("pid [0-9]+") ? text : null;
        } catch (IOException e) {
            return null;
        }
    }

    private TermctlException lockTimeout(Path lockPath, String holder) {
        String who = holder == null ? "another termctl" : "another termctl (" + holder + ")";
        return new TermctlException(ExitCode.LOCKED, "timed out after " + format(lockTimeout)
                + " waiting for the lock on " + lockPath + ", held by " + who
                + "; nothing was changed. Find the holder with 'fuser -v " + lockPath
                + "', wait for it, or retry with a longer --lock-timeout");
    }

    /** Deletes temp files that a killed termctl left; only ours, recognised by name, and only under the lock. */
    private static void removeStaleTemps(Path target) {
        String prefix = "." + target.getFileName() + TEMP_MARK;
        DirectoryStream.Filter<Path> ours = p -> {
            String name = p.getFileName().toString();
            return name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX);
        };
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(target.getParent(), ours)) {
            for (Path p : stale) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw io("cannot clean up old temp files beside " + target, e);
        }
    }

    /** Atomically replaces {@code target} with {@code content}, durably, keeping its permission bits. */
    private void replace(Path target, byte[] content, boolean existed) {
        Path dir = target.getParent();
        Path temp = dir.resolve("." + target.getFileName() + TEMP_MARK + ProcessHandle.current().pid() + "-"
                + Long.toUnsignedString(System.nanoTime()) + TEMP_SUFFIX);
        boolean moved = false;
        try {
            // CREATE_NEW is O_CREAT|O_EXCL: it never opens an existing file nor follows a planted link.
            try {
                faults.at(Faults.Step.CREATE_TEMP);
            } catch (IOException e) {
                throw io("cannot create the temp file " + temp, e);
            }
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                faults.at(Faults.Step.WRITE_TEMP);
                ByteBuffer buf = ByteBuffer.wrap(content);
                if (faults.shortWrite()) {
                    out.write(ByteBuffer.wrap(content, 0, content.length / 2));
                    throw new IOException("No space left on device (injected short write)");
                }
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                faults.at(Faults.Step.FSYNC_TEMP);
                out.force(true);
            } catch (IOException e) {
                throw io("cannot write the temp file " + temp, e);
            }
            if (existed) {
                copyPermissions(target, temp);
            }
            try {
                faults.at(Faults.Step.RENAME);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                moved = true;
            } catch (IOException e) {
                throw io("cannot rename " + temp + " over " + target, e);
            }
            // Without this the rename may not survive a crash, and the node could come back on the
            // old term, briefly admitting what it had already fenced.
            try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
                faults.at(Faults.Step.FSYNC_DIR);
                d.force(true);
            } catch (IOException e) {
                throw io("wrote " + target + " but cannot fsync its directory " + dir
                        + ", so the new term may not survive a crash", e);
            }
        } finally {
            if (!moved) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // The next writer removes it under the lock.
                }
            }
        }
    }

    private static void copyPermissions(Path from, Path to) {
        PosixFileAttributeView view = Files.getFileAttributeView(from, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        try {
            Set<PosixFilePermission> perms = view.readAttributes().permissions();
            Files.setPosixFilePermissions(to, perms);
        } catch (IOException e) {
            throw io("cannot copy the permissions of " + from, e);
        }
    }

    private static TermctlException lastVoteRefusal(Path file) {
        return invalid(file, "it is a durable last-vote record (it has \"voted_for\"), not a term file. Moving its term"
                + " without clearing the vote could let the node vote twice in one term, so termctl never writes it,"
                + " and it must not be edited by hand either. Point -f at the node's term file (RedDB keeps it beside"
                + " the last vote)");
    }

    private static TermctlException invalid(Path file, String why) {
        return new TermctlException(ExitCode.INVALID_FILE, file + " is not a valid term file: " + why);
    }

    static TermctlException io(String what, IOException e) {
        return new TermctlException(ExitCode.IO, what + ": " + reason(e), e);
    }

    /** A short reason for an I/O error; Java's own messages are often just the path. */
    static String reason(IOException e) {
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
            return ((FileSystemException) e).getReason().toLowerCase(java.util.Locale.ROOT);
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0 && ms > 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }
}
