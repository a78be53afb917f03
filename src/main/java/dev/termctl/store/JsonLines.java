package dev.termctl.store;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lines of JSON from a file or standard input (the journal, --from-json), read one bounded line at a
 * time so that no input, however large (/dev/zero, a 2 GB journal), is ever held whole in memory,
 * and no more than {@link #MAX_INPUT} bytes are read, so that every read answers within seconds.
 * A named FIFO, socket or device is refused before it is opened (it could block or never end);
 * standard input may be a pipe. Messages name a line by its number, never by its content: root
 * may be pointed at a file of secrets.
 */
public final class JsonLines implements Closeable {

    /** Lines longer than this (in bytes) are not termctl's: refused, so no line can exhaust memory. */
    public static final int MAX_LINE = 64 * 1024;

    /**
     * The most bytes termctl reads of one input of JSON lines (a journal, --from-json): about four
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

    /** Why a line is not what it should be, and where in it (1-based column, in characters; 0: the line as a whole). */
    public static final class Damage extends IOException {
        private static final long serialVersionUID = 1L;
        private final int column;

        public Damage(String what, int column) {
            super(what);
            this.column = column;
        }

        /** The column (in characters) the damage starts at, from 1; 0 when it is about the whole line. */
        public int column() {
            return column;
        }

        /** "it is not valid JSON at column 17" or "it has no \"after\"". */
        public String describe() {
            return getMessage() + (column > 0 ? " at column " + column : "");
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

    /** Opens {@code source} ("-" for standard input); {@code what} names it in messages ("the journal"). */
    public static JsonLines open(Path source, String what) {
        if (source == null) {
            return new JsonLines("standard input", System.in, null);
        }
        // Resolved and opened as root must open files another account may reach: see NodeDir.
        FileChannel channel = NodeDir.openRegular(source, what);
        if (channel == null) {
            throw new TermctlException(ExitCode.IO, what + " " + source.toAbsolutePath() + " does not exist; check the"
                    + " path");
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
            throw NodeDir.io("cannot read " + what + " " + source, e);
        }
        return lines;
    }

    private static TermctlException tooLarge(String name, long size) {
        return new TermctlException(ExitCode.INVALID_FILE, name + " is larger than " + (MAX_INPUT >> 20) + " MiB"
                + (size > 0 ? " (" + size + " bytes)" : "") + "; termctl reads at most that much, so that it answers"
                + " within seconds. For a journal, move it aside: the next write starts a new one");
    }

    /** The next line, or null at the end; a line longer than {@link #MAX_LINE} bytes is refused (65). */
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
                    throw new TermctlException(ExitCode.INVALID_FILE, name + " line " + (number + 1) + " is longer than "
                            + MAX_LINE + " bytes; it is not termctl's JSON (one short object a line)");
                }
                if (eof || !fill()) {
                    return checked == 0 ? null : take(lim, false);
                }
            }
        } catch (IOException e) {
            throw NodeDir.io("cannot read " + name, e);
        }
    }

    private Line take(int end, boolean terminated) {
        byte[] bytes = java.util.Arrays.copyOfRange(buf, pos, end);
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
            throw NodeDir.io("cannot read " + name, e);
        }
        pos = 0;
        lim = 0;
        base = 0;
        eof = false;
        number = 0;
        this.end = end;
        refuseBeyond = false;
    }

    private static final JsonFactory JSON = JsonFactory.builder()
            // A symbol table shared by every line would grow with each new member name: none is kept.
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();

    /**
     * The top-level members of a line holding one JSON object and nothing else, in order: scalars as
     * their text, null as null, arrays and objects as "". For reading termctl's own JSON lines back
     * (the journal, show --json); throws a {@link Damage} saying what is wrong and where, never
     * quoting the line.
     */
    public static Map<String, String> members(byte[] line) throws Damage {
        Map<String, String> members = new LinkedHashMap<>();
        String text = new String(line, StandardCharsets.UTF_8);
        JsonParser p = null;
        try {
            // From text: the byte parser would need the symbol table; the text parser reads without one.
            p = JSON.createParser(text);
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new Damage("it is not a JSON object", column(p.currentTokenLocation()));
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                members.put(name, v == JsonToken.VALUE_NULL ? null : v.isScalarValue() ? p.getText() : "");
                p.skipChildren();
            }
            if (p.nextToken() != null) {
                throw new Damage("it holds more than one JSON value", column(p.currentTokenLocation()));
            }
        } catch (Damage e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // Jackson's own message quotes the input: only its position is kept.
            JsonLocation at = e instanceof com.fasterxml.jackson.core.JsonProcessingException
                    ? ((com.fasterxml.jackson.core.JsonProcessingException) e).getLocation() : null;
            throw new Damage(e instanceof com.fasterxml.jackson.core.io.JsonEOFException
                    ? "it ends before its JSON object does" : "it is not valid JSON", at == null ? 0 : column(at));
        } finally {
            if (p != null) {
                try {
                    p.close();
                } catch (IOException ignored) {
                    // Nothing to release: the line is in memory.
                }
            }
        }
        return members;
    }

    private static int column(JsonLocation at) {
        long offset = at.getCharOffset();
        return offset < 0 ? 0 : (int) Math.min(Integer.MAX_VALUE, offset + 1);
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
