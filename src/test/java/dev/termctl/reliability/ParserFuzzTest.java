package dev.termctl.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.termctl.core.Term;
import dev.termctl.store.TermFileFormat;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Fuzzes the term-file parser and the TERM parser against independent oracles: arbitrary bytes,
 * and near-valid JSON built from fragments. Nothing may crash, hang, or be accepted unless valid.
 */
class ParserFuzzTest {
    private static final BigInteger MAX = new BigInteger(Term.MAX_TEXT);
    private static final JsonMapper ORACLE = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .build();
    private static long inputs;
    private static long accepted;

    /** What a correct parser must conclude: the term, or null for "not a valid term file". */
    private static BigInteger oracle(byte[] bytes) {
        if (bytes.length >= 3 && (bytes[0] & 0xff) == 0xEF && (bytes[1] & 0xff) == 0xBB && (bytes[2] & 0xff) == 0xBF) {
            return null;
        }
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
            JsonNode root = ORACLE.readTree(text);
            if (root == null || !root.isObject()) {
                return null;
            }
            JsonNode term = root.get("term");
            if (term == null || !term.isIntegralNumber()) {
                return null;
            }
            BigInteger v = term.bigIntegerValue();
            return v.signum() < 0 || v.compareTo(MAX) > 0 || text.contains("-0") && v.signum() == 0 ? null : v;
        } catch (Exception e) {
            return null;
        }
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
                "NaN", "\\u0074erm", "\"t\\u0065rm\"", "\u0000", "\"\u00e9\"", "99999999999999999999999999");
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
        TermFileFormat.Parsed parsed;
        try {
            parsed = TermFileFormat.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (TermFileFormat.InvalidTermFile e) {
            return;
        }
        Term next = new Term(newBits);
        byte[] rewritten = parsed.withTerm(next);
        assertEquals(next, TermFileFormat.parse(rewritten).term());
        JsonNode before = ORACLE.readTree(text);
        JsonNode after = ORACLE.readTree(rewritten);
        ((com.fasterxml.jackson.databind.node.ObjectNode) before).remove("term");
        ((com.fasterxml.jackson.databind.node.ObjectNode) after).remove("term");
        assertEquals(before, after);
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
