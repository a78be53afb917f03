package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.termctl.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Options through the packaged command. An option value the store could not read back is refused on
 * the command line (exit 2), before anything is written: a --reason longer than the 1,024 bytes the
 * README documents would otherwise reach the term file and the journal, which later reads refuse. On
 * both parsers (the fast path, and picocli for a line the fast path declines). And options that no
 * other test runs by their documented names do what the README says.
 */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class OptionsIT {
    /** The documented bound (docs/operations.md: "at most 1,024 bytes"), written here, not read from the code. */
    private static final int DOCUMENTED_MAX_REASON_BYTES = 1024;

    @TempDir
    Path dir;

    /** Every file in {@code dir}, by name, with its bytes. */
    private Map<String, byte[]> snapshot() throws Exception {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                files.put(p.getFileName().toString(), Files.readAllBytes(p));
            }
        }
        return files;
    }

    private void assertUnchanged(Map<String, byte[]> before, Cli.Result r) throws Exception {
        Map<String, byte[]> after = snapshot();
        assertEquals(before.keySet(), after.keySet(), () -> "files created or removed by " + r);
        for (String name : before.keySet()) {
            assertArrayEquals(before.get(name), after.get(name), () -> name + " changed by " + r);
        }
    }

    private static void assertRefusedReason(Cli.Result r, int bytes) {
        r.expect(2);
        assertEquals("", r.out(), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
        String err = r.err();
        assertTrue(err.startsWith("termctl: error: invalid value for option '--reason': it is " + bytes + " bytes long;"),
                r::toString);
        assertTrue(err.contains("a reason is at most " + DOCUMENTED_MAX_REASON_BYTES + " bytes"), r::toString);
        assertTrue(err.contains("name the incident or ticket, and keep the story elsewhere"), r::toString);
    }

    @Test
    void a_reason_over_the_limit_is_a_usage_error_and_leaves_the_term_file_and_the_journal_byte_for_byte() throws Exception {
        Path f = Files.writeString(dir.resolve("term.json"), "{\n  \"term\": 7\n}\n");
        Cli cli = new Cli();
        // A journal and a lock exist already: the refused runs must add nothing to either.
        cli.run("adopt", "-q", "--reason", "INC-1 first", "-f", f.toString(), "8").expect(10);
        Map<String, byte[]> before = snapshot();
        assertEquals(List.of("term.json", "term.json.journal", "term.json.lock"), List.copyOf(before.keySet()));

        // The 70 KiB reason, on the fast path.
        String huge = "r".repeat(70 * 1024);
        Cli.Result big = cli.run("adopt", "--reason", huge, "-f", f.toString(), "9");
        assertRefusedReason(big, 70 * 1024);
        assertUnchanged(before, big);
        // One byte over, on picocli's path (the fast path declines "--"), and as --reason=TEXT.
        String over = "x".repeat(DOCUMENTED_MAX_REASON_BYTES + 1);
        Cli.Result picocli = cli.run("admit-handshake", "--reason=" + over, "-f", f.toString(), "--", "9");
        assertRefusedReason(picocli, DOCUMENTED_MAX_REASON_BYTES + 1);
        assertUnchanged(before, picocli);
        // Bytes, not characters: 513 two-byte characters are 1,026 bytes. A dry run is refused too.
        Cli.Result accents = cli.run("adopt", "--dry-run", "--reason", "é".repeat(513), "-f", f.toString(), "9");
        assertRefusedReason(accents, 1026);
        assertUnchanged(before, accents);
        assertEquals("8", Cli.term(f));
    }

    @Test
    void repair_refuses_a_reason_over_the_limit_before_it_copies_or_replaces_anything() throws Exception {
        Path f = Files.writeString(dir.resolve("term.json"), "{\"term\":");
        Map<String, byte[]> before = snapshot();
        Cli.Result r = new Cli().run("repair", "--reason", "y".repeat(DOCUMENTED_MAX_REASON_BYTES + 1), "-f", f.toString(),
                "12");
        assertRefusedReason(r, DOCUMENTED_MAX_REASON_BYTES + 1);
        assertUnchanged(before, r);
    }

    /**
     * The longest reason accepted is read back by every reader: made of control characters, which
     * JSON escapes at six bytes each (the largest a reason can grow on disk), it is in the term file
     * and the journal, and show and history both return it exactly.
     */
    @Test
    void the_longest_reason_accepted_is_read_back_by_show_and_history() throws Exception {
        Path f = Files.writeString(dir.resolve("term.json"), "{\"term\":7}");
        String longest = "\u0001".repeat(DOCUMENTED_MAX_REASON_BYTES);
        assertEquals(DOCUMENTED_MAX_REASON_BYTES, longest.getBytes(StandardCharsets.UTF_8).length);
        new Cli().run("adopt", "-q", "--reason", longest, "-f", f.toString(), "8").expect(10);
        assertTrue(Files.readString(f).contains("\\u0001".repeat(DOCUMENTED_MAX_REASON_BYTES)), "escaped in the file");
        JsonNode shown = new Cli().run("show", "--json", "-f", f.toString()).expect(0).json();
        assertEquals(longest, shown.get("reason").asText());
        JsonNode history = new Cli().run("history", "--json", "-f", f.toString()).expect(0).json().get("entries");
        assertEquals(1, history.size(), history::toString);
        assertEquals(longest, history.get(0).get("reason").asText());
    }

    @Test
    void no_journal_quiet_and_file_by_their_documented_long_names() throws Exception {
        Path f = Files.writeString(dir.resolve("term.json"), "{\"term\":7}");
        Cli.Result r = new Cli().run("adopt", "--no-journal", "--quiet", "--file", f.toString(), "9").expect(10);
        assertEquals("", r.out(), r::toString);
        assertEquals("9", Cli.term(f));
        // The write took the lock, and journaled nothing: no FILE.journal beside it.
        assertEquals(List.of("term.json", "term.json.lock"), List.copyOf(snapshot().keySet()));
    }
}
