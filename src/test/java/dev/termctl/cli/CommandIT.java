package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termctl.testing.Cli;
import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The exit-code table, the JSON shapes, the fixtures and the usage rules, through the packaged command. */
class CommandIT {
    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    private Path file(String content) throws Exception {
        return Files.writeString(dir.resolve("term.json"), content);
    }

    private List<String> listing() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @CsvSource({
        "term-1.10.json, 6, false",
        "term-current.json, 12, false",
        "term-u64-max.json, 18446744073709551615, false",
        "term-hand-edited.json, 7, false",
        "last-vote.json, 9, true",
        "last-vote-null.json, 3, true"})
    void show_reads_every_reddb_fixture(String name, String term, boolean lastVote) {
        Path fixture = Cli.FIXTURES.resolve(name);
        JsonNode j = cli.run("show", "--json", "-f", fixture.toString()).expect(0).json();
        assertEquals(fixture.toString(), j.get("file").asText());
        assertTrue(j.get("exists").asBoolean());
        assertTrue(j.get("term").isIntegralNumber());
        assertEquals(new BigInteger(term), j.get("term").bigIntegerValue());
        assertEquals(lastVote, j.get("last_vote").asBoolean());
        String text = cli.run("show", "-f", fixture.toString()).expect(0).out();
        assertTrue(text.startsWith(fixture + ": term " + term), text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"term-1.10.json", "term-current.json", "term-hand-edited.json"})
    void adopting_over_a_reddb_file_writes_json_reddb_reads(String name) throws Exception {
        Path copy = Files.copy(Cli.FIXTURES.resolve(name), dir.resolve(name));
        cli.run("adopt", "-f", copy.toString(), "18446744073709551615").expect(10);
        String text = Files.readString(copy);
        assertEquals("18446744073709551615", Cli.term(copy));
        assertTrue(text.replaceAll("\\s", "").startsWith("{\"term\":18446744073709551615,\"updated_at\":"), text);
        assertEquals(new BigInteger("18446744073709551615"),
                cli.run("show", "--json", "-f", copy.toString()).expect(0).json().get("term").bigIntegerValue());
    }

    @Test
    void a_missing_file_is_the_default_term_and_show_creates_nothing() throws Exception {
        Path missing = dir.resolve("term.json");
        JsonNode j = cli.run("show", "--json", "-f", missing.toString()).expect(0).json();
        assertFalse(j.get("exists").asBoolean());
        assertEquals(1, j.get("term").asInt());
        assertTrue(cli.run("show", "-f", missing.toString()).expect(0).out().contains("default term"));
        assertEquals(5, cli.run("show", "--json", "--default-term", "5", "-f", missing.toString()).expect(0).json()
                .get("term").asInt());
        cli.run("classify", "-f", missing.toString(), "9").expect(10);
        cli.run("admit-record", "--create", "-f", missing.toString(), "1").expect(0);
        cli.run("admit-record", "--create", "-f", missing.toString(), "0").expect(20);
        assertEquals(List.of(), listing(), "reads and non-adopting verdicts create nothing, not even a lock");
    }

    @Test
    void a_writing_command_on_a_missing_file_exits_66_and_creates_nothing() throws Exception {
        Path typo = dir.resolve("term.jsno");
        for (List<String> args : List.of(List.of("adopt", "--reason", "INC-1 resync", "42"), List.of("admit-record", "1"),
                List.of("admit-handshake", "9"), List.of("adopt", "--dry-run", "42"), List.of("adopt", "--json", "42"))) {
            List<String> line = new java.util.ArrayList<>(args.subList(0, args.size() - 1));
            line.addAll(List.of("-f", typo.toString(), args.get(args.size() - 1)));
            Cli.Result r = cli.run(line).expect(66);
            assertTrue(r.err().contains("no such term file " + typo) && r.err().contains("--create"), r::toString);
            if (args.contains("--json")) {
                assertEquals(66, r.json().get("exit_code").asInt(), r::toString);
            }
        }
        assertEquals(List.of(), listing(), "a refused write created a file, a lock or a journal");
        cli.run("adopt", "--create", "-f", typo.toString(), "42").expect(10);
        assertEquals("42", Cli.term(typo));
    }

    static Stream<Arguments> verdicts() {
        return Stream.of(
                // command, boundary, incoming, exit, verdict, term after, changed
                Arguments.of("classify", "apply", "7", 0, "admit", "7", false),
                Arguments.of("classify", "apply", "9", 10, "adopt", "7", false),
                Arguments.of("classify", "apply", "6", 20, "fenced", "7", false),
                Arguments.of("admit-record", "apply", "7", 0, "admit", "7", false),
                Arguments.of("admit-record", "apply", "9", 10, "adopt", "9", true),
                Arguments.of("admit-record", "apply", "6", 20, "fenced", "7", false),
                Arguments.of("admit-handshake", "handshake", "7", 0, "admit", "7", false),
                Arguments.of("admit-handshake", "handshake", "9", 10, "adopt", "9", true),
                Arguments.of("admit-handshake", "handshake", "6", 20, "fenced", "7", false),
                Arguments.of("adopt", null, "7", 0, "admit", "7", false),
                Arguments.of("adopt", null, "9", 10, "adopt", "9", true),
                Arguments.of("adopt", null, "6", 20, "fenced", "7", false));
    }

    @ParameterizedTest(name = "{0} {2} on term 7 -> {3}")
    @MethodSource("verdicts")
    void every_verdict_has_its_exit_code_json_shape_and_effect(String command, String boundary, String incoming,
            int exit, String verdict, String after, boolean changed) throws Exception {
        Path f = file("{\"term\":7}");
        byte[] before = Cli.bytes(f);
        JsonNode j = cli.run(command, "--json", "-f", f.toString(), incoming).expect(exit).json();
        assertEquals(f.toString(), j.get("file").asText());
        assertEquals(command, j.get("command").asText());
        if (boundary == null) {
            assertTrue(j.get("boundary").isNull(), j.toString());
        } else {
            assertEquals(boundary, j.get("boundary").asText());
        }
        assertEquals(verdict, j.get("verdict").asText());
        assertEquals(Long.parseLong(incoming), j.get("incoming_term").asLong());
        assertEquals(7, j.get("current_term").asLong());
        assertEquals(Long.parseLong(after), j.get("term").asLong());
        assertEquals(changed, j.get("changed").asBoolean());
        assertEquals(8, j.size(), j.toString());
        if (changed) {
            assertEquals(after, Cli.term(f));
            assertTrue(Files.readString(f).contains("\"updated_with\":\"termctl " + System.getProperty("termctl.version")
                    + " " + command + "\""), () -> "no audit trail in " + f);
        } else {
            assertArrayEquals(before, Cli.bytes(f), "a verdict that changes nothing leaves the file byte for byte");
        }
        // The same verdict in text and quiet forms.
        Path again = file("{\"term\":7}");
        String text = cli.run(command, "-f", again.toString(), incoming).expect(exit).out();
        assertTrue(text.startsWith(verdict + ": "), text);
        file("{\"term\":7}");
        assertEquals("", cli.run(command, "-q", "-f", again.toString(), incoming).expect(exit).out());
    }

    @Test
    void classify_takes_every_boundary_and_refuses_others() throws Exception {
        Path f = file("{\"term\":7}");
        for (String b : List.of("apply", "handshake", "lease")) {
            assertEquals(b, cli.run("classify", "--json", "--boundary", b, "-f", f.toString(), "6").expect(20).json()
                    .get("boundary").asText());
        }
        assertTrue(cli.run("classify", "--boundary", "write", "-f", f.toString(), "6").expect(2).err()
                .contains("apply, handshake, lease"));
    }

    @Test
    void the_full_unsigned_range_is_exact_end_to_end() throws Exception {
        Path f = dir.resolve("term.json");
        cli.run("adopt", "--create", "-f", f.toString(), "9223372036854775807").expect(10);
        cli.run("admit-record", "-f", f.toString(), "9223372036854775808").expect(10);
        cli.run("admit-record", "-f", f.toString(), "9223372036854775807").expect(20);
        cli.run("adopt", "-f", f.toString(), "18446744073709551615").expect(10);
        assertEquals("18446744073709551615", Cli.term(f));
        assertTrue(Files.readString(f).startsWith("{\"term\":18446744073709551615,"), "RedDB reads the exact integer");
        cli.run("classify", "-f", f.toString(), "18446744073709551615").expect(0);
        cli.run("classify", "-f", f.toString(), "0").expect(20);
        String err = cli.run("classify", "-f", f.toString(), "18446744073709551616").expect(2).err();
        assertTrue(err.contains("above the largest term"), err);
    }

    static Stream<Arguments> invalidFiles() {
        return Stream.of(
                Arguments.of("empty", "", "empty"),
                Arguments.of("not json", "term=7\n", "not valid JSON"),
                Arguments.of("truncated", "{\"term\":7", "not valid JSON"),
                Arguments.of("not an object", "[7]", "not a JSON object"),
                Arguments.of("no term", "{\"epoch\":7}", "no \"term\""),
                Arguments.of("string term", "{\"term\":\"7\"}", "a string"),
                Arguments.of("negative", "{\"term\":-7}", "negative"),
                Arguments.of("fraction", "{\"term\":6.5}", "not an integer"),
                Arguments.of("whole fraction", "{\"term\":7.0}", "not an integer"),
                Arguments.of("exponent", "{\"term\":7e0}", "not an integer"),
                Arguments.of("too large", "{\"term\":18446744073709551616}", "above the largest term"),
                Arguments.of("duplicate", "{\"term\":7,\"term\":8}", "appears twice"),
                Arguments.of("trailing", "{\"term\":7} {\"term\":8}", "after the JSON object"),
                Arguments.of("bom", "\uFEFF{\"term\":7}", "byte-order mark"),
                Arguments.of("too big", "{\"term\":7}" + " ".repeat(70_000), "larger than 65536"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidFiles")
    void an_invalid_file_exits_65_names_the_file_and_is_left_untouched(String label, String content, String reason)
            throws Exception {
        Path f = file(content);
        byte[] before = Cli.bytes(f);
        for (List<String> args : List.of(List.of("show"), List.of("classify", "9"), List.of("admit-record", "9"),
                List.of("admit-handshake", "9"), List.of("adopt", "9"))) {
            List<String> full = new java.util.ArrayList<>(List.of(args.get(0), "-f", f.toString()));
            full.addAll(args.subList(1, args.size()));
            Cli.Result r = cli.run(full).expect(65);
            assertTrue(r.err().startsWith("termctl: error: " + f + " is not a valid term file: "), r.toString());
            assertTrue(r.err().contains(reason), r.toString());
            assertEquals("", r.out());
            assertArrayEquals(before, Cli.bytes(f), "file changed by " + full);
        }
        assertEquals(List.of("term.json"), listing(), "an invalid file is refused before any lock or temp file");
    }

    @Test
    void a_last_vote_record_may_be_read_but_never_written() throws Exception {
        Path vote = Files.copy(Cli.FIXTURES.resolve("last-vote.json"), dir.resolve("last-vote.json"));
        byte[] before = Cli.bytes(vote);
        assertTrue(cli.run("show", "-f", vote.toString()).expect(0).out().contains("last-vote record"));
        cli.run("classify", "-f", vote.toString(), "10").expect(10);
        Cli.Result r = cli.run("adopt", "-f", vote.toString(), "10").expect(65);
        assertTrue(r.err().contains("voted_for") && r.err().contains("vote twice"), r.toString());
        cli.run("admit-handshake", "-f", vote.toString(), "10").expect(65);
        assertArrayEquals(before, Cli.bytes(vote));
    }

    @Test
    void directories_devices_fifos_and_missing_directories_exit_74_at_once() throws Exception {
        assertTrue(cli.run("show", "-f", dir.toString()).expect(74).err().contains("is a directory"));
        cli.run("adopt", "-f", dir.toString(), "3").expect(74);
        assertTrue(cli.run("show", "-f", "/dev/zero").expect(74).err().contains("not a regular file"));
        cli.run("adopt", "-f", "/dev/null", "3").expect(74);
        Path fifo = dir.resolve("fifo.json");
        if (new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor() == 0) {
            cli.run("show", "-f", fifo.toString()).expect(74);
            cli.run("admit-record", "-f", fifo.toString(), "3").expect(74);
        }
        Path lost = dir.resolve("no/such/dir/term.json");
        assertTrue(cli.run("adopt", "-f", lost.toString(), "3").expect(74).err().contains("does not exist"));
        assertFalse(Files.exists(dir.resolve("no")));
    }

    @Test
    void a_lock_held_by_another_process_times_out_with_75_and_changes_nothing() throws Exception {
        Path f = file("{\"term\":4}");
        try (var ch = java.nio.channels.FileChannel.open(dir.resolve("term.json.lock"),
                java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.WRITE);
             var held = ch.lock()) {
            Cli.Result r = cli.run("adopt", "--lock-timeout", "300ms", "-f", f.toString(), "5").expect(75);
            assertTrue(r.err().contains("timed out after 300ms"), r.toString());
            // Readers and non-adopting verdicts do not wait for the lock.
            cli.run("show", "-f", f.toString()).expect(0);
            cli.run("admit-record", "--lock-timeout", "0ms", "-f", f.toString(), "4").expect(0);
        }
        assertEquals("{\"term\":4}", Files.readString(f));
        cli.run("adopt", "-f", f.toString(), "5").expect(10);
    }

    @Test
    void concurrent_writers_end_at_the_highest_term() throws Exception {
        Path f = dir.resolve("term.json");
        List<Process> running = new java.util.ArrayList<>();
        long max = 0;
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < 16; i++) {
            long t = 2 + random.nextInt(1000);
            max = Math.max(max, t);
            String command = List.of("adopt", "admit-record", "admit-handshake").get(i % 3);
            running.add(cli.start(List.of(command, "--create", "-q", "-f", f.toString(), Long.toString(t))));
        }
        for (Process p : running) {
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
            int code = p.exitValue();
            assertTrue(code == 0 || code == 10 || code == 20, "unexpected exit " + code + ": "
                    + new String(p.getErrorStream().readAllBytes()));
        }
        assertEquals(Long.toString(max), Cli.term(f));
        // Writes are journaled by default, beside the term file.
        assertEquals(List.of("term.json", "term.json.journal", "term.json.lock"), listing());
    }

    @Test
    void the_file_comes_from_TERMCTL_FILE_unless_f_is_given() throws Exception {
        Path f = file("{\"term\":7}");
        Path other = Files.writeString(dir.resolve("other.json"), "{\"term\":3}");
        assertEquals(7, cli.env("TERMCTL_FILE", f.toString()).run("show", "--json").expect(0).json().get("term").asInt());
        assertEquals(3, cli.env("TERMCTL_FILE", f.toString()).run("show", "--json", "-f", other.toString()).expect(0)
                .json().get("term").asInt());
        cli.env("TERMCTL_FILE", f.toString()).run("adopt", "8").expect(10);
        assertEquals("8", Cli.term(f));
    }

    @Test
    void relative_paths_are_reported_absolute() throws Exception {
        file("{\"term\":7}");
        JsonNode j = cli.in(dir).run("show", "--json", "-f", "term.json").expect(0).json();
        assertEquals(dir.resolve("term.json").toString(), j.get("file").asText());
    }

    @ParameterizedTest
    @ValueSource(strings = {"+7", "-7", " 7", "7 ", "7.0", "1e3", "0x7", "\u0667", "\uFF17", "", "18446744073709551616"})
    void a_term_that_is_not_plain_ascii_digits_is_a_usage_error(String term) throws Exception {
        Path f = file("{\"term\":7}");
        for (String command : commandsTaking("TERM")) {
            Cli.Result r = cli.run(command, "-f", f.toString(), "--", term).expect(2);
            assertTrue(r.err().contains("TERM"), r.toString());
        }
        assertEquals("{\"term\":7}", Files.readString(f));
    }

    @Test
    void usage_errors_exit_2_with_a_hint() throws Exception {
        Path f = file("{\"term\":7}");
        assertTrue(cli.run("show").expect(2).err().contains("TERMCTL_FILE"));
        assertTrue(cli.run("adopt", "-f", f.toString()).expect(2).err().contains("TERM"));
        assertTrue(cli.run().expect(2).err().contains("no command given"));
        Cli.Result typo = cli.run("shwo").expect(2);
        assertTrue(typo.err().contains("Did you mean") && typo.err().contains("show"), typo.toString());
        assertTrue(cli.run("show", "--jsno", "-f", f.toString()).expect(2).err().contains("--json"));
        cli.run("adopt", "--lock-timeout", "10", "-f", f.toString(), "8").expect(2);
        cli.run("show", "--json", "-q", "-f", f.toString()).expect(2);
        cli.run("show", "--default-term", "-1", "-f", f.toString()).expect(2);
        assertEquals("{\"term\":7}", Files.readString(f));
    }

    @Test
    void with_json_errors_are_one_json_line_on_stderr() throws Exception {
        Path f = file("{\"term\":7.5}");
        JsonNode e = cli.run("show", "--json", "-f", f.toString()).expect(65).errJson();
        assertEquals(65, e.get("exit_code").asInt());
        assertTrue(e.get("error").asText().contains(f.toString()));
        JsonNode u = cli.run("adopt", "--json", "-f", f.toString(), "x").expect(2).errJson();
        assertEquals(2, u.get("exit_code").asInt());
        assertEquals(1, cli.run("adopt", "--json", "-f", f.toString(), "x").err().strip().lines().count());
    }

    @Test
    void help_on_every_command_carries_the_exit_code_table() {
        List<String> commands = new java.util.ArrayList<>(List.of(""));
        commands.addAll(commandsTaking(null));
        for (String command : commands) {
            List<String> args = command.isEmpty() ? List.of("--help") : List.of(command, "--help");
            String out = cli.run(args).expect(0).out();
            assertTrue(out.contains("Exit status:"), out);
            for (dev.termctl.ExitCode.Meaning m : dev.termctl.ExitCode.MEANINGS) {
                String code = String.format("%2d", m.code());
                boolean listed = out.contains("  " + code + "  ");
                assertEquals(command.isEmpty() || returns(command, m.code()), listed,
                        () -> code + (listed ? " listed in" : " missing from") + " the help of " + command + ":\n" + out);
            }
        }
        assertTrue(cli.run("help", "adopt").expect(0).out().contains("Never moves"));
    }

    @Test
    void version_comes_from_the_maven_build() {
        String version = System.getProperty("termctl.version");
        assertEquals("termctl " + version, cli.run("--version").expect(0).out().strip());
        assertEquals("termctl " + version, cli.run("adopt", "--version").expect(0).out().strip());
    }

    /** Whether {@code command} says it can return {@code code}. */
    private static boolean returns(String command, int code) {
        Subcommand c = (Subcommand) CommandModel.commandLine(80).getSubcommands().get(command).getCommandSpec().userObject();
        return java.util.Arrays.stream(c.allExitCodes()).anyMatch(x -> x == code);
    }

    /** The commands of the model (not help) whose arguments include {@code label}; every command when null. */
    static List<String> commandsTaking(String label) {
        List<String> names = new java.util.ArrayList<>();
        for (var e : CommandModel.commandLine(80).getSubcommands().entrySet()) {
            boolean takes = label == null || e.getValue().getCommandSpec().positionalParameters().stream()
                    .anyMatch(p -> p.paramLabel().equals(label));
            if (!e.getKey().equals("help") && takes) {
                names.add(e.getKey());
            }
        }
        return names;
    }
}
