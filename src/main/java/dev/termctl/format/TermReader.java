package dev.termctl.format;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A strict reader of one JSON object with RedDB's grammar, serde_json's: UTF-8 only, whitespace
 * only space, tab, LF and CR, strings without raw control characters and with paired surrogate
 * escapes, numbers decided by {@link Numbers}, at most 127 levels of nesting, nothing after the
 * object. Its verdict depends on the bytes alone (no symbol table shared between files, no name
 * length cap: a term file is at most 64 KiB, so a plain reader of our own is cheaper and easier to
 * prove than a general tokenizer configured away from its defaults).
 *
 * <p>It also notes the first member name repeated within one object: RedDB keeps the last one,
 * termctl refuses the file, but only once the file is otherwise one RedDB reads, so that a refusal
 * says whether RedDB refuses it too.
 */
public final class TermReader {

    /** serde_json's recursion limit: the 128th nested object or array (the outer object is the first) is refused. */
    public static final int MAX_DEPTH = 128;

    /** The JSON type of a value. */
    public enum Type {
        OBJECT("an object"), ARRAY("an array"), STRING("a string"), NUMBER("a number"), TRUE("true"), FALSE("false"),
        NULL("null");

        private final String words;

        Type(String words) {
            this.words = words;
        }

        /** "an array", "null": for messages. */
        public String words() {
            return words;
        }
    }

    /**
     * A top-level member's value.
     *
     * @param start  its first byte
     * @param end    the byte after it
     * @param string the decoded text, for a string
     * @param number the token, for a number
     */
    public record Value(Type type, int start, int end, String string, Numbers.Token number) {
    }

    /**
     * A file RedDB's reader takes as a JSON object.
     *
     * @param members       top-level member name to value (the last one, as serde_json keeps, for a repeated name)
     * @param lastValueEnd  the byte after the last top-level member's value
     * @param duplicate     where the first member name repeated within one object stands, or null
     * @param duplicateName that name, when it is a top-level "term" or "voted_for" (other names are file content)
     */
    public record Parsed(Map<String, Value> members, int lastValueEnd, Position duplicate, String duplicateName) {
    }

    private final byte[] s;
    private final int n;
    private int i;
    private int lastValueEnd = -1;
    private Position duplicate;
    private String duplicateName;

    private TermReader(byte[] s) {
        this.s = s;
        this.n = s.length;
    }

    /** Reads a term file's bytes as one JSON object, or says why RedDB's reader would not. */
    public static Parsed read(byte[] bytes) throws Refusal {
        return new TermReader(bytes).file();
    }

    private Parsed file() throws Refusal {
        checkEncoding();
        skipWhitespace();
        if (i >= n) {
            // Placed where the JSON should have begun and the file ends, as RedDB places it.
            Position end = Position.of(s, n);
            throw new Refusal(Problem.EMPTY, end, "it is empty (it holds " + (n == 0 ? "no bytes" : "only whitespace")
                    + "; it ends at " + end.lineAndColumn() + ", byte offset " + n + "); a term file holds a JSON object"
                    + " such as {\"term\":7}");
        }
        int c = s[i] & 0xff;
        if (c != '{') {
            if (c == '[' || c == '"' || c == '-' || digit(c) || startsLiteral()) {
                Position at = here();
                Type type = c == '[' ? Type.ARRAY : c == '"' ? Type.STRING : c == 't' ? Type.TRUE : c == 'f' ? Type.FALSE
                        : c == 'n' ? Type.NULL : Type.NUMBER;
                throw new Refusal(Problem.NOT_AN_OBJECT, at, "it holds " + type.words() + " at " + at.lineAndColumn()
                        + ", not a JSON object; a term file is one object such as {\"term\":7}");
            }
            throw unexpected("a JSON object ('{')");
        }
        Map<String, Value> members = new LinkedHashMap<>();
        object(1, members);
        skipWhitespace();
        if (i < n) {
            Position at = here();
            throw new Refusal(Problem.TRAILING_CONTENT, at, "content after the JSON object, at " + at.lineAndColumn()
                    + ": " + describe(codePointAt(i)) + "; a term file holds exactly one object and nothing after it"
                    + " but spaces, tabs and line breaks");
        }
        return new Parsed(members, lastValueEnd, duplicate, duplicateName);
    }

    private boolean startsLiteral() {
        return matches("true") || matches("false") || matches("null");
    }

    private boolean matches(String word) {
        if (i + word.length() > n) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (s[i + k] != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    // ---- encoding, checked before the grammar so that an encoding error is reported as one

    private void checkEncoding() throws Refusal {
        if (n >= 2 && ((s[0] & 0xff) == 0xFF && (s[1] & 0xff) == 0xFE || (s[0] & 0xff) == 0xFE && (s[1] & 0xff) == 0xFF)) {
            throw new Refusal(Problem.UTF16, Position.of(s, 0), "it is UTF-16 text (it starts with the UTF-16 byte-order"
                    + " mark " + ((s[0] & 0xff) == 0xFF ? "FF FE" : "FE FF") + " at byte offset 0, line 1, column 1); RedDB"
                    + " reads UTF-8 only: convert it to UTF-8 (for example: iconv -f UTF-16 -t UTF-8) and remove the mark");
        }
        if (n >= 2 && ((s[0] == 0) != (s[1] == 0)) && (s[0] | s[1]) > 0 && (s[0] | s[1]) < 0x80) {
            // The first byte that is not UTF-8 JSON is the first NUL: RedDB refuses " \0" "at line 1 column 2".
            Position at = Position.of(s, s[0] == 0 ? 0 : 1);
            throw new Refusal(Problem.UTF16, at, "it looks like UTF-16 text (every other byte is zero): a NUL byte at byte"
                    + " offset " + at.byteOffset() + " (" + at.lineAndColumn() + "); RedDB reads UTF-8 only: convert it to"
                    + " UTF-8 (for example: iconv -f UTF-16 -t UTF-8)");
        }
        if (n >= 3 && (s[0] & 0xff) == 0xEF && (s[1] & 0xff) == 0xBB && (s[2] & 0xff) == 0xBF) {
            throw new Refusal(Problem.BYTE_ORDER_MARK, Position.of(s, 0), "it starts with a UTF-8 byte-order mark"
                    + " (bytes EF BB BF at byte offset 0, line 1, column 1), which RedDB's reader refuses; a term file is"
                    + " plain UTF-8 JSON without one");
        }
        int k = 0;
        while (k < n) {
            int b = s[k] & 0xff;
            if (b < 0x80) {
                k++;
                continue;
            }
            int length;
            int min2 = 0x80;
            int max2 = 0xBF;
            if (b >= 0xC2 && b <= 0xDF) {
                length = 2;
            } else if (b >= 0xE0 && b <= 0xEF) {
                length = 3;
                min2 = b == 0xE0 ? 0xA0 : 0x80;
                max2 = b == 0xED ? 0x9F : 0xBF;
            } else if (b >= 0xF0 && b <= 0xF4) {
                length = 4;
                min2 = b == 0xF0 ? 0x90 : 0x80;
                max2 = b == 0xF4 ? 0x8F : 0xBF;
            } else {
                throw notUtf8(k, b >= 0x80 && b <= 0xBF ? "a continuation byte with no lead byte before it"
                        : b == 0xC0 || b == 0xC1 ? "the start of an over-long encoding" : "a byte that never occurs in UTF-8");
            }
            for (int j = 1; j < length; j++) {
                if (k + j >= n) {
                    throw notUtf8(k, "a multi-byte character cut off by the end of the file");
                }
                int c = s[k + j] & 0xff;
                int lo = j == 1 ? min2 : 0x80;
                int hi = j == 1 ? max2 : 0xBF;
                if (c < lo || c > hi) {
                    String why = c < 0x80 || c > 0xBF ? "an incomplete multi-byte character"
                            : b == 0xED ? "an encoded UTF-16 surrogate, which UTF-8 does not allow"
                            : b == 0xF4 ? "a code point above U+10FFFF" : "an over-long encoding";
                    throw notUtf8(k, why);
                }
            }
            k += length;
        }
    }

    private Refusal notUtf8(int offset, String why) {
        Position at = Position.of(s, offset);
        return new Refusal(Problem.NOT_UTF8, at, "it is not valid UTF-8: " + why + " at byte offset " + offset + " ("
                + at.lineAndColumn() + "); RedDB reads UTF-8 only. The file may be in Latin-1 or another encoding,"
                + " or damaged: re-encode it as UTF-8 or restore it");
    }

    // ---- grammar

    private void object(int depth, Map<String, Value> top) throws Refusal {
        i++; // '{'
        Set<String> names = new HashSet<>();
        skipWhitespace();
        if (peek() == '}') {
            i++;
            return;
        }
        boolean afterComma = false;
        while (true) {
            skipWhitespace();
            int c = peek();
            if (c != '"') {
                if (c == '}' && afterComma) {
                    throw comma('}');
                }
                throw unexpected("a member name in double quotes");
            }
            int nameStart = i;
            String name = string();
            if (!names.add(name) && duplicate == null) {
                duplicate = Position.of(s, nameStart);
                duplicateName = top != null && (name.equals("term") || name.equals("voted_for")) ? name : null;
            }
            skipWhitespace();
            if (peek() != ':') {
                throw unexpected("':' after a member name");
            }
            i++;
            skipWhitespace();
            Value v = value(depth);
            if (top != null) {
                top.put(name, v);
                lastValueEnd = i;
            }
            skipWhitespace();
            c = peek();
            if (c == ',') {
                i++;
                afterComma = true;
            } else if (c == '}') {
                i++;
                return;
            } else {
                throw unexpected("',' or '}' after a member");
            }
        }
    }

    private void array(int depth) throws Refusal {
        i++; // '['
        skipWhitespace();
        if (peek() == ']') {
            i++;
            return;
        }
        while (true) {
            skipWhitespace();
            if (peek() == ']') {
                throw comma(']');
            }
            value(depth);
            skipWhitespace();
            int c = peek();
            if (c == ',') {
                i++;
            } else if (c == ']') {
                i++;
                return;
            } else {
                throw unexpected("',' or ']' after an array element");
            }
        }
    }

    /** One value inside a container at {@code depth}. */
    private Value value(int depth) throws Refusal {
        int start = i;
        int c = peek();
        switch (c) {
            case '{':
            case '[':
                if (depth + 1 >= MAX_DEPTH) {
                    Position at = here();
                    throw new Refusal(Problem.TOO_DEEP, at, "objects and arrays nested " + MAX_DEPTH + " levels deep at "
                            + at.lineAndColumn() + "; RedDB's reader refuses nesting that deep (at most " + (MAX_DEPTH - 1)
                            + " levels, counting the outer object)");
                }
                if (c == '{') {
                    object(depth + 1, null);
                    return new Value(Type.OBJECT, start, i, null, null);
                }
                array(depth + 1);
                return new Value(Type.ARRAY, start, i, null, null);
            case '"':
                String text = string();
                return new Value(Type.STRING, start, i, text, null);
            case 't':
                literal("true");
                return new Value(Type.TRUE, start, i, null, null);
            case 'f':
                literal("false");
                return new Value(Type.FALSE, start, i, null, null);
            case 'n':
                literal("null");
                return new Value(Type.NULL, start, i, null, null);
            default:
                if (c == '-' || digit(c)) {
                    return number(start);
                }
                throw unexpected("a value (a number, a \"string\", an object, an array, true, false or null)");
        }
    }

    private Value number(int start) throws Refusal {
        Numbers.Token t = Numbers.read(s, start, n);
        switch (t.kind()) {
            case MALFORMED:
                i = t.end();
                if (i >= n) {
                    throw truncated("inside a number");
                }
                Position at = Position.of(s, start);
                throw new Refusal(Problem.MALFORMED_NUMBER, at, "it is not valid JSON: a malformed number at " + at.lineAndColumn() + ": "
                        + malformedWhy(start, t.end()) + "; JSON numbers are -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?");
            case OUT_OF_RANGE:
                Position where = Position.of(s, start);
                throw new Refusal(Problem.NUMBER_TOO_LARGE, where, "a number too large for RedDB's reader at "
                        + where.lineAndColumn() + " (RedDB holds it as a 64-bit float, and its conversion"
                        + " overflows); RedDB refuses the whole file: write a smaller number, or the value as a string");
            default:
                i = t.end();
                return new Value(Type.NUMBER, start, i, null, t);
        }
    }

    private String malformedWhy(int start, int bad) {
        int before = s[bad - 1] & 0xff;
        boolean signedExponent = (before == '+' || before == '-') && bad - 2 >= start
                && (s[bad - 2] == 'e' || s[bad - 2] == 'E');
        if (before == '.') {
            return "a '.' not followed by a digit";
        }
        if (before == 'e' || before == 'E' || signedExponent) {
            return "an exponent without digits";
        }
        if (before == '-') {
            return "a '-' not followed by a digit";
        }
        if (digit(s[bad] & 0xff)) {
            return "a leading zero (write 7, not 07)";
        }
        return "it breaks JSON's number grammar";
    }

    private void literal(String word) throws Refusal {
        for (int k = 0; k < word.length(); k++) {
            if (i + k >= n) {
                i += k;
                throw truncated("inside " + word);
            }
            if (s[i + k] != word.charAt(k)) {
                Position at = here();
                throw new Refusal(Problem.UNEXPECTED, at, "it is not valid JSON: an unrecognised word at " + at.lineAndColumn()
                        + "; values are numbers, \"strings\", objects, arrays, true, false or null, and a string needs"
                        + " double quotes");
            }
        }
        i += word.length();
    }

    /** A string from its opening quote; returns its decoded text. */
    private String string() throws Refusal {
        int open = i;
        i++;
        StringBuilder decoded = null;
        int run = i;
        while (true) {
            if (i >= n) {
                throw truncated("inside a string that starts at " + Position.of(s, open).lineAndColumn()
                        + ", with no closing quote");
            }
            int b = s[i] & 0xff;
            if (b == '"') {
                String tail = new String(s, run, i - run, StandardCharsets.UTF_8);
                i++;
                return decoded == null ? tail : decoded.append(tail).toString();
            }
            if (b < 0x20) {
                Position at = here();
                throw new Refusal(Problem.CONTROL_IN_STRING, at, "it is not valid JSON: a raw control character " + codePoint(b)
                        + " inside a string at " + at.lineAndColumn() + "; JSON strings hold control characters only as"
                        + " escapes such as \\n, \\t or \\u0009");
            }
            if (b != '\\') {
                i++;
                continue;
            }
            if (decoded == null) {
                decoded = new StringBuilder();
            }
            decoded.append(new String(s, run, i - run, StandardCharsets.UTF_8));
            escape(decoded);
            run = i;
        }
    }

    /** serde_json's parse_escape, validating: from the backslash. */
    private void escape(StringBuilder out) throws Refusal {
        int backslash = i;
        i++;
        if (i >= n) {
            throw truncated("inside a string escape");
        }
        int c = s[i] & 0xff;
        i++;
        switch (c) {
            case '"': out.append('"'); return;
            case '\\': out.append('\\'); return;
            case '/': out.append('/'); return;
            case 'b': out.append('\b'); return;
            case 'f': out.append('\f'); return;
            case 'n': out.append('\n'); return;
            case 'r': out.append('\r'); return;
            case 't': out.append('\t'); return;
            case 'u': break;
            default:
                Position at = Position.of(s, backslash);
                throw new Refusal(Problem.INVALID_ESCAPE, at, "it is not valid JSON: an invalid escape at " + at.lineAndColumn()
                        + ": a backslash followed by " + describe(codePointAt(i - 1)) + "; JSON's escapes are \\\" \\\\ \\/"
                        + " \\b \\f \\n \\r \\t and \\u with four hex digits, and a backslash itself is written \\\\");
        }
        int first = hex4(backslash);
        if (first >= 0xDC00 && first <= 0xDFFF) {
            throw unpaired(backslash, first, "a low surrogate with no high surrogate before it");
        }
        if (first >= 0xD800 && first <= 0xDBFF) {
            if (i >= n || i + 1 >= n && s[i] == '\\') {
                throw truncated("inside a string escape");
            }
            if (s[i] != '\\' || s[i + 1] != 'u') {
                throw unpaired(backslash, first, "a high surrogate not followed by a \\u escape of a low one");
            }
            int second = i;
            i += 2;
            int low = hex4(second);
            if (low < 0xDC00 || low > 0xDFFF) {
                throw unpaired(backslash, first, "a high surrogate followed by a \\u escape that is not a low surrogate");
            }
            out.append((char) first).append((char) low);
            return;
        }
        out.append((char) first);
    }

    private int hex4(int backslash) throws Refusal {
        if (i + 4 > n) {
            i = n;
            throw truncated("inside a \\u escape");
        }
        int value = 0;
        for (int k = 0; k < 4; k++) {
            int c = s[i] & 0xff;
            int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
            if (d < 0) {
                Position at = Position.of(s, backslash);
                throw new Refusal(Problem.INVALID_ESCAPE, at, "it is not valid JSON: an invalid \\u escape at " + at.lineAndColumn() + ": "
                        + (c >= 0x80 ? "a non-ASCII character" : describe(c)) + " among its four hex digits, where only"
                        + " 0-9, a-f and A-F are allowed");
            }
            value = value << 4 | d;
            i++;
        }
        return value;
    }

    private Refusal unpaired(int backslash, int unit, String why) {
        Position at = Position.of(s, backslash);
        return new Refusal(Problem.UNPAIRED_SURROGATE, at, "an unpaired UTF-16 surrogate escape (U+"
                + Integer.toHexString(unit).toUpperCase(java.util.Locale.ROOT) + ") at " + at.lineAndColumn() + ": " + why
                + "; RedDB refuses it. Escape a character outside the BMP as a high and low pair (\\ud83d\\ude00), or"
                + " remove the escape");
    }

    // ---- helpers

    private Refusal comma(char close) {
        Position at = here();
        return new Refusal(Problem.UNEXPECTED, at, "it is not valid JSON: a comma before '" + close + "' at " + at.lineAndColumn()
                + "; JSON allows no trailing comma: remove it");
    }

    /** The character at the cursor is not what the grammar expects there (or the file ends). */
    private Refusal unexpected(String expected) {
        if (i >= n) {
            return truncated("where " + expected + " was expected");
        }
        Position at = here();
        int cp = codePointAt(i);
        String found = describe(cp);
        String rule = "";
        if (cp < 0x20 || cp == 0x7F || cp > 0x7F && isSpace(cp)) {
            rule = "; between tokens JSON allows only space, tab, line feed and carriage return";
        } else if (cp == '\'') {
            rule = "; JSON quotes names and strings with double quotes";
        } else if (cp == '/' || cp == '#') {
            rule = "; JSON has no comments";
        } else if (Character.isLetter(cp) && expected.startsWith("a member name")) {
            rule = "; member names need double quotes, as in {\"term\":7}";
        }
        return new Refusal(Problem.UNEXPECTED, at, "it is not valid JSON: " + found + (cp < 0x20 || cp == 0x7F || isSpace(cp) ? " outside a string"
                : "") + " at " + at.lineAndColumn() + ", where " + expected + " was expected" + rule);
    }

    private Refusal truncated(String where) {
        Position at = Position.of(s, n);
        return new Refusal(Problem.TRUNCATED, at, "it is not valid JSON: the file ends before the JSON is complete, at "
                + at.lineAndColumn() + " " + where + " (a truncated or interrupted write)");
    }

    private Position here() {
        return Position.of(s, i);
    }

    private int peek() {
        return i < n ? s[i] & 0xff : -1;
    }

    private void skipWhitespace() {
        while (i < n) {
            byte b = s[i];
            if (b != ' ' && b != '\n' && b != '\t' && b != '\r') {
                return;
            }
            i++;
        }
    }

    private static boolean digit(int c) {
        return c >= '0' && c <= '9';
    }

    /** The code point starting at byte {@code k} of valid UTF-8. */
    private int codePointAt(int k) {
        int b = s[k] & 0xff;
        if (b < 0x80) {
            return b;
        }
        int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : 2;
        return new String(s, k, Math.min(length, n - k), StandardCharsets.UTF_8).codePointAt(0);
    }

    private static boolean isSpace(int cp) {
        return Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0xFEFF || cp == 0x85 || cp == 0x200B;
    }

    private static String codePoint(int cp) {
        return String.format(java.util.Locale.ROOT, "U+%04X", cp);
    }

    /**
     * A character in words that never quote the file's text: JSON punctuation by itself, control
     * and space characters by code point, letters, digits and other characters by their kind.
     */
    static String describe(int cp) {
        if (cp < 0x20 || cp == 0x7F) {
            return "a control character " + codePoint(cp);
        }
        if (cp == ' ') {
            return "a space";
        }
        if (cp < 0x7F && !Character.isLetterOrDigit(cp)) {
            return "'" + (char) cp + "'";
        }
        if (cp >= '0' && cp <= '9') {
            return "a digit";
        }
        if (cp < 0x7F) {
            return "a letter";
        }
        if (isSpace(cp)) {
            return "the Unicode space or format character " + codePoint(cp);
        }
        if (Character.getType(cp) == Character.FORMAT || Character.isISOControl(cp)) {
            return "the invisible character " + codePoint(cp);
        }
        return "a non-ASCII character";
    }
}
