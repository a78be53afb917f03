package dev.termctl.reliability;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An independent reader of term files for fuzzing: a small recursive-descent JSON parser written
 * from RFC 8259 and the rules in the README's file-format section, sharing no code with termctl's
 * reader (format/TermReader). It says what a correct reader must conclude: the term, or null for
 * "not a valid term file". Its number rule (IEEE range) differs from RedDB's only near the f64
 * maximum, which the fuzzer's fragments never reach; SerdeDifferentialTest checks that region
 * against real serde_json.
 */
final class TermFileOracle {
    private static final BigInteger MAX = new BigInteger("18446744073709551615");
    private static final Pattern NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?");
    private static final Pattern WHOLE = Pattern.compile("(0|[1-9][0-9]*)");

    private final String s;
    private int i;

    private TermFileOracle(String s) {
        this.s = s;
    }

    /** Thrown for anything that makes the file invalid. */
    private static final class Invalid extends Exception {
        private static final long serialVersionUID = 1L;

        Invalid() {
            super(null, null, false, false);
        }
    }

    static BigInteger term(byte[] bytes) {
        if (bytes.length > 64 * 1024 || bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF) {
            return null;
        }
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
        try {
            return new TermFileOracle(text).file();
        } catch (Invalid | RuntimeException e) {
            return null;
        }
    }

    private BigInteger file() throws Invalid {
        ws();
        if (!peek('{')) {
            throw new Invalid();
        }
        i++;
        BigInteger term = null;
        boolean hasTerm = false;
        Set<String> names = new HashSet<>();
        ws();
        if (!peek('}')) {
            while (true) {
                ws();
                String name = string();
                if (!names.add(name)) {
                    throw new Invalid();
                }
                ws();
                expect(':');
                ws();
                int start = i;
                char kind = value(2);
                String raw = s.substring(start, i);
                if (name.equals("term")) {
                    if (kind != 'n' || !WHOLE.matcher(raw).matches()) {
                        throw new Invalid();
                    }
                    term = new BigInteger(raw);
                    hasTerm = true;
                } else if (name.equals("voted_for") && kind != 's' && kind != 'z') {
                    throw new Invalid();
                }
                ws();
                if (peek(',')) {
                    i++;
                    continue;
                }
                break;
            }
        }
        expect('}');
        ws();
        if (i != s.length() || !hasTerm || term.compareTo(MAX) > 0) {
            throw new Invalid();
        }
        return term;
    }

    /** Reads one value at nesting {@code depth}; returns its kind: o, a, s, n, b, z (null). */
    private char value(int depth) throws Invalid {
        if (i >= s.length()) {
            throw new Invalid();
        }
        char c = s.charAt(i);
        if (c == '{' || c == '[') {
            if (depth >= 128) {
                throw new Invalid();
            }
            i++;
            Set<String> names = new HashSet<>();
            ws();
            char close = c == '{' ? '}' : ']';
            if (!peek(close)) {
                while (true) {
                    ws();
                    if (c == '{') {
                        if (!names.add(string())) {
                            throw new Invalid();
                        }
                        ws();
                        expect(':');
                        ws();
                    }
                    value(depth + 1);
                    ws();
                    if (peek(',')) {
                        i++;
                        continue;
                    }
                    break;
                }
            }
            expect(close);
            return c == '{' ? 'o' : 'a';
        }
        if (c == '"') {
            string();
            return 's';
        }
        for (String word : new String[] {"true", "false", "null"}) {
            if (s.startsWith(word, i)) {
                i += word.length();
                return word.equals("null") ? 'z' : 'b';
            }
        }
        int start = i;
        while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
        String number = s.substring(start, i);
        if (!NUMBER.matcher(number).matches() || Double.isInfinite(Double.parseDouble(number))) {
            throw new Invalid();
        }
        return 'n';
    }

    private String string() throws Invalid {
        expect('"');
        StringBuilder b = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw new Invalid();
            }
            char c = s.charAt(i++);
            if (c == '"') {
                break;
            }
            if (c < 0x20) {
                throw new Invalid();
            }
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char e = s.charAt(i++);
            int k = "\"\\/bfnrt".indexOf(e);
            if (k >= 0) {
                b.append("\"\\/\b\f\n\r\t".charAt(k));
            } else if (e == 'u') {
                String hex = s.substring(i, i + 4);
                if (!hex.matches("[0-9a-fA-F]{4}")) {
                    throw new Invalid();
                }
                b.append((char) Integer.parseInt(hex, 16));
                i += 4;
            } else {
                throw new Invalid();
            }
        }
        for (int k = 0; k < b.length(); k++) {
            char c = b.charAt(k);
            if (Character.isHighSurrogate(c) && k + 1 < b.length() && Character.isLowSurrogate(b.charAt(k + 1))) {
                k++;
            } else if (Character.isSurrogate(c)) {
                throw new Invalid();
            }
        }
        return b.toString();
    }

    private void ws() {
        while (i < s.length() && " \t\n\r".indexOf(s.charAt(i)) >= 0) {
            i++;
        }
    }

    private boolean peek(char c) {
        return i < s.length() && s.charAt(i) == c;
    }

    private void expect(char c) throws Invalid {
        if (!peek(c)) {
            throw new Invalid();
        }
        i++;
    }
}
