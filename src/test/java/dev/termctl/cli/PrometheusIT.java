package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.termctl.testing.Cli;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * show -o prometheus as monitoring uses it (docs/monitoring.md): parsed by Prometheus's own parser
 * (promtool), written by the documented script, served by a real node_exporter, and alerted on by
 * rules promtool checks and tests. Needs promtool and prometheus-node-exporter (Debian's
 * prometheus and prometheus-node-exporter packages; .ci/run installs them): skipped without them,
 * except under CI=true, where their absence fails.
 */
class PrometheusIT {
    private static final Path DOCS = Cli.BASEDIR.resolve("docs/monitoring");

    @TempDir
    Path dir;

    private static void need(String tool) {
        boolean found = List.of(System.getenv("PATH").split(":")).stream().anyMatch(p -> Files.isExecutable(Path.of(p, tool)));
        if ("true".equals(System.getenv("CI"))) {
            assertTrue(found, tool + " is not installed (apt-get install prometheus prometheus-node-exporter)");
        }
        assumeTrue(found, tool + " is not installed (apt-get install prometheus prometheus-node-exporter)");
    }

    private static String run(Path in, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), () -> String.join(" ", command) + ":\n" + out);
        return out;
    }

    /** promtool check metrics on {@code text}: Prometheus's parser and linter; returns its complaints. */
    private static String promtoolCheck(String text) throws Exception {
        Process p = new ProcessBuilder("promtool", "check", "metrics").redirectErrorStream(true).start();
        p.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), () -> "promtool check metrics refused:\n" + out + "\non:\n" + text);
        return out;
    }

    private Path[] nodes() throws Exception {
        Path[] files = new Path[3];
        String[] contents = {"{\"term\":18446744073709551615}", "{\"term\":18446744073709551614}", "{\"term\":"};
        for (int i = 0; i < 3; i++) {
            Path d = Files.createDirectories(dir.resolve("host-" + (char) ('a' + i) + "/replication"));
            files[i] = Files.writeString(d.resolve("term.json"), contents[i]);
        }
        return files;
    }

    @Test
    void a_view_is_valid_prometheus_text_with_each_nodes_term_lag_and_validity() throws Exception {
        need("promtool");
        Path[] n = nodes();
        Cli.Result r = new Cli().run("show", "-o", "prometheus", "--expect-nodes", "4", n[0].toString(), n[1].toString(),
                n[2].toString(), n[0].toString()).expect(65);
        String text = r.out();
        assertEquals("", promtoolCheck(text).strip(), "promtool's lint");
        String host = new Cli().run("show", "--json", "-f", n[0].toString()).expect(0).json().get("host").asText();
        String a = "{host=\"" + host + "\",file=\"" + n[0] + "\"}";
        String b = "{host=\"" + host + "\",file=\"" + n[1] + "\"}";
        String c = "{host=\"" + host + "\",file=\"" + n[2] + "\"}";
        List<String> lines = text.lines().toList();
        // Exact in the text, whatever a float makes of it: the whole unsigned range.
        assertTrue(lines.contains("termctl_term" + a + " 18446744073709551615"), text);
        assertTrue(lines.contains("termctl_term" + b + " 18446744073709551614"), text);
        assertTrue(lines.contains("termctl_node_behind" + a + " 0"), text);
        assertTrue(lines.contains("termctl_node_behind" + b + " 1"), text);
        assertTrue(lines.contains("termctl_node_valid" + c + " 0"), text);
        assertFalse(text.contains("termctl_term" + c), "an invalid node has no term sample:\n" + text);
        // The node named twice counts once: 3 of 4 answered.
        assertTrue(lines.contains("termctl_nodes_expected 4") && lines.contains("termctl_nodes_answered 3"), text);
        assertEquals(1, lines.stream().filter(l -> l.equals("termctl_node_valid" + a + " 1")).count(), text);
        for (String metric : List.of("termctl_term", "termctl_node_behind", "termctl_node_valid")) {
            assertTrue(lines.contains("# TYPE " + metric + " gauge") && text.contains("# HELP " + metric + " "), text);
        }
        assertTrue(r.err().contains("only 3 of 4 expected nodes answered"), r::toString);
    }

    @Test
    void a_label_with_quotes_backslashes_and_controls_stays_one_valid_sample() throws Exception {
        need("promtool");
        Path d = Files.createDirectories(dir.resolve("we\"ird\\na\u001bme\u202e"));
        Path f = Files.writeString(d.resolve("term.json"), "{\"term\":5}");
        String text = new Cli().run("show", "-o", "prometheus", "-f", f.toString()).expect(0).out();
        promtoolCheck(text);
        assertFalse(text.contains("\u001b") || text.contains("\u202e"), text);
        // Terminal-safe text first (a backslash doubled, ESC as \\x1b, U+202E as \\u202e), then the format's escapes:
        // no two names give one value.
        // A real U+202E and the six characters of its escape are two nodes, two label values.
        Path real = Files.createDirectories(dir.resolve("x\u202e"));
        Path written = Files.createDirectories(dir.resolve("x\\u202e"));
        Files.writeString(real.resolve("term.json"), "{\"term\":5}");
        Files.writeString(written.resolve("term.json"), "{\"term\":5}");
        String two = new Cli().run("show", "-o", "prometheus", real.resolve("term.json").toString(),
                written.resolve("term.json").toString()).expect(0).out();
        promtoolCheck(two);
        assertEquals(2, two.lines().filter(l -> l.startsWith("termctl_term{")).distinct().count(), two);
        assertTrue(text.contains("we\\\"ird\\\\\\\\na\\\\x1bme\\\\u202e/term.json\"} 5"), text);
    }

    @Test
    void label_escapes_are_the_ones_docs_monitoring_md_lists() throws Exception {
        need("promtool");
        String doc = Files.readString(Cli.BASEDIR.resolve("docs/monitoring.md"));
        assertTrue(doc.contains("a backslash as `\\\\`, a double quote as `\\\"`, a line feed as `\\n`"),
                "docs/monitoring.md no longer lists the exposition format's escapes");
        java.util.regex.Matcher row = java.util.regex.Pattern.compile("^\\| U\\+([0-9A-F]{4}) [^|]*\\| `([^`]*)` \\|",
                java.util.regex.Pattern.MULTILINE).matcher(doc);
        List<String> args = new java.util.ArrayList<>(List.of("show", "-o", "prometheus"));
        java.util.Map<Character, String> expected = new java.util.LinkedHashMap<>();
        while (row.find()) {
            char c = (char) Integer.parseInt(row.group(1), 16);
            Path d = Files.createDirectories(dir.resolve("esc-" + expected.size() + "/x" + c + "y"));
            args.add(Files.writeString(d.resolve("term.json"), "{\"term\":5}").toString());
            expected.put(c, "/esc-" + expected.size() + "/x" + row.group(2) + "y/term.json\"}");
        }
        assertEquals(Set.of('"', '\n', '\\', '\u001b', '\u202e'), expected.keySet(), "the doc's table of escapes");
        String text = new Cli().run(args).expect(0).out();
        promtoolCheck(text);
        for (java.util.Map.Entry<Character, String> e : expected.entrySet()) {
            assertTrue(text.contains(e.getValue()), () -> "U+" + Integer.toHexString(e.getKey()) + " is not written as "
                    + e.getValue() + " (docs/monitoring.md) in\n" + text);
        }
    }

    @Test
    void a_missing_term_file_is_termctl_term_file_exists_0_for_one_node_and_in_a_view() throws Exception {
        need("promtool");
        Path present = Files.writeString(dir.resolve("present.json"), "{\"term\":7}");
        Path missing = dir.resolve("missing.json");
        String host = new Cli().run("show", "--json", "-f", present.toString()).expect(0).json().get("host").asText();
        String p = "{host=\"" + host + "\",file=\"" + present + "\"}";
        String m = "{host=\"" + host + "\",file=\"" + missing + "\"}";
        // One node: RedDB reads a missing file as term 1, so show still succeeds, but the metric says it.
        String one = new Cli().run("show", "-o", "prometheus", "-f", missing.toString()).expect(0).out();
        assertEquals("", promtoolCheck(one).strip(), "promtool's lint");
        assertTrue(one.lines().toList().containsAll(List.of("termctl_term" + m + " 1", "termctl_term_file_exists" + m + " 0",
                "# TYPE termctl_term_file_exists gauge")), one);
        String here = new Cli().run("show", "-o", "prometheus", "-f", present.toString()).expect(0).out();
        assertTrue(here.lines().anyMatch(l -> l.equals("termctl_term_file_exists" + p + " 1")), here);
        // A view: per node; one present, one missing (at 1, behind): 20, as before.
        String view = new Cli().run("show", "-o", "prometheus", present.toString(), missing.toString()).expect(20).out();
        promtoolCheck(view);
        assertTrue(view.lines().toList().containsAll(List.of("termctl_term_file_exists" + p + " 1",
                "termctl_term_file_exists" + m + " 0")), view);
        // No node with a term file: 65, the metrics still written (termctl-metrics keeps them), the reason on stderr.
        Cli.Result none = new Cli().input(new Cli().run("show", "--json", "-f", missing.toString()).expect(0).out())
                .run("show", "-o", "prometheus", "--from-json", "-").expect(65);
        promtoolCheck(none.out());
        assertTrue(none.out().lines().anyMatch(l -> l.equals("termctl_term_file_exists" + m + " 0")), none::toString);
        assertTrue(none.err().startsWith("termctl: error: no node has a term file"), none::toString);
    }

    @Test
    void a_view_no_node_answered_is_a_valid_sample_of_zero_answers_and_exit_65() throws Exception {
        need("promtool");
        Cli.Result r = new Cli().input("").run("show", "-o", "prometheus", "--from-json", "-").expect(65);
        promtoolCheck(r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.equals("termctl_nodes_answered 0")), r::toString);
        assertTrue(r.err().startsWith("termctl: error: no node answered"), r::toString);
    }

    @Test
    void the_documented_script_writes_the_file_node_exporter_serves() throws Exception {
        need("promtool");
        need("prometheus-node-exporter");
        Path[] n = nodes();
        Path textfiles = Files.createDirectories(dir.resolve("textfile"));
        String path = Cli.LAUNCHER.getParent() + ":" + System.getenv("PATH");
        ProcessBuilder script = new ProcessBuilder(DOCS.resolve("termctl-metrics").toString()).redirectErrorStream(true);
        script.environment().put("PATH", path);
        script.environment().put("XDG_CACHE_HOME", Cli.CACHE.toString());
        script.environment().put("TERMCTL_FILE", n[1].toString());
        script.environment().put("TERMCTL_METRICS_DIR", textfiles.toString());
        Process p = script.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        try (var listing = Files.list(textfiles)) {
            assertEquals(List.of(textfiles.resolve("termctl.prom")), listing.toList(), "one file, no temp left");
        }
        String written = Files.readString(textfiles.resolve("termctl.prom"));
        assertTrue(written.contains("termctl_term{") && written.contains("} 18446744073709551614\n"), written);
        // An invalid node still gives a file (exit 65 is a valid set of metrics); a usage error leaves it as it was.
        script.environment().put("TERMCTL_FILE", n[2].toString());
        assertEquals(0, script.start().waitFor());
        assertTrue(Files.readString(textfiles.resolve("termctl.prom")).contains("termctl_node_valid{"));

        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Process exporter = new ProcessBuilder("prometheus-node-exporter", "--web.listen-address=127.0.0.1:" + port,
                "--collector.disable-defaults", "--collector.textfile",
                "--collector.textfile.directory=" + textfiles).redirectErrorStream(true).start();
        try {
            // Ready when it says it listens (its log line), not after a guessed delay.
            BufferedReader log = new BufferedReader(new InputStreamReader(exporter.getInputStream(), StandardCharsets.UTF_8));
            StringBuilder seen = new StringBuilder();
            for (String line = log.readLine(); line != null && !line.contains("Listening on"); line = log.readLine()) {
                seen.append(line).append('\n');
            }
            assertTrue(exporter.isAlive(), () -> "node_exporter exited:\n" + seen);
            HttpResponse<String> scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, scrape.statusCode());
            String metrics = scrape.body();
            assertTrue(metrics.contains("node_textfile_scrape_error 0"), metrics);
            assertTrue(metrics.contains("termctl_node_valid{file=\"" + n[2] + "\"") && metrics.contains("} 0"), metrics);
            promtoolCheck(metrics.lines().filter(l -> l.contains("termctl_")).reduce("", (x, l) -> x + l + "\n"));
        } finally {
            exporter.destroy();
            exporter.waitFor(30, TimeUnit.SECONDS);
        }
    }

    @Test
    void the_script_makes_the_bastions_view_of_several_files_or_of_json_lines_with_no_edits() throws Exception {
        need("promtool");
        Path[] n = new Path[3];
        for (int i = 0; i < 3; i++) {
            Path d = Files.createDirectories(dir.resolve("node-" + (char) ('a' + i)));
            n[i] = Files.writeString(d.resolve("term.json"), "{\"term\":" + (i == 2 ? 11 : 12) + "}");
        }
        Path textfiles = Files.createDirectories(dir.resolve("bastion"));
        Path prom = textfiles.resolve("termctl.prom");
        // Several term files, as arguments: the view's lag per node (TermctlNodeBehind).
        metricsScript(textfiles, null, n[0].toString(), n[1].toString(), n[2].toString());
        String files = Files.readString(prom);
        promtoolCheck(files);
        assertTrue(files.contains("termctl_node_behind{host=") && files.contains("file=\"" + n[2] + "\"} 1\n"), files);
        assertTrue(files.contains("file=\"" + n[0] + "\"} 0\n"), files);
        // The nodes' show --json lines on stdin, five expected and three answering (TermctlNodesMissing).
        StringBuilder lines = new StringBuilder();
        for (Path f : n) {
            lines.append(new Cli().run("show", "--json", "-f", f.toString()).expect(0).out().strip()).append('\n');
        }
        metricsScript(textfiles, lines.toString(), "--expect-nodes", "5", "--from-json", "-");
        String bastion = Files.readString(prom);
        promtoolCheck(bastion);
        assertTrue(bastion.contains("\ntermctl_nodes_expected 5\n") && bastion.contains("\ntermctl_nodes_answered 3\n"), bastion);
        assertTrue(bastion.contains("file=\"" + n[2] + "\"} 1\n"), bastion);
        // The metrics the two rules read, by the names the rules use.
        String rules = Files.readString(DOCS.resolve("termctl.rules.yml"));
        assertTrue(rules.contains("expr: termctl_node_behind > 0") && rules.contains("expr: termctl_nodes_answered < termctl_nodes_expected"),
                rules);
    }

    @Test
    void the_script_writes_only_into_the_directory_named_never_through_a_link_or_into_one_others_can_write()
            throws Exception {
        // Root's cron runs it; whoever can rename the directory's name (the owner of a directory above
        // it) must not redirect root's write elsewhere, and nothing may be planted in the directory.
        Path[] n = nodes();
        Path elsewhere = Files.createDirectories(dir.resolve("etc-like"));
        Path secret = Files.writeString(elsewhere.resolve("secret"), "root's\n");
        Files.setPosixFilePermissions(secret, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        Path link = Files.createSymbolicLink(dir.resolve("node-exporter"), elsewhere);
        Path open = Files.createDirectories(dir.resolve("open"));
        Files.setPosixFilePermissions(open, java.nio.file.attribute.PosixFilePermissions.fromString("rwxrwxr-x"));
        for (Path target : List.of(link, open)) {
            ProcessBuilder script = new ProcessBuilder(DOCS.resolve("termctl-metrics").toString(), "-f", n[1].toString())
                    .redirectErrorStream(true);
            script.environment().put("PATH", Cli.LAUNCHER.getParent() + ":" + System.getenv("PATH"));
            script.environment().put("XDG_CACHE_HOME", Cli.CACHE.toString());
            script.environment().put("TERMCTL_METRICS_DIR", target.toString());
            Process p = script.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(1, p.waitFor(), out);
            assertTrue(out.startsWith("termctl-metrics: " + target) && out.contains("left as it was"), out);
        }
        try (var listing = Files.list(elsewhere)) {
            assertEquals(List.of(secret), listing.toList(), "nothing written through the link");
        }
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)));
        try (var listing = Files.list(open)) {
            assertEquals(List.of(), listing.toList(), "nothing written where others can write");
        }
    }

    @Test
    void the_script_in_a_clone_runs_the_termctl_on_path_never_a_bin_termctl_outside_the_clone() throws Exception {
        // A clone at OUTER/clone, and OUTER/bin/termctl: the script's ../../../bin/termctl, outside the clone.
        Path outer = Files.createDirectories(dir.resolve("outer"));
        Path monitoring = Files.createDirectories(outer.resolve("clone/docs/monitoring"));
        Files.copy(DOCS.resolve("termctl-metrics"), monitoring.resolve("termctl-metrics"));
        Path marker = outer.resolve("outside-ran");
        Path outside = Files.writeString(Files.createDirectories(outer.resolve("bin")).resolve("termctl"),
                "#!/bin/sh\ntouch '" + marker + "'\n");
        assertTrue(outside.toFile().setExecutable(true) && monitoring.resolve("termctl-metrics").toFile().setExecutable(true));
        Path term = Files.writeString(dir.resolve("term.json"), "{\"term\":7}");
        Path textfiles = Files.createDirectories(dir.resolve("clone-textfiles"));
        ProcessBuilder script = new ProcessBuilder(monitoring.resolve("termctl-metrics").toString(), "-f", term.toString())
                .redirectErrorStream(true);
        script.environment().put("PATH", Cli.LAUNCHER.getParent() + ":" + System.getenv("PATH"));
        script.environment().put("XDG_CACHE_HOME", Cli.CACHE.toString());
        script.environment().put("TERMCTL_METRICS_DIR", textfiles.toString());
        Process p = script.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertFalse(Files.exists(marker), "the script ran " + outside + ", outside the clone");
        assertTrue(Files.readString(textfiles.resolve("termctl.prom")).contains("file=\"" + term + "\"} 7\n"));
    }

    /** docs/monitoring/termctl-metrics ARGS, writing into {@code textfiles}, with {@code stdin}; it must succeed. */
    private static void metricsScript(Path textfiles, String stdin, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(DOCS.resolve("termctl-metrics").toString()));
        command.addAll(List.of(args));
        ProcessBuilder script = new ProcessBuilder(command).redirectErrorStream(true);
        script.environment().put("PATH", Cli.LAUNCHER.getParent() + ":" + System.getenv("PATH"));
        script.environment().put("XDG_CACHE_HOME", Cli.CACHE.toString());
        script.environment().put("TERMCTL_METRICS_DIR", textfiles.toString());
        script.environment().remove("TERMCTL_FILE");
        Process p = script.start();
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), () -> String.join(" ", command) + ":\n" + out);
        try (var listing = Files.list(textfiles)) {
            assertEquals(List.of(textfiles.resolve("termctl.prom")), listing.toList(), "one file, no temp left");
        }
    }

    @Test
    void the_alert_rules_pass_promtool_and_fire_when_nodes_of_a_cluster_disagree() throws Exception {
        need("promtool");
        assertTrue(run(DOCS, "promtool", "check", "rules", "termctl.rules.yml").contains("SUCCESS: 7 rules found"));
        assertTrue(run(DOCS, "promtool", "test", "rules", "termctl.rules.test.yml").contains("SUCCESS"));
        // The doc shows the rule as the file has it.
        String doc = Files.readString(Cli.BASEDIR.resolve("docs/monitoring.md"));
        String rules = Files.readString(DOCS.resolve("termctl.rules.yml"));
        String expr = "max by (cluster) (termctl_term) - min by (cluster) (termctl_term) > 0";
        assertTrue(doc.contains("expr: " + expr) && rules.contains("expr: " + expr));
        // And the script the doc shows is the one shipped and run above.
        String script = Files.readString(DOCS.resolve("termctl-metrics"));
        for (String line : script.lines().filter(l -> !l.startsWith("#") || l.startsWith("#!")).toList()) {
            assertTrue(doc.contains(line), "docs/monitoring.md lacks the script's line: " + line);
        }
    }
}
