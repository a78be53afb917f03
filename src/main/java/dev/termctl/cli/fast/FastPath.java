package dev.termctl.cli.fast;

import dev.termctl.cli.command.Subcommand;
import dev.termctl.cli.option.Values;
import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A startup shortcut: parses the common, well-formed command lines without building the picocli
 * model, which costs more than the rest of a run together, into the same typed command object
 * picocli would make. Which commands take which options, their arity, types, defaults, exclusive
 * groups and the fields they set come from {@link ModelTable}, which the build writes from that same
 * model, so the two parsers cannot disagree on any of them. It declines (returns null) every form
 * it leaves to picocli: help and version, unknown or repeated options, two options of one exclusive
 * group, @files, "--", clustered or attached short options, values that look like options or do not
 * convert, a wrong number of arguments. picocli then parses those and gives its full help and messages.
 */
public final class FastPath {

    private FastPath() {
    }

    /**
     * The command {@code args} describe, its fields set, or null to let picocli parse them; {@code env}
     * reads ${env:NAME}. Reads the table's lines of that command alone (a run parses one line).
     */
    public static Subcommand parse(String[] args, Function<String, String> env) {
        Map<String, ModelTable.Command> table = args.length == 0 ? null : ModelTable.load(args[0]);
        return table == null ? null : parse(table, args, env);
    }

    static Subcommand parse(Map<String, ModelTable.Command> model, String[] args, Function<String, String> env) {
        ModelTable.Command command = args.length == 0 ? null : model.get(args[0]);
        if (command == null) {
            return null;
        }
        // By the option's longest name: a record as a key would hash through invokedynamic (~60 ms at startup).
        Map<String, List<String>> given = new LinkedHashMap<>();
        Set<String> groups = new HashSet<>();
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
                value = null;
            }
            List<String> values = given.get(o.longest());
            if (values != null && !o.multi()) {
                return null;
            }
            if (values == null) {
                if (o.group() != null && !groups.add(o.group())) {
                    return null;
                }
                values = new ArrayList<>();
                given.put(o.longest(), values);
            }
            values.add(value);
        }
        if (positionals.size() < command.minPositionals || positionals.size() > command.maxPositionals) {
            return null;
        }
        int at = 0;
        for (ModelTable.Positional p : command.positionals) {
            int n = Math.min(positionals.size() - at, p.max());
            for (int k = at; k < at + n; k++) {
                if (!Values.valid(p.type(), positionals.get(k))) {
                    return null;
                }
            }
            at += n;
        }
        Subcommand parsed = instance(command.className);
        if (parsed == null) {
            return null;
        }
        for (ModelTable.Option o : command.options) {
            List<String> values = given.get(o.longest());
            if (values == null && o.defaultValue() != null) {
                String d = resolve(o.defaultValue(), env);
                values = d == null ? null : List.of(d);
            }
            if (values != null) {
                set(parsed, o.field(), o.takesValue() ? typed(o.type(), o.multi(), values) : Boolean.TRUE);
            }
        }
        at = 0;
        for (ModelTable.Positional p : command.positionals) {
            int n = Math.min(positionals.size() - at, p.max());
            if (n > 0) {
                set(parsed, p.field(), typed(p.type(), p.max() > 1, positionals.subList(at, at + n)));
            }
            at += n;
        }
        return parsed;
    }

    private static Object typed(String type, boolean multi, List<String> values) {
        if (!multi) {
            return Values.convert(type, values.get(values.size() - 1));
        }
        List<Object> list = new ArrayList<>();
        for (String v : values) {
            list.add(Values.convert(type, v));
        }
        return list;
    }

    /**
     * A fresh command object of the class the table names (the table lists the classes Commands
     * registers): that class alone is loaded, not every command's, which would cost each run the
     * loading of some twenty classes it never uses.
     */
    private static Subcommand instance(String className) {
        try {
            Class<?> type = Class.forName(className, true, FastPath.class.getClassLoader());
            return Subcommand.class.isAssignableFrom(type)
                    ? (Subcommand) type.getDeclaredConstructor().newInstance() : null;
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    /** Sets the field at {@code path} (field names from {@code target}), making a group object picocli would make. */
    static void set(Object target, String path, Object value) {
        try {
            Object at = target;
            int from = 0;
            for (int dot = path.indexOf('.'); dot >= 0; dot = path.indexOf('.', from)) {
                Field f = field(at.getClass(), path.substring(from, dot));
                Object next = f.get(at);
                if (next == null) {
                    java.lang.reflect.Constructor<?> make = f.getType().getDeclaredConstructor();
                    make.setAccessible(true);
                    next = make.newInstance();
                    f.set(at, next);
                }
                at = next;
                from = dot + 1;
            }
            field(at.getClass(), path.substring(from)).set(at, value);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the fast parser's table names no field " + path, e);
        }
    }

    private static Field field(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name)) {
                    f.setAccessible(true);
                    return f;
                }
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    /** A default as picocli resolves it: ${env:NAME} is the variable's value, or none when it is unset. */
    private static String resolve(String value, Function<String, String> env) {
        if (value.startsWith("${env:") && value.endsWith("}")) {
            return env.apply(value.substring(6, value.length() - 1));
        }
        return value;
    }
}
