package dev.termctl.fs;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Lines of JSON from a file or standard input (the journal, other hosts' show output), read one
 * bounded line at a time so that no input, however large (/dev/zero, a 2 GB journal), is ever held
 * whole in memory, and no more than {@link #MAX_INPUT} bytes are read, so that every read answers
 * within seconds. A named FIFO, socket or device is refused before it is opened (it could block or
 * never end); standard input may be a pipe. Failures name a line by its number, never by its
 * content: root may be pointed at a file of secrets.
 */
public final class JsonLines implements Closeable {

    /** Lines longer than this (in bytes) are not termctl's: refused, so no line can exhaust memory. */
    public static final int MAX_LINE = 64 * 1024;

    /**
     * The most bytes termctl reads of one input of JSON lines (a journal, show output): about four
     * million journal entries, parsed in seconds; beyond it the input is refused, not read for minutes.
     */
    public static final long MAX_INPUT = 1L << 30;

    /**
     * One line, without its newline; {@code terminated} is false for a last line the input cut off.
     *
     * @param offset where the line starts, in bytes from the start of the input
     */
    public record Line(int number, long offset, byte[] bytes, boolean terminated) {

        /** The line as text (invalid UTF-8 decoded as U+FFFD). */
        public String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }

        /** Whether the line holds nothing but JSON whitespace. */
        public boolean blank() {
            for (byte b : bytes) {
                if (b != ' ' && b != '\t' && b != '\r') {
                    return false;
                }
            }
            return true;
        }
    }

    private final String name;
    private final InputStream stdin;
    private final FileChannel channel;
    private final byte[] buf = new byte[2 * MAX_LINE];
    private int pos;
    private int lim;
    private boolean eof;
    /** Input bytes before buf[0]. */
    private long base;
    /** Read no further than this; past {@link #MAX_INPUT} (on a first pass) the input is refused. */
    private long end = MAX_INPUT + 1;
    private boolean refuseBeyond = true;
    private int number;

    private JsonLines(String name, InputStream stdin, FileChannel channel) {
        this.name = name;
        this.stdin = stdin;
        this.channel = channel;
    }

    /**
     * Opens {@code source} (null for standard input); {@code what} names it in failures ("the journal"),
     * and {@link #name} is {@code what} and the path as given.
     */
    public static JsonLines open(Path source, String what) {
        if (source == null) {
            return new JsonLines("standard input", System.in, null);
        }
        // Resolved and opened as root must open files another account may reach: see Chase.
        FileChannel channel = Chase.openRegular(source, what);
        if (channel == null) {
            throw FileFailure.NotFound.input(what, source.toAbsolutePath());
        }
        JsonLines lines = new JsonLines(what + " " + source, null, channel);
        try {
            if (channel.size() > MAX_INPUT) {
                long size = channel.size();
                lines.close();
                throw tooLarge(lines.name, size);
            }
        } catch (IOException e) {
            lines.close();
            throw FileFailure.Io.of(FileFailure.Io.Op.READ, what, source, e);
        }
        return lines;
    }

    private static FileFailure tooLarge(String name, long size) {
        return FileFailure.TooLarge.in(FileFailure.TooLarge.Bound.INPUT, name, size, MAX_INPUT, 0);
    }

    /** The next line, or null at the end; a line longer than {@link #MAX_LINE} bytes is refused. */
    public Line next() {
        try {
            int checked = 0; // bytes after pos known to hold no newline
            while (true) {
                for (int i = pos + checked; i < lim; i++) {
                    if (buf[i] == '\n') {
                        return take(i, true);
                    }
                }
                checked = lim - pos;
                if (checked > MAX_LINE) {
                    throw FileFailure.TooLarge.in(FileFailure.TooLarge.Bound.LINE, name, 0, MAX_LINE, number + 1);
                }
                if (eof || !fill()) {
                    return checked == 0 ? null : take(lim, false);
                }
            }
        } catch (IOException e) {
            throw FileFailure.Io.of(FileFailure.Io.Op.READ, name, null, e);
        }
    }

    private Line take(int end, boolean terminated) {
        byte[] bytes = Arrays.copyOfRange(buf, pos, end);
        Line line = new Line(++number, base + pos, bytes, terminated);
        pos = terminated ? end + 1 : end;
        return line;
    }

    /** Reads more input after what is left (never past {@code end}); false at the end. */
    private boolean fill() throws IOException {
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, lim - pos);
            base += pos;
            lim -= pos;
            pos = 0;
        }
        long want = Math.min(buf.length - lim, end - (base + lim));
        int n = want <= 0 ? -1
                : channel != null ? channel.read(ByteBuffer.wrap(buf, lim, (int) want)) : stdin.read(buf, lim, (int) want);
        if (n < 0) {
            eof = true;
            return false;
        }
        lim += n;
        if (refuseBeyond && base + lim > MAX_INPUT) {
            throw tooLarge(name, 0);
        }
        return true;
    }

    /** Bytes consumed so far: where the next line starts. */
    public long position() {
        return base + pos;
    }

    /**
     * Starts again from the first line of the same open file, reading no further than {@code end}
     * bytes: a second pass sees what the first saw, even if the file has grown since.
     */
    public void rewind(long end) {
        if (channel == null) {
            throw new IllegalStateException("standard input cannot be read twice");
        }
        try {
            channel.position(0);
        } catch (IOException e) {
            throw FileFailure.Io.of(FileFailure.Io.Op.READ, name, null, e);
        }
        pos = 0;
        lim = 0;
        base = 0;
        eof = false;
        number = 0;
        this.end = end;
        refuseBeyond = false;
    }

    /** How the source is named in messages: "the journal /var/log/x" or "standard input". */
    public String name() {
        return name;
    }

    @Override
    public void close() {
        try {
            if (channel != null) {
                channel.close();
            } else {
                stdin.close();
            }
        } catch (IOException ignored) {
            // Only read from.
        }
    }
}
