package dev.termctl.store;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.core.Term;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The append-only journal of term writes: one JSON line per write, appended and fsynced under the
 * term file's lock, so its order is the order of the writes.
 */
public final class Journal implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;

    private Journal(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Opens (creating) the journal for appending; done before a write, so a bad journal stops it early. */
    public static Journal open(Path path) {
        try {
            return new Journal(path, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND));
        } catch (IOException e) {
            throw FileTermStore.io("cannot open the journal " + path + " for appending; nothing was changed", e);
        }
    }

    /** The journal line for one write. */
    static String line(WriteStamp stamp, Path file, Term before, Term after) {
        return "{\"time\":" + TermFileFormat.quote(stamp.rfc3339())
                + ",\"user\":" + TermFileFormat.quote(stamp.user())
                + ",\"host\":" + TermFileFormat.quote(stamp.host())
                + ",\"file\":" + TermFileFormat.quote(file.toString())
                + ",\"command\":" + TermFileFormat.quote(stamp.command())
                + ",\"before\":" + before
                + ",\"after\":" + after
                + ",\"reason\":" + TermFileFormat.quote(stamp.reason())
                + "}\n";
    }

    void append(WriteStamp stamp, Path file, Term before, Term after) {
        ByteBuffer buf = ByteBuffer.wrap(line(stamp, file, before, after).getBytes(StandardCharsets.UTF_8));
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(true);
        } catch (IOException e) {
            throw new TermctlException(ExitCode.IO, "the term was written (" + file + " now holds term " + after
                    + "), but its journal entry could not be appended to " + path + ": " + FileTermStore.reason(e)
                    + "; add it by hand if the journal must be complete", e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Every appended line was already forced to disk.
        }
    }
}
