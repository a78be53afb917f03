package dev.termctl.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.termctl.cli.CommandModel;
import dev.termctl.cli.Commands;
import dev.termctl.cli.fast.ModelTable;
import dev.termctl.cli.render.Renderer;
import dev.termctl.cli.render.Result;
import dev.termctl.testing.Cli;
import dev.termctl.testing.DocText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * The docs the build generates from the command model (target/generated-docs: the man pages and
 * completion scripts the packages ship; the man pages are committed in man/man1 too) say what the model says, and the
 * exit-code contract, stated in the README too, agrees with the code.
 */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class DocsIT {
    private static final Path DOCS = Cli.BASEDIR.resolve("target/generated-docs");
    private static final Path MAN = DOCS.resolve("man/termctl.1");
    private static final Path README = Cli.BASEDIR.resolve("README.md");

    private static TreeSet<Integer> codesInCode() {
        TreeSet<Integer> codes = new TreeSet<>();
        for (dev.termctl.ExitCode.Meaning m : dev.termctl.ExitCode.MEANINGS) {
            codes.add(m.code());
        }
        return codes;
    }

    /** The commands that return {@code code}, as the README's "returned by" column says them. */
    private static String returnedBy(int code) {
        List<String> names = new ArrayList<>();
        for (Subcommand command : Commands.all()) {
            if (Arrays.stream(command.allExitCodes()).anyMatch(c -> c == code)) {
                names.add(command.getClass().getAnnotation(CommandLine.Command.class).name());
            }
        }
        return names.size() == Commands.all().length ? "every command" : String.join(", ", names);
    }

    @Test
    void the_readme_exit_code_table_says_word_for_word_what_the_code_says_and_which_commands_return_each() {
        StringBuilder expected = new StringBuilder("| code | meaning | returned by |\n| --- | --- | --- |\n");
        for (dev.termctl.ExitCode.Meaning m : dev.termctl.ExitCode.MEANINGS) {
            expected.append("| ").append(m.code()).append(" | ").append(m.text()).append(" | ")
                    .append(returnedBy(m.code())).append(" |\n");
        }
        assertEquals(expected.toString(), DocText.section(README, "exit-codes"),
                "the README's exit codes (marked exit-codes) against ExitCode.MEANINGS and each command's exitCodes()");
    }

    @Test
    void the_readme_lists_exactly_the_codes_each_command_words_its_own_way_in_its_words() {
        String readme = DocText.read(README);
        // A command that takes no TERM words 0 and 2 without one; the README says how, above its table.
        Subcommand noTerm = new Subcommand() { // a command that takes no TERM and words no code its own way
            @Override
            int[] exitCodes() {
                return new int[0];
            }

            @Override
            Renderer.Format format() {
                return null;
            }

            @Override
            Result run() {
                return null;
            }
        };
        String success = noTerm.meaning(0);
        String usage = noTerm.meaning(2);
        String said = "says 0 is \"" + success + "\" and 2 a \"" + usage + "\"";
        assertTrue(readme.replaceAll("\\s+", " ").contains(said), "the README should say a command without TERM " + said);
        StringBuilder expected = new StringBuilder("| command | code | meaning |\n| --- | --- | --- |\n");
        for (Subcommand command : Commands.all()) {
            boolean term = command instanceof VerdictCommand;
            for (int code : command.allExitCodes()) {
                String general = dev.termctl.ExitCode.meaning(code).text();
                String plain = !term && code == 0 ? success : !term && code == 2 ? usage : general;
                if (!command.meaning(code).equals(plain)) {
                    expected.append("| ").append(command.getClass().getAnnotation(CommandLine.Command.class).name())
                            .append(" | ").append(code).append(" | ").append(command.meaning(code)).append(" |\n");
                }
            }
        }
        assertEquals(expected.toString(), DocText.section(README, "exit-codes-by-command"),
                "the README's table of the codes a command words its own way (marked exit-codes-by-command)");
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
    void the_man_page_exit_status_matches_the_help_table() throws Exception {
        String man = Files.readString(MAN);
        String section = man.substring(man.indexOf(".SH EXIT STATUS"), man.indexOf(".SH FILES"));
        assertEquals(codesInCode(), matches(section, Pattern.compile("(?m)^\\.B (\\d+)$")));
    }

    /** The man pages the build generated, by file name. */
    private static Map<String, String> pages() throws Exception {
        Map<String, String> pages = new TreeMap<>();
        try (var list = Files.list(DOCS.resolve("man"))) {
            for (Path f : list.toList()) {
                pages.put(f.getFileName().toString(), Files.readString(f));
            }
        }
        return pages;
    }

    /** One section of a page, from its .SH line to the next. */
    static String section(String page, String name) {
        int from = page.indexOf(".SH " + name + "\n");
        assertTrue(from >= 0, () -> "no section " + name + " in:\n" + page);
        int to = page.indexOf("\n.SH ", from);
        return page.substring(from, to < 0 ? page.length() : to + 1);
    }

    /** roff as a reader sees its words: hyphens and backslashes unescaped, font changes dropped. */
    static String plain(String roff) {
        return roff.replace("\\-", "-").replace("\\fB", "").replace("\\fI", "").replace("\\fR", "")
                .replace("\\&", "").replace("\\e", "\\");
    }

    /** Each command registered in {@link Commands}, as the model that runs has it. */
    private static List<CommandLine> commands() {
        List<CommandLine> commands = new ArrayList<>();
        for (Subcommand command : Commands.all()) {
            String name = command.getClass().getAnnotation(CommandLine.Command.class).name();
            commands.add(CommandModel.commandLine(80, name).getSubcommands().get(name));
        }
        return commands;
    }

    @Test
    void every_command_has_a_man_page_listing_each_of_its_options_and_exit_codes_and_no_other_page_exists()
            throws Exception {
        Map<String, String> pages = pages();
        String top = pages.get("termctl.1");
        assertTrue(top != null, () -> "no termctl.1 among " + pages.keySet());
        Set<String> expected = new TreeSet<>(Set.of("termctl.1"));
        for (CommandLine command : commands()) {
            String name = command.getCommandName();
            String file = "termctl-" + name + ".1";
            expected.add(file);
            String page = pages.get(file);
            assertTrue(page != null, () -> name + " has no man page " + file + " among " + pages.keySet());
            assertTrue(plain(section(page, "SYNOPSIS")).contains("termctl " + name), page);
            String options = plain(section(page, "OPTIONS"));
            for (OptionSpec o : command.getCommandSpec().options()) {
                String entry = ".TP\n" + String.join(", ", o.names()) + (o.arity().max() > 0 ? " " + o.paramLabel() : "")
                        + "\n" + String.join(" ", o.description()) + "\n";
                assertTrue(options.contains(entry), () -> file + " does not list " + o.longestName() + " as\n" + entry
                        + "in\n" + options);
            }
            String status = plain(section(page, "EXIT STATUS"));
            List<Integer> codes = new ArrayList<>();
            Subcommand subcommand = (Subcommand) command.getCommandSpec().userObject();
            for (int code : subcommand.allExitCodes()) {
                codes.add(code);
                String meaning = subcommand.meaning(code);
                assertTrue(status.contains(".TP\n.B " + code + "\n" + meaning + "\n"),
                        () -> file + " does not give exit code " + code + " as " + meaning + " in\n" + status);
            }
            assertEquals(codes, new ArrayList<>(matches(status, Pattern.compile("(?m)^\\.B (\\d+)$"))), file);
            // The overview lists it, and points at its page.
            assertTrue(plain(section(top, "COMMANDS")).contains(".TP\n.B " + name + "\n"), () -> name + " not in termctl.1");
            assertTrue(plain(section(top, "SEE ALSO")).contains(".BR termctl-" + name + " (1)"), () -> name + " not in SEE ALSO");
        }
        assertEquals(expected, pages.keySet(), "a man page for each command, and for no command that is gone");
    }

    @Test
    void the_man_pages_committed_in_man_are_the_ones_the_model_generates() throws Exception {
        // man/man1 holds the pages a reader finds without building; the build generates them afresh
        // into target/generated-docs/man. Any change to a command's help must come with its page.
        Path committed = Cli.BASEDIR.resolve("man/man1");
        Map<String, String> inMan = new TreeMap<>();
        try (var list = Files.list(committed)) {
            for (Path f : list.toList()) {
                inMan.put(f.getFileName().toString(), Files.readString(f));
            }
        }
        Map<String, String> generated = pages();
        String fix = ": run scripts/gen-man and commit man/";
        assertEquals(generated.keySet(), inMan.keySet(), "man/man1 holds other pages than the model generates" + fix);
        for (Map.Entry<String, String> page : generated.entrySet()) {
            assertEquals(page.getValue(), inMan.get(page.getKey()), "man/man1/" + page.getKey()
                    + " is not what the model generates (target/generated-docs/man/" + page.getKey() + ")" + fix);
        }
    }

    /** Each entry of a roff section's tagged paragraphs: its tag and its text, as a reader sees them. */
    private static Map<String, String> entries(String section) {
        Map<String, String> entries = new TreeMap<>();
        for (String entry : section.split("\n\\.TP\n")) {
            if (entry.startsWith(".SH")) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            entry.lines().forEach(l -> lines.add(text(l)));
            entries.put(lines.get(0), String.join(" ", lines.subList(1, lines.size())));
        }
        return entries;
    }

    /** One roff line's words: a font macro's arguments (joined, for the alternating ones such as .IR). */
    private static String text(String line) {
        Matcher m = Pattern.compile("^\\.(B|I|BR|RB|IR|RI|IB|BI) (.*)$").matcher(line);
        if (!m.matches()) {
            return line;
        }
        if (m.group(1).length() == 1) {
            return m.group(2);
        }
        StringBuilder joined = new StringBuilder();
        Matcher arg = Pattern.compile("\"([^\"]*)\"|(\\S+)").matcher(m.group(2));
        while (arg.find()) {
            joined.append(arg.group(1) != null ? arg.group(1) : arg.group(2));
        }
        return joined.toString();
    }

    @Test
    void the_files_section_names_every_file_termctl_keeps_and_puts_roots_archive_in_no_home() throws Exception {
        Map<String, String> files = entries(plain(section(Files.readString(MAN), "FILES")));
        for (String f : List.of("FILE", "FILE.lock", "FILE.journal", "FILE.corrupt-TIME", ".FILE.termctl-PID-TIME.tmp",
                "/var/cache/termctl", "${XDG_CACHE_HOME:-~/.cache}/termctl")) {
            assertTrue(files.containsKey(f), () -> f + " is not in FILES: " + files.keySet());
        }
        // Where scripts/termctl keeps the archives, which the page describes.
        String launcher = Files.readString(Cli.BASEDIR.resolve("scripts/termctl"));
        assertTrue(launcher.contains("/usr/share/termctl/termctl.jar) sysdir=/var/cache/termctl ;;")
                && launcher.contains("*) sysdir=\"${jar%/*}/archive\" ;;") && launcher.contains("${XDG_CACHE_HOME:-$HOME/.cache}"),
                "scripts/termctl keeps its archives elsewhere now: update FILES in termctl.1 (ManSections) and this test");
        String system = files.get("/var/cache/termctl");
        for (String said : List.of("Run as root", "archive/ beside the jar", "PREFIX/lib/termctl/archive", "lib/archive",
                "target/archive", "never from a home directory or XDG_CACHE_HOME")) {
            assertTrue(system.contains(said), () -> "FILES does not say where root's archive is (" + said + "): " + system);
        }
        String user = files.get("${XDG_CACHE_HOME:-~/.cache}/termctl");
        assertTrue(user.startsWith("Run as a user (never as root)"), user);
        files.forEach((tag, text) -> {
            if (!tag.contains(".cache")) {
                assertTrue(!text.contains(".cache") && !text.contains("HOME/"), () -> tag + " points into a home: " + text);
            }
        });
        assertTrue(files.get("FILE.corrupt-TIME").contains("termctl repair"), files::toString);
        assertTrue(files.get("FILE.journal").contains("termctl history"), files::toString);
    }

    @Test
    void every_long_option_the_pages_mention_is_an_option_of_the_model() throws Exception {
        Set<String> known = new TreeSet<>();
        for (CommandLine command : commands()) {
            command.getCommandSpec().options().forEach(o -> known.addAll(Arrays.asList(o.names())));
        }
        for (Map.Entry<String, String> page : pages().entrySet()) {
            Matcher m = Pattern.compile("(?<![\\w-])--[a-z][a-z-]*[a-z]").matcher(plain(page.getValue()));
            while (m.find()) {
                String option = m.group();
                assertTrue(known.contains(option), () -> page.getKey() + " mentions " + option + ", which no command has");
            }
        }
    }

    @Test
    void the_build_tools_ship_in_no_jar_and_the_table_does() throws Exception {
        Path tools = Cli.BASEDIR.resolve("target/build-classes");
        List<String> classes;
        try (Stream<Path> s = Files.walk(tools)) {
            classes = s.filter(f -> f.toString().endsWith(".class")).map(f -> tools.relativize(f).toString()).toList();
        }
        assertTrue(classes.contains("dev/termctl/cli/DocGen.class"), classes::toString);
        try (ZipFile jar = new ZipFile(Cli.BASEDIR.resolve("target/termctl.jar").toFile())) {
            for (String c : classes) {
                assertNull(jar.getEntry(c), () -> c + " is a build tool, yet it is in the shipped jar");
            }
            assertNotNull(jar.getEntry(ModelTable.TEXT_CLASS.replace('.', '/') + ".class"), "the fast parser's table");
        }
    }

    @Test
    void every_command_page_has_examples_and_the_exit_codes() throws Exception {
        for (Map.Entry<String, String> e : pages().entrySet()) {
            assertTrue(e.getValue().contains(".SH EXAMPLES\n.PP\n.nf\ntermctl "), () -> e.getKey() + " has no example");
            assertTrue(e.getValue().contains(".SH EXIT STATUS\n.TP\n.B 0\n"), () -> e.getKey() + " has no exit codes");
        }
    }

    @Test
    void the_bash_completion_registers_and_completes_subcommands() throws Exception {
        Path script = DOCS.resolve("completion/termctl.bash");
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
