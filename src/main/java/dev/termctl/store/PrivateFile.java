package dev.termctl.store;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Opening the files termctl keeps beside a term file (its lock, its journal) the way root must open
 * files in a directory others may reach: never through a link, created private whatever the umask,
 * and checked once open (a regular file with one link, owned by the term file's owner, root or us)
 * before a byte of it is changed. The term file's own temp file is created the same private way.
 */
final class PrivateFile {

    /** rw------- at creation; the final owner, group and mode are set explicitly (a chmod ignores the umask). */
    static final FileAttribute<Set<PosixFilePermission>> ATTRIBUTE =
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

    private static final Set<OpenOption> OPTIONS = Set.of(StandardOpenOption.CREATE, StandardOpenOption.READ,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);

    private PrivateFile() {
    }

    /**
     * Opens {@code p} for reading and writing, creating it if missing, and gives it {@code owner}'s
     * owner, group and side mode. {@code what} names it in messages ("the lock file").
     */
    static FileChannel open(Path p, FileTermStore.Owner owner, String what) {
        FileFacts before = facts(p, what);
        if (before != null && !before.regular()) {
            throw refuse(p, what, before.link() ? "it is a symbolic link" : before.directory() ? "it is a directory"
                    : "it is not a regular file (a FIFO, socket or device)");
        }
        FileChannel channel;
        try {
            channel = FileChannel.open(p, OPTIONS, ATTRIBUTE);
        } catch (FileSystemException e) {
            if (e.getReason() != null && e.getReason().contains("symbolic links")) {
                throw refuse(p, what, "it is a symbolic link");
            }
            throw FileTermStore.io("cannot open " + what + " " + p + (e instanceof java.nio.file.AccessDeniedException
                    ? " (was it left by a termctl run as another user? As root, chown it to the term file's owner"
                            + " or remove it)" : ""), e);
        } catch (IOException e) {
            throw FileTermStore.io("cannot open " + what + " " + p, e);
        }
        try {
            FileFacts after = facts(p, what);
            if (after == null || !after.regular()) {
                throw refuse(p, what, "it changed into something other than a regular file while being opened");
            }
            if (after.nlink() != 1) {
                throw refuse(p, what, "it has " + after.nlink() + " hard links, so writing it would change another file");
            }
            int me = FileFacts.euid();
            if (after.uid() != owner.uid() && after.uid() != 0 && after.uid() != me) {
                throw refuse(p, what, "it belongs to uid " + after.uid() + ", neither the term file's owner (uid "
                        + owner.uid() + ") nor root, so another user may have planted it");
            }
            int mode = owner.sideMode();
            if (after.uid() != owner.uid() || after.gid() != owner.gid() || after.mode() != mode) {
                try {
                    FileFacts.set(p, owner.uid(), owner.gid(), mode);
                } catch (IOException e) {
                    if (me == 0 || after.uid() == me) {
                        throw FileTermStore.io("cannot set the owner and mode of " + what + " " + p, e);
                    }
                    // Someone else's file we may use but not change (root's, say): use it as it is.
                }
            }
            return channel;
        } catch (RuntimeException e) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // The refusal is what matters.
            }
            throw e;
        }
    }

    private static FileFacts facts(Path p, String what) {
        try {
            return FileFacts.of(p);
        } catch (IOException e) {
            throw FileTermStore.io("cannot inspect " + what + " " + p, e);
        }
    }

    private static TermctlException refuse(Path p, String what, String why) {
        return new TermctlException(ExitCode.IO, "refusing to use " + what + " " + p + ": " + why
                + "; nothing was changed. Remove it (rm " + p + ") if no termctl is running, and check who made it");
    }
}
