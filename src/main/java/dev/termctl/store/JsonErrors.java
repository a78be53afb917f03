package dev.termctl.store;

import com.fasterxml.jackson.core.exc.StreamReadException;
import dev.termctl.store.TermFileFormat.InvalidTermFile;
import dev.termctl.store.TermFileFormat.Reason;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Jackson's syntax errors in an operator's words: what is wrong and where, never the tokenizer's
 * internals (token names, "code 120", source descriptions).
 */
final class JsonErrors {
    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'", Pattern.DOTALL);
    private static final Pattern UNEXPECTED = Pattern.compile("Unexpected character \\('.*' \\(code (\\d+)\\)\\)");
    private static final Pattern TOKEN = Pattern.compile("Unrecognized token '(.*?)'", Pattern.DOTALL);
    private static final Pattern ESCAPE = Pattern.compile("Unrecognized character escape '.*' \\(code (\\d+)\\)");
    private static final Pattern CONTROL = Pattern.compile("Illegal unquoted character \\(\\(CTRL-CHAR, code (\\d+)\\)\\)");

    private JsonErrors() {
    }

    static InvalidTermFile invalid(StreamReadException e, String text) {
        String raw = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        String at = e.getLocation() == null ? "" : " " + TermFileFormat.at(text, (int) e.getLocation().getCharOffset());
        Matcher m = DUPLICATE.matcher(raw);
        if (m.lookingAt()) {
            return new InvalidTermFile(Reason.DUPLICATE_MEMBER, "the member " + TermFileFormat.quote(m.group(1))
                    + " appears twice (the second" + at + "); RedDB would silently take the last one, termctl will not"
                    + " guess which was meant: keep one");
        }
        return new InvalidTermFile(Reason.SYNTAX, "it is not valid JSON: " + what(raw) + at);
    }

    private static String what(String raw) {
        if (raw.startsWith("Unexpected end-of-input")) {
            return "it ends before the JSON is complete (a truncated file?)";
        }
        Matcher m = UNEXPECTED.matcher(raw);
        if (m.lookingAt()) {
            String c = character(Integer.parseInt(m.group(1)));
            if (raw.contains("double-quote to start field name")) {
                return "expected a member name in double quotes, found " + c;
            }
            if (raw.contains("comma to separate Object")) {
                return "expected ',' or '}' after a member, found " + c;
            }
            if (raw.contains("comma to separate Array")) {
                return "expected ',' or ']' after an array element, found " + c;
            }
            if (raw.contains("colon to separate")) {
                return "expected ':' after a member name, found " + c;
            }
            if (raw.contains("Leading zeroes") || raw.contains("leading zero")) {
                return "a number starts with a zero";
            }
            return "unexpected " + c;
        }
        m = TOKEN.matcher(raw);
        if (m.lookingAt()) {
            String word = m.group(1);
            return "unrecognised word " + TermFileFormat.quote(word.length() > 20 ? word.substring(0, 20) + "..." : word)
                    + " (values are numbers, \"strings\", true, false or null)";
        }
        m = ESCAPE.matcher(raw);
        if (m.lookingAt()) {
            return "a string holds the invalid escape \\" + character(Integer.parseInt(m.group(1)))
                    + " (valid: \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX)";
        }
        m = CONTROL.matcher(raw);
        if (m.lookingAt()) {
            return "a string holds a raw control character " + character(Integer.parseInt(m.group(1)))
                    + "; write it as an escape such as \\n or \\u0009";
        }
        if (raw.contains("Leading zeroes")) {
            return "a number starts with a zero";
        }
        if (raw.contains("Invalid numeric value") || raw.contains("Non-standard token")) {
            return "a malformed number";
        }
        if (raw.contains("was expecting closing quote")) {
            return "a string is not closed";
        }
        if (raw.contains("Unexpected close marker")) {
            return "a closing bracket that matches nothing";
        }
        return "a syntax error";
    }

    /** A character as an operator can read it in a one-line message: 'x' when printable ASCII, else U+XXXX. */
    private static String character(int code) {
        return code > 0x20 && code < 0x7f ? "'" + (char) code + "'" : String.format("U+%04X", code);
    }
}
