package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine;

/**
 * Each command's option names, as the README, the man pages and users' scripts spell them, written
 * out here by hand: everything else (help, man pages, completion, the fast parser's table) is
 * generated from the {@code @Option} declarations, so a misspelt name there would be generated
 * consistently everywhere, and scripts/gen-docs would make the committed docs agree with it.
 */
class OptionNamesTest {
    private static final List<String> EVERY = List.of("-h", "--help", "-V", "--version", "-f", "--file", "--json");
    private static final List<String> NODE = List.of("--default-term", "-q", "--quiet");
    private static final List<String> WRITING = List.of("--lock-timeout", "--dry-run", "--reason", "--journal",
            "--no-journal", "--data-file", "--while-running", "-q", "--quiet");

    /** Command name to its option names. */
    static final Map<String, TreeSet<String>> DOCUMENTED = new LinkedHashMap<>();

    static {
        DOCUMENTED.put("show", names(EVERY, NODE, List.of("--term-only", "--from-json", "--expect-nodes", "-o",
                "--output")));
        DOCUMENTED.put("classify", names(EVERY, NODE, List.of("--boundary")));
        DOCUMENTED.put("admit-record", names(EVERY, NODE, WRITING, List.of("--create")));
        DOCUMENTED.put("admit-handshake", names(EVERY, NODE, WRITING, List.of("--create")));
        DOCUMENTED.put("adopt", names(EVERY, NODE, WRITING, List.of("--create", "--expect-current")));
        // repair replaces an existing file: no --create, no --default-term.
        DOCUMENTED.put("repair", names(EVERY, WRITING));
        DOCUMENTED.put("history", names(EVERY, List.of("--journal", "-n", "--last")));
    }

    @SafeVarargs
    private static TreeSet<String> names(List<String>... lists) {
        TreeSet<String> all = new TreeSet<>();
        for (List<String> list : lists) {
            all.addAll(list);
        }
        return all;
    }

    @Test
    void every_command_takes_its_options_by_their_documented_names_and_no_others() {
        CommandLine model = CommandModel.commandLine(80);
        TreeSet<String> commands = new TreeSet<>(model.getSubcommands().keySet());
        commands.remove("help");
        assertEquals(new TreeSet<>(DOCUMENTED.keySet()), commands);
        for (Map.Entry<String, TreeSet<String>> e : DOCUMENTED.entrySet()) {
            TreeSet<String> declared = new TreeSet<>();
            for (OptionSpec o : model.getSubcommands().get(e.getKey()).getCommandSpec().options()) {
                declared.addAll(List.of(o.names()));
            }
            assertEquals(e.getValue(), declared, "the option names of " + e.getKey());
        }
    }

    @Test
    void the_docs_options_passage_names_every_long_option() throws Exception {
        String readme = dev.termctl.testing.DocText.section(dev.termctl.testing.DocText.doc("operations.md"), "options");
        TreeSet<String> missing = new TreeSet<>();
        DOCUMENTED.values().forEach(names -> names.stream().filter(n -> n.startsWith("--"))
                .filter(n -> !List.of("--help", "--version", "--quiet").contains(n))
                .filter(n -> !readme.contains("`" + n) && !readme.contains(" " + n + " "))
                .forEach(missing::add));
        assertTrue(missing.isEmpty(), () -> "options docs/operations.md's options passage (marked options) never names: " + missing);
    }
}
