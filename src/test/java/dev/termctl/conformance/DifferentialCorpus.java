package dev.termctl.conformance;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded term files for the differential test against real serde_json: number-heavy ones (19-20
 * digit mantissas, long fractions, exponents near +-308 and +-324 and beyond an i32, the u64 and
 * i64 edges, the f64 maximum written many ways, numbers filling a file to the 64 KiB bound) and
 * structure-heavy ones (nesting around serde_json's limit, long and colliding names, duplicates,
 * surrogate and broken escapes, raw control characters, non-JSON whitespace, invalid UTF-8 at
 * every kind of place, truncation, trailing content, last-vote records).
 */
final class DifferentialCorpus {

    private final SplittableRandom random;

    DifferentialCorpus(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** {@code count} files, the same for the same seed. */
    List<byte[]> files(int count) {
        List<byte[]> files = new ArrayList<>(count);
        for (int k = 0; k < count; k++) {
            files.add(file());
        }
        return files;
    }

    private byte[] file() {
        switch (random.nextInt(10)) {
            case 0: case 1: case 2: case 3:
                return utf8(placed(number()));
            case 4:
                return utf8(bigNumberFile());
            case 5:
                return utf8(nested());
            case 6:
                return utf8(strings());
            case 7:
                return badUtf8(utf8(placed(valueOfAnyKind())));
            case 8:
                return utf8(whitespaceAndTrailing());
            default:
                return mutated(utf8(placed(valueOfAnyKind())));
        }
    }

    // ---- numbers

    private static final String[] EDGES = {"18446744073709551615", "18446744073709551616", "18446744073709551619",
        "1844674407370955161", "9223372036854775807", "9223372036854775808", "-9223372036854775808",
        "-9223372036854775809", "-18446744073709551616", "1.7976931348623157e308", "1.7976931348623158e308",
        "1.7976931348623159e308", "1.797693134862315807e308", "1.797693134862315808e308", "17976931348623157e292",
        "17976931348623158e292", "179769313486231570e291", "0.17976931348623157e309", "1e308", "10e307", "1e309",
        "2.2250738585072014e-308", "4.9e-324", "5e-324", "2.4703282292062327e-324", "1e-400", "0e99999999999",
        "1e2147483647", "1e2147483648", "1e-2147483648", "0.0e2147483648", "-0", "-0.0", "0", "1E+308", "1e+0308",
        "18446744073709551616.", "18446744073709551616.5", "18446744073709551616.6", "184467440737095516160.",
        "18446744073709551616.5e1", "1.", "01", "-", "1e", "1e+", ".5", "1.e5", "-01", "1.5e308", "-1.7976931348623158e308"};

    private String number() {
        int kind = random.nextInt(8);
        if (kind == 0) {
            return EDGES[random.nextInt(EDGES.length)];
        }
        if (kind == 1) {
            // The f64 maximum's digits, perturbed, with more or fewer of them and a matching exponent.
            String digits = "17976931348623157" + digits(random.nextInt(6));
            int change = random.nextInt(digits.length());
            digits = digits.substring(0, change) + (char) ('0' + random.nextInt(10)) + digits.substring(change + 1);
            int point = 1 + random.nextInt(Math.min(4, digits.length()));
            int exponent = 308 - (point - 1) + random.nextInt(3) - 1;
            return sign() + digits.substring(0, point) + (point < digits.length() ? "." + digits.substring(point) : "")
                    + e() + exponent;
        }
        if (kind == 2) {
            // A 309-digit integer near the maximum, or a long fraction.
            return sign() + "17976931348623" + digits(295 + random.nextInt(3));
        }
        StringBuilder b = new StringBuilder(sign());
        int integerDigits = pick(new int[] {1, 2, 17, 18, 19, 20, 21, 25, 40});
        b.append((char) ('1' + random.nextInt(9))).append(digits(integerDigits - 1));
        if (random.nextBoolean()) {
            b.append('.').append(digits(pick(new int[] {1, 2, 15, 19, 20, 30, 60})));
        }
        if (random.nextInt(3) > 0) {
            int exponent = pick(new int[] {0, 1, 22, 23, 280, 288, 289, 290, 291, 292, 300, 305, 306, 307, 308, 309, 310,
                -290, -300, -305, -307, -308, -310, -320, -323, -324, -325, -330, -340, -400});
            exponent += random.nextInt(5) - 2 - (exponent > 200 ? integerDigits - 1 : 0);
            b.append(e()).append(exponent < 0 ? "-" : random.nextBoolean() ? "+" : "").append(Math.abs(exponent));
        }
        return b.toString();
    }

    /** A file at or near the 64 KiB bound made of one long number. */
    private String bigNumberFile() {
        int size = 64 * 1024 - 40 + random.nextInt(60);
        String head = "{\"term\":7,\"n\":";
        int room = size - head.length() - 1;
        StringBuilder b = new StringBuilder(head).append(random.nextBoolean() ? "-" : "");
        switch (random.nextInt(4)) {
            case 0: b.append('1').append(digits(room - 2)); break;
            case 1: b.append("0.").append("0".repeat(room - 330)).append(digits(320)); break;
            case 2: b.append("1.").append(digits(room - 10)).append("e-").append(random.nextInt(400)); break;
            default: b.append("17976931348623157").append("0".repeat(292)).append('.').append(digits(room - 320));
        }
        return b.append('}').toString();
    }

    private String sign() {
        return random.nextInt(4) == 0 ? "-" : "";
    }

    private String e() {
        return random.nextBoolean() ? "e" : "E";
    }

    private String digits(int count) {
        StringBuilder b = new StringBuilder(count);
        for (int k = 0; k < count; k++) {
            b.append((char) ('0' + random.nextInt(10)));
        }
        return b.toString();
    }

    private int pick(int[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    /** A value in the term member, another member, or deep inside one. */
    private String placed(String value) {
        switch (random.nextInt(5)) {
            case 0: return "{\"term\":" + value + "}";
            case 1: return "{\"term\":" + term() + ",\"x\":" + value + "}";
            case 2: return "{\"a\":[1,{\"b\":[" + value + "]}],\"term\":" + term() + "}";
            case 3: return "{\"term\":" + term() + ",\"voted_for\":" + value + "}";
            default: return "{\n  \"x\": " + value + ",\n  \"term\": " + term() + "\n}\n";
        }
    }

    private String term() {
        return random.nextInt(3) == 0 ? EDGES[random.nextInt(9)] : Long.toUnsignedString(random.nextLong());
    }

    // ---- structure

    private String valueOfAnyKind() {
        switch (random.nextInt(7)) {
            case 0: return number();
            case 1: return "\"" + text() + "\"";
            case 2: return "[1,\"" + text() + "\",{\"k\":null}]";
            case 3: return "{\"" + text() + "\":true,\"n\":" + number() + "}";
            case 4: return random.nextBoolean() ? "null" : "false";
            case 5: return term();
            default: return "{}";
        }
    }

    private String nested() {
        int depth = 120 + random.nextInt(12);
        StringBuilder open = new StringBuilder();
        StringBuilder close = new StringBuilder();
        for (int k = 1; k < depth; k++) {
            if (random.nextBoolean()) {
                open.append("[");
                close.insert(0, "]");
            } else {
                open.append("{\"k\":");
                close.insert(0, "}");
            }
        }
        return random.nextBoolean() ? "{\"term\":7,\"x\":" + open + "1" + close + "}"
                : "{\"x\":" + open + "null" + close + ",\"term\":8}";
    }

    private static final String[] PIECES = {"a", "term", "é", "😀", "\\ud83d\\ude00", "\\ud800", "\\udc00", "\\udc00\\ud800",
        "\\ud83d\\n", "\\ud83d\\u0041", "\\ud83d\\", "\\u0074", "\\u007д", "\\u00e9", "\\u0000", "\\u12", "\\x", "\\/",
        "\\\"", "\\\\", "\t", "\u0001", "\u001f", "\u007f", "\u2028", "\u3000", "\u00a0", "Aa", "BB", " ", "\\b\\f\\n\\r\\t",
        "\\u004G", "\\u00٣4", "\\uDBFF\\uDFFF", "\\uD800\\uDBFF"};

    private String text() {
        StringBuilder b = new StringBuilder();
        int parts = random.nextInt(6);
        for (int k = 0; k < parts; k++) {
            b.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return b.toString();
    }

    private String strings() {
        switch (random.nextInt(5)) {
            case 0: {
                // A long name, up to the file bound.
                int length = pick(new int[] {49_999, 50_000, 50_001, 65_000, 65_500, 70_000}) - random.nextInt(40);
                return "{\"" + "n".repeat(length) + "\":1,\"term\":" + term() + "}";
            }
            case 1: {
                // Names that collide in hash tables (Aa and BB hash alike), sometimes one repeated.
                StringBuilder b = new StringBuilder("{\"term\":7");
                int names = 1 + random.nextInt(300);
                for (int k = 0; k < names; k++) {
                    StringBuilder name = new StringBuilder();
                    int pattern = random.nextInt(256);
                    for (int bit = 0; bit < 8; bit++) {
                        name.append((pattern >> bit & 1) == 0 ? "Aa" : "BB");
                    }
                    b.append(",\"").append(name).append("\":").append(k);
                }
                return b.append('}').toString();
            }
            case 2:
                return "{\"" + text() + "\":" + term() + ",\"term\":" + term() + "}";
            case 3:
                return "{\"term\":" + term() + ",\"term\":" + (random.nextBoolean() ? term() : "\"" + text() + "\"") + "}";
            default:
                return "{\"t" + text() + "rm\":1,\"term\":" + term() + ",\"s\":\"" + text() + "\"}";
        }
    }

    private static final String[] SPACES = {" ", "\t", "\n", "\r", "\u000b", "\f", "\u001c", "\u0000", "\u00a0", "\u2028",
        "\u3000", "\ufeff", "\u0085", "\r\n"};

    private String whitespaceAndTrailing() {
        String space = SPACES[random.nextInt(SPACES.length)];
        String body = "{\"term\":" + term() + "}";
        switch (random.nextInt(6)) {
            case 0: return space;
            case 1: return space + space + body;
            case 2: return body + space;
            case 3: return "{" + space + "\"term\"" + space + ":" + space + term() + space + "}";
            case 4: return body + (random.nextBoolean() ? body : random.nextBoolean() ? "x" : ",");
            default: return body.substring(0, random.nextInt(body.length()));
        }
    }

    // ---- bytes

    private static final int[][] BAD_UTF8 = {{0x80}, {0xBF}, {0xC0, 0xAF}, {0xC1, 0xBF}, {0xC3}, {0xE2, 0x82},
        {0xE0, 0x80, 0xAF}, {0xED, 0xA0, 0x80}, {0xED, 0xBF, 0xBF}, {0xF0, 0x8F, 0xBF, 0xBF}, {0xF4, 0x90, 0x80, 0x80},
        {0xF5, 0x80, 0x80, 0x80}, {0xF8}, {0xFE}, {0xFF}, {0xFF, 0xFE}, {0xE9}, {0xF0, 0x9F, 0x98}};

    /** A valid file with an invalid UTF-8 sequence put in at a random place (whitespace, name, string, number, ends). */
    private byte[] badUtf8(byte[] file) {
        int[] bad = BAD_UTF8[random.nextInt(BAD_UTF8.length)];
        int at = random.nextInt(4) == 0 ? (random.nextBoolean() ? 0 : file.length) : random.nextInt(file.length + 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(file, 0, at);
        for (int b : bad) {
            out.write(b);
        }
        out.write(file, at, file.length - at);
        return out.toByteArray();
    }

    /** A valid file with a few bytes changed, removed or cut off. */
    private byte[] mutated(byte[] file) {
        byte[] b = file.clone();
        int changes = 1 + random.nextInt(3);
        for (int k = 0; k < changes && b.length > 0; k++) {
            int at = random.nextInt(b.length);
            switch (random.nextInt(3)) {
                case 0:
                    String swaps = "{}[]:,\"\\ -+.eE0123456789tfnul\u0000\n";
                    b[at] = (byte) swaps.charAt(random.nextInt(swaps.length()));
                    break;
                case 1:
                    byte[] shorter = new byte[b.length - 1];
                    System.arraycopy(b, 0, shorter, 0, at);
                    System.arraycopy(b, at + 1, shorter, at, b.length - at - 1);
                    b = shorter;
                    break;
                default:
                    b = java.util.Arrays.copyOf(b, at);
            }
        }
        return b;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
