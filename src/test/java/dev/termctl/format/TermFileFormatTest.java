package dev.termctl.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termctl.core.Term;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TermFileFormatTest {

    private static TermFileFormat.Document parse(String text) throws Exception {
        return TermFileFormat.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void reads_the_forms_reddb_writes_and_operators_type() throws Exception {
        assertEquals(new Term(6), parse("{\"term\":6}").term());
        assertEquals(new Term(7), parse("{\n  \"term\": 7\n}\n").term());
        assertEquals(Term.MAX, parse("{\"term\":18446744073709551615}").term());
        assertEquals(new Term(0), parse("{\"term\":0}").term());
        assertEquals(new Term(3), parse(" \t{\"other\":[1,{\"term\":\"x\"}],\"term\":3}\r\n").term());
    }

    @Test
    void recognises_a_last_vote_record() throws Exception {
        TermFileFormat.Document vote = parse("{\"term\":9,\"voted_for\":\"replica-a\"}");
        assertTrue(vote.lastVote());
        assertEquals("replica-a", vote.votedFor());
        TermFileFormat.Document none = parse("{\"term\":3,\"voted_for\":null}");
        assertTrue(none.lastVote());
        assertEquals(null, none.votedFor());
        assertFalse(parse("{\"term\":3}").lastVote());
    }

    @Test
    void rewriting_changes_only_the_terms_digits() throws Exception {
        String text = "{\n  \"node\": \"a\",\n  \"term\": 7,\n  \"extra\": {\"term\": 1, \"x\": 1.50e3}\n}\n";
        String rewritten = new String(parse(text).withTerm(Term.MAX), StandardCharsets.UTF_8);
        assertEquals(text.replace("\"term\": 7", "\"term\": 18446744073709551615"), rewritten);
        assertEquals(Term.MAX, parse(rewritten).term());
    }

    @Test
    void a_fresh_file_is_compact_json_reddb_reads() throws Exception {
        byte[] fresh = TermFileFormat.fresh(java.util.Map.of("term", Term.MAX.toString()));
        assertEquals("{\"term\":18446744073709551615}\n", new String(fresh, StandardCharsets.US_ASCII));
        assertEquals(Term.MAX, TermFileFormat.parse(fresh).term());
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("", Problem.EMPTY, "it is empty (it holds no bytes; it ends at line 1, column 1, byte offset 0)"),
                Arguments.of("  \n", Problem.EMPTY, "only whitespace"),
                Arguments.of("term: 7", Problem.UNEXPECTED, "not valid JSON: a letter at line 1, column 1, where a JSON object"),
                Arguments.of("{\"term\":7", Problem.TRUNCATED, "ends before the JSON is complete"),
                Arguments.of("{\"term\":", Problem.TRUNCATED, "at line 1, column 9"),
                Arguments.of("[7]", Problem.NOT_AN_OBJECT, "it holds an array at line 1, column 1, not a JSON object"),
                Arguments.of("7", Problem.NOT_AN_OBJECT, "a number"),
                Arguments.of("\"7\"", Problem.NOT_AN_OBJECT, "a string"),
                Arguments.of("null", Problem.NOT_AN_OBJECT, "null"),
                Arguments.of("{}", Problem.NO_TERM, "no \"term\""),
                Arguments.of("{\"Term\":7}", Problem.NO_TERM, "no \"term\""),
                Arguments.of("{\"term\":\"7\"}", Problem.BAD_TERM, "is a string"),
                Arguments.of("{\"term\":null}", Problem.BAD_TERM, "is null"),
                Arguments.of("{\"term\":true}", Problem.BAD_TERM, "is true"),
                Arguments.of("{\"term\":[7]}", Problem.BAD_TERM, "an array"),
                Arguments.of("{\"term\":{\"n\":7}}", Problem.BAD_TERM, "an object"),
                Arguments.of("{\"term\":-1}", Problem.BAD_TERM, "negative"),
                Arguments.of("{\"term\":-0}", Problem.BAD_TERM, "negative"),
                Arguments.of("{\"term\":6.5}", Problem.BAD_TERM, "not an integer"),
                Arguments.of("{\"term\":7.0}", Problem.BAD_TERM, "not an integer"),
                Arguments.of("{\"term\":7e0}", Problem.BAD_TERM, "not an integer"),
                Arguments.of("{\"term\":7E+0}", Problem.BAD_TERM, "not an integer"),
                Arguments.of("{\"term\":18446744073709551616}", Problem.BAD_TERM, "above the largest term"),
                Arguments.of("{\"term\":99999999999999999999999999}", Problem.BAD_TERM, "above the largest term"),
                Arguments.of("{\"term\":007}", Problem.MALFORMED_NUMBER, "a leading zero"),
                Arguments.of("{\"term\":1.}", Problem.MALFORMED_NUMBER, "a '.' not followed by a digit"),
                Arguments.of("{\"term\":1e+}", Problem.MALFORMED_NUMBER, "an exponent without digits"),
                Arguments.of("{\"term\":-x}", Problem.MALFORMED_NUMBER, "a '-' not followed by a digit"),
                Arguments.of("{\"term\":+7}", Problem.UNEXPECTED, "'+' at line 1, column 9, where a value"),
                Arguments.of("{\"term\":0x7}", Problem.UNEXPECTED, "a letter at line 1, column 10"),
                Arguments.of("{\"term\":NaN}", Problem.UNEXPECTED, "a letter at line 1, column 9"),
                Arguments.of("{\"term\":tru}", Problem.UNEXPECTED, "an unrecognised word"),
                Arguments.of("{'term':7}", Problem.UNEXPECTED, "JSON quotes names and strings with double quotes"),
                Arguments.of("{term:7}", Problem.UNEXPECTED, "member names need double quotes"),
                Arguments.of("{\"term\":7,}", Problem.UNEXPECTED, "a comma before '}' at line 1, column 11"),
                Arguments.of("{\"term\":7,\"a\":[1,]}", Problem.UNEXPECTED, "a comma before ']'"),
                Arguments.of("{\"term\":7 /* c */}", Problem.UNEXPECTED, "JSON has no comments"),
                Arguments.of("{\"term\":\f7}", Problem.UNEXPECTED,
                        "a control character U+000C outside a string at line 1, column 9"),
                Arguments.of("{\"term\":\u30007}", Problem.UNEXPECTED, "the Unicode space or format character U+3000 outside"),
                Arguments.of("{\"term\":7,\"a\":\"x\ty\"}", Problem.CONTROL_IN_STRING, "a raw control character U+0009"),
                Arguments.of("{\"term\":7,\"a\":\"\\x\"}", Problem.INVALID_ESCAPE, "a backslash followed by a letter"),
                Arguments.of("{\"\\u007\u0434erm\":7}", Problem.INVALID_ESCAPE, "a non-ASCII character among its four hex"),
                Arguments.of("{\"term\":7,\"a\":\"\\ud800\"}", Problem.UNPAIRED_SURROGATE, "U+D800"),
                Arguments.of("{\"term\":7,\"term\":8}", Problem.DUPLICATE_MEMBER, "the member \"term\" appears twice"),
                // A name that is not the format's own is the file's content: never quoted.
                Arguments.of("{\"term\":7,\"hunter2\":1,\"hunter2\":2}", Problem.DUPLICATE_MEMBER,
                        "a member name appears twice in one object (the second time at line 1, column 23)"),
                Arguments.of("{\"term\":7,\"x\":{\"a\":1,\"a\":2}}", Problem.DUPLICATE_MEMBER,
                        "a member name appears twice in one object (the second time at line 1, column 22)"),
                Arguments.of("{\"term\":7}{\"term\":8}", Problem.TRAILING_CONTENT, "after the JSON object, at line 1, column 11"),
                Arguments.of("{\"term\":7}x", Problem.TRAILING_CONTENT, "a letter"),
                Arguments.of("{\"term\":7}]", Problem.TRAILING_CONTENT, "after the JSON object"),
                Arguments.of("{\"term\":7}\u000b", Problem.TRAILING_CONTENT, "a control character U+000B"),
                Arguments.of("\u000b\u000c", Problem.UNEXPECTED, "U+000B outside a string"),
                Arguments.of("\u2028", Problem.UNEXPECTED, "U+2028"),
                Arguments.of("\uFEFF{\"term\":7}", Problem.BYTE_ORDER_MARK, "byte-order mark"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalid")
    void rejects_every_malformed_file_with_a_reason(String text, Problem problem, String words) {
        TermFileFormat.InvalidTermFile e = assertThrows(TermFileFormat.InvalidTermFile.class, () -> parse(text));
        assertTrue(e.getMessage().contains(words), () -> "expected '" + words + "' in: " + e.getMessage());
        assertEquals(problem, e.problem(), e::getMessage);
        assertEquals(problem.redDbRefuses(), e.redDbRefuses());
    }

    @Test
    void a_repeated_member_is_reported_only_when_reddb_would_read_the_file() {
        // A broken escape after a repeated name: RedDB refuses the file for the escape, so that is the report.
        TermFileFormat.InvalidTermFile e = assertThrows(TermFileFormat.InvalidTermFile.class,
                () -> parse("{\"term\":7,\"term\":8,\"x\":\"\\q\"}"));
        assertEquals(Problem.INVALID_ESCAPE, e.problem(), e::getMessage);
        assertTrue(e.redDbRefuses());
        // RedDB takes the last "term", so a bad first one does not make RedDB refuse the file.
        e = assertThrows(TermFileFormat.InvalidTermFile.class, () -> parse("{\"term\":\"x\",\"term\":8}"));
        assertEquals(Problem.DUPLICATE_MEMBER, e.problem(), e::getMessage);
        assertFalse(e.redDbRefuses());
        e = assertThrows(TermFileFormat.InvalidTermFile.class, () -> parse("{\"term\":8,\"term\":\"x\"}"));
        assertEquals(Problem.BAD_TERM, e.problem(), e::getMessage);
    }

    @Test
    void positions_count_lines_and_characters_and_give_the_byte_offset() {
        TermFileFormat.InvalidTermFile e = assertThrows(TermFileFormat.InvalidTermFile.class,
                () -> parse("{\n  \"n\u00e9\u00e9\": 1,\n  \"x\":\f1}"));
        assertEquals(new Position(3, 7, 22), e.position(), e::getMessage);
        byte[] latin1 = {'{', '\n', '"', 'n', '"', ':', '"', (byte) 0xE9, '"', '}'};
        e = assertThrows(TermFileFormat.InvalidTermFile.class, () -> TermFileFormat.parse(latin1));
        assertEquals(new Position(2, 6, 7), e.position(), e::getMessage);
        assertTrue(e.getMessage().contains("at byte offset 7 (line 2, column 6)"), e::getMessage);
    }

    @Test
    void member_names_as_long_as_the_file_allows_are_read() throws Exception {
        String name = "n".repeat(TermFileFormat.MAX_BYTES - 20);
        assertEquals(new Term(7), parse("{\"" + name + "\":1,\"term\":7}").term());
    }

    @Test
    void a_verdict_depends_on_the_bytes_alone() throws Exception {
        // Names whose String hash codes collide (Aa/BB) by the thousand: no shared table, no internal error.
        StringBuilder b = new StringBuilder("{\"term\":7");
        for (int i = 0; i < 2048; i++) {
            StringBuilder name = new StringBuilder();
            for (int bit = 0; bit < 11; bit++) {
                name.append((i >> bit & 1) == 0 ? "Aa" : "BB");
            }
            b.append(",\"").append(name).append("\":1");
        }
        byte[] colliding = b.append('}').toString().getBytes(StandardCharsets.UTF_8);
        assertEquals(new Term(7), TermFileFormat.parse(colliding).term());
        assertEquals(new Term(7), TermFileFormat.parse(colliding).term());
    }

    @Test
    void rejects_bytes_that_are_not_utf8() {
        byte[] latin1 = {'{', '"', 't', 'e', 'r', 'm', '"', ':', '7', ',', '"', 'n', '"', ':', '"', (byte) 0xE9, '"', '}'};
        TermFileFormat.InvalidTermFile e = assertThrows(TermFileFormat.InvalidTermFile.class, () -> TermFileFormat.parse(latin1));
        assertTrue(e.getMessage().contains("not valid UTF-8: an incomplete multi-byte character at byte offset 15"),
                e.getMessage());
        byte[] utf16 = "{\"term\":7}".getBytes(StandardCharsets.UTF_16LE);
        e = assertThrows(TermFileFormat.InvalidTermFile.class, () -> TermFileFormat.parse(utf16));
        assertEquals(Problem.UTF16, e.problem(), e::getMessage);
        byte[] marked = "{\"term\":7}".getBytes(StandardCharsets.UTF_16);
        e = assertThrows(TermFileFormat.InvalidTermFile.class, () -> TermFileFormat.parse(marked));
        assertTrue(e.getMessage().contains("UTF-16 byte-order mark FE FF"), e::getMessage);
    }

    @Test
    void rejects_a_file_over_64_kib_even_when_it_is_valid_json() throws Exception {
        byte[] big = new byte[TermFileFormat.MAX_BYTES + 1];
        Arrays.fill(big, (byte) ' ');
        byte[] head = "{\"term\":7}".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, big, 0, head.length);
        TermFileFormat.InvalidTermFile e = assertThrows(TermFileFormat.InvalidTermFile.class, () -> TermFileFormat.parse(big));
        assertTrue(e.getMessage().contains("65536"), e.getMessage());
        // One byte less is fine: trailing whitespace is allowed.
        assertEquals(new Term(7), TermFileFormat.parse(Arrays.copyOf(big, TermFileFormat.MAX_BYTES)).term());
    }

    @Test
    void deep_nesting_is_rejected_cleanly() {
        String deep = "{\"term\":1,\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertThrows(TermFileFormat.InvalidTermFile.class, () -> parse(deep));
    }
}
