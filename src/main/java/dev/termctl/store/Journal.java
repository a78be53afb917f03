package dev.termctl.store;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.core.Term;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
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

    /** Lines longer than this are not termctl's: readers refuse them, so no line can exhaust memory. */
    public static final int MAX_LINE = 64 * 1024;

    /**
     * Opens (creating) the journal for appending, under the term file's lock: never through a link,
     * checked once open, created with the term file's owner and the side mode, its directory fsynced
     * when it is new. A torn last line (a crash or a full disk mid-append) is cut off first, so every
     * entry starts on a line of its own: the fragment never was an entry.
     */
    static Journal open(Path path, FileTermStore.Owner owner) {
        boolean existed = Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        FileChannel channel = PrivateFile.open(path, owner, "the journal");
        try {
            long size = channel.size();
            long end = lineBoundary(channel, size);
            if (end < 0) {
                throw new TermctlException(ExitCode.INVALID_FILE, "refusing to append to the journal " + path + ": its last "
                        + MAX_LINE + " bytes hold no line break, so it is not a termctl journal; nothing was changed");
            }
            if (end < size) {
                channel.truncate(end);
            }
            channel.position(end);
            if (!existed) {
                try (FileChannel dir = FileChannel.open(path.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
                    dir.force(true);
                }
            }
            return new Journal(path, channel);
        } catch (IOException e) {
            close(channel);
            throw FileTermStore.io("cannot prepare the journal " + path + " for appending; nothing was changed", e);
        } catch (RuntimeException e) {
            close(channel);
            throw e;
        }
    }

    /** Where the last complete line ends: the size when the journal ends in a newline or is empty; -1 if none is near. */
    private static long lineBoundary(FileChannel channel, long size) throws IOException {
        if (size == 0) {
            return 0;
        }
        int n = (int) Math.min(size, MAX_LINE);
        ByteBuffer tail = ByteBuffer.allocate(n);
        while (tail.hasRemaining() && channel.read(tail, size - n + tail.position()) > 0) {
            // read the whole tail
        }
        byte[] b = tail.array();
        for (int i = n - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return size - n + i + 1;
            }
        }
        return size <= MAX_LINE ? 0 : -1;
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing was appended.
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
            throw new TermctlException(ExitCode.IO, "cannot append the journal entry to " + path + ": "
                    + FileTermStore.reason(e) + "; the term was not written (" + file + " still holds term " + before
                    + ")", e);
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
