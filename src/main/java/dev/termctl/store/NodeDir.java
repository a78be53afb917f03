package dev.termctl.store;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One opened directory, and every step termctl takes in it done relative to that open handle, as
 * openat(2), renameat(2) and unlinkat(2) do (through /proc/self/fd/N, which Java reaches with its
 * ordinary file API): once a term file's directory is open, renaming it away or swapping a link in
 * its place cannot send a later step anywhere else.
 *
 * <p>{@link #chase} resolves a path one component at a time from "/", never letting the kernel
 * follow a link on its own. As root it refuses what systemd's chase() with CHASE_SAFE refuses: a
 * step from a directory or link owned by one account (not root) to a file, link or directory owned
 * by another. So the service account that owns a node's directory can lead root only to its own
 * files, never to root's or anyone else's.
 */
final class NodeDir implements AutoCloseable, Cursor {

    /** Created private whatever the umask; the final owner and mode are set on the open file. */
    static final FileAttribute<Set<PosixFilePermission>> PRIVATE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private static final int MAX_LINKS = 40;
    private static final Path SELF_FD = Path.of("/proc/self/fd");
    /** The descriptor behind each channel this class opened: found once, by the inode it must refer to. */
    private static final IdentityHashMap<FileChannel, Integer> DESCRIPTORS = new IdentityHashMap<>();


    private final Path real;
    private final FileChannel channel;
    private final Path proc;
    private final FileFacts facts;

    private NodeDir(Path real, FileChannel channel, FileFacts facts) {
        this.real = real;
        this.channel = channel;
        this.proc = procOf(channel);
        this.facts = facts;
    }

    /** An open found to refer to another file than the one looked at: something replaced it in between. */
    static final class Replaced extends IOException {
        private static final long serialVersionUID = 1L;

        Replaced(Path p) {
            super("it was replaced while termctl was opening it");
        }
    }

    /**
     * Where a path led: the open directory holding the final file, the file's name there (null for
     * none: the path named "/"), and the file's facts (null when no such file exists).
     *
     * @param throughLink whether a symbolic link at the end of the path was followed to get here
     */
    record Leaf(NodeDir dir, Path name, FileFacts facts, boolean throughLink) {
        /** The file's path, as resolved: for messages and reports. */
        Path path() {
            return dir.real.resolve(name);
        }
    }

    /** The directory's path as resolved from "/": for messages and reports. */
    Path path() {
        return real;
    }

    /** Who owns the directory and how it is set. */
    @Override
    public FileFacts facts() {
        return facts;
    }

    /**
     * Resolves {@code given} (made absolute) one component at a time; see the class comment. Links
     * in the middle and at the end are followed within the rules; a missing last component is a
     * leaf with no facts; a missing directory, a directory or other non-file at the end, and an
     * unsafe step as root are refused (74).
     */
    static Leaf chase(Path given) {
        try {
            // By name while names are short: a look (lstat) per component, and one open at the end,
            // checked to be the directory the looks approved, however the names changed in between.
            return chase(given, new ByName(Path.of("/")));
        } catch (NameTooLong e) {
            // Past PATH_MAX the kernel takes no name: walk open directory to open directory.
            return chase(given, openRoot());
        }
    }

    private static Leaf chase(Path given, Cursor start) {
        Path abs = given.toAbsolutePath();
        boolean root = FileFacts.root();
        Deque<Path> todo = new ArrayDeque<>();
        for (Path part : abs) {
            todo.add(part);
        }
        if (todo.isEmpty()) {
            start.close();
            throw new TermctlException(ExitCode.IO, "/ is a directory, not a term file; name the JSON file inside it");
        }
        Cursor cur = start;
        FileFacts trust = cur.facts();
        Path trustPath = cur.real();
        int links = 0;
        boolean throughLink = false;
        try {
            while (true) {
                Path c = todo.pollFirst();
                boolean last = todo.isEmpty();
                String name = c.toString();
                if (name.equals(".") || name.equals("..")) {
                    if (last) {
                        throw new TermctlException(ExitCode.IO, cur.real().resolve(c) + " is a directory, not a term"
                                + " file; name the JSON file inside it");
                    }
                    if (name.equals("..")) {
                        Cursor up = cur.up();
                        cur = up;
                        if (root) {
                            safeStep(trustPath, trust, up.real(), up.facts());
                        }
                        trust = up.facts();
                        trustPath = up.real();
                    }
                    continue;
                }
                FileFacts f = cur.lstat(c);
                Path here = cur.real().resolve(c);
                if (f == null) {
                    if (last) {
                        return leaf(cur, c, null, throughLink);
                    }
                    throw new TermctlException(ExitCode.IO, "the directory " + here + " does not exist; check the path"
                            + " (termctl creates a missing term file, never its directory)");
                }
                if (root) {
                    safeStep(trustPath, trust, here, f);
                }
                if (f.link()) {
                    if (++links > MAX_LINKS) {
                        throw new TermctlException(ExitCode.IO, "cannot resolve " + given + ": too many levels of symbolic"
                                + " links");
                    }
                    Path target = cur.readLink(c);
                    trust = f;
                    trustPath = here;
                    throughLink = last || throughLink;
                    List<Path> parts = new ArrayList<>();
                    for (Path part : target) {
                        parts.add(part);
                    }
                    for (int i = parts.size() - 1; i >= 0; i--) {
                        todo.addFirst(parts.get(i));
                    }
                    if (target.isAbsolute()) {
                        cur = cur.top();
                        if (root) {
                            safeStep(trustPath, trust, cur.real(), cur.facts());
                        }
                        trust = cur.facts();
                        trustPath = cur.real();
                    } else if (parts.isEmpty()) {
                        throw new TermctlException(ExitCode.IO, "cannot resolve " + here + ": it is an empty symbolic link");
                    }
                    continue;
                }
                if (f.directory()) {
                    if (last) {
                        throw new TermctlException(ExitCode.IO, here + " is a directory, not a term file; name the JSON"
                                + " file inside it");
                    }
                    cur = cur.down(c, f, here);
                    trust = f;
                    trustPath = here;
                    continue;
                }
                if (!last) {
                    throw new TermctlException(ExitCode.IO, "cannot resolve " + given + ": " + here + " is not a directory");
                }
                return leaf(cur, c, f, throughLink);
            }
        } catch (RuntimeException e) {
            cur.close();
            throw e;
        }
    }

    private static Leaf leaf(Cursor cur, Path name, FileFacts facts, boolean throughLink) {
        return new Leaf(cur.open(), name, facts, throughLink);
    }

    /** Past PATH_MAX: the resolution starts again from an open "/" and goes on by handle. */
    private static final class NameTooLong extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NameTooLong() {
            super(null, null, false, false);
        }
    }

    /** A directory looked at by its resolved name: nothing open until {@link #open}. */
    private static final class ByName implements Cursor {
        private final Path real;
        private final FileFacts facts;
        /** The directory holding this one, where its entry could be swapped; null when not known. */
        private final FileFacts parent;

        ByName(Path real) {
            this(real, look(real), null);
        }

        private ByName(Path real, FileFacts facts, FileFacts parent) {
            this.real = real;
            this.facts = facts;
            this.parent = parent;
        }

        private static FileFacts look(Path p) {
            FileFacts f;
            try {
                f = FileFacts.of(p);
            } catch (FileSystemException e) {
                if (e.getReason() != null && e.getReason().contains("too long")) {
                    throw new NameTooLong();
                }
                if (e instanceof AccessDeniedException) {
                    throw new TermctlException(ExitCode.IO, "cannot look into the directory " + p.getParent()
                            + ": permission denied (as " + FileFacts.owner(FileFacts.euid()) + "); run termctl as a"
                            + " user who may read it");
                }
                throw io("cannot inspect " + p, e);
            } catch (IOException e) {
                throw io("cannot inspect " + p, e);
            }
            return f;
        }

        @Override
        public Path real() {
            return real;
        }

        @Override
        public FileFacts facts() {
            return facts;
        }

        @Override
        public FileFacts lstat(Path name) {
            return look(real.resolve(name));
        }

        @Override
        public Path readLink(Path name) {
            try {
                return Files.readSymbolicLink(real.resolve(name));
            } catch (IOException e) {
                throw io("cannot read the symbolic link " + real.resolve(name), e);
            }
        }

        @Override
        public Cursor down(Path name, FileFacts expected, Path real) {
            return new ByName(real, expected, facts);
        }

        @Override
        public Cursor up() {
            Path parent = real.getParent() == null ? real : real.getParent();
            FileFacts f = look(parent);
            if (f == null || !f.directory()) {
                throw new TermctlException(ExitCode.IO, "refusing " + parent + ": it was replaced while termctl was"
                        + " resolving it; nothing was changed. Check who changes that directory, and try again");
            }
            return new ByName(parent, f, null);
        }

        @Override
        public Cursor top() {
            return new ByName(Path.of("/"));
        }

        @Override
        @SuppressWarnings("try") // the watchdog is armed for the try block alone
        public NodeDir open() {
            synchronized (DESCRIPTORS) {
                FileChannel ch;
                try (Watchdog.Armed w = parent != null ? Watchdog.arm(parent, "opening the directory " + real)
                        : Watchdog.arm("opening the directory " + real)) {
                    ch = FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
                } catch (AccessDeniedException e) {
                    throw new TermctlException(ExitCode.IO, "cannot open the directory " + real + ": permission denied"
                            + " (as " + FileFacts.owner(FileFacts.euid()) + "); run termctl as a user who may read it");
                } catch (IOException e) {
                    throw io("cannot open the directory " + real, e);
                }
                return opened(ch, facts, real);
            }
        }

        @Override
        public void close() {
            // Nothing is open.
        }
    }

    @Override
    public Path real() {
        return real;
    }

    @Override
    public Cursor down(Path name, FileFacts expected, Path real) {
        NodeDir next = openDir(name, expected, real);
        close();
        return next;
    }

    @Override
    public Cursor up() {
        NodeDir up = openDir(Path.of(".."), null, real.getParent() == null ? real : real.getParent());
        close();
        return up;
    }

    @Override
    public Cursor top() {
        close();
        return openRoot();
    }

    @Override
    public NodeDir open() {
        return this;
    }

    /**
     * Refuses, as root, a step from {@code from} (a directory or link not owned by root) to
     * {@code to} owned by another account: systemd's unsafe_transition().
     */
    private static void safeStep(Path fromPath, FileFacts from, Path toPath, FileFacts to) {
        if (from.uid() != 0 && from.uid() != to.uid()) {
            throw new TermctlException(ExitCode.IO, "refusing " + toPath + ": it is " + to.kind() + " owned by "
                    + FileFacts.owner(to.uid()) + ", reached through " + fromPath + ", " + from.kind() + " owned by "
                    + FileFacts.owner(from.uid()) + ". As root, termctl never follows what one account owns to a file"
                    + " of another, so that account cannot lead root to files it does not own; nothing was changed."
                    + " Name the real file, and give files and their directories one owner");
        }
    }

    private static NodeDir openRoot() {
        Path root = Path.of("/");
        try {
            synchronized (DESCRIPTORS) {
                FileFacts seen = FileFacts.of(root);
                FileChannel ch = FileChannel.open(root, StandardOpenOption.READ);
                try {
                    return new NodeDir(root, ch, identify(ch, seen, root));
                } catch (IOException | RuntimeException e) {
                    closeQuietly(ch);
                    throw e;
                }
            }
        } catch (IOException e) {
            throw io("cannot open /", e);
        }
    }

    /** Opens the directory {@code name} here (never through a link), checking it is the one {@code expected} describes. */
    @SuppressWarnings("try") // the watchdog is armed for the try block alone
    private NodeDir openDir(Path name, FileFacts expected, Path real) {
        FileChannel ch;
        FileFacts seen = expected;
        synchronized (DESCRIPTORS) {
            try (Watchdog.Armed w = Watchdog.arm(facts, "opening the directory " + real)) {
                if (seen == null) {
                    seen = FileFacts.of(proc.resolve(name));
                }
                ch = FileChannel.open(proc.resolve(name), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            } catch (AccessDeniedException e) {
                throw new TermctlException(ExitCode.IO, "cannot open the directory " + real + ": permission denied (as "
                        + FileFacts.owner(FileFacts.euid()) + "); run termctl as a user who may read it");
            } catch (IOException e) {
                throw io("cannot open the directory " + real, e);
            }
            return opened(ch, seen, real);
        }
    }

    private static NodeDir opened(FileChannel ch, FileFacts seen, Path real) {
        try {
            FileFacts opened = seen == null ? null : identify(ch, seen, real);
            if (opened == null || !opened.directory()) {
                throw new Replaced(real);
            }
            return new NodeDir(real, ch, opened);
        } catch (Replaced e) {
            closeQuietly(ch);
            throw new TermctlException(ExitCode.IO, "refusing " + real + ": it was replaced while termctl was"
                    + " resolving it; nothing was changed. Check who changes that directory, and try again");
        } catch (IOException e) {
            closeQuietly(ch);
            throw io("cannot inspect the directory " + real, e);
        }
    }

    /** The facts of {@code name} here, not following a link; null when there is no such file. */
    @Override
    public FileFacts lstat(Path name) {
        try {
            return FileFacts.of(proc.resolve(name));
        } catch (AccessDeniedException e) {
            throw new TermctlException(ExitCode.IO, "cannot look into the directory " + real + ": permission denied (as "
                    + FileFacts.owner(FileFacts.euid()) + "); run termctl as a user who may read it");
        } catch (IOException e) {
            throw io("cannot inspect " + real.resolve(name), e);
        }
    }

    @Override
    public Path readLink(Path name) {
        try {
            return Files.readSymbolicLink(proc.resolve(name));
        } catch (IOException e) {
            throw io("cannot read the symbolic link " + real.resolve(name), e);
        }
    }

    /**
     * Opens {@code name} here with {@code options} (never following a link at the name), bounded in
     * time by the watchdog, so a FIFO swapped in cannot hang the run. When {@code expected} is not
     * null the open must lead to the file it describes, else it throws {@link Replaced}; when null,
     * whatever was opened is the caller's to check ({@link #stat}).
     */
    FileChannel open(Path name, Set<? extends OpenOption> options, FileFacts expected) throws IOException {
        return open(name, options, expected, true);
    }

    /**
     * Opens {@code name} here as {@link #open} does, accepting whatever file is at the name by then
     * (the caller checks it, {@link #stat}); {@code looked} is what a look before found, used only to
     * find the descriptor of a file without a position (/proc/kmsg).
     */
    FileChannel openAny(Path name, Set<? extends OpenOption> options, FileFacts looked) throws IOException {
        return open(name, options, looked, false);
    }

    @SuppressWarnings("try") // the watchdog is armed for the try block alone
    private FileChannel open(Path name, Set<? extends OpenOption> options, FileFacts expected, boolean strict)
            throws IOException {
        FileChannel ch;
        synchronized (DESCRIPTORS) {
            try (Watchdog.Armed w = Watchdog.arm(facts, "opening " + real.resolve(name))) {
                ch = FileChannel.open(proc.resolve(name), options, PRIVATE);
            }
            try {
                FileFacts opened;
                try {
                    opened = identifyFile(ch, real.resolve(name));
                } catch (Unseekable e) {
                    // A kernel file (/proc/kmsg) has no position to move: by the inode looked at.
                    if (expected == null) {
                        throw new Replaced(real.resolve(name));
                    }
                    opened = identify(ch, expected, real.resolve(name));
                }
                if (strict && expected != null && !expected.same(opened)) {
                    throw new Replaced(real.resolve(name));
                }
                return ch;
            } catch (IOException | RuntimeException e) {
                closeQuietly(ch);
                throw e;
            }
        }
    }

    /**
     * Opens the regular file {@code given} for reading as {@link #chase} resolves it: never through a
     * link at its name, only a regular file, and as root only one its directory's owner owns (or
     * any, in root's directory). Null when it does not exist. {@code what} names it in messages.
     */
    static FileChannel openRegular(Path given, String what) {
        Leaf leaf = chase(given);
        try {
            Path file = leaf.path();
            if (leaf.facts() == null) {
                return null;
            }
            if (!leaf.facts().regular()) {
                throw new TermctlException(ExitCode.IO, what + " " + file + " is not a regular file (" + leaf.facts().kind()
                        + "), so termctl does not read it");
            }
            FileChannel ch;
            try {
                ch = leaf.dir().open(leaf.name(), Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS),
                        leaf.facts());
            } catch (IOException e) {
                throw io("cannot read " + what + " " + file, e);
            }
            try {
                FileFacts opened = stat(ch);
                requireOwnedHere(leaf.dir(), file, opened);
                return ch;
            } catch (IOException e) {
                closeQuietly(ch);
                throw io("cannot read " + what + " " + file, e);
            } catch (RuntimeException e) {
                closeQuietly(ch);
                throw e;
            }
        } finally {
            leaf.dir().close();
        }
    }

    /**
     * Refuses, as root, a file in {@code dir} that belongs to another account than the directory's
     * owner (unless the directory is root's): such a file was put there by someone else.
     */
    static void requireOwnedHere(NodeDir dir, Path file, FileFacts f) {
        if (FileFacts.root() && dir.facts.uid() != 0 && f.uid() != dir.facts.uid()) {
            throw new TermctlException(ExitCode.IO, "refusing " + file + ": it belongs to " + FileFacts.owner(f.uid())
                    + ", but its directory " + dir.real + " belongs to " + FileFacts.owner(dir.facts.uid()) + ". As root,"
                    + " termctl never acts on a file of one account in a directory another account owns; nothing was"
                    + " changed. Give the file and its directory one owner");
        }
    }

    /** The facts of the file {@code ch} has open (fstat): what was opened, whatever its name is now. */
    static FileFacts stat(FileChannel ch) throws IOException {
        return FileFacts.following(procOf(ch));
    }

    /**
     * Gives the open file {@code ch} this owner, group and mode (fchown and fchmod: the file itself,
     * not whatever its name leads to now). Only root gives a file away; anyone else keeps it as theirs.
     */
    static void setOwner(FileChannel ch, int uid, int gid, int mode) throws IOException {
        Path p = procOf(ch);
        FileFacts now = FileFacts.following(p);
        if ((now.uid() != uid || now.gid() != gid) && FileFacts.root()) {
            Files.setAttribute(p, "unix:uid", uid);
            Files.setAttribute(p, "unix:gid", gid);
        }
        if (now.mode() != mode) {
            Files.setAttribute(p, "unix:mode", mode);
        }
    }

    /** Renames {@code from} to {@code to} within this directory, atomically, replacing {@code to}. */
    void rename(Path from, Path to) throws IOException {
        Files.move(proc.resolve(from), proc.resolve(to), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes {@code name} from this directory (a link itself, never what it leads to); false if it was not there. */
    boolean delete(Path name) throws IOException {
        return Files.deleteIfExists(proc.resolve(name));
    }

    /** The names in this directory for which {@code filter} holds. */
    List<Path> list(DirectoryStream.Filter<Path> filter) throws IOException {
        List<Path> names = new ArrayList<>();
        // Under the lock of opens: while it lists, the directory has a descriptor that is not a channel's.
        synchronized (DESCRIPTORS) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
                for (Path p : entries) {
                    Path name = p.getFileName();
                    if (filter.accept(name)) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

    /** Makes this directory's entries durable (fsync on the open directory). */
    void sync() throws IOException {
        channel.force(true);
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    /**
     * Finds and records the descriptor behind {@code ch}, just opened on a directory: the descriptor of this
     * process that refers to the file {@code expected} describes (the same inode) and belongs to no
     * other open channel of ours. Java hides a channel's descriptor number; /proc/self/fd shows what
     * each refers to. Throws {@link Replaced} when none does (the name led elsewhere by the time of
     * the open); returns what fstat says of the file.
     */
    private static FileFacts identify(FileChannel ch, FileFacts expected, Path what) throws IOException {
        // The kernel gives an open the lowest free descriptor, so every one below ours is in use:
        // probing upwards from 0 meets ours after the few the JVM holds, one stat each. Directories
        // only: a regular file is found by its position (identifyFile).
        int misses = 0;
        for (int n = 0; misses < MAX_GAP; n++) {
            if (claimed(n)) {
                continue;
            }
            Path p = SELF_FD.resolve(Integer.toString(n));
            Object key;
            try {
                key = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
            } catch (IOException e) {
                misses++;
                continue;
            }
            if (!expected.key().equals(key)) {
                continue;
            }
            DESCRIPTORS.put(ch, n);
            return FileFacts.following(p);
        }
        throw new Replaced(what);
    }

    private static long marks;

    /** A descriptor whose position cannot be moved: found by its inode instead. */
    private static final class Unseekable extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Finds the descriptor behind {@code ch}, just opened on a regular file, by its file position:
     * the channel is moved to a position no other descriptor has, and /proc/self/fdinfo shows which
     * one moved. Whatever file the name led to by then, this is the one open, so an unlocked read
     * beside writers that rename new files in never has to look again.
     */
    private static FileFacts identifyFile(FileChannel ch, Path what) throws IOException {
        // Below 1 TiB: lseek past a file system's largest file size (ext4: 16 TiB) is refused.
        long mark = 0x7465726d00L + (++marks);
        try {
            ch.position(mark);
        } catch (IOException e) {
            throw new Unseekable();
        }
        int misses = 0;
        for (int n = 0; misses < MAX_GAP; n++) {
            if (claimed(n)) {
                continue;
            }
            String at;
            try {
                at = position(n);
            } catch (IOException e) {
                misses++;
                continue;
            }
            if (at.equals(Long.toString(mark))) {
                ch.position(0);
                FileFacts facts = FileFacts.following(SELF_FD.resolve(Integer.toString(n)));
                DESCRIPTORS.put(ch, n);
                return facts;
            }
        }
        throw new Replaced(what);
    }

    /** How many unused descriptor numbers in a row end the search: ours is below the first gap but for races. */
    private static final int MAX_GAP = 64;

    /** The file position /proc/self/fdinfo shows for descriptor {@code fd} (its first line, "pos:\tN"). */
    private static String position(int fd) throws IOException {
        String info = new String(Files.readAllBytes(SELF_FD.resolveSibling("fdinfo").resolve(Integer.toString(fd))),
                java.nio.charset.StandardCharsets.US_ASCII);
        int at = info.indexOf("pos:");
        if (at < 0) {
            return "";
        }
        int end = info.indexOf('\n', at);
        return info.substring(at + 4, end < 0 ? info.length() : end).trim();
    }

    /** Whether descriptor {@code n} belongs to a channel of ours that is still open. */
    private static boolean claimed(int n) {
        java.util.Iterator<Map.Entry<FileChannel, Integer>> it = DESCRIPTORS.entrySet().iterator();
        boolean claimed = false;
        while (it.hasNext()) {
            Map.Entry<FileChannel, Integer> e = it.next();
            if (!e.getKey().isOpen()) {
                it.remove();
            } else if (e.getValue() == n) {
                claimed = true;
            }
        }
        return claimed;
    }

    private static Path procOf(FileChannel ch) {
        Integer fd;
        synchronized (DESCRIPTORS) {
            fd = DESCRIPTORS.get(ch);
        }
        if (fd == null || !ch.isOpen()) {
            throw new IllegalStateException("not a channel NodeDir opened, or closed");
        }
        return SELF_FD.resolve(Integer.toString(fd));
    }

    static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Closing what is read-only or already failed: the first error is what matters.
        }
    }

    static TermctlException io(String what, IOException e) {
        return new TermctlException(ExitCode.IO, what + ": " + reason(e), e);
    }

    /** A short reason for an I/O error; Java's own messages are often just the path. */
    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof java.nio.file.NotDirectoryException) {
            return "a part of the path is not a directory";
        }
        if (e instanceof FileSystemException && ((FileSystemException) e).getReason() != null) {
            return ((FileSystemException) e).getReason().toLowerCase(java.util.Locale.ROOT);
        }
        String m = e.getMessage();
        return m == null ? "an I/O error" : m.replace("/proc/self/fd/", "descriptor ");
    }
}
