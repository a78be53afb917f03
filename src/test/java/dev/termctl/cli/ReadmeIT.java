package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termctl.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every console example in the README is run, in order, and must print what the README shows. The
 * examples run in a scratch copy (the repository's scripts and examples, a private /tmp); paths,
 * times, user and host names and column padding are normalised before comparing.
 */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class ReadmeIT {

    @TempDir
    Path scratch;

    /** One "$ command" line of a console block and the output the README shows under it. */
    record Example(int line, String command, String expected) {
    }

    static List<Example> examples(List<String> readme) {
        List<Example> examples = new ArrayList<>();
        boolean inConsole = false;
        for (int i = 0; i < readme.size(); i++) {
            String line = readme.get(i);
            if (line.equals("```console")) {
                inConsole = true;
            } else if (line.equals("```")) {
                inConsole = false;
            } else if (inConsole && line.startsWith("$ ")) {
                StringBuilder out = new StringBuilder();
                int j = i + 1;
                while (j < readme.size() && !readme.get(j).startsWith("$ ") && !readme.get(j).equals("```")) {
                    out.append(readme.get(j)).append('\n');
                    j++;
                }
                examples.add(new Example(i + 1, line.substring(2), out.toString().strip()));
            }
        }
        return examples;
    }

    @Test
    void the_reference_table_has_a_row_for_every_command_the_tool_lists() throws Exception {
        String readme = Files.readString(Cli.BASEDIR.resolve("README.md"));
        String reference = readme.substring(readme.indexOf("### Reference"), readme.indexOf("### JSON output"));
        String help = new Cli().run("--help").expect(0).out();
        List<String> commands = help.substring(help.indexOf("\nCommands:\n"), help.indexOf("\nExit status:")).lines()
                .filter(l -> l.matches("  [a-z].*")).map(l -> l.trim().split(" ")[0]).filter(c -> !c.equals("help")).toList();
        assertTrue(commands.size() >= 7, help);
        for (String command : commands) {
            assertTrue(reference.contains("\n| `" + command + " ") || reference.contains("\n| `" + command + "`"),
                    "the README's reference has no row for " + command + ":\n" + reference);
        }
    }

    @Test
    void every_console_example_prints_what_the_readme_shows() throws Exception {
        Files.createSymbolicLink(scratch.resolve("scripts"), Cli.BASEDIR.resolve("scripts"));
        copy(Cli.BASEDIR.resolve("examples"), scratch.resolve("examples"));
        Files.createDirectory(scratch.resolve("tmp"));
        List<Example> examples = examples(Files.readAllLines(Cli.BASEDIR.resolve("README.md")));
        assertTrue(examples.size() >= 15, "console examples found: " + examples.size());
        List<String> failures = new ArrayList<>();
        for (Example e : examples) {
            String command = e.command().replace("/tmp/", scratch + "/tmp/");
            String actual = run(command).replace(scratch + "/tmp/", "/tmp/").replace(scratch.toString(), "/work/main");
            if (!normalise(actual).equals(normalise(e.expected()))) {
                failures.add("README.md line " + e.line() + ": $ " + e.command() + "\n--- README shows:\n"
                        + e.expected() + "\n--- termctl printed:\n" + actual.strip());
            }
        }
        assertEquals("", String.join("\n\n", failures));
    }

    static String normalise(String text) {
        return text.strip()
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "TIME")
                .replaceAll("\\d{8}T\\d{6}Z", "TIME")
                .replaceAll("\"host\":\"[^\"]*\"", "\"host\":\"HOST\"")
                .replaceAll("[a-z_][a-z0-9_-]*@[A-Za-z0-9.-]+", "USER@HOST")
                .replaceAll(" {2,}", "  ")
                .replaceAll("(?m) +$", "");
    }

    private String run(String command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", command).directory(scratch.toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("XDG_CACHE_HOME", Cli.CACHE.toString());
        pb.environment().remove("TERMCTL_FILE");
        pb.environment().remove("TERMCTL_JOURNAL");
        pb.environment().remove("COLUMNS");
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), command);
        return new String(out, StandardCharsets.UTF_8);
    }

    private static void copy(Path from, Path to) throws Exception {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
