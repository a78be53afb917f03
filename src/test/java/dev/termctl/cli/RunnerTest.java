package dev.termctl.cli;

import static com.github.stefanbirkner.systemlambda.SystemLambda.withEnvironmentVariable;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        for (String c : CommandIT.commandsTaking(null)) {
            Run r = run(c, "--help");
            assertEquals(0, r.code(), c);
            assertTrue(r.out().startsWith("Usage: termctl " + c), r.out());
        }
    }
}
