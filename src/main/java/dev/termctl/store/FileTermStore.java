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
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
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

    /** The term file as given, made absolute but not normalised: ".." is resolved by the kernel, never as text. */
    private final Path given;
    private final Term defaultTerm;
    private final Duration lockTimeout;
    private final Faults faults;
    private final Journal.Stamp stamp;
    private final Path journal;
    private final boolean create;

    public FileTermStore(Path path, Term defaultTerm, Duration lockTimeout) {
        this(path, defaultTerm, lockTimeout, Faults.fromSystemProperty(), null, null, true);
    }

    FileTermStore(Path path, Term defaultTerm, Duration lockTimeout, Faults faults) {
        this(path, defaultTerm, lockTimeout, faults, null, null, true);
    }

    private FileTermStore(Path path, Term defaultTerm, Duration lockTimeout, Faults faults, Journal.Stamp stamp,
            Path journal, boolean create) {
        this.given = path.toAbsolutePath();
        this.defaultTerm = defaultTerm;
        this.lockTimeout = lockTimeout;
        this.faults = faults;
        this.stamp = stamp;
        this.journal = journal;
        this.create = create;
    }

    /**
     * The same store, recording every write: the audit members of {@code stamp} in the file, and a
     * line in {@code journal} (when not null); creating a missing file only when {@code create}.
     */
    public FileTermStore recording(Journal.Stamp stamp, Path journal, boolean create) {
        return new FileTermStore(given, defaultTerm, lockTimeout, faults, stamp, journal, create);
    }

    /** The journal a write uses unless told otherwise: FILE.journal beside the file it writes (links followed). */
    public Path defaultJournal() {
        Path target = writeTarget();
        return target.resolveSibling(target.getFileName() + ".journal");
    }

    /**
     * Refuses (66) when there is no term file: a writing command that would start a new node from a
     * mistyped path creates nothing (no file, no lock, no journal) unless the caller said --create.
     */
    public void requireFile() {
        Path p = path();
        if (!Files.exists(p)) {
            if (Files.isSymbolicLink(p)) {
                writeTarget(); // refuses the dangling link, saying where it points
            }
            throw noFile(p);
        }
    }

    private TermctlException noFile(Path p) {
        return new TermctlException(ExitCode.NO_FILE, "no such term file " + p + "; check the path, or pass --create"
                + " to start a new node at the default term " + defaultTerm + "; nothing was created");
    }

    /**
     * The file as the kernel finds it: its directory's real path (symbolic links and ".." resolved
     * the way open(2) resolves them) and its name. A missing directory is an error, not a new node.
     */
    private Path path() {
        Path name = given.getFileName();
        if (name == null || name.toString().equals(".") || name.toString().equals("..")) {
            throw new TermctlException(ExitCode.IO, given + " is a directory, not a term file; name the JSON file inside it");
        }
        Path dir = requireDirectory(given.getParent());
        try {
            return dir.toRealPath().resolve(name);
        } catch (IOException e) {
            throw io("cannot resolve the directory of " + given, e);
        }
    }

    /** The file's real path for messages and reports, or the path as given when it cannot be resolved. */
    @Override
    public String describe() {
        try {
            return path().toString();
        } catch (TermctlException e) {
            return given.normalize().toString();
        }
    }

    @Override
    public StoredTerm read() {
        Loaded parsed = load(path());
        return parsed.stored;
    }

    /** Who owns what a write creates: uid and gid, and the term file's mode (from which the others derive). */
    record Owner(int uid, int gid, int termMode) {
        int sideMode() {
            return FileFacts.sideMode(termMode);
        }
    }

    /** A new term file: read and written by its owner, read by others (as RedDB creates it), never writable by them. */
    static final int NEW_FILE_MODE = 0644;

    private static FileFacts facts(Path p) {
        try {
            return FileFacts.of(p);
        } catch (IOException e) {
            throw io("cannot inspect " + p, e);
        }
    }

    /** A step run under the file's lock, with the file's write target and the owner of what it creates. */
    private interface Locked<T> {
        T run(Path target, Owner owner) throws IOException;
    }

    /**
     * Runs {@code step} with every other termctl writer of this file excluded: the in-process guard,
     * then the POSIX lock on FILE.lock (opened and checked as {@link PrivateFile} does), with temp files
     * a killed writer left removed first.
     */
    private <T> T underLock(Locked<T> step) {
        Path target = writeTarget();
        FileFacts facts = facts(target);
        if (facts != null && facts.nlink() > 1) {
            throw new TermctlException(ExitCode.IO, "cannot write " + target + ": it has " + facts.nlink() + " hard links."
                    + " Replacing it would leave the other names on the old term, and each name would take its own lock,"
                    + " so termctl reads such a file but never writes it. Make it one file first (cp it aside, then mv the"
                    + " copy over it) and point every user at one name; nothing was changed");
        }
        // Files termctl creates beside the term file belong to its owner (the directory's, for a new file).
        FileFacts ownerFacts = facts != null ? facts : facts(target.getParent());
        Owner owner = new Owner(ownerFacts.uid(), ownerFacts.gid(), facts != null ? facts.mode() : NEW_FILE_MODE);
        Path lockPath = target.resolveSibling(target.getFileName() + ".lock");
        // putIfAbsent, not computeIfAbsent with a lambda: a lambda spins method handles on a cold start.
        LOCAL_LOCKS.putIfAbsent(lockPath, new ReentrantLock());
        ReentrantLock local = LOCAL_LOCKS.get(lockPath);
        long deadline = System.nanoTime() + lockTimeout.toNanos();
        try {
            if (!local.tryLock(lockTimeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw lockTimeout(lockPath, null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TermctlException(ExitCode.LOCKED, "interrupted while waiting for the lock on " + lockPath);
        }
        try (FileChannel lockChannel = PrivateFile.open(lockPath, owner, "the lock file");
             FileLock lock = acquire(lockChannel, lockPath, deadline)) {
            recordHolder(lockChannel);
            faults.at(Faults.Step.LOCKED);
            removeStaleTemps(target);
            return step.run(target, owner);
        } catch (IOException e) {
            throw io("cannot use the lock file " + lockPath, e);
        } finally {
            local.unlock();
        }
    }

    /** Appends the journal entry of a write, durably, before the term file changes (when journaling). */
    private void journal(Path target, Owner owner, Term before, Term after) {
        if (journal != null) {
            // The entry is durable before the term moves: a crash between the two leaves an entry
            // that history marks as not completed, never a term move with no entry.
            try (Journal log = Journal.open(journal, owner)) {
                log.append(stamp, target, before, after);
            }
        }
    }

    @Override
    public Verdict advance(Function<Term, Verdict> rule) {
        return underLock(new Locked<Verdict>() {
            @Override
            public Verdict run(Path target, Owner owner) {
                Loaded current = load(target);
                if (!current.stored.exists() && !create) {
                    throw noFile(target);
                }
                Verdict verdict = rule.apply(current.stored.term());
                if (verdict.adopts()) {
                    checkWritable(current.stored);
                    Map<String, String> members = members(verdict.incoming());
                    byte[] content = current.format == null
                            ? TermFileFormat.fresh(members)
                            : current.format.with(members);
                    checkResult(target, content, verdict.incoming());
                    journal(target, owner, current.stored.term(), verdict.incoming());
                    replace(target, content, owner);
                }
                return verdict;
            }
        });
    }

    /**
     * What {@link #repair} did, or would do.
     *
     * @param damage why the file was not a valid term file
     * @param copy   where its bytes were kept (null for a dry run)
     */
    public record Repair(String damage, Path copy) {
    }

    /**
     * Replaces a term file that exists but is not valid with a new one holding {@code term}, under
     * the lock, after keeping a byte-exact copy {@code FILE.corrupt-TIME} (created new, never over
     * another file, with the file's owner and mode). Refuses a valid file (use adopt: 2) and any
     * last-vote record (65), and changes nothing then.
     */
    public Repair repair(Term term, boolean dryRun) {
        String damage = damage(path());
        if (dryRun) {
            return new Repair(damage, null);
        }
        return underLock(new Locked<Repair>() {
            @Override
            public Repair run(Path target, Owner owner) throws IOException {
                String now = damage(target);
                Path copy = keepCopy(target, owner);
                byte[] content = TermFileFormat.fresh(members(term));
                checkResult(target, content, term);
                journal(target, owner, null, term);
                replace(target, content, owner);
                return new Repair(now, copy);
            }
        });
    }

    /** Why {@code file} needs repair; throws when it does not (valid: 2, missing: 66, a last vote: 65). */
    private String damage(Path file) {
        try {
            byte[] bytes = bytes(file);
            if (bytes == null) {
                throw noFile(file);
            }
            TermFileFormat.Document valid = TermFileFormat.parse(bytes);
            if (valid.lastVote()) {
                throw lastVoteRefusal(file);
            }
            Term term = valid.term();
            throw new TermctlException(ExitCode.USAGE, file + " is a valid term file (term " + term
                    + "); repair replaces only a damaged one. To move it forward, use termctl adopt");
        } catch (TermFileFormat.InvalidTermFile e) {
            if (mentionsVote(file)) {
                throw new TermctlException(ExitCode.INVALID_FILE, file + " is, or was, a durable last-vote record (it"
                        + " mentions \"voted_for\"); repair never writes one, since a wrong vote could let the node vote"
                        + " twice in one term. Restore it from the node's peers or a backup");
            }
            return e.getMessage();
        }
    }

    private static boolean mentionsVote(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return new String(in.readNBytes(TermFileFormat.MAX_BYTES), StandardCharsets.ISO_8859_1).contains("voted_for");
        } catch (IOException e) {
            throw io("cannot read " + file, e);
        }
    }

    /** Copies the damaged file's bytes, exactly, to a new FILE.corrupt-TIME beside it, durably. */
    private Path keepCopy(Path target, Owner owner) throws IOException {
        String base = target.getFileName() + ".corrupt-" + compactTime(stamp == null ? System.currentTimeMillis() / 1000
                : stamp.time());
        for (int n = 0; ; n++) {
            Path copy = target.resolveSibling(n == 0 ? base : base + "-" + n);
            try (FileChannel out = FileChannel.open(copy, EnumSet.of(StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE), PrivateFile.ATTRIBUTE);
                 FileChannel in = FileChannel.open(target, StandardOpenOption.READ)) {
                long size = in.size();
                for (long done = 0; done < size; ) {
                    done += in.transferTo(done, size - done, out);
                }
                FileFacts.set(copy, owner.uid(), owner.gid(), owner.termMode());
                out.force(true);
                return copy;
            } catch (java.nio.file.FileAlreadyExistsException e) {
                if (n == 99) {
                    throw e;
                }
            }
        }
    }

    /** 20261126T051000Z: a time for a file name. */
    private static String compactTime(long seconds) {
        return Journal.Stamp.rfc3339(seconds).replace("-", "").replace(":", "");
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
            throw lastVoteRefusal(path());
        }
    }

    /** The members a write sets: the term, and the audit trail when this store records one. */
    private Map<String, String> members(Term term) {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("term", term.toString());
        if (stamp != null) {
            AuditTrail a = stamp.audit();
            for (Map.Entry<String, String> m : a.members().entrySet()) {
                members.put(m.getKey(), TermFileFormat.quote(m.getValue()));
            }
        }
        return members;
    }

    /** What a load found: the term and, for a present file, its parsed form for rewriting. */
    private record Loaded(StoredTerm stored, TermFileFormat.Document format) {
    }

    private Loaded load(Path file) {
        try {
            byte[] bytes = bytes(file);
            if (bytes == null) {
                return new Loaded(StoredTerm.missing(defaultTerm), null);
            }
            TermFileFormat.Document format = TermFileFormat.parse(bytes);
            return new Loaded(new StoredTerm(format.term(), true, format.lastVote(), format.votedFor(), format.audit()),
                    format);
        } catch (TermFileFormat.InvalidTermFile e) {
            throw invalid(file, e.getMessage());
        }
    }

    /**
     * The bytes of a term file, read only from a regular file within the size limit; null when there
     * is no file (in a directory that exists).
     */
    private byte[] bytes(Path file) throws TermFileFormat.InvalidTermFile {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            requireDirectory(file.getParent());
            return null;
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
            throw new TermFileFormat.InvalidTermFile(TermFileFormat.Reason.TOO_LARGE, "it is " + attrs.size()
                    + " bytes, larger than " + TermFileFormat.MAX_BYTES + " bytes; a term file is a few bytes");
        }
        try (InputStream in = Files.newInputStream(file)) {
            faults.at(Faults.Step.READ);
            return in.readNBytes(TermFileFormat.MAX_BYTES + 1);
        } catch (IOException e) {
            throw io("cannot read " + file, e);
        }
    }

    /**
     * The file a write replaces: symbolic links are followed to the file they name (a rename over
     * the link itself would turn it into a plain file), each directory taken by its real path so
     * every writer agrees on one lock file however it reached it. A link to nothing is not followed:
     * creating its target would create a file, as root, wherever the link points.
     */
    private Path writeTarget() {
        Path p = path();
        try {
            for (int hops = 0; Files.isSymbolicLink(p); hops++) {
                if (hops == 40) {
                    throw new TermctlException(ExitCode.IO, "cannot write " + given + ": too many levels of symbolic links");
                }
                Path next = p.resolveSibling(Files.readSymbolicLink(p));
                Path dir = next.getParent();
                if (next.getFileName() == null || dir == null || !Files.isDirectory(dir) || !Files.exists(next)) {
                    throw new TermctlException(ExitCode.IO, "cannot write " + p + ": it is a symbolic link to " + next
                            + ", which does not exist; termctl does not create files through links. Point -f at the"
                            + " real term file, or remove the dangling link; nothing was changed");
                }
                p = dir.toRealPath().resolve(next.getFileName());
            }
            return p;
        } catch (IOException e) {
            throw io("cannot resolve " + given, e);
        }
    }

    private static Path requireDirectory(Path dir) {
        if (dir == null) {
            throw new TermctlException(ExitCode.IO, "/ is a directory, not a term file; name the JSON file inside it");
        }
        if (!Files.isDirectory(dir)) {
            String what = Files.exists(dir) ? " is not a directory" : " does not exist";
            throw new TermctlException(ExitCode.IO, "the directory " + dir + what
                    + "; check the path (termctl creates a missing term file, never its directory)");
        }
        return dir;
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
                throw lockTimeout(lockPath, holder(lockPath));
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
        byte[] pid = ("pid " + FileFacts.pid() + "\n").getBytes(StandardCharsets.US_ASCII);
        channel.truncate(0);
        channel.write(ByteBuffer.wrap(pid), 0);
    }

    /**
     * Who holds the lock, as the kernel says (/proc/locks): "pid N (COMMAND)", or null when it cannot
     * tell. The pid written in the lock file is only the last holder's, so it is never shown.
     */
    static String holder(Path lockPath) {
        try {
            FileFacts lock = FileFacts.of(lockPath);
            if (lock == null) {
                return null;
            }
            String suffix = ":" + lock.ino();
            for (String line : Files.readAllLines(Path.of("/proc/locks"), StandardCharsets.US_ASCII)) {
                String[] f = line.trim().split("\\s+");
                if (f.length >= 6 && !f[1].equals("->") && f[5].endsWith(suffix) && f[4].matches("[0-9]+")) {
                    return "pid " + f[4] + command(f[4]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // No /proc, or it changed under us: say nothing rather than something wrong.
        }
        return null;
    }

    private static String command(String pid) {
        try {
            return " (" + Files.readString(Path.of("/proc", pid, "comm"), StandardCharsets.US_ASCII).trim() + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    private TermctlException lockTimeout(Path lockPath, String holder) {
        String who = holder == null ? "another process" : holder;
        return new TermctlException(ExitCode.LOCKED, "timed out after " + format(lockTimeout)
                + " waiting for the lock on " + lockPath + ", held by " + who
                + "; nothing was changed. Find the holder with 'fuser -v " + lockPath
                + "', wait for it, or retry with a longer --lock-timeout");
    }

    /** Deletes temp files that a killed termctl left; only ours, recognised by name, and only under the lock. */
    private static void removeStaleTemps(Path target) {
        String prefix = "." + target.getFileName() + TEMP_MARK;
        DirectoryStream.Filter<Path> ours = new DirectoryStream.Filter<>() {
            @Override
            public boolean accept(Path p) {
                String name = p.getFileName().toString();
                return name.startsWith(prefix) && name.endsWith(TEMP_SUFFIX);
            }
        };
        try (DirectoryStream<Path> stale = Files.newDirectoryStream(target.getParent(), ours)) {
            for (Path p : stale) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw io("cannot clean up old temp files beside " + target, e);
        }
    }

    /** Atomically replaces {@code target} with {@code content}, durably, keeping its owner, group and mode. */
    private void replace(Path target, byte[] content, Owner owner) {
        Path dir = target.getParent();
        Path temp = dir.resolve("." + target.getFileName() + TEMP_MARK + FileFacts.pid() + "-"
                + Long.toUnsignedString(System.nanoTime()) + TEMP_SUFFIX);
        boolean moved = false;
        try {
            // CREATE_NEW is O_CREAT|O_EXCL: it never opens an existing file nor follows a planted link.
            try {
                faults.at(Faults.Step.CREATE_TEMP);
            } catch (IOException e) {
                throw io("cannot create the temp file " + temp, e);
            }
            try (FileChannel out = FileChannel.open(temp, EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
                    PrivateFile.ATTRIBUTE)) {
                faults.at(Faults.Step.WRITE_TEMP);
                ByteBuffer buf = ByteBuffer.wrap(content);
                if (faults.shortWrite()) {
                    out.write(ByteBuffer.wrap(content, 0, content.length / 2));
                    throw new IOException("No space left on device (injected short write)");
                }
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                // Owner, group and mode before the rename: the database must still own and read its file.
                FileFacts.set(temp, owner.uid(), owner.gid(), owner.termMode());
                faults.at(Faults.Step.FSYNC_TEMP);
                out.force(true);
            } catch (IOException e) {
                throw io("cannot write the temp file " + temp, e);
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

    private static TermctlException lastVoteRefusal(Path file) {
        return new TermctlException(ExitCode.INVALID_FILE, file + " is not a valid term file: it is a durable last-vote"
                + " record (it has \"voted_for\"), not a term file. Moving its term"
                + " without clearing the vote could let the node vote twice in one term, so termctl never writes it,"
                + " and it must not be edited by hand either. Point -f at the node's term file (RedDB keeps it beside"
                + " the last vote)");
    }

    private static TermctlException invalid(Path file, String why) {
        return new TermctlException(ExitCode.INVALID_FILE, file + " is not a valid term file: " + why
                + ". To replace it with a valid one (keeping a copy), see 'termctl repair --help'");
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
