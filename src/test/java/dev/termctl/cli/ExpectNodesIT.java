package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.termctl.testing.Cli;
import dev.termctl.testing.Console;
import dev.termctl.testing.DocText;
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
    void a_view_in_which_no_node_answered_fails_in_every_output_form_with_the_reason_on_stderr() throws Exception {
        for (java.util.List<String> form : java.util.List.of(java.util.List.<String>of(), java.util.List.of("--json"),
                java.util.List.of("-o", "json"), java.util.List.of("-q"), java.util.List.of("-o", "prometheus"),
                java.util.List.of("-o", "text"))) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("show", "--from-json", "-"));
            args.addAll(form);
            Cli.Result r = new Cli().input("").run(args).expect(65);
            assertTrue(r.err().contains("termctl: error: no node answered"), r::toString);
            assertEquals(1, r.err().lines().count(), r::toString);
            if (form.contains("--json") || form.contains("json")) {
                assertEquals(0, r.json().get("summary").get("nodes").asInt(), r::toString);
            }
            if (form.contains("prometheus")) {
                assertTrue(r.out().lines().anyMatch(l -> l.equals("termctl_nodes_answered 0")), r::toString);
            }
        }
        // An empty file of lines is no answer either; with --expect-nodes the count is said.
        Path empty = Files.writeString(dir.resolve("answers.jsonl"), "");
        new Cli().run("show", "--from-json", empty.toString()).expect(65);
        Cli.Result expected = new Cli().input("").run("show", "--expect-nodes", "2", "--from-json", "-").expect(65);
        assertTrue(expected.err().contains("only 0 of 2 expected nodes answered"), expected::toString);
    }

    @Test
    void a_view_in_which_no_node_has_a_term_file_fails_with_the_reason_but_one_missing_file_is_term_1() throws Exception {
        Path missing = dir.resolve("missing.json");
        // One node: RedDB reads a missing file as term 1; show says so and succeeds.
        Cli.Result one = new Cli().run("show", "--json", "-f", missing.toString()).expect(0);
        assertFalse(one.json().get("exists").asBoolean(), one::toString);
        for (java.util.List<String> form : java.util.List.of(java.util.List.<String>of(), java.util.List.of("--json"),
                java.util.List.of("-q"), java.util.List.of("-o", "prometheus"))) {
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("show", "--from-json", "-"));
            args.addAll(form);
            Cli.Result r = new Cli().input(one.out()).run(args).expect(65);
            assertEquals(java.util.List.of("termctl: error: no node has a term file: the one node read as missing (exists:"
                    + " false, the default term 1). A mistyped path or term files that are gone must not read as healthy:"
                    + " check the paths on the hosts"), r.err().lines().toList(), r::toString);
            if (form.contains("--json")) {
                assertEquals(1, r.json().get("summary").get("default").asInt(), r::toString);
            }
        }
        Cli.Result two = new Cli().run("show", missing.toString(), dir.resolve("also-missing.json").toString()).expect(65);
        assertTrue(two.err().contains("no node has a term file: all 2 nodes read as missing"), two::toString);
        // One node with a file: the missing one is behind it (20), as before.
        Path present = Files.writeString(dir.resolve("present.json"), "{\"term\":7}");
        new Cli().run("show", present.toString(), missing.toString()).expect(20);
        Files.writeString(present, "{\"term\":1}");
        new Cli().run("show", present.toString(), missing.toString()).expect(0);
    }

    /** The README's fleet loop, as a runbook copies it, with ssh answering for {@code up} only. */
    private Cli.Result readmeFleetLoop(String up, Path answer) throws Exception {
        // The loop of the failover procedure's step 2, as its console example runs it, without the
        // echo of the exit code that the example adds for the reader.
        String loop = Console.examples(DocText.README, DocText.section(DocText.README, "failover"), 1).stream()
                .map(Console.Example::command).filter(c -> c.startsWith("for h in node-a")).findFirst()
                .orElseThrow(() -> new AssertionError("the README's failover procedure has no fleet loop"))
                .replace("; echo \"exit $?\"", "");
        assertTrue(loop.contains("--from-json -") && loop.contains("--expect-nodes 3"), loop);
        // ssh fails as it does for a host that is down or unknown (exit 255, a line on stderr), but for {@code up}.
        String script = "ssh() { if [ \"$1\" = '" + up + "' ]; then termctl show --json -f '" + answer + "'; else"
                + " echo \"ssh: Could not resolve hostname $1\" >&2; return 255; fi; }\n"
                + "termctl() { '" + Cli.LAUNCHER + "' \"$@\"; }\n" + loop;
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(false);
        pb.environment().put("XDG_CACHE_HOME", Cli.CACHE.toString());
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Cli.Result(java.util.List.of("bash", "-c", loop), p.waitFor(), out, err);
    }

    @Test
    void the_readmes_fleet_loop_fails_when_every_host_or_one_host_is_down() throws Exception {
        Path a = node("node-a", 12);
        Cli.Result allDown = readmeFleetLoop("none", a).expect(65);
        assertTrue(allDown.err().contains("answered"), allDown::toString);
        Cli.Result oneDown = readmeFleetLoop("node-a", a).expect(65);
        assertTrue(oneDown.err().contains("only 1 of 3 expected nodes answered"), oneDown::toString);
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
