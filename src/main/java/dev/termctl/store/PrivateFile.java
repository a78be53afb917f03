package dev.termctl.store;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Opening the files termctl keeps beside a term file (its lock, its journal) the way root must open
 * files in a directory others may reach: relative to the open directory, never through a link,
 * created private whatever the umask, and checked once open (a regular file with one link, owned by
 * the term file's owner or the directory's) before a byte of it is changed. Only a file this run
 * created is given an owner.
 */
final class PrivateFile {

    private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> EXISTING = Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);

    /** An open side file, and whether this run created it. */
    record Opened(FileChannel channel, boolean created) {
    }

    private PrivateFile() {
    }

    /**
     * Opens {@code name} in {@code dir} for reading and writing, creating it if missing. A file this
     * run creates gets {@code owner}'s owner and group and {@code mode}; an existing one is checked
     * and, when {@code adopt}, given the same. O_RDWR never waits on a FIFO, and the checks refuse one.
     * {@code what} names it in messages ("the lock file").
     */
    static Opened open(NodeDir dir, Path name, FileTermStore.Owner owner, int mode, boolean adopt, String what) {
        Path p = dir.path().resolve(name);
        FileChannel channel;
        boolean created;
        try {
            try {
                channel = dir.open(name, CREATE_NEW, null);
                created = true;
            } catch (FileAlreadyExistsException e) {
                FileFacts seen = dir.lstat(name);
                if (seen == null) {
                    throw new NodeDir.Replaced(p);
                }
                if (!seen.regular()) {
                    throw refuse(p, what, "it is " + seen.kind());
                }
                channel = dir.open(name, EXISTING, seen);
                created = false;
            }
        } catch (NodeDir.Replaced e) {
            throw refuse(p, what, "it was replaced while termctl was opening it");
        } catch (FileSystemException e) {
            if (e.getReason() != null && (e.getReason().contains("symbolic links") || e.getReason().contains("levels"))) {
                throw refuse(p, what, "it is a symbolic link");
            }
            if (e.getReason() != null && e.getReason().contains("directory")) {
                throw refuse(p, what, "it is a directory");
            }
            throw NodeDir.io("cannot open " + what + " " + p + (e instanceof java.nio.file.AccessDeniedException
                    ? " (was it left by a termctl run as another user? As root, chown it to the term file's owner"
                            + " or remove it)" : ""), e);
        } catch (IOException e) {
            throw NodeDir.io("cannot open " + what + " " + p, e);
        }
        try {
            FileFacts after = NodeDir.stat(channel);
            if (!after.regular()) {
                throw refuse(p, what, "it is " + after.kind());
            }
            if (after.nlink() != 1) {
                throw refuse(p, what, "it has " + after.nlink() + " hard links, so writing it would change another file");
            }
            int me = FileFacts.euid();
            // An existing side file must be the term file's owner's or its directory's (or, for a user
            // who is not root, the user's own): as root, a file of anyone else (a root file the
            // account renamed into its directory) is never used, let alone given away.
            boolean ours = after.uid() == owner.uid() || after.uid() == dir.facts().uid() || (me != 0 && after.uid() == me);
            if (!created && !ours) {
                throw refuse(p, what, "it belongs to " + FileFacts.owner(after.uid()) + ", neither the term file's owner ("
                        + FileFacts.owner(owner.uid()) + ") nor its directory's, so another user may have planted it");
            }
            if (created) {
                NodeDir.setOwner(channel, owner.uid(), owner.gid(), mode);
            } else if (adopt && after.mode() != mode) {
                try {
                    // Only the mode of an existing file (a lock left by an older termctl): never its owner.
                    NodeDir.setOwner(channel, after.uid(), after.gid(), mode);
                } catch (IOException e) {
                    if (me == 0 || after.uid() == me) {
                        throw NodeDir.io("cannot set the mode of " + what + " " + p, e);
                    }
                    // Someone else's file we may use but not change: use it as it is.
                }
            }
            return new Opened(channel, created);
        } catch (IOException e) {
            NodeDir.closeQuietly(channel);
            throw NodeDir.io("cannot inspect " + what + " " + p, e);
        } catch (RuntimeException e) {
            NodeDir.closeQuietly(channel);
            throw e;
        }
    }

    private static TermctlException refuse(Path p, String what, String why) {
        return new TermctlException(ExitCode.IO, "refusing to use " + what + " " + p + ": " + why
                + "; nothing was changed. Remove it (rm " + p + ") if no termctl is running, and check who made it");
    }
}
