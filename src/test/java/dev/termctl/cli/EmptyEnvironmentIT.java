package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termctl.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * cron, systemd units, `su` and `env -i` give termctl no locale at all, and the suite itself may be
 * run so (`env -i mvn -B verify`, an unprivileged login with no LANG): neither may turn a non-ASCII
 * name or reason into '?'.
 */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class EmptyEnvironmentIT {
    @TempDir
    Path dir;

    @Test
    void the_suites_jvm_decodes_file_names_as_utf8_whatever_locale_maven_ran_under() {
        // The build gives the test JVMs C.UTF-8 (pom.xml): with LANG unset they would read and make
        // file names as ASCII, and every non-ASCII path in the suite would fail.
        assertEquals("UTF-8", System.getProperty("sun.jnu.encoding"), "the locale of this JVM: " + System.getenv("LC_ALL"));
        Path named = dir.resolve("nœud-ß ✓");
        assertEquals("nœud-ß ✓", named.getFileName().toString());
    }

    @Test
    void the_packaged_command_under_env_i_writes_and_reads_a_non_ascii_path_and_reason_exactly() throws Exception {
        Path node = Files.createDirectory(dir.resolve("nœud-ß ✓"));
        Path file = Files.writeString(node.resolve("térme.json"), "{\"term\":7}");
        String reason = "réseau coupé ✓ 😀";
        // No variable at all, as env -i: no PATH, HOME, LANG or LC_*.
        Cli.Result adopt = new Cli().cleanEnv().in(node).run("adopt", "--reason", reason, "-f", file.toString(), "8")
                .expect(10);
        assertTrue(adopt.out().contains(file.toString()), adopt::toString);
        String stored = Files.readString(file, StandardCharsets.UTF_8);
        assertTrue(stored.contains("\"reason\":\"" + reason + "\""), stored);
        assertEquals("8", Cli.term(file));
        List<String> journal = Files.readAllLines(node.resolve("térme.json.journal"), StandardCharsets.UTF_8);
        assertEquals(1, journal.size(), journal::toString);
        assertTrue(journal.get(0).contains("\"file\":\"" + file + "\"") && journal.get(0).contains("\"reason\":\"" + reason + "\""),
                journal::toString);
        // Read back under the same empty environment: the same bytes, in text and in JSON.
        Cli.Result history = new Cli().cleanEnv().in(node).run("history", "--json", "-f", file.toString()).expect(0);
        assertEquals(reason, history.json().get("entries").get(0).get("reason").asText(), history::toString);
        Cli.Result show = new Cli().cleanEnv().in(node).run("show", "-f", file.toString()).expect(0);
        assertTrue(show.out().startsWith(file + ": term 8"), show::toString);
        assertTrue(show.out().contains(reason), show::toString);
    }
}
