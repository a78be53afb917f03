package dev.termctl.cli.render;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Every line termctl prints goes through here, so that nothing read from a file, a file name, the
 * journal or --from-json can drive the operator's terminal: control characters (C0, DEL, C1), line
 * and paragraph separators, bidirectional controls and unpaired surrogates are shown as escapes
 * ({@code \x1b}, {@code \u202e}, {@code \ud800}), and one printed line is always one line. In text
 * a backslash is shown as {@code \\}, so that a typed {@code \x1b} and a real ESC never look alike.
 * JSON ({@link Json.Line}) stays valid: its backslashes are JSON's own, and the escapes it gets are
 * JSON's too ({@code \u007f}).
 */
public final class TerminalText extends PrintWriter {

    public TerminalText(Writer out) {
        super(out, true);
    }

    @Override
    public void println(String line) {
        super.println(escape(line));
    }

    /** A {@link Json.Line} is printed as JSON, a {@link #escaped} line as it is, anything else as text. */
    @Override
    public void println(Object line) {
        if (line instanceof Json.Line) {
            super.println(escapeJson(line.toString()));
        } else if (line instanceof Escaped) {
            super.println(line.toString());
        } else {
            println(String.valueOf(line));
        }
    }

    /** Part of a line of JSON, printed without ending the line: a long array is written piece by piece. */
    @Override
    public void print(Object piece) {
        if (piece instanceof Json.Line) {
            super.print(escapeJson(piece.toString()));
        } else {
            super.print(piece);
        }
    }

    /** A line already made safe by {@link #escape} (a table row, padded by its escaped width). */
    static Object escaped(String line) {
        return new Escaped(line);
    }

    private record Escaped(String line) {
        @Override
        public String toString() {
            return line;
        }
    }

    /**
     * The width to fit text to when standard output is a terminal: $COLUMNS when set, else the
     * terminal's (asked of stty). A pipe or a file gets whole lines, whatever COLUMNS says: a script
     * or a log must see every path in full.
     */
    public static int width() {
        if (!stdoutIsTerminal()) {
            return Integer.MAX_VALUE;
        }
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("[0-9]{1,4}") && Integer.parseInt(columns) >= 40) {
            return Integer.parseInt(columns);
        }
        try {
            Process p = new ProcessBuilder("/bin/stty", "size").redirectInput(new java.io.File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String[] size = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                    .trim().split(" ");
            int cols = size.length == 2 && size[1].matches("[0-9]{1,4}") ? Integer.parseInt(size[1]) : 0;
            return cols >= 40 ? cols : Integer.MAX_VALUE;
        } catch (java.io.IOException | RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }

    /**
     * Whether standard output is a terminal: what descriptor 1 is open on (System.console() says
     * whether stdin and stdout both are on JDK 17, and may answer for neither on JDK 22 and later).
     */
    public static boolean stdoutIsTerminal() {
        try {
            String target = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/fd/1")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (java.io.IOException | RuntimeException e) {
            return false;
        }
    }

    /** {@code s} as text safe for a terminal, every escape unambiguous (a backslash is {@code \\}). */
    static String escape(String s) {
        return escape(s, false);
    }

    /** JSON text safe for a terminal: still the same JSON, with JSON's escapes. */
    static String escapeJson(String s) {
        return escape(s, true);
    }

    private static String escape(String s, boolean json) {
        if (s == null) {
            return "null";
        }
        int i = 0;
        while (i < s.length() && !unsafe(s, i, json)) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unsafe(s, i, json)) {
                b.append(c);
            } else if (c == '\\') {
                b.append("\\\\");
            } else if (c < 0x20 && !json) {
                b.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else {
                String hex = Integer.toHexString(c);
                b.append("\\u").append("0000", hex.length(), 4).append(hex);
            }
        }
        return b.toString();
    }

    /** Whether the char at {@code i} must be escaped: a control, a separator, a bidi control, an unpaired surrogate. */
    private static boolean unsafe(String s, int i, boolean json) {
        char c = s.charAt(i);
        if (c == '\\') {
            return !json;
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i == 0 || !Character.isHighSurrogate(s.charAt(i - 1));
        }
        return unsafe(c);
    }

    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x061c || c == 0x200e || c == 0x200f
                || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }
}
