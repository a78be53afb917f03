package dev.termctl.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A directory looked at by its resolved name, as {@link Chase} walks while names are short: nothing
 * open until {@link #open}, which opens the directory once and checks it is the one the looks approved.
 */
final class ByName implements Cursor {
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
                throw new Chase.NameTooLong();
            }
            if (e instanceof AccessDeniedException) {
                throw FileFailure.Io.of(FileFailure.Io.Op.LOOK_INTO, p.getParent(), e);
            }
            throw FileFailure.Io.of(FileFailure.Io.Op.INSPECT, p, e);
        } catch (IOException e) {
            throw FileFailure.Io.of(FileFailure.Io.Op.INSPECT, p, e);
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
            throw FileFailure.Io.of(FileFailure.Io.Op.READ_LINK, real.resolve(name), e);
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
            throw FileFailure.Refused.of(FileFailure.Refused.Why.REPLACED, parent);
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
        synchronized (Descriptors.LOCK) {
            FileChannel ch;
            try (Watchdog.Armed w = parent != null ? Watchdog.arm(parent, real, true) : Watchdog.arm(real, true)) {
                ch = FileChannel.open(real, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
            } catch (IOException e) {
                // Permission denied included: the command line says as whom.
                throw FileFailure.Io.of(FileFailure.Io.Op.OPEN_DIRECTORY, real, e);
            }
            return NodeDir.opened(ch, facts, real);
        }
    }

    @Override
    public void close() {
        // Nothing is open.
    }
}
