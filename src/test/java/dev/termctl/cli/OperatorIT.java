package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termctl.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The operator features, through the packaged command: cluster view, audit trail, journal, dry runs, CAS. */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class OperatorIT {
    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    private Path node(String name, String content) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        return content == null ? d.resolve("term.json") : Files.writeString(d.resolve("term.json"), content);
    }

    @Test
    void the_cluster_view_shows_each_node_and_the_worst_state_sets_the_exit_code() throws Exception {
        Path a = node("a", "{\"term\":12}");
        Path b = node("b", "{\"term\":12}");
        Path c = node("c", "{\"term\":11}");
        Cli.Result r = cli.run("show", a.toString(), b.toString(), c.toString()).expect(20);
        assertTrue(r.out().startsWith("highest term: 12\n"), r.toString());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith(c.toString()) && l.contains("stale") && l.contains("behind by 1")),
                r.toString());
        assertEquals(2, r.out().lines().filter(l -> l.contains("current")).count(), r.toString());
        cli.run("adopt", "-q", "-f", c.toString(), "12").expect(10);
        cli.run("show", "-f", a.toString(), "-f", b.toString(), "-f", c.toString()).expect(0);
        Path missing = node("d", null);
        Cli.Result withDefault = cli.run("show", a.toString(), missing.toString()).expect(20);
        assertTrue(withDefault.out().contains("default"), withDefault.toString());
        Path bad = node("e", "{\"term\":\"12\"}");
        Cli.Result invalid = cli.run("show", a.toString(), c.toString(), bad.toString()).expect(65);
        assertTrue(invalid.out().lines().anyMatch(l -> l.startsWith(bad.toString()) && l.contains("invalid")
                && l.contains("a string")), invalid.toString());
    }

    @Test
    void the_cluster_view_in_json_has_every_node_and_a_summary() throws Exception {
        Path a = node("a", "{\"term\":18446744073709551615}");
        Path c = node("c", "{\"term\":11}");
        Path bad = node("e", "[]");
        JsonNode j = cli.run("show", "--json", a.toString(), c.toString(), bad.toString()).expect(65).json();
        assertEquals(3, j.get("nodes").size());
        assertEquals("18446744073709551615", j.get("summary").get("highest_term").bigIntegerValue().toString());
        assertEquals("current", j.get("nodes").get(0).get("state").asText());
        assertEquals("stale", j.get("nodes").get(1).get("state").asText());
        assertEquals("invalid", j.get("nodes").get(2).get("state").asText());
        assertTrue(j.get("nodes").get(2).get("error").asText().contains("not a JSON object"));
        assertEquals(1, j.get("summary").get("stale").asInt());
        assertEquals(1, j.get("summary").get("invalid").asInt());
    }

    @Test
    void nodes_on_other_hosts_join_through_their_show_json_lines() throws Exception {
        Path a = node("a", "{\"term\":12}");
        Path c = node("c", "{\"term\":11}");
        String lines = cli.run("show", "--json", "-f", a.toString()).expect(0).out()
                + cli.run("show", "--json", "-f", c.toString()).expect(0).out();
        Cli.Result fromStdin = new Cli().input(lines).run("show", "--from-json", "-").expect(20);
        // One row a node, named HOST:FILE (the host each line came from), with its term and state.
        List<String> rows = fromStdin.out().lines().map(l -> l.replaceAll(" +", " ").strip()).toList();
        String host = new ObjectMapper().readTree(lines.lines().findFirst().orElseThrow()).get("host").asText();
        assertEquals(List.of("highest term: 12", "NODE TERM STATE", host + ":" + a + " 12 current",
                host + ":" + c + " 11 stale behind by 1"), rows, fromStdin::toString);
        Path saved = Files.writeString(dir.resolve("nodes.jsonl"), lines + "not json\n");
        Cli.Result fromFile = cli.run("show", "--from-json", saved.toString()).expect(65);
        assertTrue(fromFile.out().contains("line 3"), fromFile.toString());
    }

    @Test
    void every_write_records_who_when_why_and_with_what_and_show_displays_it() throws Exception {
        Path f = node("a", "{\n  \"term\": 7,\n  \"keep\": [1, 2]\n}\n");
        cli.run("adopt", "--reason", "re-synced from node-a", "-f", f.toString(), "9").expect(10);
        JsonNode shown = cli.run("show", "--json", "-f", f.toString()).expect(0).json();
        assertTrue(shown.get("updated_at").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), shown.toString());
        assertEquals(System.getProperty("user.name"), shown.get("updated_by").asText().split("@")[0]);
        assertEquals("re-synced from node-a", shown.get("reason").asText());
        assertEquals("termctl " + System.getProperty("termctl.version") + " adopt", shown.get("updated_with").asText());
        String text = Files.readString(f);
        assertTrue(text.contains("  \"keep\": [1, 2],\n  \"updated_at\": "), text);
        assertTrue(cli.run("show", "-f", f.toString()).expect(0).out().contains("re-synced from node-a"));
        // A later write without --reason does not keep the old reason.
        cli.run("admit-handshake", "-f", f.toString(), "10").expect(10);
        JsonNode again = cli.run("show", "--json", "-f", f.toString()).expect(0).json();
        assertTrue(again.get("reason").isNull(), again.toString());
        assertTrue(again.get("updated_with").asText().endsWith(" admit-handshake"));
    }

    @Test
    void dry_runs_and_fenced_verdicts_write_nothing_and_journal_nothing() throws Exception {
        Path f = node("a", "{\"term\":7}");
        Path journal = dir.resolve("journal");
        byte[] before = Cli.bytes(f);
        for (String command : List.of("admit-record", "admit-handshake", "adopt")) {
            JsonNode j = cli.run(command, "--dry-run", "--json", "--journal", journal.toString(), "-f", f.toString(), "9")
                    .expect(10).json();
            assertTrue(j.get("dry_run").asBoolean());
            assertFalse(j.get("changed").asBoolean());
            assertEquals(7, j.get("term").asInt());
            assertTrue(cli.run(command, "--dry-run", "-f", f.toString(), "9").expect(10).out().contains("dry run"));
            cli.run(command, "--dry-run", "-f", f.toString(), "6").expect(20);
            cli.run(command, "--journal", journal.toString(), "-f", f.toString(), "6").expect(20);
        }
        assertArrayEquals(before, Cli.bytes(f));
        assertFalse(Files.exists(journal), "nothing was written, so nothing was journaled");
        assertEquals(List.of("term.json"), List.of(dir.resolve("a").toFile().list()), "a dry run takes no lock");
        // A dry run refuses what the real run would refuse.
        Path vote = Files.copy(Cli.FIXTURES.resolve("last-vote.json"), dir.resolve("vote.json"));
        assertTrue(cli.run("adopt", "--dry-run", "-f", vote.toString(), "10").expect(65).err().contains("last-vote"));
    }

    @Test
    void the_journal_gets_one_line_per_write_and_history_prints_it() throws Exception {
        Path a = node("a", "{\"term\":7}");
        Path b = node("b", null);
        Path journal = dir.resolve("termctl.journal");
        cli.run("adopt", "--journal", journal.toString(), "--reason", "first", "-f", a.toString(), "8").expect(10);
        cli.env("TERMCTL_JOURNAL", journal.toString()).run("admit-record", "--create", "-f", b.toString(), "3").expect(10);
        new Cli().run("admit-record", "--journal", journal.toString(), "-f", a.toString(), "8").expect(0);
        List<String> lines = Files.readAllLines(journal);
        assertEquals(2, lines.size(), lines::toString);
        JsonNode first = new ObjectMapper().readTree(lines.get(0));
        assertEquals(a.toString(), first.get("file").asText());
        assertEquals(7, first.get("before").asInt());
        assertEquals(8, first.get("after").asInt());
        assertEquals("first", first.get("reason").asText());
        assertEquals("adopt", first.get("command").asText());
        Cli.Result table = cli.run("history", "--journal", journal.toString()).expect(0);
        assertTrue(table.out().startsWith("TIME"), table.toString());
        assertTrue(table.out().contains("7 -> 8") && table.out().contains("1 -> 3"), table.toString());
        JsonNode onlyB = cli.run("history", "--json", "--journal", journal.toString(), "-f", b.toString()).expect(0).json().get("entries");
        assertEquals(1, onlyB.size());
        assertEquals("admit-record", onlyB.get(0).get("command").asText());
        Files.writeString(journal, "garbage\n", java.nio.file.StandardOpenOption.APPEND);
        assertTrue(cli.run("history", "--journal", journal.toString()).expect(65).err().contains("line 3"));
        cli.run("history", "--journal", dir.resolve("none").toString()).expect(66);
    }

    @Test
    void expect_current_adopts_only_from_the_inspected_term() throws Exception {
        Path f = node("a", "{\"term\":11}");
        Cli.Result wrong = cli.run("adopt", "--expect-current", "10", "-f", f.toString(), "12").expect(30);
        assertTrue(wrong.err().contains("the current term is 11, not the expected 10"), wrong.toString());
        assertEquals("11", Cli.term(f));
        cli.run("adopt", "--expect-current", "11", "-f", f.toString(), "12").expect(10);
        assertEquals("12", Cli.term(f));
    }

    @Test
    void expect_current_loses_to_a_concurrent_writer_and_changes_nothing() throws Exception {
        Path f = node("a", "{\"term\":11}");
        // A colleague's adopt to 13 has taken the lock and is about to rename its new file in.
        try (Cli.Running colleague = new Cli().pausedAt("rename", "adopt", "-q", "-f", f.toString(), "13");
             Cli.Running runbook = new Cli().launch("adopt", "--expect-current", "11", "--lock-timeout", "10m", "-f",
                     f.toString(), "12")) {
            // The runbook read 11, as it expected, and now waits for the lock.
            runbook.awaitOpen(dir.resolve("a/term.json.lock"));
            assertEquals(10, colleague.resume().code());
            // Its compare-and-set re-reads 13 under the lock, and refuses.
            Cli.Result r = runbook.result().expect(30);
            assertTrue(r.err().contains("the current term is 13"), r.toString());
        }
        assertEquals("13", Cli.term(f));
    }

    @Test
    void term_only_prints_the_exact_term_for_scripts() throws Exception {
        Path f = node("a", "{\"term\":18446744073709551615}");
        assertEquals("18446744073709551615\n", cli.run("show", "--term-only", "-f", f.toString()).expect(0).out());
        assertEquals("1\n", cli.run("show", "--term-only", "-f", node("b", null).toString()).expect(0).out());
        cli.run("show", "--term-only", "--json", "-f", f.toString()).expect(2);
    }

    @Test
    void errors_say_what_to_do_next() throws Exception {
        Path vote = Files.copy(Cli.FIXTURES.resolve("last-vote.json"), dir.resolve("vote.json"));
        String err = cli.run("adopt", "-f", vote.toString(), "10").expect(65).err();
        assertTrue(err.contains("last-vote record") && err.contains("must not be edited by hand"), err);
        Path f = node("a", "{\"term\":1}");
        try (var ch = java.nio.channels.FileChannel.open(dir.resolve("a/term.json.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var held = ch.lock()) {
            assertTrue(held.isValid());
            String locked = cli.run("adopt", "--lock-timeout", "100ms", "-f", f.toString(), "2").expect(75).err();
            assertTrue(locked.contains("fuser -v") && locked.contains("--lock-timeout"), locked);
        }
        assertTrue(cli.run("adopt", "--dryrun", "-f", f.toString(), "2").expect(2).err().contains("--dry-run"));
        assertTrue(cli.run("histroy").expect(2).err().contains("history"));
    }

    @Test
    void no_color_turns_colour_off_in_help() throws Exception {
        String colour = Cli.inTerminal(Map.of("TERM", "xterm"), "adopt", "--help");
        String plain = Cli.inTerminal(Map.of("TERM", "xterm", "NO_COLOR", "1"), "adopt", "--help");
        assertTrue(colour.contains("\u001b["), "help on a terminal is coloured: " + colour);
        assertFalse(plain.contains("\u001b["), "NO_COLOR must turn colour off: " + plain);
        assertFalse(cli.run("adopt", "--help").out().contains("\u001b["), "a pipe gets no colour");
    }
}
