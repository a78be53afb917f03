package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.termctl.testing.Cli;
import dev.termctl.testing.DocText;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The exit-code table, the JSON shapes, the fixtures and the usage rules, through the packaged command. */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
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

    /** The commands that read a term file, with a TERM where they take one. */
    static final List<List<String>> READING = List.of(List.of("show"), List.of("classify", "9"),
            List.of("admit-record", "9"), List.of("admit-handshake", "9"), List.of("adopt", "9"));

    /**
     * Every invalid file through the packaged command, each with another of the commands (RunnerTest
     * runs every file with every command in-process), and all of them in one cluster view.
     */
    @Test
    void an_invalid_file_exits_65_names_the_file_and_is_left_untouched() throws Exception {
        List<Arguments> cases = invalidFiles().toList();
        List<String> view = new java.util.ArrayList<>(List.of("show", "--json"));
        for (int i = 0; i < cases.size(); i++) {
            Object[] c = cases.get(i).get();
            Path f = Files.writeString(dir.resolve("case-" + i + ".json"), (String) c[1]);
            byte[] before = Cli.bytes(f);
            List<String> args = READING.get(i % READING.size());
            List<String> full = new java.util.ArrayList<>(List.of(args.get(0), "-f", f.toString()));
            full.addAll(args.subList(1, args.size()));
            Cli.Result r = cli.run(full).expect(65);
            assertTrue(r.err().startsWith("termctl: error: " + f + " is not a valid term file: "), r::toString);
            assertTrue(r.err().contains((String) c[2]), () -> c[0] + ": " + r);
            assertEquals("", r.out());
            assertArrayEquals(before, Cli.bytes(f), "file changed by " + full);
            view.add(f.toString());
        }
        JsonNode nodes = cli.run(view).expect(65).json().get("nodes");
        assertEquals(cases.size(), nodes.size(), nodes::toString);
        for (int i = 0; i < cases.size(); i++) {
            Object[] c = cases.get(i).get();
            JsonNode node = nodes.get(i);
            assertEquals(dir.resolve("case-" + i + ".json").toString(), node.get("file").asText(), node::toString);
            assertEquals("invalid", node.get("state").asText(), node::toString);
            assertTrue(node.get("error").asText().contains((String) c[2]), () -> c[0] + ": " + node);
        }
        List<String> left = listing();
        assertEquals(cases.size(), left.size(), () -> "an invalid file is refused before any lock or temp file: " + left);
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
        // mkfifo is part of coreutils: without it this part would pass without running, so it must work.
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start().waitFor(), "mkfifo failed");
        assertTrue(cli.run("show", "-f", fifo.toString()).expect(74).err().contains("not a regular file"));
        cli.run("admit-record", "-f", fifo.toString(), "3").expect(74);
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
            // The test itself holds the lock: the timeout decides how long the writer waits, not whether.
            assertTrue(held.isValid());
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
            // A long --lock-timeout: on a busy machine the queue for the lock may be long; waiting is
            // the behaviour under test, a timeout only a safety net.
            running.add(cli.start(List.of(command, "--create", "-q", "--lock-timeout", "10m", "-f", f.toString(),
                    Long.toString(t))));
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

    /** TERMs that are not plain ASCII digits in range: signs, blanks, other digits, other notations. */
    static final List<String> BAD_TERMS = List.of("+7", "-7", " 7", "7 ", "7.0", "1e3", "0x7", "\u0667", "\uFF17", "",
            "18446744073709551616");

    /**
     * Each bad TERM through the packaged command (as the launcher passes it, in the locale it sets),
     * each with another command; RunnerTest runs every one with every command in-process.
     */
    @Test
    void a_term_that_is_not_plain_ascii_digits_is_a_usage_error() throws Exception {
        Path f = file("{\"term\":7}");
        for (int i = 0; i < BAD_TERMS.size(); i++) {
            String command = TAKING_TERM.get(i % TAKING_TERM.size());
            Cli.Result r = cli.run(command, "-f", f.toString(), "--", BAD_TERMS.get(i)).expect(2);
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
        assertTrue(typo.err().contains("did you mean") && typo.err().contains("show"), typo.toString());
        assertTrue(cli.run("show", "--jsno", "-f", f.toString()).expect(2).err().contains("--json"));
        cli.run("adopt", "--lock-timeout", "10", "-f", f.toString(), "8").expect(2);
        cli.run("show", "--json", "-q", "-f", f.toString()).expect(2);
        cli.run("show", "--default-term", "-1", "-f", f.toString()).expect(2);
        assertEquals("{\"term\":7}", Files.readString(f));
    }

    /**
     * Which codes each command's help must list: written out here, from what each command does (only
     * writers wait for a lock or refuse a missing file, only adopt compares with --expect-current, and
     * so on), not read back from the code that renders the help.
     */
    static final Map<String, List<Integer>> EXIT_CODES = new LinkedHashMap<>();

    static {
        EXIT_CODES.put("", List.of(0, 2, 10, 20, 30, 65, 66, 69, 70, 74, 75));
        EXIT_CODES.put("show", List.of(0, 2, 20, 65, 69, 70, 74));
        EXIT_CODES.put("classify", List.of(0, 2, 10, 20, 65, 69, 70, 74));
        EXIT_CODES.put("admit-record", List.of(0, 2, 10, 20, 65, 66, 69, 70, 74, 75));
        EXIT_CODES.put("admit-handshake", List.of(0, 2, 10, 20, 65, 66, 69, 70, 74, 75));
        EXIT_CODES.put("adopt", List.of(0, 2, 10, 20, 30, 65, 66, 69, 70, 74, 75));
        EXIT_CODES.put("repair", List.of(0, 2, 65, 66, 69, 70, 74, 75));
        EXIT_CODES.put("history", List.of(0, 2, 65, 66, 69, 70, 74));
    }

    /** The README's exit-code table (marked exit-codes): code to meaning, as users read it. */
    private static Map<Integer, String> readmeExitCodes() {
        Map<Integer, String> meanings = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\| (\\d+) \\| (.*) \\| (.*) \\|$").matcher(DocText.section(DocText.README, "exit-codes"));
        while (m.find()) {
            meanings.put(Integer.parseInt(m.group(1)), m.group(2));
        }
        return meanings;
    }

    /** The README's "returned by" column: for each command, the codes it says that command returns. */
    private static Map<String, List<Integer>> readmeReturnedBy() {
        Map<String, List<Integer>> codes = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\| (\\d+) \\| (.*) \\| (.*) \\|$").matcher(DocText.section(DocText.README, "exit-codes"));
        while (m.find()) {
            List<String> commands = m.group(3).equals("every command") ? COMMANDS : List.of(m.group(3).split(", "));
            for (String command : commands) {
                codes.computeIfAbsent(command, c -> new ArrayList<>()).add(Integer.parseInt(m.group(1)));
            }
        }
        return codes;
    }

    /** The commands that take a TERM, whose help may speak of it. */
    static final List<String> EXIT_CODES_WITH_TERM = List.of("classify", "admit-record", "admit-handshake", "adopt", "repair");

    /** The README's table of the codes a command words its own way (marked exit-codes-by-command): "command code" to meaning. */
    private static Map<String, String> readmeOwnMeanings() {
        Map<String, String> meanings = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\| ([a-z-]+) \\| (\\d+) \\| (.*) \\|$")
                .matcher(DocText.section(DocText.README, "exit-codes-by-command"));
        while (m.find()) {
            meanings.put(m.group(1) + " " + m.group(2), m.group(3));
        }
        return meanings;
    }

    @Test
    void help_on_every_command_carries_its_exit_codes_with_the_readmes_meanings() throws Exception {
        Map<Integer, String> readme = readmeExitCodes();
        assertEquals(EXIT_CODES.get(""), List.copyOf(readme.keySet()), "the README's table");
        Map<String, List<Integer>> returnedBy = readmeReturnedBy();
        for (String command : COMMANDS) {
            assertEquals(EXIT_CODES.get(command), returnedBy.get(command), "the codes the README says " + command + " returns");
        }
        String top = cli.run("--help").expect(0).out();
        List<String> listed = top.substring(top.indexOf("\nCommands:\n"), top.indexOf("\nExit status:")).lines()
                .filter(l -> l.matches("  [a-z].*")).map(l -> l.trim().split(" ")[0]).filter(c -> !c.equals("help")).toList();
        assertEquals(List.copyOf(EXIT_CODES.keySet()).subList(1, EXIT_CODES.size()).stream().sorted().toList(),
                listed.stream().sorted().toList(), top);
        for (Map.Entry<String, List<Integer>> e : EXIT_CODES.entrySet()) {
            String command = e.getKey();
            String out = cli.run(command.isEmpty() ? List.of("--help") : List.of(command, "--help")).expect(0).out();
            assertTrue(out.contains("\nExit status:\n"), out);
            // The section lists "  CODE   MEANING" with the meaning wrapped onto indented lines.
            Map<Integer, String> shown = new LinkedHashMap<>();
            Integer code = null;
            for (String line : out.substring(out.indexOf("\nExit status:\n") + 14).lines().toList()) {
                Matcher m = Pattern.compile("^ +(\\d+)   (\\S.*)$").matcher(line);
                if (m.matches()) {
                    code = Integer.parseInt(m.group(1));
                    shown.put(code, m.group(2).strip());
                } else if (code != null && line.startsWith("        ") && !line.isBlank()) {
                    shown.put(code, shown.get(code) + " " + line.strip());
                } else {
                    code = null;
                }
            }
            assertEquals(e.getValue(), List.copyOf(shown.keySet()), () -> "exit codes in the help of '" + command + "':\n" + out);
            Map<String, String> own = readmeOwnMeanings();
            for (Map.Entry<Integer, String> s : shown.entrySet()) {
                // A command that takes no TERM words 0 and 2 without one (the README says so under its table).
                boolean term = command.isEmpty() || EXIT_CODES_WITH_TERM.contains(command);
                String plain = s.getKey() == 0 ? "success" : s.getKey() == 2 ? "usage error: an unknown option, no file named, a malformed or too long option value" : null;
                String expected = own.getOrDefault(command + " " + s.getKey(),
                        !term && plain != null ? plain : readme.get(s.getKey()));
                assertEquals(expected, s.getValue(), "meaning of " + s.getKey() + " in the help of '" + command + "'");
                assertFalse(!command.isEmpty() && !EXIT_CODES_WITH_TERM.contains(command) && s.getValue().contains("TERM"),
                        () -> command + " takes no TERM, yet its help says: " + s.getValue());
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

    /** Every command (not help), as the README documents them; the help test checks the model lists these. */
    static final List<String> COMMANDS = List.of("show", "classify", "admit-record", "admit-handshake", "adopt", "repair",
            "history");

    /** The commands that take a TERM argument. */
    static final List<String> TAKING_TERM = List.of("classify", "admit-record", "admit-handshake", "adopt", "repair");
}
