package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.termctl.testing.Cli;
import dev.termctl.testing.Flock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Writes while the database runs (issue 19): a running RedDB server holds an exclusive flock on its
 * data file, data.rdb beside the term file; the writing commands refuse (75) and change nothing,
 * unless --while-running; show says the database runs. The server is util-linux flock(1), which
 * says when it holds the lock ({@link Flock}): no outcome depends on the clock.
 */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
@SuppressWarnings("try") // a server is held by its try block alone, often never referenced in it
class DatabaseRunningIT {
    @TempDir
    Path dir;

    private final Cli cli = new Cli();
    private Path term;
    private Path data;

    @BeforeEach
    void node() throws Exception {
        term = Files.writeString(dir.resolve("term.json"), "{\"term\": 7}");
        data = Files.writeString(dir.resolve("data.rdb"), "pages");
    }

    /** Every file in the node's directory, name to bytes: what "nothing changed" is checked against. */
    private TreeMap<String, String> snapshot() throws Exception {
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                files.put(p.getFileName().toString(), new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    private static void assertRefused(Cli.Result r, Path dataFile, long pid) {
        assertTrue(r.err().startsWith("termctl: error: the database is running: pid " + pid + " (flock) holds an"
                + " exclusive lock on its data file " + dataFile + "; nothing was changed"), r::toString);
        assertTrue(r.err().contains("stop the database first") && r.err().contains("--while-running"), r::toString);
        assertEquals(1, r.err().lines().count(), r::toString);
    }

    @Test
    void every_writing_command_is_refused_with_75_while_the_database_runs_and_nothing_is_made_or_changed()
            throws Exception {
        Path damaged = Files.writeString(dir.resolve("damaged.json"), "{\"term\": 1");
        TreeMap<String, String> before = snapshot();
        try (Flock server = Flock.hold(data)) {
            List<List<String>> writes = List.of(
                    List.of("adopt", "-f", term.toString(), "9"),
                    List.of("adopt", "--create", "-f", dir.resolve("new.json").toString(), "9"),
                    List.of("admit-record", "-f", term.toString(), "9"),
                    List.of("admit-handshake", "-q", "-f", term.toString(), "9"),
                    // A verdict that would write nothing is refused too: the check comes before the verdict.
                    List.of("admit-record", "-f", term.toString(), "7"),
                    List.of("repair", "--reason", "INC-1", "-f", damaged.toString(), "9"));
            for (List<String> write : writes) {
                assertRefused(cli.run(write).expect(75), data, server.pid());
            }
        }
        // No lock file, no journal, no temp file, no new term file: the directory is as it was, byte for byte.
        assertEquals(before, snapshot());
    }

    @Test
    void a_refusal_leaves_an_existing_lock_and_journal_byte_for_byte() throws Exception {
        cli.run("adopt", "-q", "--reason", "before", "-f", term.toString(), "8").expect(10);
        assertTrue(Files.exists(dir.resolve("term.json.lock")) && Files.exists(dir.resolve("term.json.journal")));
        TreeMap<String, String> before = snapshot();
        try (Flock server = Flock.hold(data)) {
            assertRefused(cli.run("adopt", "--lock-timeout", "0ms", "-f", term.toString(), "9").expect(75), data,
                    server.pid());
        }
        assertEquals(before, snapshot());
        assertEquals("8", Cli.term(term));
    }

    @Test
    void a_dry_run_reports_what_the_real_run_would_so_it_is_refused_too() throws Exception {
        TreeMap<String, String> before = snapshot();
        try (Flock server = Flock.hold(data)) {
            assertRefused(cli.run("adopt", "--dry-run", "-f", term.toString(), "9").expect(75), data, server.pid());
            Cli.Result anyway = cli.run("adopt", "--dry-run", "--while-running", "-f", term.toString(), "9").expect(10);
            assertTrue(anyway.out().contains("dry run: nothing written"), anyway::toString);
            assertTrue(anyway.err().startsWith("termctl: warning: the database is running: pid " + server.pid()), anyway::toString);
        }
        assertEquals(before, snapshot());
    }

    @Test
    void while_running_writes_anyway_with_a_warning_naming_the_data_file_and_the_holder() throws Exception {
        try (Flock server = Flock.hold(data)) {
            Cli.Result r = cli.run("adopt", "--while-running", "-f", term.toString(), "9").expect(10);
            assertEquals("termctl: warning: the database is running: pid " + server.pid() + " (flock) holds an exclusive"
                    + " lock on its data file " + data + "; writing anyway (--while-running). RedDB rewrites its term file"
                    + " without termctl's lock and may undo this write: check the term after", r.err().strip(), r::toString);
            assertTrue(r.out().contains("adopted: the file now holds term 9"), r::toString);
            // -q silences the result, never the warning.
            Cli.Result quiet = cli.run("adopt", "-q", "--while-running", "-f", term.toString(), "10").expect(10);
            assertTrue(quiet.out().isEmpty() && quiet.err().startsWith("termctl: warning: the database is running"),
                    quiet::toString);
        }
        assertEquals("10", Cli.term(term));
    }

    @Test
    void once_the_database_stops_or_with_no_data_file_writes_go_on_as_before() throws Exception {
        try (Flock server = Flock.hold(data)) {
            cli.run("adopt", "-q", "-f", term.toString(), "9").expect(75);
        }
        Cli.Result stopped = cli.run("adopt", "-f", term.toString(), "9").expect(10);
        assertTrue(stopped.err().isEmpty(), stopped::toString);
        Files.delete(data);
        Cli.Result none = cli.run("adopt", "-f", term.toString(), "10").expect(10);
        assertTrue(none.err().startsWith("termctl: note: database not checked") && none.err().lines().count() == 1,
                none::toString);
        assertEquals("10", Cli.term(term));
    }

    @Test
    void data_file_names_the_file_checked_instead_of_the_one_beside_the_term_file() throws Exception {
        Path elsewhere = Files.createDirectories(dir.resolve("db")).resolve("pages.rdb");
        Files.writeString(elsewhere, "pages");
        try (Flock server = Flock.hold(elsewhere)) {
            assertRefused(cli.run("adopt", "--data-file", elsewhere.toString(), "-f", term.toString(), "9").expect(75),
                    elsewhere, server.pid());
            // data.rdb beside the term file is not locked, and not looked at when another file is named.
            cli.run("adopt", "-q", "-f", term.toString(), "9").expect(10);
        }
        try (Flock server = Flock.hold(data)) {
            cli.run("adopt", "-q", "--data-file", elsewhere.toString(), "-f", term.toString(), "10").expect(10);
        }
        assertEquals("10", Cli.term(term));
    }

    @Test
    void a_data_file_named_that_does_not_exist_is_an_error_74_and_nothing_changes() throws Exception {
        TreeMap<String, String> before = snapshot();
        Path missing = dir.resolve("typo.rdb");
        Cli.Result r = cli.run("adopt", "--data-file", missing.toString(), "-f", term.toString(), "9").expect(74);
        assertEquals("termctl: error: no such data file " + missing + " (--data-file or TERMCTL_DATA_FILE); check the"
                + " path, or leave both out to check data.rdb where RedDB keeps it; nothing was changed", r.err().strip());
        // Even with --while-running: a mistyped name is never taken for a stopped database.
        cli.run("adopt", "--while-running", "--data-file", missing.toString(), "-f", term.toString(), "9").expect(74);
        cli.run("adopt", "--data-file=", "-f", term.toString(), "9").expect(2);
        // A data file that cannot be checked (a directory) stops the write, unless --while-running.
        Cli.Result directory = cli.run("adopt", "--data-file", dir.toString(), "-f", term.toString(), "9").expect(74);
        assertTrue(directory.err().startsWith("termctl: error: cannot check whether the database is running: the data"
                + " file " + dir + " is not a regular file (a directory)"), directory::toString);
        assertTrue(directory.err().contains("--data-file") && directory.err().contains("--while-running"),
                directory::toString);
        assertEquals(before, snapshot());
    }

    @Test
    void show_says_the_database_is_running_with_its_pid_in_text_and_json() throws Exception {
        try (Flock server = Flock.hold(data)) {
            Cli.Result text = cli.run("show", "-f", term.toString()).expect(0);
            assertEquals(List.of(term + ": term 7", "  database running: pid " + server.pid() + " (flock) holds " + data),
                    text.out().lines().toList(), text::toString);
            JsonNode j = cli.run("show", "--json", "-f", term.toString()).expect(0).json();
            assertTrue(j.get("database_running").asBoolean(), j::toString);
            assertEquals(server.pid(), j.get("database_pid").asLong(), j::toString);
            // -q and --term-only do not look.
            assertEquals("7\n", cli.run("show", "--term-only", "-f", term.toString()).expect(0).out());
        }
        Cli.Result text = cli.run("show", "-f", term.toString()).expect(0);
        assertEquals(List.of(term + ": term 7", "  database: not running (no process holds " + data + " locked)"),
                text.out().lines().toList(), text::toString);
        JsonNode stopped = cli.run("show", "--json", "-f", term.toString()).expect(0).json();
        assertTrue(stopped.get("database_running").isBoolean() && !stopped.get("database_running").asBoolean(),
                stopped::toString);
        assertFalse(stopped.has("database_pid"), stopped::toString);
        Files.delete(data);
        JsonNode none = cli.run("show", "--json", "-f", term.toString()).expect(0).json();
        assertTrue(none.get("database_running").isNull(), none::toString);
        assertFalse(none.has("database_pid"), none::toString);
    }

    @Test
    void a_shared_flock_on_the_data_file_is_not_a_running_server() throws Exception {
        // Only an exclusive flock is a server's pager lock: a reader's shared flock is not.
        Process shared = new ProcessBuilder("flock", "-s", data.toString(), "sh", "-c", "echo locked; read x")
                .redirectErrorStream(true).start();
        try {
            assertEquals("locked", new java.io.BufferedReader(new java.io.InputStreamReader(shared.getInputStream()))
                    .readLine());
            JsonNode j = cli.run("show", "--json", "-f", term.toString()).expect(0).json();
            assertFalse(j.get("database_running").asBoolean(), j::toString);
            cli.run("adopt", "-q", "-f", term.toString(), "9").expect(10);
        } finally {
            shared.getOutputStream().close();
            shared.waitFor();
        }
    }

    @Test
    void a_refusal_in_json_is_one_object_with_the_error_exit_code_75_and_the_absolute_file() throws Exception {
        byte[] before = Files.readAllBytes(term);
        try (Flock server = Flock.hold(data)) {
            Cli.Result r = new Cli().in(dir).run("adopt", "--json", "-f", "term.json", "9").expect(75);
            assertEquals(1, r.out().strip().lines().count(), r::toString);
            JsonNode j = r.json();
            assertEquals(75, j.get("exit_code").asInt(), r::toString);
            assertEquals(term.toString(), j.get("file").asText(), r::toString);
            assertEquals("adopt", j.get("command").asText());
            assertFalse(j.get("changed").asBoolean());
            assertTrue(j.get("verdict").isNull());
            assertTrue(j.get("error").asText().contains("pid " + server.pid()) && j.get("error").asText().contains(
                    data.toString()), r::toString);
            assertEquals("termctl: error: " + j.get("error").asText(), r.err().strip(), r::toString);
        }
        assertArrayEquals(before, Files.readAllBytes(term));
    }
}
