package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termctl.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/install.sh and scripts/uninstall.sh into a scratch prefix, and the runnable examples. */
// In the main lane (pom.xml), with the other classes that install as root: after CrashIT and
// HostileHostIT shrank, the lane of concurrent classes was the longer one, and this evens them out.
class InstallIT {
    @TempDir
    Path dir;

    private static String sh(Path cwd, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("XDG_CACHE_HOME", Cli.CACHE.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), () -> String.join(" ", command) + "\n" + out);
        return out;
    }

    private static List<String> tree(Path root) throws Exception {
        try (Stream<Path> s = Files.walk(root)) {
            return s.map(p -> root.relativize(p).toString()).sorted().toList();
        }
    }

    @Test
    void install_then_uninstall_leaves_the_prefix_as_it_was() throws Exception {
        Path prefix = Files.createDirectories(dir.resolve("prefix"));
        Files.createDirectories(prefix.resolve("bin"));
        Files.writeString(prefix.resolve("bin/other-tool"), "not ours");
        List<String> before = tree(prefix);

        sh(Cli.BASEDIR, Cli.BASEDIR.resolve("scripts/install.sh").toString(), "--prefix", prefix.toString());
        Path installed = prefix.resolve("bin/termctl");
        assertTrue(Files.isExecutable(installed));
        assertTrue(Files.isRegularFile(prefix.resolve("lib/termctl/termctl.jar")));

        // The installed command runs the installed jar, from anywhere.
        Path term = Files.writeString(dir.resolve("term.json"), "{\"term\":7}");
        String shown = sh(dir, installed.toString(), "show", "-f", term.toString());
        assertEquals(term + ": term 7", shown.lines().findFirst().orElse(""));
        if ((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0) {
            // As root, the installation keeps its own root-owned startup archive: sudo needs no user cache.
            try (var archives = Files.list(prefix.resolve("lib/termctl/archive"))) {
                List<Path> found = archives.filter(p -> p.toString().endsWith(".jsa") || p.toString().endsWith(".aot"))
                        .toList();
                assertEquals(1, found.size(), found::toString);
                assertEquals(0, (Integer) Files.getAttribute(found.get(0), "unix:uid"));
                assertEquals(0, (Integer) Files.getAttribute(found.get(0), "unix:mode") & 022);
            }
            assertEquals(term + ": term 7", sh(dir, "env", "-u", "HOME", "-u", "XDG_CACHE_HOME", installed.toString(),
                    "show", "-f", term.toString()).lines().findFirst().orElse(""));
        }
        // man finds the installed page, and it renders.
        String page = sh(dir, "man", "-l", prefix.resolve("share/man/man1/termctl.1").toString());
        assertTrue(page.contains("EXIT STATUS"), page);
        String where = sh(dir, "env", "MANPATH=" + prefix.resolve("share/man"), "man", "-w", "termctl-adopt");
        assertEquals(prefix.resolve("share/man/man1/termctl-adopt.1").toString(), where.strip());
        // The completion script registers.
        String completion = sh(dir, "bash", "-c", "source '" + prefix.resolve("share/bash-completion/completions/termctl")
                + "' && complete -p termctl");
        assertTrue(completion.contains("complete -F _termctl termctl"), completion);
        assertTrue(Files.isRegularFile(prefix.resolve("share/zsh/site-functions/_termctl")));
        assertTrue(Files.isRegularFile(prefix.resolve("share/fish/vendor_completions.d/termctl.fish")));

        // The monitoring script and rules, where docs/monitoring.md says, run as its cron line runs them:
        // an empty environment, cron's PATH (no termctl on it): it finds the installed termctl beside it.
        String monitoring = "share/termctl/monitoring/";
        assertTrue(Files.readString(Cli.BASEDIR.resolve("docs/monitoring.md")).contains("`PREFIX/" + monitoring + "`"),
                "docs/monitoring.md does not name PREFIX/" + monitoring);
        assertTrue(Files.readString(prefix.resolve(monitoring + "termctl.rules.yml")).contains("alert: TermctlNodesMissing"));
        Path textfiles = Files.createDirectories(dir.resolve("textfiles"));
        sh(dir, "env", "-i", "PATH=/usr/bin:/bin", "TERMCTL_FILE=" + term, "TERMCTL_METRICS_DIR=" + textfiles,
                prefix.resolve(monitoring + "termctl-metrics").toString());
        String prom = Files.readString(textfiles.resolve("termctl.prom"));
        assertTrue(prom.contains("termctl_term{") && prom.contains("file=\"" + term + "\"} 7\n"), prom);

        // Installing again over an install is fine; uninstall then removes exactly what was installed.
        sh(Cli.BASEDIR, Cli.BASEDIR.resolve("scripts/install.sh").toString(), "--prefix=" + prefix);
        sh(Cli.BASEDIR, Cli.BASEDIR.resolve("scripts/uninstall.sh").toString(), "--prefix", prefix.toString());
        assertEquals(before, tree(prefix));
    }

    @Test
    void the_example_runbook_re_syncs_the_stale_ex_primary() throws Exception {
        Path cluster = dir.resolve("cluster");
        sh(dir, "cp", "-r", Cli.BASEDIR.resolve("examples/cluster").toString(), cluster.toString());
        Cli.Result before = new Cli().run("show", cluster.resolve("node-a/term.json").toString(),
                cluster.resolve("node-b/term.json").toString(), cluster.resolve("node-c/term.json").toString()).expect(20);
        assertTrue(before.out().contains("stale"), before.toString());
        String out = sh(dir, Cli.BASEDIR.resolve("examples/runbook.sh").toString(), cluster.toString());
        assertTrue(out.contains("fenced: term 11"), out);
        assertEquals("12", Cli.term(cluster.resolve("node-c/term.json")));
        assertTrue(Files.readString(cluster.resolve("node-c/term.json")).contains("runbook: re-synced after failover"));
        assertEquals(1, Files.readAllLines(cluster.resolve("termctl.journal")).size());
        // Run again: nothing left to do.
        assertTrue(sh(dir, Cli.BASEDIR.resolve("examples/runbook.sh").toString(), cluster.toString()).contains("nothing to do"));
    }
}
