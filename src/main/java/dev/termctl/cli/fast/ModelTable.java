package dev.termctl.cli.fast;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the fast parser needs of the picocli model, as a small table the build writes from the model
 * (the build tool {@code ModelTableWriter}, src/build/java) into the class {@value #TEXT_CLASS}: for
 * each command, its class; its options (names, whether they take a value, whether they repeat, the
 * value's type, the default, the typed field they set, their exclusive group); and its positional
 * parameters. Reading it costs a run far less than building the model, and nothing here is written
 * by hand.
 *
 * <p>One line per command, tab-separated: {@code C command class}; per option:
 * {@code O command names value multi type default field group}; per positional parameter:
 * {@code P command min max type field}. A missing default or group is {@code ~}. A field is a path
 * of field names from the command object ({@code writes.lockTimeout}).
 */
public final class ModelTable {
    /** One option of one command. */
    record Option(String longest, boolean takesValue, boolean multi, String type, String defaultValue, String field,
            String group) {
    }

    /** One positional parameter. */
    record Positional(int min, int max, String type, String field) {
    }

    /** One command: its class, its options by every name, and its positional parameters. */
    static final class Command {
        String className;
        final Map<String, Option> byName = new HashMap<>();
        final List<Option> options = new ArrayList<>();
        final List<Positional> positionals = new ArrayList<>();
        int minPositionals;
        int maxPositionals;
    }

    /**
     * The class holding the table as the constant {@code TEXT}: the build writes its source into
     * target/generated-sources/model-table from the picocli model, and compiles it after the rest.
     */
    public static final String TEXT_CLASS = "dev.termctl.cli.fast.ModelTableText";

    private ModelTable() {
    }

    /**
     * The table the build generated, or null when there is none (classes compiled without the build).
     * Looked up by name, as no source of it is in src/main: the class holds the table as a constant,
     * so reading it costs the loading of one more class from the startup archive, where a resource
     * cost 2-4 ms of CPU a run on JDK 17 (the jar's URL handler, and the JDK's module image searched
     * first; measured against three archives of each build, interleaved).
     */
    static Map<String, Command> load(String only) {
        try {
            return parse((String) Class.forName(TEXT_CLASS).getDeclaredField("TEXT").get(null), only);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }

    static Map<String, Command> parse(String text) {
        return parse(text, null);
    }

    /**
     * The table's commands; only {@code only}'s when it is not null: a run parses the lines of its own
     * command alone (the whole table, interpreted at startup, cost ~2 ms a run).
     */
    static Map<String, Command> parse(String text, String only) {
        Map<String, Command> commands = new HashMap<>();
        String prefix = only == null ? null : only + "\t";
        for (int start = 0, end; start < text.length(); start = end + 1) {
            end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            // Each line is "KIND\tCOMMAND\t...": skip another command's lines before splitting them.
            if (end == start || (prefix != null && !text.startsWith(prefix, start + 2))) {
                continue;
            }
            String[] f = text.substring(start, end).split("\t", -1);
            Command c = commands.get(f[1]);
            if (c == null) {
                c = new Command();
                commands.put(f[1], c);
            }
            if (f[0].equals("C")) {
                c.className = f[2];
            } else if (f[0].equals("O")) {
                String[] names = f[2].split(" ");
                Option o = new Option(names[names.length - 1], f[3].equals("1"), f[4].equals("1"), f[5],
                        none(f[6]), f[7], none(f[8]));
                c.options.add(o);
                for (String n : names) {
                    c.byName.put(n, o);
                }
            } else {
                int max = f[3].equals("*") ? Integer.MAX_VALUE : Integer.parseInt(f[3]);
                c.positionals.add(new Positional(Integer.parseInt(f[2]), max, f[4], f[5]));
                c.minPositionals += Integer.parseInt(f[2]);
                c.maxPositionals = max == Integer.MAX_VALUE || c.maxPositionals == Integer.MAX_VALUE ? Integer.MAX_VALUE
                        : c.maxPositionals + max;
            }
        }
        return commands;
    }

    private static String none(String s) {
        return s.equals("~") ? null : s;
    }

    /** The command line. */
    public static String commandLine(String command, String className) {
        return "C\t" + command + "\t" + className + "\n";
    }

    /** One option line; names longest last, as picocli orders them. */
    public static String optionLine(String command, List<String> names, boolean takesValue, boolean multi, String type,
            String defaultValue, String field, String group) {
        return "O\t" + command + "\t" + String.join(" ", names) + "\t" + (takesValue ? 1 : 0) + "\t" + (multi ? 1 : 0)
                + "\t" + type + "\t" + (defaultValue == null ? "~" : defaultValue) + "\t" + field + "\t"
                + (group == null ? "~" : group) + "\n";
    }

    /** One positional parameter line. */
    public static String positionalLine(String command, int min, int max, String type, String field) {
        return "P\t" + command + "\t" + min + "\t" + (max == Integer.MAX_VALUE ? "*" : Integer.toString(max)) + "\t"
                + type + "\t" + field + "\n";
    }
}
