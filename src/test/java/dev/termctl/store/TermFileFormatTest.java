package dev.termctl.store;

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
                Arguments.of("", "empty"),
                Arguments.of("  \n", "empty"),
                Arguments.of("term: 7", "not valid JSON"),
                Arguments.of("{\"term\":7", "not valid JSON"),
                Arguments.of("{\"term\":", "not valid JSON"),
                Arguments.of("[7]", "not a JSON object"),
                Arguments.of("7", "not a JSON object"),
                Arguments.of("\"7\"", "not a JSON object"),
                Arguments.of("null", "not a JSON object"),
                Arguments.of("{}", "no \"term\""),
                Arguments.of("{\"Term\":7}", "no \"term\""),
                Arguments.of("{\"term\":\"7\"}", "a string"),
                Arguments.of("{\"term\":null}", "null"),
                Arguments.of("{\"term\":true}", "a boolean"),
                Arguments.of("{\"term\":[7]}", "an array"),
                Arguments.of("{\"term\":{\"n\":7}}", "an object"),
                Arguments.of("{\"term\":-1}", "negative"),
                Arguments.of("{\"term\":-0}", "negative"),
                Arguments.of("{\"term\":6.5}", "not an integer"),
                Arguments.of("{\"term\":7.0}", "not an integer"),
                Arguments.of("{\"term\":7e0}", "not an integer"),
                Arguments.of("{\"term\":7E+0}", "not an integer"),
                Arguments.of("{\"term\":18446744073709551616}", "above the largest term"),
                Arguments.of("{\"term\":99999999999999999999999999}", "above the largest term"),
                Arguments.of("{\"term\":007}", "not valid JSON"),
                Arguments.of("{\"term\":+7}", "not valid JSON"),
                Arguments.of("{\"term\":0x7}", "not valid JSON"),
                Arguments.of("{\"term\":NaN}", "not valid JSON"),
                Arguments.of("{'term':7}", "not valid JSON"),
                Arguments.of("{\"term\":7,}", "not valid JSON"),
                Arguments.of("{\"term\":7 /* c */}", "not valid JSON"),
                Arguments.of("{\"term\":7,\"term\":8}", "appears twice"),
                Arguments.of("{\"term\":7,\"x\":{\"a\":1,\"a\":2}}", "appears twice"),
                Arguments.of("{\"term\":7}{\"term\":8}", "after the JSON object"),
                Arguments.of("{\"term\":7}x", "after the JSON object"),
                Arguments.of("{\"term\":7}]", "after the JSON object"),
                Arguments.of("\uFEFF{\"term\":7}", "byte-order mark"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("invalid")
    void rejects_every_malformed_file_with_a_reason(String text, String reason) {
        TermFileFormat.InvalidTermFile e = assertThrows(TermFileFormat.InvalidTermFile.class, () -> parse(text));
        assertTrue(e.getMessage().contains(reason), () -> "expected '" + reason + "' in: " + e.getMessage());
    }

    @Test
    void rejects_bytes_that_are_not_utf8() {
        byte[] latin1 = {'{', '"', 't', 'e', 'r', 'm', '"', ':', '7', ',', '"', 'n', '"', ':', '"', (byte) 0xE9, '"', '}'};
        TermFileFormat.InvalidTermFile e = assertThrows(TermFileFormat.InvalidTermFile.class, () -> TermFileFormat.parse(latin1));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        byte[] utf16 = "{\"term\":7}".getBytes(StandardCharsets.UTF_16LE);
        assertThrows(TermFileFormat.InvalidTermFile.class, () -> TermFileFormat.parse(utf16));
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
