package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.termctl.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The exit-code contract is stated in three places; they must agree with the code. */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class DocsIT {
    private static final Path MAN = Cli.BASEDIR.resolve("man/termctl.1");
    private static final Path README = Cli.BASEDIR.resolve("README.md");

    private static TreeSet<Integer> codesInCode() {
        TreeSet<Integer> codes = new TreeSet<>();
        for (dev.termctl.ExitCode.Meaning m : dev.termctl.ExitCode.MEANINGS) {
            codes.add(m.code());
        }
        return codes;
    }

    @Test
    void the_readme_exit_code_table_says_word_for_word_what_the_code_says() throws Exception {
        String readme = Files.readString(README);
        String table = readme.substring(readme.indexOf("| code | meaning |"), readme.indexOf("## The term file"));
        StringBuilder expected = new StringBuilder("| code | meaning |\n| --- | --- |\n");
        for (dev.termctl.ExitCode.Meaning m : dev.termctl.ExitCode.MEANINGS) {
            expected.append("| ").append(m.code()).append(" | ").append(m.text()).append(" |\n");
        }
        assertEquals(expected.toString(), table.substring(0, Math.min(table.length(), expected.length())));
    }

    @Test
    void each_command_lists_only_the_exit_codes_it_can_return_in_numeric_order() {
        String show = new Cli().run("show", "--help").expect(0).out();
        assertTrue(!show.contains("\n  30 ") && !show.contains("\n  75 ") && show.contains("\n  20 "), show);
        String history = new Cli().run("history", "--help").expect(0).out();
        assertTrue(!history.contains("\n  10 ") && !history.contains("\n  30 "), history);
        for (String help : List.of(show, history, new Cli().run("adopt", "--help").expect(0).out())) {
            List<Integer> codes = new java.util.ArrayList<>();
            Matcher m = Pattern.compile("(?m)^ *(\\d+)   ").matcher(help.substring(help.indexOf("Exit status:")));
            while (m.find()) {
                codes.add(Integer.parseInt(m.group(1)));
            }
            List<Integer> sorted = new java.util.ArrayList<>(codes);
            java.util.Collections.sort(sorted);
            assertEquals(sorted, codes, help);
            assertTrue(codes.size() >= 5, help);
        }
    }

    private static TreeSet<Integer> matches(String text, Pattern p) {
        TreeSet<Integer> codes = new TreeSet<>();
        Matcher m = p.matcher(text);
        while (m.find()) {
            codes.add(Integer.parseInt(m.group(1)));
        }
        return codes;
    }

    @Test
    void the_readme_exit_code_table_matches_the_help_table() throws Exception {
        String readme = Files.readString(README);
        String table = readme.substring(readme.indexOf("## Exit codes"), readme.indexOf("## The term file"));
        assertEquals(codesInCode(), matches(table, Pattern.compile("(?m)^\\| (\\d+) \\|")));
    }

    @Test
    void the_man_page_exit_status_matches_the_help_table() throws Exception {
        String man = Files.readString(MAN);
        String section = man.substring(man.indexOf(".SH EXIT STATUS"), man.indexOf(".SH FILES"));
        assertEquals(codesInCode(), matches(section, Pattern.compile("(?m)^\\.B (\\d+)$")));
    }

    /** What the build generated into target/generated-docs, by path under it. */
    private static Map<String, String> generated() throws Exception {
        Path root = Cli.BASEDIR.resolve("target/generated-docs");
        Map<String, String> files = new java.util.TreeMap<>();
        for (String dir : List.of("man", "completion")) {
            try (var list = Files.list(root.resolve(dir))) {
                for (Path f : list.toList()) {
                    files.put(dir + "/" + f.getFileName(), Files.readString(f));
                }
            }
        }
        return files;
    }

    @Test
    void the_committed_man_pages_and_completions_are_what_the_command_model_generates() throws Exception {
        Map<String, String> generated = generated();
        for (Map.Entry<String, String> e : generated.entrySet()) {
            Path committed = Cli.BASEDIR.resolve(e.getKey());
            assertTrue(Files.exists(committed), () -> e.getKey() + " is generated but not committed: run scripts/gen-docs");
            assertEquals(e.getValue(), Files.readString(committed),
                    () -> e.getKey() + " differs from what the command model generates: run scripts/gen-docs");
        }
        for (String dir : List.of("man", "completion")) {
            try (var files = Files.list(Cli.BASEDIR.resolve(dir))) {
                for (Path f : files.toList()) {
                    String name = dir + "/" + f.getFileName();
                    assertTrue(generated.containsKey(name), () -> name + " is committed but no longer generated");
                }
            }
        }
    }

    @Test
    void every_command_page_has_examples_and_the_exit_codes() throws Exception {
        for (Map.Entry<String, String> e : generated().entrySet()) {
            if (e.getKey().startsWith("man/")) {
                assertTrue(e.getValue().contains(".SH EXAMPLES\n.PP\n.nf\ntermctl "), () -> e.getKey() + " has no example");
                assertTrue(e.getValue().contains(".SH EXIT STATUS\n.TP\n.B 0\n"), () -> e.getKey() + " has no exit codes");
            }
        }
    }

    @Test
    void the_bash_completion_registers_and_completes_subcommands() throws Exception {
        Path script = Cli.BASEDIR.resolve("completion/termctl.bash");
        Process p = new ProcessBuilder("bash", "-c", "source '" + script + "' && complete -p termctl && "
                + "COMP_WORDS=(termctl ad) COMP_CWORD=1 COMP_LINE='termctl ad' COMP_POINT=10 && _termctl && "
                + "echo \"${COMPREPLY[@]}\"").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.contains("-F _termctl termctl"), out);
        assertTrue(out.contains("admit-record") && out.contains("adopt"), out);
    }

    @Test
    void the_man_page_renders_with_every_section() throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("man", "-l", MAN.toString()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            assumeTrue(false, "man is not installed: " + e.getMessage());
            return;
        }
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        for (String section : List.of("NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "EXIT STATUS", "FILES",
                "ENVIRONMENT", "EXAMPLES")) {
            assertTrue(out.contains("\n" + section + "\n"), () -> section + " missing from:\n" + out);
        }
        String version = System.getProperty("termctl.version");
        assertTrue(out.contains("termctl " + version), "the man page names another version than the build: " + version);
    }
}
