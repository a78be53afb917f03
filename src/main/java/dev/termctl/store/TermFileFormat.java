package dev.termctl.store;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import dev.termctl.core.Term;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The term file's format: one JSON object whose {@code term} member is an integer literal in
 * 0..2^64-1. Other members are kept untouched, so files RedDB (or a later termctl) extends stay
 * intact. A file with a {@code voted_for} member is RedDB's durable last vote, not a term file.
 *
 * <p>Parsing is strict where RedDB is strict and stricter where leniency could hide damage
 * (duplicate members, a byte-order mark, trailing content): a term file that is not exactly
 * right is reported, never guessed at.
 */
public final class TermFileFormat {

    /** Files larger than this are refused unread: a term file is a few bytes. */
    public static final int MAX_BYTES = 64 * 1024;

    private static final BigInteger MAX_TERM = new BigInteger(Term.MAX_TEXT);

    /** RedDB's reader (serde_json) refuses nesting this deep, counting the outer object as level 1. */
    static final int MAX_DEPTH = 128;

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // RedDB decides about long numbers (whether they fit an f64), not the tokenizer's own length limit.
            .streamReadConstraints(StreamReadConstraints.builder().maxNumberLength(MAX_BYTES).build())
            .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .build();

    private TermFileFormat() {
    }

    /** Thrown for a file that is present but not a valid term file; the message says why. */
    public static final class InvalidTermFile extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient Reason reason;

        InvalidTermFile(Reason reason, String message) {
            super(message, null, false, false);
            this.reason = reason;
        }

        /** Why, as a class: the places where termctl is stricter than RedDB on purpose have their own. */
        public Reason reason() {
            return reason;
        }
    }

    /** Refusals in classes: SYNTAX is everything RedDB refuses too; the others are termctl's own, documented rules. */
    public enum Reason {
        /** Not a term file RedDB could load. */
        SYNTAX,
        /** A member appears twice: RedDB takes the last one, termctl will not guess which was meant. */
        DUPLICATE_MEMBER,
        /** Over {@link #MAX_BYTES}: termctl reads a bounded amount, so a huge file cannot exhaust memory. */
        TOO_LARGE
    }

    /**
     * A parsed term file, remembering where each top-level member's value stands, so that a rewrite
     * replaces those values (or adds members) and leaves every other byte as it was.
     *
     * @param spans        top-level member name to the [start, end) of its value in {@code text}
     * @param lastValueEnd where the last member's value ends: new members go right after it
     */
    public record Document(Term term, String text, Map<String, int[]> spans, int lastValueEnd, boolean lastVote,
            String votedFor, AuditTrail audit) {

        /** The same document with {@code newTerm} in place of the old term. */
        public byte[] withTerm(Term newTerm) {
            Map<String, String> members = new LinkedHashMap<>();
            members.put("term", newTerm.toString());
            return with(members);
        }

        /**
         * The same document with the given members set to the given raw JSON values: existing ones
         * are replaced in place, missing ones are added after the last member in the file's style.
         */
        public byte[] with(Map<String, String> rawValues) {
            String separator = memberSeparator();
            StringBuilder added = new StringBuilder();
            TreeMap<Integer, Edit> edits = new TreeMap<>();
            for (Map.Entry<String, String> m : rawValues.entrySet()) {
                int[] span = spans.get(m.getKey());
                if (span != null) {
                    edits.put(span[0], new Edit(span[1], m.getValue()));
                } else {
                    added.append(separator).append(quote(m.getKey())).append(separator.length() > 1 ? ": " : ":")
                            .append(m.getValue());
                }
            }
            edits.put(lastValueEnd, new Edit(lastValueEnd, added.toString()));
            StringBuilder out = new StringBuilder(text.length() + 200);
            int pos = 0;
            for (Map.Entry<Integer, Edit> e : edits.entrySet()) {
                out.append(text, pos, e.getKey()).append(e.getValue().with());
                pos = e.getValue().end();
            }
            out.append(text, pos, text.length());
            return out.toString().getBytes(StandardCharsets.UTF_8);
        }

        /** Replace the text from an edit's start up to {@code end} with {@code with}. */
        private record Edit(int end, String with) {
        }

        /** "," for a one-line file; ",\n" plus the first member's indent for a pretty one. */
        private String memberSeparator() {
            int firstName = text.indexOf('"');
            int open = text.indexOf('{');
            String between = text.substring(open + 1, firstName);
            int newline = between.lastIndexOf('\n');
            return newline < 0 ? "," : ",\n" + between.substring(newline + 1);
        }
    }

    /** A JSON string literal. */
    public static String quote(String s) {
        return s == null ? "null" : "\"" + new String(JsonStringEncoder.getInstance().quoteAsString(s)) + "\"";
    }

    /** A new term file of the given members (raw JSON values), compact, on one line. */
    public static byte[] fresh(Map<String, String> rawValues) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, String> m : rawValues.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(quote(m.getKey())).append(':').append(m.getValue());
        }
        return b.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a term file's bytes. */
    public static Document parse(byte[] bytes) throws InvalidTermFile {
        if (bytes.length > MAX_BYTES) {
            throw new InvalidTermFile(Reason.TOO_LARGE, "it is larger than " + MAX_BYTES + " bytes; a term file is a few bytes");
        }
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            throw new InvalidTermFile(Reason.SYNTAX,
                    "it starts with a UTF-8 byte-order mark; a term file is plain UTF-8 JSON without one");
        }
        String text = decodeUtf8(bytes);
        if (text.isBlank()) {
            throw new InvalidTermFile(Reason.SYNTAX, "it is empty; a term file holds a JSON object such as {\"term\":7}");
        }
        try (JsonParser parser = JSON.createParser(text)) {
            return parseObject(parser, text);
        } catch (StreamReadException e) {
            throw JsonErrors.invalid(e, text);
        } catch (IOException e) {
            // Parsing a String does no I/O; anything else the parser raises is malformed input.
            throw new InvalidTermFile(Reason.SYNTAX, "it is not valid JSON: " + e.getMessage());
        }
    }

    private static Document parseObject(JsonParser parser, String text) throws IOException, InvalidTermFile {
        JsonToken first = parser.nextToken();
        if (first != JsonToken.START_OBJECT) {
            throw new InvalidTermFile(Reason.SYNTAX,
                    "it is not a JSON object (it holds " + describe(first) + "); expected {\"term\":N}");
        }
        JsonToken termToken = null;
        String termText = null;
        JsonToken votedForToken = null;
        Map<String, int[]> spans = new HashMap<>();
        Map<String, String> strings = new HashMap<>();
        int lastValueEnd = -1;
        for (JsonToken t = parser.nextToken(); t != JsonToken.END_OBJECT; t = parser.nextToken()) {
            String name = parser.currentName();
            checkString(parser, text, name);
            JsonToken value = parser.nextToken();
            int start = (int) parser.currentTokenLocation().getCharOffset();
            if ("term".equals(name)) {
                termToken = value;
                termText = value.isScalarValue() ? parser.getText() : null;
            } else if ("voted_for".equals(name)) {
                votedForToken = value;
            }
            if (value == JsonToken.VALUE_STRING) {
                strings.put(name, parser.getText());
            }
            checkValue(parser, text, value);
            lastValueEnd = (int) parser.currentLocation().getCharOffset();
            spans.put(name, new int[] {start, lastValueEnd});
        }
        JsonToken after;
        try {
            after = parser.nextToken();
        } catch (StreamReadException e) {
            after = JsonToken.NOT_AVAILABLE;
        }
        if (after != null) {
            throw new InvalidTermFile(Reason.SYNTAX,
                    "it has content after the JSON object; a term file holds exactly one object");
        }
        if (termToken == null) {
            throw new InvalidTermFile(Reason.SYNTAX, "it has no \"term\" member; expected {\"term\":N}");
        }
        Term term = termValue(termToken, termText);
        boolean lastVote = votedForToken != null;
        if (lastVote && votedForToken != JsonToken.VALUE_STRING && votedForToken != JsonToken.VALUE_NULL) {
            throw new InvalidTermFile(Reason.SYNTAX, "its \"voted_for\" is " + describe(votedForToken)
                    + ", so it is neither a term file nor a valid durable last-vote record (whose \"voted_for\" is a"
                    + " string or null); RedDB refuses it as a damaged last-vote record");
        }
        int[] span = spans.get("term");
        if (!isDigits(text, span[0], span[1])) {
            // Defensive: the offsets must frame the digits we parsed, or a rewrite would damage the file.
            throw new IllegalStateException("term offsets do not frame the term's digits");
        }
        AuditTrail audit = AuditTrail.from(strings);
        return new Document(term, text, spans, lastValueEnd, lastVote, strings.get("voted_for"), audit);
    }

    /**
     * Checks one member's value, and everything nested in it, for what RedDB's reader (serde_json)
     * refuses but a JSON tokenizer lets through: unpaired surrogate escapes in strings, numbers
     * beyond an f64, and nesting of {@link #MAX_DEPTH} levels or more.
     */
    private static void checkValue(JsonParser parser, String text, JsonToken value) throws IOException, InvalidTermFile {
        int depth = 1;
        JsonToken t = value;
        while (true) {
            if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) {
                depth++;
                if (depth >= MAX_DEPTH) {
                    throw new InvalidTermFile(Reason.SYNTAX, "it nests objects or arrays " + MAX_DEPTH + " levels deep "
                            + at(text, (int) parser.currentTokenLocation().getCharOffset())
                            + "; RedDB refuses nesting that deep, so the node could not start with this file");
                }
            } else if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                depth--;
            } else if (t == JsonToken.FIELD_NAME) {
                checkString(parser, text, parser.currentName());
            } else if (t == JsonToken.VALUE_STRING) {
                checkString(parser, text, parser.getText());
            } else if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) {
                checkNumber(parser, text);
            }
            if (depth == 1) {
                return;
            }
            t = parser.nextToken();
        }
    }

    /** A string (member name or value) must not hold a surrogate escape without its pair: RedDB refuses it. */
    private static void checkString(JsonParser parser, String text, String decoded) throws InvalidTermFile {
        for (int i = 0; i < decoded.length(); i++) {
            char c = decoded.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < decoded.length() && Character.isLowSurrogate(decoded.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                int escape = unpairedEscape(text, (int) parser.currentTokenLocation().getCharOffset());
                throw new InvalidTermFile(Reason.SYNTAX, "a string holds an unpaired UTF-16 surrogate escape "
                        + (escape < 0 ? "" : text.substring(escape, escape + 6) + " ") + at(text, Math.max(escape, 0))
                        + "; RedDB refuses it. Escape a character outside the BMP as a high and low pair"
                        + " (\\ud83d\\ude00), or remove the escape");
            }
        }
    }

    /** Where, in the string literal starting at {@code quote}, the first unpaired surrogate escape stands; -1 if none. */
    private static int unpairedEscape(String text, int quote) {
        for (int i = quote + 1; i < text.length() && text.charAt(i) != '"'; i++) {
            if (text.charAt(i) != '\\') {
                continue;
            }
            if (text.charAt(i + 1) != 'u') {
                i++;
                continue;
            }
            char c = (char) Integer.parseInt(text.substring(i + 2, i + 6), 16);
            boolean paired = Character.isHighSurrogate(c) && text.startsWith("\\u", i + 6)
                    && Character.isLowSurrogate((char) Integer.parseInt(text.substring(i + 8, i + 12), 16));
            if (Character.isSurrogate(c) && !paired) {
                return i;
            }
            i += paired ? 11 : 5;
        }
        return -1;
    }

    /** Every number must fit an f64, as RedDB's reader holds any number that is not a u64 or i64 as one. */
    private static void checkNumber(JsonParser parser, String text) throws IOException, InvalidTermFile {
        String number = parser.getText();
        boolean shortInteger = parser.currentToken() == JsonToken.VALUE_NUMBER_INT && number.length() < 300;
        if (shortInteger || !Double.isInfinite(Double.parseDouble(number))) {
            return;
        }
        throw new InvalidTermFile(Reason.SYNTAX, "the number " + shorten(number) + " "
                + at(text, (int) parser.currentTokenLocation().getCharOffset())
                + " is beyond the range of a 64-bit float; RedDB refuses it, so the node could not start with this file");
    }

    private static String shorten(String number) {
        return number.length() <= 24 ? number : number.substring(0, 20) + "... (" + number.length() + " characters)";
    }

    /** "at line L, column C" of a char offset, both counted from 1. */
    static String at(String text, int offset) {
        int line = 1;
        int lineStart = 0;
        for (int i = 0; i < offset && i < text.length(); i++) {
            if (text.charAt(i) == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        return "at line " + line + ", column " + (offset - lineStart + 1);
    }

    private static Term termValue(JsonToken value, String text) throws InvalidTermFile {
        if (value == JsonToken.VALUE_NUMBER_FLOAT) {
            throw new InvalidTermFile(Reason.SYNTAX, "its \"term\" is " + text
                    + ", not an integer; write a whole number without fraction or exponent, e.g. {\"term\":7}");
        }
        if (value != JsonToken.VALUE_NUMBER_INT) {
            throw new InvalidTermFile(Reason.SYNTAX,
                    "its \"term\" is " + describe(value) + ", not an integer from 0 to " + Term.MAX_TEXT);
        }
        if (text.startsWith("-")) {
            throw new InvalidTermFile(Reason.SYNTAX,
                    "its \"term\" is " + text + ", a negative number; terms are 0 to " + Term.MAX_TEXT);
        }
        BigInteger exact = new BigInteger(text);
        if (exact.compareTo(MAX_TERM) > 0) {
            throw new InvalidTermFile(Reason.SYNTAX,
                    "its \"term\" is " + shorten(text) + ", above the largest term " + Term.MAX_TEXT);
        }
        return new Term(exact.longValue());
    }

    private static boolean isDigits(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return end > start;
    }

    private static String decodeUtf8(byte[] bytes) throws InvalidTermFile {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new InvalidTermFile(Reason.SYNTAX, "it is not valid UTF-8 text");
        }
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "nothing";
        }
        switch (token) {
            case START_ARRAY: return "an array";
            case VALUE_STRING: return "a string";
            case VALUE_TRUE:
            case VALUE_FALSE: return "a boolean";
            case VALUE_NULL: return "null";
            case START_OBJECT: return "an object";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT: return "a number";
            default: return token.toString();
        }
    }
}
