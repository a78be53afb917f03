package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termctl.testing.Cli;
import dev.termctl.testing.Flock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The JSON contract, on every command and every path (docs/scripting.md, "The JSON contract"): with --json,
 * stdout holds exactly one JSON object, success or error; an error's object has "error",
 * "exit_code" equal to the exit status, and "file", absolute (files are named relative to the
 * working directory here); the human line goes to stderr, once; and a failure changes nothing.
 */
@Execution(ExecutionMode.CONCURRENT)
class JsonContractIT {
    private static final ObjectMapper STRICT = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    @TempDir
    Path dir;

    /** Runs {@code args} in the test directory; checks the contract; returns stdout's object. */
    private JsonNode run(int expected, String... args) throws Exception {
        Cli.Result r = new Cli().in(dir).run(args).expect(expected);
        assertEquals(1, r.out().strip().lines().count(), () -> "stdout is not one line: " + r);
        JsonNode j;
        try {
            j = STRICT.readTree(r.out());
        } catch (Exception e) {
            throw new AssertionError("stdout is not exactly one JSON value: " + r, e);
        }
        assertTrue(j.isObject(), r::toString);
        if (expected == 0 || expected == 10 || expected == 20) {
            assertFalse(j.has("error"), r::toString);
            return j;
        }
        assertEquals(expected, j.get("exit_code").asInt(), r::toString);
        assertTrue(j.get("error").isTextual() && !j.get("error").asText().isEmpty(), r::toString);
        List<String> err = new ArrayList<>(r.err().strip().lines().toList());
        err.removeIf(l -> l.startsWith("termctl: note: ") || l.startsWith("termctl: warning: "));
        assertEquals(List.of("termctl: error: " + j.get("error").asText()), err, r::toString);
        return j;
    }

    private void assertNamesFile(JsonNode j, String relative) {
        assertEquals(dir.resolve(relative).toAbsolutePath().normalize().toString(), j.get("file").asText(), j::toString);
    }

    @Test
    void every_command_prints_one_object_on_success_and_on_each_kind_of_failure() throws Exception {
        Files.writeString(dir.resolve("good.json"), "{\"term\":7}");
        Files.writeString(dir.resolve("bad.json"), "{\"term\":7.5}");
        byte[] good = Files.readAllBytes(dir.resolve("good.json"));

        // Successes: one object each, naming the file absolutely.
        assertNamesFile(run(0, "show", "--json", "-f", "good.json"), "good.json");
        assertNamesFile(run(20, "classify", "--json", "-f", "good.json", "6"), "good.json");
        assertNamesFile(run(0, "admit-record", "--json", "-f", "good.json", "7"), "good.json");
        assertNamesFile(run(20, "admit-handshake", "--json", "-f", "good.json", "6"), "good.json");
        assertNamesFile(run(0, "adopt", "--json", "--dry-run", "-f", "good.json", "7"), "good.json");
        JsonNode history = run(0, "history", "--json", "-f", "good.json");
        assertNamesFile(history, "good.json");
        assertEquals(0, history.get("entries").size());

        // Failures found while running: a damaged file (65), a missing one (66), adopt's compare-and-set (30).
        assertNamesFile(run(65, "show", "--json", "-f", "bad.json"), "bad.json");
        assertNamesFile(run(65, "classify", "--json", "-f", "bad.json", "8"), "bad.json");
        assertNamesFile(run(65, "admit-handshake", "--json", "-f", "bad.json", "8"), "bad.json");
        assertNamesFile(run(66, "admit-record", "--json", "-f", "missing.json", "8"), "missing.json");
        JsonNode cas = run(30, "adopt", "--json", "--expect-current", "3", "-f", "good.json", "9");
        assertNamesFile(cas, "good.json");
        assertEquals(7, cas.get("current_term").asInt());
        assertNamesFile(run(2, "repair", "--json", "--reason", "r", "-f", "good.json", "9"), "good.json");
        assertNamesFile(run(66, "repair", "--json", "--reason", "r", "-f", "missing.json", "9"), "missing.json");
        assertNamesFile(run(66, "history", "--json", "-f", "missing.json"), "missing.json");

        // Usage errors, found by the parser before any command ran: still one object, still the file.
        assertNamesFile(run(2, "show", "--json", "--bogus", "-f", "good.json"), "good.json");
        assertNamesFile(run(2, "classify", "--json", "-f", "good.json", "x"), "good.json");
        assertNamesFile(run(2, "adopt", "--json", "-f", "good.json", "18446744073709551616"), "good.json");
        assertNamesFile(run(2, "admit-record", "--json", "--lock-timeout", "forever", "-f", "good.json", "8"), "good.json");
        assertNamesFile(run(2, "history", "--json", "-n", "x", "-f", "good.json"), "good.json");
        assertEquals("adopt", run(2, "adopt", "--json", "--reason", "x".repeat(2000), "-f", "good.json", "8")
                .get("command").asText());
        JsonNode unknown = run(2, "--json", "shwo");
        assertTrue(unknown.get("file").isNull(), unknown::toString);

        assertEquals(new String(good), Files.readString(dir.resolve("good.json")), "a failure changed the file");
        assertFalse(Files.exists(dir.resolve("missing.json")));
        assertFalse(Files.exists(dir.resolve("good.json.journal")), "a failure or a dry run wrote the journal");
    }

    @Test
    void a_write_refused_while_the_database_runs_is_one_object_with_exit_code_75() throws Exception {
        byte[] good = Files.readAllBytes(Files.writeString(dir.resolve("good.json"), "{\"term\":7}"));
        try (Flock server = Flock.hold(dir.resolve("data.rdb"))) {
            for (String command : List.of("adopt", "admit-record", "admit-handshake")) {
                JsonNode j = run(75, command, "--json", "-f", "good.json", "9");
                assertNamesFile(j, "good.json");
                assertTrue(j.get("verdict").isNull() && !j.get("changed").asBoolean(), j::toString);
                assertTrue(j.get("error").asText().contains("pid " + server.pid()), j::toString);
            }
            assertNamesFile(run(75, "repair", "--json", "--reason", "r", "-f", "good.json", "9"), "good.json");
        }
        assertEquals(new String(good), Files.readString(dir.resolve("good.json")), "a refused write changed the file");
        assertFalse(Files.exists(dir.resolve("good.json.lock")), "a refused write made the lock");
    }
}
