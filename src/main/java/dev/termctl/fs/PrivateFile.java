package dev.termctl.fs;

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
public final class PrivateFile {

    private static final Set<OpenOption> CREATE_NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.READ,
            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> EXISTING = Set.of(StandardOpenOption.READ, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);

    /** An open side file, and whether this run created it. */
    public record Opened(FileChannel channel, boolean created) {
    }

    private PrivateFile() {
    }

    /**
     * Opens {@code name} in {@code dir} for reading and writing, creating it if missing. A file this
     * run creates gets {@code owner}'s owner and group and {@code mode}; an existing one is checked
     * and, when {@code adopt}, given the same. O_RDWR never waits on a FIFO, and the checks refuse one.
     * {@code what} names it in messages ("the lock file").
     */
    public static Opened open(NodeDir dir, Path name, Owner owner, int mode, boolean adopt, String what) {
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
                    throw FileFailure.Refused.sideNotRegular(p, what, seen.fileType());
                }
                channel = dir.open(name, EXISTING, seen);
                created = false;
            }
        } catch (NodeDir.Replaced e) {
            throw FileFailure.Refused.sideReplaced(p, what);
        } catch (FileSystemException e) {
            if (e.getReason() != null && (e.getReason().contains("symbolic links") || e.getReason().contains("levels"))) {
                throw FileFailure.Refused.sideNotRegular(p, what, FileFailure.FileType.LINK);
            }
            if (e.getReason() != null && e.getReason().contains("directory")) {
                throw FileFailure.Refused.sideNotRegular(p, what, FileFailure.FileType.DIRECTORY);
            }
            // Permission denied included: the command line says whose it may be.
            throw FileFailure.Io.of(FileFailure.Io.Op.OPEN, what, p, e);
        } catch (IOException e) {
            throw FileFailure.Io.of(FileFailure.Io.Op.OPEN, what, p, e);
        }
        try {
            FileFacts after = Descriptors.stat(channel);
            if (!after.regular()) {
                throw FileFailure.Refused.sideNotRegular(p, what, after.fileType());
            }
            if (after.nlink() != 1) {
                throw FileFailure.Refused.sideHardLinks(p, what, after.nlink());
            }
            int me = FileFacts.euid();
            // An existing side file must be the term file's owner's or its directory's (or, for a user
            // who is not root, the user's own): as root, a file of anyone else (a root file the
            // account renamed into its directory) is never used, let alone given away.
            boolean ours = after.uid() == owner.uid() || after.uid() == dir.facts().uid() || (me != 0 && after.uid() == me);
            if (!created && !ours) {
                throw FileFailure.Refused.sideForeign(p, what, after.uid(), owner.uid());
            }
            if (created) {
                Descriptors.setOwner(channel, owner.uid(), owner.gid(), mode);
            } else if (adopt && after.mode() != mode) {
                try {
                    // Only the mode of an existing file (a lock left by an older termctl): never its owner.
                    Descriptors.setOwner(channel, after.uid(), after.gid(), mode);
                } catch (IOException e) {
                    if (me == 0 || after.uid() == me) {
                        throw FileFailure.Io.of(FileFailure.Io.Op.SET_MODE, what, p, e);
                    }
                    // Someone else's file we may use but not change: use it as it is.
                }
            }
            return new Opened(channel, created);
        } catch (IOException e) {
            NodeDir.closeQuietly(channel);
            throw FileFailure.Io.of(FileFailure.Io.Op.INSPECT, what, p, e);
        } catch (RuntimeException e) {
            NodeDir.closeQuietly(channel);
            throw e;
        }
    }
}
