package dev.termctl.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A startup shortcut: parses the common, well-formed command lines without building the picocli
 * model, which costs more than the rest of a run together. Which commands take which options, their
 * arity, types and defaults come from {@link ModelTable}, which the build writes from that same
 * model, so the two parsers cannot disagree on any of them. It declines (returns null) every form
 * it leaves to picocli: help and version, unknown or repeated options, @files, "--", clustered or
 * attached short options, values that look like options or do not convert, a wrong number of
 * arguments. picocli then parses those and gives its full help and messages.
 */
final class FastPath {
    private static Map<String, ModelTable.Command> table;

    private FastPath() {
    }

    /** The invocation {@code args} describe, or null to let picocli parse them; {@code env} reads ${env:NAME}. */
    static Invocation parse(String[] args, Function<String, String> env) {
        if (table == null) {
            table = ModelTable.load();
        }
        return table == null ? null : parse(table, args, env);
    }

    static Invocation parse(Map<String, ModelTable.Command> model, String[] args, Function<String, String> env) {
        ModelTable.Command command = args.length == 0 ? null : model.get(args[0]);
        if (command == null) {
            return null;
        }
        Map<String, List<String>> given = new LinkedHashMap<>();
        List<String> positionals = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("@") || arg.equals("--")) {
                return null;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                positionals.add(arg);
                continue;
            }
            int eq = arg.indexOf('=');
            boolean attached = arg.startsWith("--") && eq > 2;
            String name = attached ? arg.substring(0, eq) : arg;
            ModelTable.Option o = command.byName.get(name);
            if (o == null || o.type().equals("help")) {
                return null;
            }
            String value;
            if (o.takesValue()) {
                value = attached ? arg.substring(eq + 1) : i + 1 < args.length ? args[++i] : null;
                if (value == null || (!attached && (value.startsWith("-") || value.startsWith("@")))
                        || !Values.valid(o.type(), value)) {
                    return null;
                }
            } else if (attached) {
                return null;
            } else {
                value = "true";
            }
            if (given.containsKey(o.longest()) && !o.multi()) {
                return null;
            }
            List<String> values = given.get(o.longest());
            if (values == null) {
                values = new ArrayList<>();
                given.put(o.longest(), values);
            }
            values.add(value);
        }
        if (positionals.size() < command.minPositionals || positionals.size() > command.maxPositionals) {
            return null;
        }
        for (int i = 0; i < positionals.size(); i++) {
            List<String> types = command.positionalTypes;
            if (!Values.valid(types.get(Math.min(i, types.size() - 1)), positionals.get(i))) {
                return null;
            }
        }
        Map<String, String> defaults = new LinkedHashMap<>();
        for (ModelTable.Option o : command.options) {
            if (!given.containsKey(o.longest()) && o.defaultValue() != null) {
                String d = resolve(o.defaultValue(), env);
                if (d != null) {
                    defaults.put(o.longest(), d);
                }
            }
        }
        return new Invocation(args[0], given, defaults, positionals);
    }

    /** A default as picocli resolves it: ${env:NAME} is the variable's value, or none when it is unset. */
    private static String resolve(String value, Function<String, String> env) {
        if (value.startsWith("${env:") && value.endsWith("}")) {
            return env.apply(value.substring(6, value.length() - 1));
        }
        return value;
    }
}
