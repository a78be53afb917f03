package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.termctl.cli.command.Subcommand;
import dev.termctl.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import picocli.CommandLine;

/**
 * Tab completion as an operator meets it, with the scripts the build generated from the command
 * model (target/generated-docs/completion, what the packages ship): every option of every command
 * offered by each shell; and a real interactive bash, zsh and fish in a pseudo-terminal (tmux),
 * typing a command line and pressing Tab, then reading the screen. Each shell is skipped, saying
 * why, where it or tmux is not installed.
 */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class CompletionIT {
    private static final Path COMPLETION = Cli.BASEDIR.resolve("target/generated-docs/completion");

    @TempDir
    Path dir;

    private final String session = "termctl-completion-" + ProcessHandle.current().pid();

    /** Each command of the model that runs, by name, with every name of each of its options. */
    private static Map<String, Set<String>> model() {
        Map<String, Set<String>> commands = new TreeMap<>();
        for (CommandLine sub : CommandModel.commandLine(80).getSubcommands().values()) {
            if (sub.getCommandSpec().userObject() instanceof Subcommand) {
                Set<String> names = new TreeSet<>();
                sub.getCommandSpec().options().forEach(o -> names.addAll(Arrays.asList(o.names())));
                commands.put(sub.getCommandName(), names);
            }
        }
        return commands;
    }

    @Test
    void bash_offers_every_command_and_every_option_of_each() throws Exception {
        assumeTrue(sh("command -v bash").contains("bash"), "needs bash");
        String source = "source '" + COMPLETION.resolve("termctl.bash") + "'; ";
        Map<String, Set<String>> model = model();
        String first = sh(source + "COMP_WORDS=(termctl ''); COMP_CWORD=1; _termctl; printf '%s\\n' \"${COMPREPLY[@]}\"");
        assertTrue(new TreeSet<>(first.lines().toList()).containsAll(model.keySet()), first);
        for (Map.Entry<String, Set<String>> c : model.entrySet()) {
            String offered = sh(source + "COMP_WORDS=(termctl " + c.getKey() + " -); COMP_CWORD=2; _termctl; "
                    + "printf '%s\\n' \"${COMPREPLY[@]}\"");
            assertEquals(c.getValue(), new TreeSet<>(offered.lines().toList()), c.getKey());
        }
    }

    @Test
    void fish_offers_every_command_and_every_option_of_each() throws Exception {
        assumeTrue(sh("command -v fish").contains("fish"), "needs fish");
        String source = "source '" + COMPLETION.resolve("termctl.fish") + "'; ";
        Map<String, Set<String>> model = model();
        Set<String> first = words(sh("fish --no-config -c \"" + source + "complete -C 'termctl '\""));
        assertTrue(first.containsAll(model.keySet()), first::toString);
        for (Map.Entry<String, Set<String>> c : model.entrySet()) {
            // fish offers long options for "--" and short ones for "-".
            Set<String> offered = words(sh("fish --no-config -c \"" + source + "complete -C 'termctl " + c.getKey()
                    + " --'; complete -C 'termctl " + c.getKey() + " -'\""));
            assertTrue(offered.containsAll(c.getValue()), () -> c.getKey() + ": " + offered + " lacks some of " + c.getValue());
        }
    }

    /** Each option of the model that takes one of fixed values, as "COMMAND OPTION-NAME", with those values. */
    private static Map<String, Set<String>> fixedValues() {
        Map<String, Set<String>> fixed = new TreeMap<>();
        for (CommandLine sub : CommandModel.commandLine(80).getSubcommands().values()) {
            for (CommandLine.Model.OptionSpec o : sub.getCommandSpec().options()) {
                if (o.arity().max() > 0 && o.completionCandidates() != null) {
                    Set<String> values = new TreeSet<>();
                    o.completionCandidates().forEach(values::add);
                    for (String name : o.names()) {
                        fixed.put(sub.getCommandName() + " " + name, values);
                    }
                }
            }
        }
        assertTrue(fixed.containsKey("show -o") && fixed.containsKey("classify --boundary"), fixed::toString);
        return fixed;
    }

    @Test
    void bash_offers_every_fixed_value_of_every_option() throws Exception {
        assumeTrue(sh("command -v bash").contains("bash"), "needs bash");
        String source = "source '" + COMPLETION.resolve("termctl.bash") + "'; ";
        for (Map.Entry<String, Set<String>> o : fixedValues().entrySet()) {
            String offered = sh(source + "COMP_WORDS=(termctl " + o.getKey() + " ''); COMP_CWORD=3; _termctl; "
                    + "printf '%s\\n' \"${COMPREPLY[@]}\"");
            assertEquals(o.getValue(), new TreeSet<>(offered.lines().toList()), o.getKey());
        }
    }

    @Test
    void fish_offers_every_fixed_value_of_every_option() throws Exception {
        assumeTrue(sh("command -v fish").contains("fish"), "needs fish");
        String source = "source '" + COMPLETION.resolve("termctl.fish") + "'; ";
        for (Map.Entry<String, Set<String>> o : fixedValues().entrySet()) {
            Set<String> offered = words(sh("fish --no-config -c \"" + source + "complete -C 'termctl " + o.getKey()
                    + " '\""));
            assertEquals(o.getValue(), offered, o.getKey());
        }
    }

    @Test
    void zsh_declares_every_fixed_value_of_every_option() throws Exception {
        String script = Files.readString(COMPLETION.resolve("_termctl"));
        for (Map.Entry<String, Set<String>> o : fixedValues().entrySet()) {
            String command = o.getKey().split(" ")[0];
            String option = o.getKey().split(" ")[1];
            int from = script.indexOf("\n    " + command + ")\n");
            String branch = script.substring(from, script.indexOf(";;", from));
            String declared = branch.lines().filter(l -> l.contains("'" + option + "[")).findFirst().orElse("")
                    .replaceAll("\\s*\\\\$", "").strip();
            int open = declared.lastIndexOf(":(");
            Set<String> values = open < 0 || !declared.endsWith(")'") ? Set.of()
                    : new TreeSet<>(Arrays.asList(declared.substring(open + 2, declared.length() - 2).split(" ")));
            assertEquals(o.getValue(), values, () -> o.getKey() + " does not complete its values in zsh: " + declared);
        }
    }

    @Test
    void no_description_shows_a_raw_format_code() throws Exception {
        for (String script : List.of("termctl.bash", "_termctl", "termctl.fish")) {
            String text = Files.readString(COMPLETION.resolve(script));
            assertTrue(!text.matches("(?s).*%[nN%].*"), () -> script + " shows a raw picocli format code:\n" + text);
        }
    }

    @Test
    void zsh_declares_every_command_and_every_option_of_each() throws Exception {
        String script = Files.readString(COMPLETION.resolve("_termctl"));
        for (Map.Entry<String, Set<String>> c : model().entrySet()) {
            assertTrue(script.contains("    '" + c.getKey() + ":"), () -> c.getKey() + " is not among zsh's commands");
            int from = script.indexOf("\n    " + c.getKey() + ")\n");
            assertTrue(from >= 0, () -> c.getKey() + " has no case in the zsh script");
            String branch = script.substring(from, script.indexOf(";;", from));
            for (String option : c.getValue()) {
                assertTrue(branch.contains("'" + option + "[") || branch.contains("'*" + option + "["),
                        () -> c.getKey() + " " + option + " is not declared to zsh in\n" + branch);
            }
        }
    }

    /** The first word of each line: a candidate, without fish's description. */
    private static Set<String> words(String out) {
        Set<String> words = new TreeSet<>();
        out.lines().forEach(l -> words.add(l.split("\t", 2)[0]));
        return words;
    }

    @BeforeEach
    void files() throws Exception {
        Files.writeString(dir.resolve("node-a.json"), "{\"term\":7}");
        Files.createDirectory(dir.resolve("journals"));
        Files.writeString(dir.resolve("journals/main.journal"), "");
    }

    @AfterEach
    void stop() throws Exception {
        sh("tmux kill-session -t " + session + " 2>/dev/null; true");
    }

    @Test
    void bash_completes_file_names_options_and_commands() throws Exception {
        assumeTrue(sh("command -v bash").contains("bash"), "needs bash");
        start("bash --norc --noprofile", "source '" + COMPLETION.resolve("termctl.bash") + "'");
        expectLine("termctl adopt -f no\t", "termctl adopt -f node-a.json");
        // bash ends a completed word with a space, as a user sees it.
        expectLine("--jou\t", "node-a.json --journal");
        expectLine("journals/m\t", "--journal journals/main.journal");
        clear();
        expectLine("termctl sh\t", "termctl show");
        expectLine("no\t", "termctl show node-a.json");
        clear();
        expectLine("termctl classify --boundary han\t", "--boundary handshake");
        clear();
        expectLine("termctl show --from-json no\t", "--from-json node-a.json");
        clear();
        expectLine("termctl show -o pro\t", "termctl show -o prometheus");
    }

    @Test
    void zsh_completes_file_names_with_its_native_function() throws Exception {
        assumeTrue(sh("command -v zsh").contains("zsh"), "needs zsh");
        start("zsh -f", "fpath=('" + COMPLETION + "' $fpath); autoload -U compinit; compinit -u");
        expectLine("termctl adopt -f no\t", "termctl adopt -f node-a.json");
        clear();
        expectLine("termctl hist\t", "termctl history");
        clear();
        expectLine("termctl show -o pro\t", "termctl show -o prometheus");
        clear();
        expectLine("termctl classify --boundary han\t", "termctl classify --boundary handshake");
    }

    @Test
    void fish_completes_file_names() throws Exception {
        assumeTrue(sh("command -v fish").contains("fish"), "needs fish");
        start("fish --no-config", "source '" + COMPLETION.resolve("termctl.fish") + "'");
        expectLine("termctl adopt -f no\t", "termctl adopt -f node-a.json");
        clear();
        expectLine("termctl show --from-json no\t", "--from-json node-a.json");
        clear();
        expectLine("termctl show -o pro\t", "termctl show -o prometheus");
    }

    /**
     * Types {@code typed} (a tab is the Tab key) and waits until the cursor's line ends with
     * {@code end}: the shell's answer is an event on the screen, not something a sleep guesses at. The
     * deadline is only a safety net for a shell that never completes.
     */
    private void expectLine(String typed, String end) throws Exception {
        type(typed);
        String line = awaitScreen(l -> l.endsWith(end));
        assertTrue(line.endsWith(end), () -> "after typing '" + typed + "' the line is '" + line + "', expected it to end"
                + " with '" + end + "'");
    }

    private void start(String shell, String setup) throws Exception {
        assumeTrue(sh("command -v tmux").contains("tmux"), "needs tmux to type into a real shell");
        sh("tmux new-session -d -s " + session + " -x 200 -y 30 -c '" + dir + "' '" + shell + "'");
        // The shell is ready for input once it has drawn its prompt.
        awaitScreen(l -> !l.isEmpty());
        // Then it has run the setup when it prints the marker (typed as two words, printed as one).
        keys(setup + "; cd '" + dir + "'; clear; printf '%s-%s\\n' termctl ready", true);
        awaitScreen(l -> false, screen -> screen.contains("termctl-ready"));
        clear();
    }

    /** Types {@code text}, a tab being the Tab key. */
    private void type(String text) throws Exception {
        String[] parts = text.split("\t", -1);
        for (int i = 0; i < parts.length; i++) {
            if (!parts[i].isEmpty()) {
                keys(parts[i], false);
            }
            if (i < parts.length - 1) {
                sh("tmux send-keys -t " + session + " Tab");
            }
        }
    }

    /** Waits until the cursor's line (the last non-blank one, without trailing blanks) passes {@code test}. */
    private String awaitScreen(java.util.function.Predicate<String> test) throws Exception {
        return awaitScreen(test, screen -> false);
    }

    private String awaitScreen(java.util.function.Predicate<String> line, java.util.function.Predicate<List<String>> screen)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            List<String> lines = sh("tmux capture-pane -p -t " + session).lines().filter(l -> !l.isBlank())
                    .map(String::stripTrailing).toList();
            String last = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
            if (line.test(last) || screen.test(lines) || System.nanoTime() > deadline) {
                return last;
            }
            Thread.sleep(20);
        }
    }

    /** Empties the command line (Ctrl-U); keys reach the shell in order, so the next typing starts clean. */
    private void clear() throws Exception {
        sh("tmux send-keys -t " + session + " C-u");
    }

    private void keys(String literal, boolean enter) throws Exception {
        new ProcessBuilder("tmux", "send-keys", "-t", session, "-l", "--", literal).start().waitFor(5, TimeUnit.SECONDS);
        if (enter) {
            sh("tmux send-keys -t " + session + " Enter");
        }
    }

    private static String sh(String script) throws Exception {
        Process p = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        p.waitFor(10, TimeUnit.SECONDS);
        return new String(out, StandardCharsets.UTF_8);
    }
}
