package dev.termctl.cli;

import dev.termctl.cluster.NodeReading;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termctl.testing.Cli;
import java.io.BufferedWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A cluster view keeps its nodes compact: a quarter of a million --from-json nodes, through the
 * packaged command, in a 64 MiB heap, where one object graph a node (as termctl once kept: 860 MB a
 * million, so ~215 MB here, more than three times the heap) ends in an OutOfMemoryError; beyond the
 * view's budget, a one-line refusal.
 */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class ClusterViewBoundsIT {
    @TempDir
    Path dir;

    @Test
    void a_cluster_view_of_a_quarter_million_nodes_fits_in_a_64_MiB_heap() throws Exception {
        // The same proof as half a million nodes in 128 MiB (the old representation needs 3.4 times
        // the heap either way), in half the time.
        int n = 250_000;
        Path lines = dir.resolve("nodes.jsonl");
        try (BufferedWriter w = Files.newBufferedWriter(lines)) {
            for (int i = 0; i < n; i++) {
                w.write("{\"file\":\"/var/lib/reddb/replication/term.json\",\"host\":\"db-" + i + ".example\",\"exists\":true,"
                        + "\"term\":" + (i == 7 ? 9 : 8) + ",\"last_vote\":false,\"updated_at\":\"2026-11-26T05:10:00Z\","
                        + "\"updated_by\":\"root@db-" + i + "\",\"reason\":null,\"updated_with\":\"termctl 0.1.0 adopt\","
                        + "\"warnings\":[]}\n");
            }
        }
        Cli.Result r = new Cli().heap("64m", dir).run("show", "--from-json", lines.toString()).expect(20);
        String out = r.out();
        assertTrue(out.startsWith("highest term: 9\nNODE"), () -> out.substring(0, 200));
        assertEquals(n + 2, out.chars().filter(c -> c == '\n').count());
        int seventh = out.indexOf("\ndb-7.example:") + 1;
        assertEquals("db-7.example:/var/lib/reddb/replication/term.json 9 current",
                out.substring(seventh, out.indexOf('\n', seventh)).replaceAll(" +", " "));
        String last = out.substring(out.lastIndexOf('\n', out.length() - 2) + 1);
        assertEquals("db-" + (n - 1) + ".example:/var/lib/reddb/replication/term.json 8 stale behind by 1\n", last.replaceAll(" +", " "));
    }

    @Test
    void node_text_beyond_the_views_budget_is_refused_in_one_line_not_with_an_out_of_memory_error() throws Exception {
        // Node text beyond the view's budget (half a 64 MiB heap here): 600 nodes of 60 KB.
        Path big = dir.resolve("big.jsonl");
        String reason = "r".repeat(60_000);
        try (BufferedWriter w = Files.newBufferedWriter(big)) {
            for (int i = 0; i < 600; i++) {
                w.write("{\"file\":\"/t\",\"host\":\"h" + i + "\",\"term\":3,\"reason\":\"" + reason + "\"}\n");
            }
        }
        Cli.Result view = new Cli().heap("64m", dir).run("show", "--from-json", big.toString()).expect(65);
        assertTrue(view.err().startsWith("termctl: error: --from-json " + big + " line "), view::toString);
        assertTrue(view.err().contains("the most termctl keeps for one view"), view::toString);
        assertEquals(1, view.err().lines().count(), view::toString);
        assertFalse(view.err().contains("OutOfMemoryError"), view::toString);
        assertTrue(NodeReading.MAX_VIEW_BYTES >= 32L << 20);
    }
}
