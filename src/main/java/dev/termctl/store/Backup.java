package dev.termctl.store;

import dev.termctl.format.TermFileFormat;
import dev.termctl.fs.Descriptors;
import dev.termctl.fs.Faults;
import dev.termctl.fs.NodeDir;
import dev.termctl.fs.Owner;
import dev.termctl.journal.Journal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * What repair replaces: a term file that exists but is not valid, read whole (up to
 * {@link Limits#MAX_BACKUP_BYTES}) so that a byte-exact copy, FILE.corrupt-TIME, is kept beside it.
 */
final class Backup {

    private static final Set<OpenOption> NEW_COPY = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);

    /** Why the file is not valid, in words of the format. */
    final String why;
    /** The file, all of it, to be kept. */
    final byte[] bytes;

    private Backup(String why, byte[] bytes) {
        this.why = why;
        this.bytes = bytes;
    }

    /**
     * The damaged file {@code name} in {@code dir}, or null when there is none. Refuses a file that
     * does not need repair or must not get it: a valid one, a last vote (or one that mentions a
     * vote), one RedDB reads, one with several names, or one too large to keep a copy of.
     */
    static Backup examine(NodeDir dir, Path name, Faults faults) {
        Path file = dir.path().resolve(name);
        TermFile.Opened opened = TermFile.open(dir, name, faults);
        if (opened == null) {
            return null;
        }
        try {
            TermFile.singleLink(file, opened.facts);
            if (opened.facts.size() > Limits.MAX_BACKUP_BYTES) {
                throw StoreFailure.TooLarge.of(StoreFailure.TooLarge.Bound.BACKUP, file, opened.facts.size(),
                        Limits.MAX_BACKUP_BYTES);
            }
            byte[] bytes = opened.read(file, Limits.MAX_BACKUP_BYTES);
            try {
                TermFileFormat.Document valid = TermFileFormat.parse(bytes);
                if (valid.lastVote()) {
                    throw StoreFailure.LastVote.of(file, false);
                }
                throw StoreFailure.NotDamaged.of(file, valid.term());
            } catch (TermFileFormat.InvalidTermFile e) {
                if (new String(bytes, StandardCharsets.ISO_8859_1).contains("voted_for")) {
                    throw StoreFailure.LastVote.of(file, true);
                }
                if (!e.redDbRefuses()) {
                    throw StoreFailure.Damaged.of(StoreFailure.Damaged.Found.REPAIRING, file, e, null);
                }
                return new Backup(e.getMessage(), bytes);
            }
        } finally {
            NodeDir.closeQuietly(opened.channel);
        }
    }

    /**
     * Writes the bytes, exactly, to a new FILE.corrupt-TIME beside the file ({@code seconds} since
     * the epoch; -1, -2... added when taken), durably, with the file's owner and mode. Never over
     * another file.
     */
    Path keep(NodeDir dir, Path name, Owner owner, long seconds) throws IOException {
        String base = name + ".corrupt-" + compactTime(seconds);
        for (int n = 0; ; n++) {
            Path copy = Path.of(n == 0 ? base : base + "-" + n);
            FileChannel out;
            try {
                out = dir.open(copy, NEW_COPY, null);
            } catch (FileAlreadyExistsException e) {
                if (n == 99) {
                    throw e;
                }
                continue;
            }
            boolean done = false;
            try {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                Descriptors.setOwner(out, owner.uid(), owner.gid(), owner.termMode());
                out.force(true);
                done = true;
            } finally {
                NodeDir.closeQuietly(out);
                if (!done) {
                    dir.delete(copy);
                }
            }
            dir.sync();
            return dir.path().resolve(copy);
        }
    }

    /** 20261126T051000Z: a time for a file name. */
    private static String compactTime(long seconds) {
        return Journal.Stamp.rfc3339(seconds).replace("-", "").replace(":", "");
    }
}
