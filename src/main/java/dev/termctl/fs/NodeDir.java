package dev.termctl.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One opened directory, and every step termctl takes in it done relative to that open handle, as
 * openat(2), renameat(2) and unlinkat(2) do (through /proc/self/fd/N, which Java reaches with its
 * ordinary file API): once a term file's directory is open, renaming it away or swapping a link in
 * its place cannot send a later step anywhere else. {@link Chase} finds it; {@link Descriptors}
 * finds the descriptor behind each open.
 */
public final class NodeDir implements AutoCloseable, Cursor {

    /** Created private whatever the umask; the final owner and mode are set on the open file. */
    static final FileAttribute<Set<PosixFilePermission>> PRIVATE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private final Path real;
    private final FileChannel channel;
    private final Path proc;
    private final FileFacts facts;

    private NodeDir(Path real, FileChannel channel, FileFacts facts) {
        this.real = real;
        this.channel = channel;
        this.proc = Descriptors.procOf(channel);
        this.facts = facts;
    }

    /** An open found to refer to another file than the one looked at: something replaced it in between. */
    public static final class Replaced extends IOException {
        private static final long serialVersionUID = 1L;

        public Replaced(Path p) {
            super("it was replaced while termctl was opening it");
        }
    }

    /** The directory's path as resolved from "/": for messages and reports. */
    public Path path() {
        return real;
    }

    /** The open directory as /proc/self/fd/N, valid while it is open: its /proc/self/fdinfo/N names its mount. */
    public Path descriptor() {
        return proc;
    }

    /** Who owns the directory and how it is set. */
    @Override
    public FileFacts facts() {
        return facts;
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

    static NodeDir openRoot() {
        Path root = Path.of("/");
        try {
            synchronized (Descriptors.LOCK) {
                FileFacts seen = FileFacts.of(root);
                FileChannel ch = FileChannel.open(root, StandardOpenOption.READ);
                try {
                    return new NodeDir(root, ch, Descriptors.identify(ch, seen, root));
                } catch (IOException | RuntimeException e) {
                    closeQuietly(ch);
                    throw e;
                }
            }
        } catch (IOException e) {
            throw FileFailure.Io.of(FileFailure.Io.Op.OPEN, root, e);
        }
    }

    /** Opens the directory {@code name} here (never through a link), checking it is the one {@code expected} describes. */
    @SuppressWarnings("try") // the watchdog is armed for the try block alone
    private NodeDir openDir(Path name, FileFacts expected, Path real) {
        FileChannel ch;
        FileFacts seen = expected;
        synchronized (Descriptors.LOCK) {
            try (Watchdog.Armed w = Watchdog.arm(facts, real, true)) {
                if (seen == null) {
                    seen = FileFacts.of(proc.resolve(name));
                }
                ch = FileChannel.open(proc.resolve(name), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                // Permission denied included: the command line says as whom.
                throw FileFailure.Io.of(FileFailure.Io.Op.OPEN_DIRECTORY, real, e);
            }
            return opened(ch, seen, real);
        }
    }

    /** The directory {@code ch} has open at {@code real}, once checked to be the directory {@code seen} describes. */
    static NodeDir opened(FileChannel ch, FileFacts seen, Path real) {
        try {
            FileFacts opened = seen == null ? null : Descriptors.identify(ch, seen, real);
            if (opened == null || !opened.directory()) {
                throw new Replaced(real);
            }
            return new NodeDir(real, ch, opened);
        } catch (Replaced e) {
            closeQuietly(ch);
            throw FileFailure.Refused.of(FileFailure.Refused.Why.REPLACED, real);
        } catch (IOException e) {
            closeQuietly(ch);
            throw FileFailure.Io.of(FileFailure.Io.Op.INSPECT_DIRECTORY, real, e);
        }
    }

    /** The facts of {@code name} here, not following a link; null when there is no such file. */
    @Override
    public FileFacts lstat(Path name) {
        try {
            return FileFacts.of(proc.resolve(name));
        } catch (AccessDeniedException e) {
            throw FileFailure.Io.of(FileFailure.Io.Op.LOOK_INTO, real, e);
        } catch (IOException e) {
            throw FileFailure.Io.of(FileFailure.Io.Op.INSPECT, real.resolve(name), e);
        }
    }

    @Override
    public Path readLink(Path name) {
        try {
            return Files.readSymbolicLink(proc.resolve(name));
        } catch (IOException e) {
            throw FileFailure.Io.of(FileFailure.Io.Op.READ_LINK, real.resolve(name), e);
        }
    }

    /**
     * Opens {@code name} here with {@code options} (never following a link at the name), bounded in
     * time by the watchdog, so a FIFO swapped in cannot hang the run. When {@code expected} is not
     * null the open must lead to the file it describes, else it throws {@link Replaced}; when null,
     * whatever was opened is the caller's to check ({@link Descriptors#stat}).
     */
    public FileChannel open(Path name, Set<? extends OpenOption> options, FileFacts expected) throws IOException {
        return open(name, options, expected, true);
    }

    /**
     * Opens {@code name} here as {@link #open} does, accepting whatever file is at the name by then
     * (the caller checks it, {@link Descriptors#stat}); {@code looked} is what a look before found,
     * used only to find the descriptor of a file without a position (/proc/kmsg).
     */
    public FileChannel openAny(Path name, Set<? extends OpenOption> options, FileFacts looked) throws IOException {
        return open(name, options, looked, false);
    }

    @SuppressWarnings("try") // the watchdog is armed for the try block alone
    private FileChannel open(Path name, Set<? extends OpenOption> options, FileFacts expected, boolean strict)
            throws IOException {
        FileChannel ch;
        synchronized (Descriptors.LOCK) {
            try (Watchdog.Armed w = Watchdog.arm(facts, real.resolve(name), false)) {
                ch = FileChannel.open(proc.resolve(name), options, PRIVATE);
            }
            try {
                FileFacts opened;
                try {
                    opened = Descriptors.identifyFile(ch, real.resolve(name));
                } catch (Descriptors.Unseekable e) {
                    // A kernel file (/proc/kmsg) has no position to move: by the inode looked at.
                    if (expected == null) {
                        throw new Replaced(real.resolve(name));
                    }
                    opened = Descriptors.identify(ch, expected, real.resolve(name));
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
     * Refuses, as root, a file in this directory that belongs to another account than the
     * directory's owner (unless the directory is root's): such a file was put there by someone else.
     */
    public void requireOwnedHere(Path file, FileFacts f) {
        if (FileFacts.root() && facts.uid() != 0 && f.uid() != facts.uid()) {
            throw FileFailure.Refused.foreignFile(file, f.uid(), real, facts.uid());
        }
    }

    /** Renames {@code from} to {@code to} within this directory, atomically, replacing {@code to}. */
    void rename(Path from, Path to) throws IOException {
        Files.move(proc.resolve(from), proc.resolve(to), StandardCopyOption.ATOMIC_MOVE);
    }

    /** Removes {@code name} from this directory (a link itself, never what it leads to); false if it was not there. */
    public boolean delete(Path name) throws IOException {
        return Files.deleteIfExists(proc.resolve(name));
    }

    /**
     * The names in this directory for which {@code filter} holds, streamed: at most {@code maxNames}
     * of them, among its first {@code maxScanned} names, so that no directory another account
     * fills costs more than that.
     */
    Listing list(DirectoryStream.Filter<Path> filter, int maxNames, int maxScanned) throws IOException {
        List<Path> names = new ArrayList<>();
        boolean whole = true;
        int scanned = 0;
        // Under the lock of opens: while it lists, the directory has a descriptor that is not a channel's.
        synchronized (Descriptors.LOCK) {
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(proc)) {
                for (Path p : entries) {
                    if (scanned++ == maxScanned) {
                        whole = false;
                        break;
                    }
                    Path name = p.getFileName();
                    if (filter.accept(name)) {
                        if (names.size() == maxNames) {
                            whole = false;
                            break;
                        }
                        names.add(name);
                    }
                }
            }
        }
        return new Listing(names, whole);
    }

    /** What {@link #list} found, and whether it looked through the whole directory for them. */
    public record Listing(List<Path> names, boolean whole) {
    }

    /** Makes this directory's entries durable (fsync on the open directory). */
    public void sync() throws IOException {
        channel.force(true);
    }

    @Override
    public void close() {
        closeQuietly(channel);
    }

    public static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // Closing what is read-only or already failed: the first error is what matters.
        }
    }
}
