package dev.termctl.fs;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.zip.CRC32;

/**
 * Replaces a file in an open directory atomically and durably: a new temp file (O_CREAT|O_EXCL, so it
 * never opens an existing file nor follows a planted link), written, given the owner, group and mode
 * through its own descriptor, fsynced, renamed over the target, and the directory fsynced. Every
 * failure is reported, none ignored, and the temp file never outlives the call.
 */
public final class AtomicReplace {

    private static final Set<OpenOption> NEW = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);
    private static final String MARK = ".termctl-";
    private static final String SUFFIX = ".tmp";

    private AtomicReplace() {
    }

    /**
     * The prefix of the temp files of {@code name}: ".NAME.termctl-" where that leaves room for the
     * pid and time, else ".termctl-CRC-" (a long name's own temp name would pass the 255-byte limit).
     */
    static String tempPrefix(Path name) {
        String plain = "." + name + MARK;
        if (plain.getBytes(StandardCharsets.UTF_8).length + 48 <= FileLimits.MAX_NAME_BYTES) {
            return plain;
        }
        CRC32 crc = new CRC32();
        crc.update(name.toString().getBytes(StandardCharsets.UTF_8));
        return MARK + Long.toHexString(crc.getValue()) + "-";
    }

    /** Writes {@code content} to {@code name} in {@code dir}, as described above. */
    public static void replace(NodeDir dir, Path name, byte[] content, Owner owner, Faults faults) {
        Path temp = Path.of(tempPrefix(name) + FileFacts.pid() + "-" + Long.toUnsignedString(System.nanoTime()) + SUFFIX);
        Path tempPath = dir.path().resolve(temp);
        Path target = dir.path().resolve(name);
        boolean moved = false;
        try {
            try {
                faults.at(Faults.Step.CREATE_TEMP);
            } catch (IOException e) {
                throw FileFailure.Io.of(FileFailure.Io.Op.CREATE_TEMP, tempPath, e);
            }
            try (FileChannel out = dir.open(temp, NEW, null)) {
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
                Descriptors.setOwner(out, owner.uid(), owner.gid(), owner.termMode());
                faults.at(Faults.Step.FSYNC_TEMP);
                out.force(true);
            } catch (IOException e) {
                throw FileFailure.Io.of(FileFailure.Io.Op.WRITE_TEMP, tempPath, e);
            }
            try {
                faults.at(Faults.Step.RENAME);
                dir.rename(temp, name);
                moved = true;
            } catch (IOException e) {
                throw FileFailure.Io.of(FileFailure.Io.Op.RENAME, tempPath, target, e);
            }
            // Without this the rename may not survive a crash, and the node could come back on the
            // old term, briefly admitting what it had already fenced.
            try {
                faults.at(Faults.Step.FSYNC_DIR);
                dir.sync();
            } catch (IOException e) {
                throw FileFailure.Io.of(FileFailure.Io.Op.SYNC_DIRECTORY, dir.path(), target, e);
            }
        } finally {
            if (!moved) {
                try {
                    dir.delete(temp);
                } catch (IOException ignored) {
                    // The next writer removes it under the lock.
                }
            }
        }
    }

    /**
     * Deletes temp files of {@code name} that a killed termctl left: only ours, recognised by name,
     * under the lock; at most {@link FileLimits#MAX_STALE_REMOVALS}, among the directory's first
     * {@link FileLimits#MAX_STALE_SCAN} names. Returns the names it removed, and whether it looked through
     * the whole directory (when not, some may be left for the next write).
     */
    public static NodeDir.Listing removeStale(NodeDir dir, Path name) {
        String prefix = tempPrefix(name);
        DirectoryStream.Filter<Path> ours = new DirectoryStream.Filter<>() {
            @Override
            public boolean accept(Path p) {
                // PREFIX, then only our PID-TIME.tmp: ".a.termctl-" must not take the temps of "a.termctl-x".
                String n = p.toString();
                return n.startsWith(prefix) && n.endsWith(SUFFIX)
                        && n.substring(prefix.length(), n.length() - SUFFIX.length()).matches("[0-9]+-[0-9]+");
            }
        };
        try {
            NodeDir.Listing stale = dir.list(ours, FileLimits.MAX_STALE_REMOVALS, FileLimits.MAX_STALE_SCAN);
            for (Path p : stale.names()) {
                dir.delete(p);
            }
            return stale;
        } catch (IOException e) {
            throw FileFailure.Io.of(FileFailure.Io.Op.CLEAN_UP, dir.path().resolve(name), e);
        }
    }
}
