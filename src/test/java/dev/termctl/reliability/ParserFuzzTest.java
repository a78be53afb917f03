package dev.termctl.reliability;

import dev.termctl.format.TermFileFormat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.termctl.core.Term;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes the term-file parser and the TERM parser against independent oracles (a small JSON reader
 * of our own for files, BigInteger for TERM): arbitrary bytes, and near-valid JSON built from
 * fragments, including the forms RedDB refuses. Nothing may crash, hang, or be accepted unless valid.
 */
class ParserFuzzTest {
    private static final BigInteger MAX = new BigInteger(Term.MAX_TEXT);
    /** For comparing documents before and after a rewrite, member by member (not an oracle of validity). */
    private static final JsonMapper TREES = JsonMapper.builder().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();
    private static long inputs;
    private static long accepted;

    /** What a correct parser must conclude: the term, or null for "not a valid term file". */
    private static BigInteger oracle(byte[] bytes) {
        return TermFileOracle.term(bytes);
    }

    private static void check(byte[] bytes) {
        inputs++;
        BigInteger expected = oracle(bytes);
        try {
            Term t = TermFileFormat.parse(bytes).term();
            accepted++;
            if (expected == null) {
                fail("accepted an invalid term file: " + new String(bytes, StandardCharsets.UTF_8));
            }
            assertEquals(expected.toString(), t.toString());
        } catch (TermFileFormat.InvalidTermFile e) {
            if (expected != null) {
                fail("refused a valid term file (" + e.getMessage() + "): " + new String(bytes, StandardCharsets.UTF_8));
            }
        }
    }

    @Provide
    Arbitrary<byte[]> anyBytes() {
        return Arbitraries.bytes().array(byte[].class).ofMaxSize(300);
    }

    /** Near-valid term files: JSON-ish fragments that parsers disagree about. */
    @Provide
    Arbitrary<String> nearJson() {
        List<String> fragments = List.of("{", "}", "[", "]", "\"term\"", "\"voted_for\"", "\"x\"", ":", ",", " ", "\n",
                "\t", "7", "0", "-1", "-0", "6.5", "7.0", "7e0", "1E+2", "18446744073709551615", "18446744073709551616",
                "9223372036854775808", "007", "+7", "null", "true", "\"7\"", "{\"a\":1}", "\uFEFF", "//", "/*x*/", "'term'",
                "NaN", "\\u0074erm", "\"t\\u0065rm\"", "\u0000", "\"\u00e9\"", "99999999999999999999999999",
                "\"\\ud800\"", "\"\\ud83d\\ude00\"", "\"\\udc00\\ud800\"", "1e400", "-1e400", "1e-400",
                "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[", "]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]", "\"voted_for\":7",
                "\"voted_for\":null", "\"voted_for\":\"a\"");
        return Arbitraries.of(fragments).list().ofMaxSize(12).map(parts -> String.join("", parts));
    }

    @Provide
    Arbitrary<String> wellFormed() {
        Arbitrary<String> term = Arbitraries.oneOf(
                Arbitraries.bigIntegers().between(BigInteger.ZERO, MAX.add(BigInteger.TEN)).map(BigInteger::toString),
                Arbitraries.of("0", "18446744073709551615", "18446744073709551616", "9223372036854775807",
                        "9223372036854775808"));
        return term.map(t -> "{\"other\":[1,{\"term\":\"no\"}],\"term\":" + t + "}");
    }

    @Property
    void arbitrary_bytes_are_refused_cleanly_or_parsed_right(@ForAll("anyBytes") byte[] bytes) {
        check(bytes);
    }

    @Property
    void near_valid_json_agrees_with_an_independent_parser(@ForAll("nearJson") String text) {
        check(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void valid_files_across_the_range_are_read_exactly(@ForAll("wellFormed") String text) {
        check(text.getBytes(StandardCharsets.UTF_8));
    }

    @Property
    void a_rewrite_keeps_everything_but_the_term(@ForAll("wellFormed") String text, @ForAll long newBits) throws Exception {
        inputs++;
        TermFileFormat.Document parsed;
        try {
            parsed = TermFileFormat.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (TermFileFormat.InvalidTermFile e) {
            return;
        }
        Term next = new Term(newBits);
        byte[] rewritten = parsed.withTerm(next);
        assertEquals(next, TermFileFormat.parse(rewritten).term());
        JsonNode before = TREES.readTree(text);
        JsonNode after = TREES.readTree(rewritten);
        ((com.fasterxml.jackson.databind.node.ObjectNode) before).remove("term");
        ((com.fasterxml.jackson.databind.node.ObjectNode) after).remove("term");
        assertEquals(before, after);
    }

    /** Term files as people and programs write them: any members, compact or pretty, with or without audit members. */
    @Provide
    Arbitrary<String> termFiles() {
        Arbitrary<Object> values = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(12).map(x -> (Object) x),
                Arbitraries.integers().map(x -> (Object) x), Arbitraries.of(true, false).map(x -> (Object) x),
                Arbitraries.of(List.of(1, 2), java.util.Map.of("term", "nested")));
        Arbitrary<java.util.Map<String, Object>> others = Arbitraries.maps(
                Arbitraries.of("node", "epoch", "reason", "updated_at", "updated_by", "updated_with", "x y", "\u00e9"),
                values).ofMaxSize(5);
        return Combinators.combine(others, Arbitraries.longs().between(0, Long.MAX_VALUE), Arbitraries.of(true, false),
                Arbitraries.integers().between(0, 5)).as((members, term, pretty, at) -> {
                    java.util.LinkedHashMap<String, Object> doc = new java.util.LinkedHashMap<>(members);
                    java.util.LinkedHashMap<String, Object> out = new java.util.LinkedHashMap<>();
                    int i = 0;
                    for (java.util.Map.Entry<String, Object> e : doc.entrySet()) {
                        if (i++ == Math.min(at, doc.size())) {
                            out.put("term", term);
                        }
                        out.put(e.getKey(), e.getValue());
                    }
                    out.putIfAbsent("term", term);
                    try {
                        return pretty ? TREES.writerWithDefaultPrettyPrinter().writeValueAsString(out) + "\n"
                                : TREES.writeValueAsString(out);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    @Property
    void setting_members_changes_those_members_and_nothing_else(@ForAll("termFiles") String text, @ForAll long newBits,
            @ForAll("reasons") String reason) throws Exception {
        inputs++;
        TermFileFormat.Document parsed = TermFileFormat.parse(text.getBytes(StandardCharsets.UTF_8));
        java.util.Map<String, String> set = new java.util.LinkedHashMap<>();
        set.put("term", Long.toUnsignedString(newBits));
        set.put("updated_at", TermFileFormat.quote("2026-11-26T05:10:00Z"));
        set.put("reason", TermFileFormat.quote(reason));
        byte[] rewritten = parsed.with(set);
        JsonNode after = TREES.readTree(rewritten);
        com.fasterxml.jackson.databind.node.ObjectNode expected = (com.fasterxml.jackson.databind.node.ObjectNode) TREES.readTree(text);
        expected.put("term", new BigInteger(Long.toUnsignedString(newBits)));
        expected.put("updated_at", "2026-11-26T05:10:00Z");
        if (reason == null) {
            expected.putNull("reason");
        } else {
            expected.put("reason", reason);
        }
        assertEquals(expected, after);
        assertEquals(Long.toUnsignedString(newBits), TermFileFormat.parse(rewritten).term().toString());
        // A pretty file stays pretty: every added member on a line of its own.
        if (text.contains("\n")) {
            assertFalse(new String(rewritten, StandardCharsets.UTF_8).contains(",\"updated_at\""), () -> new String(rewritten));
        }
    }

    @Provide
    Arbitrary<String> reasons() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20), Arbitraries.just(null),
                Arbitraries.of("quote \" and \\ backslash", "new\nline", "tab\t", "\u2028"));
    }

    @Property
    void term_arguments_are_ascii_digits_in_range_and_nothing_else(@ForAll String text) {
        checkTermArgument(text);
    }

    @Property
    void digit_strings_near_the_limit_are_parsed_exactly(
            @ForAll("digitStrings") String text) {
        checkTermArgument(text);
    }

    @Provide
    Arbitrary<String> digitStrings() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('0', '9').ofMinLength(1).ofMaxLength(24),
                Arbitraries.strings().withChars("0123456789+-٣７ ").ofMinLength(1).ofMaxLength(22));
    }

    private static void checkTermArgument(String text) {
        inputs++;
        boolean plain = !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9');
        boolean valid = plain && new BigInteger(text).compareTo(MAX) <= 0;
        try {
            Term t = Term.parse(text);
            accepted++;
            assertTrue(valid, () -> "accepted '" + text + "'");
            assertEquals(new BigInteger(text).toString(), t.toString());
        } catch (IllegalArgumentException e) {
            assertFalse(valid, () -> "refused '" + text + "': " + e.getMessage());
        }
    }

    @AfterContainer
    static void report() {
        Figures.record("ParserFuzzTest", "inputs", inputs);
        Figures.record("ParserFuzzTest", "accepted", accepted);
    }
}
