package dev.termctl.format;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The top-level members of one line of termctl's own JSON read back (a journal entry, a line of
 * show's JSON output), with Jackson. What is wrong with a line is said by what and where, never by
 * quoting it: root may be pointed at a file of secrets.
 */
public final class JsonMembers {

    private JsonMembers() {
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
        int column() {
            return column;
        }

        /** "it is not valid JSON at column 17" or "it has no \"after\"". */
        public String describe() {
            return getMessage() + (column > 0 ? " at column " + column : "");
        }
    }

    private static final JsonFactory JSON = JsonFactory.builder()
            // A symbol table shared by every line would grow with each new member name: none is kept.
            .disable(JsonFactory.Feature.CANONICALIZE_FIELD_NAMES)
            .build();

    /**
     * The top-level members of a line holding one JSON object and nothing else, in order: scalars as
     * their text, null as null, arrays and objects as "". For reading termctl's own JSON lines back
     * (the journal, show's JSON); throws a {@link Damage} saying what is wrong and where, never
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
}
