package dev.termctl.store;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import java.io.FileDescriptor;
import java.io.IOException;
import java.lang.reflect.Field;
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
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
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
final class NodeDir implements AutoCloseable {

    /** Created private whatever the umask; the final owner and mode are set on the open file. */
    static final FileAttribute<Set<PosixFilePermission>> PRIVATE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private static final int MAX_LINKS = 40;
    private static final Field CHANNEL_FD;
    private static final Field DESCRIPTOR_FD;

    static {
        Field channelFd = null;
        Field descriptorFd = null;
        try {
            channelFd = Class.forName("sun.nio.ch.FileChannelImpl").getDeclaredField("fd");
            channelFd.setAccessible(true);
            descriptorFd = FileDescriptor.class.getDeclaredField("fd");
            descriptorFd.setAccessible(true);
        } catch (ReflectiveOperationException | RuntimeException e) {
            channelFd = null;
        }
        CHANNEL_FD = channelFd;
        DESCRIPTOR_FD = descriptorFd;
    }

    private final Path real;
    private final FileChannel channel;
    private final Path proc;
    private final FileFacts facts;

    private NodeDir(Path real, FileChannel channel, FileFacts facts) {
        this.real = real;
        this.channel = channel;
        this.proc = Path.of("/proc/self/fd/" + fd(channel));
        this.facts = facts;
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
    FileFacts facts() {
        return facts;
    }

    /**
     * Resolves {@code given} (made absolute) one component at a time; see the class comment. Links
     * in the middle and at the end are followed within the rules; a missing last component is a
     * leaf with no facts; a missing directory, a directory or other non-file at the end, and an
     * unsafe step as root are refused (74).
     */
    static Leaf chase(Path given) {
        Path abs = given.toAbsolutePath();
        boolean root = FileFacts.root();
        Deque<Path> todo = new ArrayDeque<>();
        for (Path part : abs) {
            todo.add(part);
        }
        if (todo.isEmpty()) {
            throw new TermctlException(ExitCode.IO, "/ is a directory, not a term file; name the JSON file inside it");
        }
        NodeDir cur = openRoot();
        FileFacts trust = cur.facts;
        Path trustPath = cur.real;
        int links = 0;
        boolean throughLink = false;
        try {
            while (true) {
                Path c = todo.pollFirst();
                boolean last = todo.isEmpty();
                String name = c.toString();
                if (name.equals(".") || name.equals("..")) {
                    if (last) {
                        throw new TermctlException(ExitCode.IO, cur.real.resolve(c) + " is a directory, not a term file;"
                                + " name the JSON file inside it");
                    }
                    if (name.equals("..")) {
                        NodeDir up = cur.openDir(c, null, cur.real.getParent() == null ? cur.real : cur.real.getParent());
                        if (root) {
                            safeStep(trustPath, trust, up.real, up.facts);
                        }
                        cur.close();
                        cur = up;
                        trust = up.facts;
                        trustPath = up.real;
                    }
                    continue;
                }
                FileFacts f = cur.lstat(c);
                Path here = cur.real.resolve(c);
                if (f == null) {
                    if (last) {
                        NodeDir dir = cur;
                        cur = null;
                        return new Leaf(dir, c, null, throughLink);
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
                        cur.close();
                        cur = openRoot();
                        if (root) {
                            safeStep(trustPath, trust, cur.real, cur.facts);
                        }
                        trust = cur.facts;
                        trustPath = cur.real;
                    }
                    if (parts.isEmpty() && !target.isAbsolute()) {
                        throw new TermctlException(ExitCode.IO, "cannot resolve " + here + ": it is an empty symbolic link");
                    }
                    continue;
                }
                if (f.directory()) {
                    if (last) {
                        throw new TermctlException(ExitCode.IO, here + " is a directory, not a term file; name the JSON"
                                + " file inside it");
                    }
                    NodeDir next = cur.openDir(c, f, here);
                    cur.close();
                    cur = next;
                    trust = f;
                    trustPath = here;
                    continue;
                }
                if (!last) {
                    throw new TermctlException(ExitCode.IO, "cannot resolve " + given + ": " + here + " is not a directory");
                }
                NodeDir dir = cur;
                cur = null;
                return new Leaf(dir, c, f, throughLink);
            }
        } finally {
            if (cur != null) {
                cur.close();
            }
        }
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
            FileChannel ch = FileChannel.open(root, StandardOpenOption.READ);
            return new NodeDir(root, ch, FileFacts.following(procOf(ch)));
        } catch (IOException e) {
            throw io("cannot open /", e);
        }
    }

    /** Opens the directory {@code name} here (never through a link), checking it is the one {@code expected} describes. */
    private NodeDir openDir(Path name, FileFacts expected, Path real) {
        FileChannel ch;
        try (Watchdog.Armed w = Watchdog.arm("opening the directory " + real)) {
            ch = FileChannel.open(proc.resolve(name), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
        } catch (AccessDeniedException e) {
            throw new TermctlException(ExitCode.IO, "cannot open the directory " + real + ": permission denied (as "
                    + FileFacts.owner(FileFacts.euid()) + "); run termctl as a user who may read it");
        } catch (IOException e) {
            throw io("cannot open the directory " + real, e);
        }
        try {
            FileFacts opened = FileFacts.following(procOf(ch));
            if (!opened.directory() || (expected != null && !expected.same(opened))) {
                throw new TermctlException(ExitCode.IO, "refusing " + real + ": it was replaced while termctl was"
                        + " resolving it; nothing was changed. Check who changes that directory, and try again");
            }
            return new NodeDir(real, ch, opened);
        } catch (IOException | RuntimeException e) {
            closeQuietly(ch);
            if (e instanceof IOException) {
                throw io("cannot inspect the directory " + real, (IOException) e);
            }
            throw (RuntimeException) e;
        }
    }

    /** The facts of {@code name} here, not following a link; null when there is no such file. */
    FileFacts lstat(Path name) {
        try {
            return FileFacts.of(proc.resolve(name));
        } catch (AccessDeniedException e) {
            throw new TermctlException(ExitCode.IO, "cannot look into the directory " + real + ": permission denied (as "
                    + FileFacts.owner(FileFacts.euid()) + "); run termctl as a user who may read it");
        } catch (IOException e) {
            throw io("cannot inspect " + real.resolve(name), e);
        }
    }

    private Path readLink(Path name) {
        try {
            return Files.readSymbolicLink(proc.resolve(name));
        } catch (IOException e) {
            throw io("cannot read the symbolic link " + real.resolve(name), e);
        }
    }

    /**
     * Opens {@code name} here with {@code options} (never following a link at the name), bounded in
     * time by the watchdog, so a FIFO swapped in cannot hang the run.
     */
    FileChannel open(Path name, Set<? extends OpenOption> options) throws IOException {
        try (Watchdog.Armed w = Watchdog.arm("opening " + real.resolve(name))) {
            return FileChannel.open(proc.resolve(name), options, PRIVATE);
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
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
            for (Path p : entries) {
                Path name = p.getFileName();
                if (filter.accept(name)) {
                    names.add(name);
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

    private static Path procOf(FileChannel ch) {
        return Path.of("/proc/self/fd/" + fd(ch));
    }

    /** The descriptor number behind {@code ch}. */
    private static int fd(FileChannel ch) {
        if (CHANNEL_FD == null) {
            throw new TermctlException(ExitCode.INTERNAL, "termctl was started without the JVM options its launcher"
                    + " gives (--add-opens java.base/sun.nio.ch=ALL-UNNAMED --add-opens java.base/java.io=ALL-UNNAMED),"
                    + " which it needs to act on files relative to an open directory; run it through the termctl command");
        }
        try {
            return DESCRIPTOR_FD.getInt(CHANNEL_FD.get(ch));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
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
