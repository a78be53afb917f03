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

/** The exit-code contract is stated in three places; they must agree with the code. */
class DocsIT {
    private static final Path MAN = Cli.BASEDIR.resolve("man/termctl.1");
    private static final Path README = Cli.BASEDIR.resolve("README.md");

    private static TreeSet<Integer> codesInCode() {
        TreeSet<Integer> codes = new TreeSet<>();
        for (Map.Entry<String, String> e : Termctl.EXIT_CODES.entrySet()) {
            codes.add(Integer.parseInt(e.getKey().strip()));
        }
        return codes;
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
