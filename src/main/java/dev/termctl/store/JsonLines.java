package dev.termctl.store;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lines of JSON from a file or standard input (the journal, --from-json), read one bounded line at a
 * time so that no input, however large (/dev/zero, a 2 GB journal), is ever held whole in memory.
 * A named FIFO, socket or device is refused before it is opened (it could block or never end);
 * standard input may be a pipe.
 */
public final class JsonLines implements Closeable {

    /** One line, without its newline; {@code terminated} is false for a last line the input cut off. */
    public record Line(int number, String text, boolean terminated) {
    }

    private final String name;
    private final InputStream in;
    private int number;

    private JsonLines(String name, InputStream in) {
        this.name = name;
        this.in = new BufferedInputStream(in, 8192);
    }

    /** Opens {@code source} ("-" for standard input); {@code what} names it in messages ("the journal"). */
    public static JsonLines open(Path source, String what) {
        if (source == null) {
            return new JsonLines("standard input", System.in);
        }
        try {
            BasicFileAttributes a = Files.readAttributes(source, BasicFileAttributes.class);
            if (a.isDirectory()) {
                throw new TermctlException(ExitCode.IO, what + " " + source + " is a directory; name a file");
            }
            if (!a.isRegularFile()) {
                throw new TermctlException(ExitCode.IO, what + " " + source + " is not a regular file (a FIFO, socket or"
                        + " device), so termctl does not read it; use '-' to read a pipe from standard input");
            }
            return new JsonLines(what + " " + source, Files.newInputStream(source));
        } catch (NoSuchFileException e) {
            throw new TermctlException(ExitCode.IO, what + " " + source + " does not exist; check the path");
        } catch (IOException e) {
            throw FileTermStore.io("cannot read " + what + " " + source, e);
        }
    }

    /** The next line, or null at the end; a line longer than {@link Journal#MAX_LINE} bytes is refused (65). */
    public Line next() {
        ByteArrayOutputStream line = new ByteArrayOutputStream(256);
        try {
            int b = in.read();
            if (b < 0) {
                return null;
            }
            number++;
            while (b >= 0 && b != '\n') {
                if (line.size() == Journal.MAX_LINE) {
                    throw new TermctlException(ExitCode.INVALID_FILE, name + " line " + number + " is longer than "
                            + Journal.MAX_LINE + " bytes; it is not termctl's JSON (one short object a line)");
                }
                line.write(b);
                b = in.read();
            }
            return new Line(number, line.toString(StandardCharsets.UTF_8), b == '\n');
        } catch (IOException e) {
            throw FileTermStore.io("cannot read " + name, e);
        }
    }

    private static final JsonFactory JSON = new JsonFactory();

    /**
     * The top-level members of a line holding one JSON object and nothing else, in order: scalars as
     * their text, null as null, arrays and objects as "". For reading termctl's own JSON lines back
     * (the journal, show --json); throws for anything else.
     */
    public static Map<String, String> members(String line) throws IOException {
        Map<String, String> members = new LinkedHashMap<>();
        try (JsonParser p = JSON.createParser(line)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a JSON object");
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                members.put(name, v == JsonToken.VALUE_NULL ? null : v.isScalarValue() ? p.getText() : "");
                p.skipChildren();
            }
            if (p.nextToken() != null) {
                throw new IOException("it holds more than one JSON object");
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException("not one JSON object");
        }
        return members;
    }

    /** How the source is named in messages: "the journal /var/log/x" or "standard input". */
    public String name() {
        return name;
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // Only read from.
        }
    }
}
