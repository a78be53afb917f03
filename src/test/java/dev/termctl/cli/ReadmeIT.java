package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termctl.testing.Cli;
import dev.termctl.testing.Console;
import dev.termctl.testing.DocText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Every console example in the README, CONTRIBUTING, docs/ and examples/README.md is run, file by
 * file and in order, and must print what the page shows ({@link Console} says in what world and
 * what is normalised). The commands table names every command the tool lists.
 */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class ReadmeIT {

    @TempDir
    Path scratch;

    @Test
    void the_commands_table_has_a_row_for_every_command_the_tool_lists() {
        String table = DocText.section(DocText.README, "commands");
        String help = new Cli().run("--help").expect(0).out();
        List<String> commands = help.substring(help.indexOf("\nCommands:\n"), help.indexOf("\nExit status:")).lines()
                .filter(l -> l.matches("  [a-z].*")).map(l -> l.trim().split(" ")[0]).filter(c -> !c.equals("help")).toList();
        assertTrue(commands.size() >= 7, help);
        List<String> rows = table.lines().filter(l -> l.startsWith("| `")).map(l -> l.substring(3).split("[ `]")[0])
                .distinct().toList();
        assertEquals(commands.stream().sorted().toList(), rows.stream().sorted().toList(),
                "the README's commands table (marked commands) against termctl --help");
    }

    @Test
    void every_console_example_in_the_docs_prints_what_the_page_shows() throws Exception {
        List<String> failures = new ArrayList<>();
        int count = 0;
        for (Path file : DocText.markdown()) {
            List<Console.Example> examples = Console.examples(file);
            if (examples.isEmpty()) {
                continue;
            }
            count += examples.size();
            Path dir = Files.createDirectory(scratch.resolve(file.getFileName() + "-" + count));
            try (Console console = new Console(dir)) {
                String failed = console.check(examples);
                if (!failed.isEmpty()) {
                    failures.add(failed);
                }
            }
        }
        assertTrue(count >= 40, "console examples found: " + count);
        assertEquals("", String.join("\n\n", failures));
    }

    @Test
    void the_readme_has_console_examples_and_its_first_lines_are_the_two_commands() {
        assertTrue(Console.examples(DocText.README).size() >= 8, "the README's console examples");
        // .ci/run and the newcomer's hook look for these two, first thing in the README.
        assertTrue(DocText.read(DocText.README).startsWith(
                "# termctl\n\n```sh\nscripts/termctl show -f examples/term.json\nmvn -B verify\n```\n"));
    }
}
