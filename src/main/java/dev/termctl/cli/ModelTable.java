package dev.termctl.cli;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the fast parser needs of the picocli model, as a small table the build generates from the
 * model (DocGen) into {@link ModelTableText}: for each command, its options (names, whether they take a value, whether
 * they repeat, the value's type, the default) and its positional arguments. Reading it costs a run
 * far less than building the model, and nothing here is written by hand.
 *
 * <p>One line per option, tab-separated: {@code O command names value multi type default}; one per
 * positional parameter: {@code P command min max type}. A missing default is {@code ~}.
 */
final class ModelTable {
    /** One option of one command. */
    record Option(String longest, boolean takesValue, boolean multi, String type, String defaultValue) {
    }

    /** One command: its options by every name, and the types and arity of its positional parameters. */
    static final class Command {
        final Map<String, Option> byName = new HashMap<>();
        final List<Option> options = new ArrayList<>();
        final List<String> positionalTypes = new ArrayList<>();
        int minPositionals;
        int maxPositionals;
    }

    private ModelTable() {
    }

    /** The table the build generated, or null when there is none (classes compiled without the build). */
    static Map<String, Command> load() {
        String text = ModelTableText.text();
        return text == null ? null : parse(text);
    }

    static Map<String, Command> parse(String text) {
        Map<String, Command> commands = new HashMap<>();
        for (String line : text.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            Command c = commands.get(f[1]);
            if (c == null) {
                c = new Command();
                commands.put(f[1], c);
            }
            if (f[0].equals("O")) {
                String[] names = f[2].split(" ");
                Option o = new Option(names[names.length - 1], f[3].equals("1"), f[4].equals("1"), f[5],
                        f[6].equals("~") ? null : f[6]);
                c.options.add(o);
                for (String n : names) {
                    c.byName.put(n, o);
                }
            } else {
                c.minPositionals += Integer.parseInt(f[2]);
                c.maxPositionals = f[3].equals("*") || c.maxPositionals == Integer.MAX_VALUE ? Integer.MAX_VALUE
                        : c.maxPositionals + Integer.parseInt(f[3]);
                c.positionalTypes.add(f[4]);
            }
        }
        return commands;
    }

    /** One option line; names longest last, as picocli orders them. */
    static String optionLine(String command, List<String> names, boolean takesValue, boolean multi, String type,
            String defaultValue) {
        return "O\t" + command + "\t" + String.join(" ", names) + "\t" + (takesValue ? 1 : 0) + "\t" + (multi ? 1 : 0)
                + "\t" + type + "\t" + (defaultValue == null ? "~" : defaultValue) + "\n";
    }

    /** One positional parameter line. */
    static String positionalLine(String command, int min, int max, String type) {
        return "P\t" + command + "\t" + min + "\t" + (max == Integer.MAX_VALUE ? "*" : Integer.toString(max)) + "\t"
                + type + "\n";
    }
}
