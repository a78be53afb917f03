package dev.termctl.cli;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * The fast parser's table ({@link ModelTable}, whose methods write each line), from the picocli
 * command model: for each command its class, its options (with the typed field each sets and its
 * exclusive group) and its positional parameters.
 */
final class ModelTableWriter {
    private ModelTableWriter() {
    }

    /** The table of the model. */
    static String table(CommandLine cli) {
        // Defaults as declared ("${env:TERMCTL_FILE}"), not as this build's environment resolves them.
        cli.setInterpolateVariables(false);
        StringBuilder b = new StringBuilder();
        for (CommandLine sub : DocGen.subcommands(cli)) {
            CommandSpec spec = sub.getCommandSpec();
            Map<String, String[]> fields = new LinkedHashMap<>();
            fields(spec.userObject().getClass(), "", null, fields);
            b.append(ModelTable.commandLine(spec.name(), spec.userObject().getClass().getName()));
            for (OptionSpec o : spec.options()) {
                boolean help = o.usageHelp() || o.versionHelp();
                String[] field = help ? new String[] {"~", null} : fields.get(o.longestName());
                if (field == null) {
                    throw new IllegalStateException(spec.name() + " " + o.longestName() + ": no annotated field");
                }
                b.append(ModelTable.optionLine(spec.name(), Arrays.asList(o.names()), o.arity().max() > 0,
                        o.isMultiValue(), help ? "help" : typeName(o.type()), o.defaultValue(), field[0], field[1]));
            }
            for (PositionalParamSpec p : spec.positionalParameters()) {
                b.append(ModelTable.positionalLine(spec.name(), p.arity().min(), p.arity().max(), typeName(p.type()),
                        fields.get(p.paramLabel())[0]));
            }
        }
        return b.toString();
    }

    /**
     * The typed field each option (by its longest name) and each positional parameter (by its label)
     * sets, as a path of field names from the command object, with its exclusive group (or null).
     */
    private static void fields(Class<?> type, String prefix, String group, Map<String, String[]> out) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                String path = prefix + f.getName();
                CommandLine.Option option = f.getAnnotation(CommandLine.Option.class);
                CommandLine.Parameters parameters = f.getAnnotation(CommandLine.Parameters.class);
                CommandLine.ArgGroup argGroup = f.getAnnotation(CommandLine.ArgGroup.class);
                if (option != null) {
                    String longest = "";
                    for (String n : option.names()) {
                        longest = n.length() > longest.length() ? n : longest;
                    }
                    out.put(longest, new String[] {path, group});
                } else if (parameters != null) {
                    out.put(parameters.paramLabel(), new String[] {path, group});
                } else if (f.getAnnotation(CommandLine.Mixin.class) != null) {
                    fields(f.getType(), path + ".", group, out);
                } else if (argGroup != null) {
                    fields(f.getType(), path + ".", argGroup.exclusive() ? path : group, out);
                }
            }
        }
    }

    private static String typeName(Class<?> type) {
        return type == dev.termctl.core.Term.class ? "Term" : type == java.time.Duration.class ? "Duration"
                : type == dev.termctl.core.Boundary.class ? "Boundary" : "text";
    }
}
