package dev.termctl.cli;

import static com.github.stefanbirkner.systemlambda.SystemLambda.withEnvironmentVariable;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** termctl run in-process: quick checks of the command model that need no packaged jar. */
class RunnerTest {
    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Runner.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void the_term_file_can_come_from_the_environment() throws Exception {
        Path f = Files.writeString(dir.resolve("term.json"), "{\"term\":7}");
        Run r = withEnvironmentVariable("TERMCTL_FILE", f.toString()).execute(() -> run("adopt", "9"));
        assertEquals(10, r.code(), r::toString);
        assertEquals("9", dev.termctl.testing.Cli.term(f));
    }

    @Test
    void an_empty_TERMCTL_FILE_counts_as_unset() throws Exception {
        Run r = withEnvironmentVariable("TERMCTL_FILE", "").execute(() -> run("show"));
        assertEquals(2, r.code(), r::toString);
        assertTrue(r.err().contains("no term file named"), r::toString);
    }

    @Test
    void expected_failures_print_one_line_without_a_stack_trace() throws Exception {
        Path f = Files.writeString(dir.resolve("term.json"), "{\"term\":\"7\"}");
        Run r = run("show", "-f", f.toString());
        assertEquals(65, r.code());
        assertEquals(1, r.err().lines().count(), r::toString);
        assertTrue(r.err().startsWith("termctl: error: " + f), r::toString);
    }

    @Test
    void every_subcommand_is_registered_with_help() {
        for (String c : CommandIT.COMMANDS) {
            Run r = run(c, "--help");
            assertEquals(0, r.code(), c);
            assertTrue(r.out().startsWith("Usage: termctl " + c), r.out());
        }
    }

    /** Every bad TERM with every command that takes one: exit 2, the argument named, the file untouched. */
    @Test
    void a_term_that_is_not_plain_ascii_digits_is_a_usage_error_for_every_command() throws Exception {
        Path f = Files.writeString(dir.resolve("term.json"), "{\"term\":7}");
        for (String term : CommandIT.BAD_TERMS) {
            for (String command : CommandIT.TAKING_TERM) {
                Run r = run(command, "-f", f.toString(), "--", term);
                assertEquals(2, r.code(), () -> command + " '" + term + "': " + r);
                assertTrue(r.err().contains("TERM"), () -> command + " '" + term + "': " + r);
            }
        }
        assertEquals("{\"term\":7}", Files.readString(f));
    }

    /** Every invalid file with every command that reads one: exit 65, why, the file untouched, nothing beside it. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.termctl.cli.CommandIT#invalidFiles")
    void an_invalid_file_exits_65_for_every_command_and_is_left_untouched(String label, String content, String reason)
            throws Exception {
        Path f = Files.writeString(dir.resolve("term.json"), content);
        byte[] before = Files.readAllBytes(f);
        for (List<String> args : CommandIT.READING) {
            List<String> full = new ArrayList<>(List.of(args.get(0), "-f", f.toString()));
            full.addAll(args.subList(1, args.size()));
            Run r = run(full.toArray(new String[0]));
            assertEquals(65, r.code(), () -> full + ": " + r);
            assertTrue(r.err().startsWith("termctl: error: " + f + " is not a valid term file: "), () -> full + ": " + r);
            assertTrue(r.err().contains(reason), () -> full + ": " + r);
            assertEquals("", r.out());
            assertArrayEquals(before, Files.readAllBytes(f), "file changed by " + full);
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("term.json"), s.map(p -> p.getFileName().toString()).toList(),
                    "an invalid file is refused before any lock or temp file");
        }
    }
}
