package dev.termctl.conformance;

import dev.termctl.format.TermFileFormat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termctl.core.RedDb110;
import dev.termctl.core.Term;
import dev.termctl.format.TermFileFormat.InvalidTermFile;
import dev.termctl.format.TermFileFormat.Reason;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * termctl's reader against RedDB's own verdicts on every case of the conformance corpus: whenever
 * termctl reads a term, current RedDB reads the same one (and its last-vote decoder accepts a
 * voted_for file); whenever RedDB refuses a file, termctl refuses it. termctl may be stricter only
 * for the documented reasons.
 */
class RedDbConformanceTest {

    /** The reasons the README's file-format section gives for refusing a file RedDB reads. */
    private static final Set<Reason> DOCUMENTED_STRICTER = EnumSet.of(Reason.DUPLICATE_MEMBER, Reason.TOO_LARGE);

    /** Words of Jackson's own messages that must never reach an operator. */
    private static final Pattern INTERNALS = Pattern.compile(
            "code \\d|Source|REDACTED|JsonToken|START_|END_|VALUE_|Unexpected character|end-of-input|marker|"
                    + "StreamRead|Exception|ctrl-char|CTRL-CHAR");

    private static final List<RedDbCases.Case> CASES = RedDbCases.all();

    @Test
    void the_corpus_is_the_whole_fixture() {
        assertEquals(10_175, CASES.size(), "cases in " + RedDbCases.FILE);
    }

    @Test
    void termctl_reads_what_reddb_reads_and_refuses_what_it_refuses() {
        List<String> violations = new ArrayList<>();
        Map<String, Integer> stricter = new TreeMap<>();
        int read = 0;
        int refused = 0;
        for (RedDbCases.Case c : CASES) {
            try {
                Term term = TermFileFormat.parse(c.bytes()).term();
                read++;
                if (!c.redDbReads()) {
                    violations.add(c.id() + " (" + c.kind() + "): termctl reads term " + term + ", RedDB refuses: "
                            + c.redDbRefusal() + (c.lastVoteOk() == Boolean.FALSE ? " (last-vote decoder)" : ""));
                } else if (!term.toString().equals(c.redDbTerm())) {
                    violations.add(c.id() + " (" + c.kind() + "): termctl reads " + term + ", RedDB " + c.redDbTerm());
                }
            } catch (InvalidTermFile e) {
                refused++;
                if (c.redDbReads()) {
                    stricter.merge(e.reason() + " / " + c.kind(), 1, Integer::sum);
                    if (!DOCUMENTED_STRICTER.contains(e.reason())) {
                        violations.add(c.id() + " (" + c.kind() + "): RedDB reads term " + c.redDbTerm()
                                + ", termctl refuses for an undocumented reason: " + e.getMessage());
                    }
                }
            }
        }
        System.out.printf("RedDB conformance: %d cases, %d read by termctl, %d refused, stricter than RedDB: %d%n",
                CASES.size(), read, refused, stricter.values().stream().mapToInt(Integer::intValue).sum());
        stricter.forEach((k, v) -> System.out.printf("  stricter %-40s %5d%n", k, v));
        assertTrue(violations.isEmpty(), () -> violations.size() + " violations, the first:\n  "
                + String.join("\n  ", violations.subList(0, Math.min(20, violations.size()))));
    }

    @Test
    void every_refusal_speaks_the_operators_words() {
        List<String> leaks = new ArrayList<>();
        for (RedDbCases.Case c : CASES) {
            try {
                TermFileFormat.parse(c.bytes());
            } catch (InvalidTermFile e) {
                if (INTERNALS.matcher(e.getMessage()).find() || e.getMessage().contains("\n")) {
                    leaks.add(c.id() + ": " + e.getMessage());
                }
            }
        }
        assertTrue(leaks.isEmpty(), () -> leaks.size() + " messages with parser internals, e.g.\n  "
                + String.join("\n  ", leaks.subList(0, Math.min(20, leaks.size()))));
    }

    @Test
    void every_syntax_refusal_names_a_position_and_an_encoding_refusal_its_byte_offset() {
        // A syntax refusal is one RedDB's reader places ("... at line 1 column 2").
        Pattern placed = Pattern.compile("at line \\d+ column \\d+");
        List<String> unplaced = new ArrayList<>();
        int syntax = 0;
        for (RedDbCases.Case c : CASES) {
            if (c.redDbReads() || c.redDbRefusal() == null || !placed.matcher(c.redDbRefusal()).find()) {
                continue;
            }
            try {
                TermFileFormat.parse(c.bytes());
            } catch (InvalidTermFile e) {
                if (e.problem() == dev.termctl.format.Problem.TOO_LARGE) {
                    continue; // termctl's size bound: never read, so no syntax to place
                }
                syntax++;
                boolean encoding = e.problem() == dev.termctl.format.Problem.UTF16
                        || e.problem() == dev.termctl.format.Problem.BYTE_ORDER_MARK
                        || e.problem() == dev.termctl.format.Problem.NOT_UTF8;
                if (e.position() == null || !e.getMessage().matches(".*line \\d+, column \\d+.*")
                        || encoding && !e.getMessage().contains("byte offset " + e.position().byteOffset())) {
                    unplaced.add(c.id() + " (" + c.kind() + "): " + e.getMessage());
                }
            }
        }
        assertTrue(syntax > 3000, "syntax refusals: " + syntax);
        assertTrue(unplaced.isEmpty(), () -> unplaced.size() + " of " + CASES.size() + " refusals name no position, e.g.\n  "
                + String.join("\n  ", unplaced.subList(0, Math.min(10, unplaced.size()))));
    }

    @Test
    void redDb_1_10_reads_every_term_as_computed() {
        int checked = 0;
        for (RedDbCases.Case c : CASES) {
            if (c.redDbTerm() != null && c.redDb110Term() != null) {
                Term t = Term.parse(c.redDbTerm());
                assertEquals(c.redDb110Term(), RedDb110.reads(t).toString(), () -> "case " + c.id() + ", term " + t);
                checked++;
            }
        }
        assertTrue(checked > 5000, "cases with both readings: " + checked);
    }

    @Test
    void the_new_refusals_say_what_and_where() {
        assertMessage("{\"term\":7,\"x\":\"\\ud800\"}", "unpaired UTF-16 surrogate escape (U+D800) at line 1, column 16");
        assertMessage("{\"term\":7,\"\\udc00\\ud83d\":1}", "surrogate escape (U+DC00) at line 1, column 12");
        assertMessage("{\"term\":7,\"x\":[\"ok \\ud83d\\ude00\", \"\\ud83dx\"]}", "(U+D83D) at line 1, column 36");
        assertMessage("{\"term\":7,\n \"x\":1e400}", "a number too large for RedDB's reader at line 2, column 6");
        assertMessage("{\"term\":7,\"x\":-" + "9".repeat(999) + "}", "too large for RedDB's reader at line 1, column 15");
        assertMessage("{\"term\":7,\"x\":" + "[".repeat(127) + "]".repeat(127) + "}", "128 levels deep at line 1, column 141");
        assertMessage("{\"term\":7,\"voted_for\":7}", "\"voted_for\" (at line 1, column 23) is a number");
        assertMessage("{\"term\":7", "ends before the JSON is complete");
        assertMessage("{\"term\":7,\"term\":8}", "the member \"term\" appears twice");
        assertMessage("{term:7}", "a letter at line 1, column 2, where a member name in double quotes was expected");
        // Encoding refusals name the byte: the mark's, or the first NUL's (RedDB: " \0" "at line 1 column 2").
        assertMessage("\uFEFF{\"term\":7}", "at byte offset 0, line 1, column 1");
        assertMessage(" \0", "a NUL byte at byte offset 1 (line 1, column 2)");
        assertMessage("\0{", "a NUL byte at byte offset 0 (line 1, column 1)");
    }

    @Test
    void no_refusal_quotes_the_file() {
        // Content that must never reach a terminal: a "secret" in every place a message could quote from.
        String secret = "hunter2";
        List<String> files = List.of("root:" + secret, "{\"" + secret + "\":1,\"" + secret + "\":2,\"term\":1}",
                "{\"term\":\"" + secret + "\"}", "{\"term\":" + secret + "}", "{\"term\":7}" + secret,
                "{\"term\":7,\"x\":\"\\" + secret + "\"}", "{\"term\":7,\"" + secret + "\":9e999}",
                "{\"term\":7.5e1,\"" + secret + "\":1}", "[\"" + secret + "\"]", "{\"" + secret + "\"}");
        for (String f : files) {
            try {
                TermFileFormat.parse(f.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                throw new AssertionError("accepted: " + f);
            } catch (InvalidTermFile e) {
                assertTrue(!e.getMessage().contains("hunter") && !e.getMessage().contains("root"), e::getMessage);
            }
        }
    }

    @Test
    void nesting_just_under_the_limit_is_read() throws InvalidTermFile {
        String deep = "{\"term\":7,\"x\":" + "[".repeat(126) + "]".repeat(126) + "}";
        assertEquals(new Term(7), TermFileFormat.parse(deep.getBytes(java.nio.charset.StandardCharsets.UTF_8)).term());
    }

    private static void assertMessage(String file, String expected) {
        try {
            TermFileFormat.parse(file.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (InvalidTermFile e) {
            assertTrue(e.getMessage().contains(expected), () -> "expected '" + expected + "' in: " + e.getMessage());
            return;
        }
        throw new AssertionError("accepted: " + file);
    }
}
