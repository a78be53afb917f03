package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.termctl.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** What an operator meets at night with only --help to go on: the cluster view, JSON, help and messages. */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class OperatorNightIT {
    @TempDir
    Path dir;

    @Test
    void the_cluster_summary_partitions_the_nodes_and_rows_use_the_names_given() throws Exception {
        Files.createDirectories(dir.resolve("c"));
        Files.writeString(dir.resolve("c/a.json"), "{\"term\":12}");
        Files.writeString(dir.resolve("c/c.json"), "{\"term\":11}");
        Files.writeString(dir.resolve("c/d.json"), "{\"term\":");
        String[] nodes = {"c/a.json", "c/b.json", "c/c.json", "c/d.json"};
        Cli cli = new Cli().in(dir);
        JsonNode summary = cli.run("show", "--json", nodes[0], nodes[1], nodes[2], nodes[3]).expect(65).json().get("summary");
        assertEquals(4, summary.get("nodes").asInt());
        assertEquals(1, summary.get("current").asInt(), summary::toString);
        assertEquals(1, summary.get("stale").asInt(), summary::toString);
        assertEquals(1, summary.get("default").asInt(), summary::toString);
        assertEquals(1, summary.get("invalid").asInt(), summary::toString);
        JsonNode view = cli.run("show", "--json", nodes[0], nodes[1]).expect(20).json();
        assertEquals(dir.resolve("c/a.json").toString(), view.get("nodes").get(0).get("file").asText());
        String text = cli.run("show", nodes[0], nodes[1], nodes[2]).expect(20).out();
        assertTrue(text.contains("\nc/a.json ") && text.contains("\nc/b.json ") && !text.contains(dir.toString()), text);
    }

    @Test
    void the_cluster_table_fits_the_terminal_by_eliding_what_the_nodes_share_and_never_what_tells_them_apart()
            throws Exception {
        String[] nodes = new String[2];
        for (int i = 0; i < 2; i++) {
            Path d = Files.createDirectories(dir.resolve("srv/reddb/host-" + (char) ('a' + i) + "/replication"));
            nodes[i] = Files.writeString(d.resolve("term.json"), "{\"term\":1" + i + "}").toString();
        }
        String narrow = Cli.inTerminal(Map.of("COLUMNS", "50", "NO_COLOR", "1"), "show", nodes[0], nodes[1]);
        assertTrue(narrow.contains("host-a/replication/term.json") && narrow.contains("host-b/replication/term.json"),
                narrow);
        assertTrue(narrow.contains("...") && !narrow.contains(dir.toString()), narrow);
        // The notes give way first; what is left over the width is what tells the nodes apart, kept whole.
        assertTrue(narrow.contains("\n.../host-a/replication/term.json    10  stale"), narrow);
        // One node alone shares its whole name with nobody: nothing to elide, it stays whole.
        String alone = Cli.inTerminal(Map.of("COLUMNS", "50", "NO_COLOR", "1"), "show", "--expect-nodes", "1", nodes[0]);
        assertTrue(alone.contains(nodes[0]), alone);
        // A pipe gets every path whole, whatever COLUMNS says.
        String piped = new Cli().env("COLUMNS", "50").run("show", nodes[0], nodes[1]).expect(20).out();
        assertTrue(piped.contains(nodes[0]) && piped.contains(nodes[1]), piped);
    }

    @Test
    void a_compare_and_set_mismatch_prints_one_json_object_on_stdout() throws Exception {
        Path f = Files.writeString(dir.resolve("t.json"), "{\"term\":4}");
        Cli.Result r = new Cli().run("adopt", "--json", "--expect-current", "3", "-f", f.toString(), "9").expect(30);
        JsonNode j = r.json();
        assertEquals(3, j.get("expected_term").asInt(), r::toString);
        assertEquals(4, j.get("current_term").asInt(), r::toString);
        assertFalse(j.get("changed").asBoolean(), r::toString);
        assertEquals(30, j.get("exit_code").asInt(), r::toString);
        JsonNode bad = new Cli().run("admit-record", "--json", "-f", dir.resolve("missing.json").toString(), "9").expect(66)
                .json();
        assertEquals(66, bad.get("exit_code").asInt());
        assertEquals(2, new Cli().run("adopt", "--json", "--bogus", "-f", f.toString(), "9").expect(2).json()
                .get("exit_code").asInt());
        assertEquals("4", Cli.term(f));
    }

    @Test
    void help_on_a_pipe_is_the_help_picocli_prints_on_an_80_column_terminal() throws Exception {
        // A pipe gets help the build rendered (no picocli model at run time); a terminal gets picocli's.
        List<String> commands = new java.util.ArrayList<>(CommandIT.COMMANDS);
        commands.add("");
        for (String command : commands) {
            String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
            String piped = new Cli().run(args).expect(0).out();
            String terminal = Cli.inTerminal(Map.of("COLUMNS", "80", "NO_COLOR", "1"), args);
            assertEquals(terminal, piped, "the help of '" + command + "'");
            assertTrue(piped.startsWith("Usage: termctl"), piped);
        }
    }

    @Test
    void help_wraps_to_the_terminal_and_never_breaks_an_example() throws Exception {
        String wide = Cli.inTerminal(Map.of("COLUMNS", "120", "NO_COLOR", "1"), "adopt", "--help");
        int longest = wide.lines().mapToInt(String::length).max().orElse(0);
        assertTrue(longest > 80 && longest <= 120, "longest line " + longest + ":\n" + wide);
        String narrow = Cli.inTerminal(Map.of("COLUMNS", "60", "NO_COLOR", "1"), "adopt", "--help");
        assertTrue(narrow.contains("  termctl adopt --expect-current 11 --reason 're-synced from node-a' -f term.json 12"),
                narrow);
    }

    @Test
    void messages_name_what_is_wrong_and_suggest_only_close_misspellings() throws Exception {
        Path f = Files.writeString(dir.resolve("t.json"), "{\"term\":4}");
        String reasn = new Cli().run("adopt", "--reasn", "x", "-f", f.toString(), "10").expect(2).err();
        assertTrue(reasn.contains("unknown option '--reasn'") && reasn.contains("'--reason'"), reasn);
        assertEquals(1, reasn.strip().lines().count(), reasn);
        String version = new Cli().run("version").expect(2).err();
        assertTrue(version.contains("unknown command 'version'") && !version.contains("did you mean"), version);
        String truncated = new Cli().run("show", "-f", Files.writeString(dir.resolve("x.json"), "{\"term\":7").toString())
                .expect(65).err();
        assertTrue(truncated.contains("line 1, column 10") && !truncated.contains("REDACTED")
                && !truncated.contains("marker"), truncated);
    }
}
