package dev.termctl.cli;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * Every line termctl prints goes through here, so that nothing read from a file, a file name, the
 * journal or --from-json can drive the operator's terminal: control characters (C0, DEL, C1), line
 * and paragraph separators and bidirectional controls are shown as escapes ({@code \x1b},
 * {@code \u202e}), and one printed line is always one line. JSON stays valid: the escapes used
 * where JSON may carry the character raw are JSON's own ({@code \u007f}).
 */
final class TerminalText extends PrintWriter {

    TerminalText(Writer out) {
        super(out, true);
    }

    @Override
    public void println(String line) {
        super.println(escape(line));
    }

    @Override
    public void println(Object line) {
        println(String.valueOf(line));
    }

    /**
     * The width to fit text to: $COLUMNS when set, else the terminal's (asked of stty only when
     * standard output is a terminal), else no limit (a pipe or a file gets whole lines).
     */
    static int width() {
        String columns = System.getenv("COLUMNS");
        if (columns != null && columns.matches("[0-9]{1,4}") && Integer.parseInt(columns) >= 40) {
            return Integer.parseInt(columns);
        }
        if (System.console() == null) {
            return Integer.MAX_VALUE;
        }
        try {
            Process p = new ProcessBuilder("stty", "size").redirectInput(new java.io.File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String[] size = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII)
                    .trim().split(" ");
            int cols = size.length == 2 && size[1].matches("[0-9]{1,4}") ? Integer.parseInt(size[1]) : 0;
            return cols >= 40 ? cols : Integer.MAX_VALUE;
        } catch (java.io.IOException | RuntimeException e) {
            return Integer.MAX_VALUE;
        }
    }

    static String escape(String s) {
        if (s == null) {
            return "null";
        }
        int i = 0;
        while (i < s.length() && !unsafe(s.charAt(i))) {
            i++;
        }
        if (i == s.length()) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 16).append(s, 0, i);
        for (; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!unsafe(c)) {
                b.append(c);
            } else if (c < 0x20) {
                b.append("\\x").append(Character.forDigit(c >> 4, 16)).append(Character.forDigit(c & 15, 16));
            } else {
                String hex = Integer.toHexString(c);
                b.append("\\u").append("0000", hex.length(), 4).append(hex);
            }
        }
        return b.toString();
    }

    private static boolean unsafe(char c) {
        return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x061c || c == 0x200e || c == 0x200f
                || (c >= 0x2028 && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
    }
}
