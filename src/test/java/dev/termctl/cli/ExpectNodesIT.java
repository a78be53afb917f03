package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.termctl.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The operator's fleet view after a failover: a node is its host and absolute path, counted once;
 * --expect-nodes says how many answered and fails the view when any is missing; history -n.
 */
@Execution(ExecutionMode.CONCURRENT)
class ExpectNodesIT {
    @TempDir
    Path dir;

    private Path node(String host, long term) throws Exception {
        Path d = Files.createDirectories(dir.resolve("srv/" + host + "/replication"));
        return Files.writeString(d.resolve("term.json"), "{\"term\":" + term + "}");
    }

    @Test
    void a_node_named_twice_counts_once_and_too_few_nodes_fail_the_view_even_when_all_are_current() throws Exception {
        Path a = node("host-a", 12);
        Path b = node("host-b", 12);
        Path c = node("host-c", 12);
        // The same node three ways: twice by path (a glob overlap) and once as a line of its show --json.
        String lineOfA = new Cli().run("show", "--json", "-f", a.toString()).expect(0).out();
        Cli.Result view = new Cli().input(lineOfA + lineOfA).run("show", "--json", "--expect-nodes", "5", "--from-json", "-",
                a.toString(), b.toString(), c.toString(), a.toString()).expect(65);
        JsonNode summary = view.json().get("summary");
        assertEquals(3, summary.get("nodes").asInt(), view::toString);
        assertEquals(3, view.json().get("nodes").size(), view::toString);
        assertEquals(3, summary.get("duplicates").asInt(), view::toString);
        assertEquals(5, summary.get("expected").asInt(), view::toString);
        assertEquals(2, summary.get("missing").asInt(), view::toString);
        assertEquals(3, summary.get("current").asInt(), "every node present is current, yet the view fails");
        assertTrue(view.err().contains("only 3 of 5 expected nodes answered"), view::toString);
        assertTrue(view.err().contains("3 nodes were named more than once"), view::toString);

        Cli.Result text = new Cli().run("show", "--expect-nodes", "3", a.toString(), b.toString(), c.toString(),
                c.toString()).expect(0);
        assertTrue(text.out().contains("answered: 3 of 3 expected nodes"), text::toString);
        assertEquals(3, text.out().lines().filter(l -> l.contains("term.json")).count(), text::toString);
        // One node behind, all present: the usual 20, and the count is still said.
        Files.writeString(c, "{\"term\":11}");
        new Cli().run("show", "--expect-nodes", "3", a.toString(), b.toString(), c.toString()).expect(20);
        new Cli().run("show", "--expect-nodes", "0", a.toString()).expect(2);
    }

    @Test
    void history_shows_the_last_n_entries_and_a_node_never_written_by_termctl_has_none() throws Exception {
        Path a = node("host-a", 7);
        JsonNode none = new Cli().run("history", "--json", "-f", a.toString()).expect(0).json();
        assertEquals(0, none.get("entries").size(), none::toString);
        for (int t = 8; t <= 11; t++) {
            new Cli().run("adopt", "--reason", "step " + t, "-f", a.toString(), Integer.toString(t)).expect(10);
        }
        JsonNode last2 = new Cli().run("history", "--json", "-n", "2", "-f", a.toString()).expect(0).json();
        assertEquals(2, last2.get("entries").size(), last2::toString);
        assertEquals(10, last2.get("entries").get(0).get("after").asInt(), last2::toString);
        assertEquals(11, last2.get("entries").get(1).get("after").asInt(), last2::toString);
        String table = new Cli().run("history", "--last", "1", "-f", a.toString()).expect(0).out();
        assertTrue(table.contains("10 -> 11") && !table.contains("9 -> 10"), table);
        assertEquals(4, new Cli().run("history", "--json", "-n", "99", "-f", a.toString()).expect(0).json()
                .get("entries").size());
        // No term file and no journal: 66; a missing directory is a mistyped path, 74, as everywhere.
        new Cli().run("history", "-f", dir.resolve("srv/host-a/replication/other.json").toString()).expect(66);
        new Cli().run("history", "-f", dir.resolve("srv/nowhere/term.json").toString()).expect(74);
    }
}
