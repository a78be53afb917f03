package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.cli.command.Subcommand;
import dev.termctl.cli.option.FileOptions;
import dev.termctl.cli.option.OutputOptions;
import dev.termctl.cli.option.TermArgument;
import dev.termctl.cli.render.Failure;
import dev.termctl.cli.render.Json;
import dev.termctl.cli.render.Renderer;
import dev.termctl.cli.render.TerminalText;
import java.io.PrintWriter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/** The picocli side of termctl: the command model, help, and every usage error. */
public final class CommandModel {
    private CommandModel() {
    }

    /**
     * The model with help wrapped to {@code width} columns (80 when that is unlimited: a pipe or a
     * file), and examples printed as written, never wrapped: a wrapped example breaks inside a word.
     */
    public static CommandLine commandLine(int width) {
        return commandLine(width, null);
    }

    /**
     * The model with only the command named {@code only}, when that names one: picocli reads every
     * annotation of every command it is given, about 15 ms a command, and a run of one command (its
     * help, or a line the fast path declined) needs no other. Null, or no such command: all of them.
     */
    public static CommandLine commandLine(int width, String only) {
        CommandLine cli = new CommandLine(new TermctlCommand());
        Subcommand[] all = Commands.all();
        boolean known = false;
        for (Subcommand command : all) {
            known |= command.getClass().getAnnotation(picocli.CommandLine.Command.class).name().equals(only);
        }
        for (Subcommand command : all) {
            if (!known || command.getClass().getAnnotation(picocli.CommandLine.Command.class).name().equals(only)) {
                CommandLine sub = new CommandLine(command);
                cli.addSubcommand(sub.getCommandName(), sub);
            }
        }
        cli.addSubcommand(new picocli.CommandLine.HelpCommand());
        // "@FILE" is a file name, never a file of arguments: root must not read files nobody named as
        // term files (sudo termctl show @/etc/shadow), nor hang on one (show @/dev/zero).
        cli.setExpandAtFiles(false);
        cli.setUsageHelpWidth(width == Integer.MAX_VALUE ? 80 : Math.max(60, Math.min(width, 200)));
        cli.setColorScheme(colorScheme());
        verbatimFooter(cli);
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(Runner.exitCodes(null));
        for (CommandLine c : cli.getSubcommands().values()) {
            if (c.getCommandSpec().userObject() instanceof Subcommand) {
                c.getCommandSpec().usageMessage().exitCodeListHeading("%nExit status:%n")
                        .exitCodeList(Runner.exitCodes((Subcommand) c.getCommandSpec().userObject()));
                verbatimFooter(c);
            }
        }
        return cli;
    }

    /**
     * picocli's colours, with bold ended by SGR 22 (normal intensity): picocli's own bold ends with
     * SGR 21, which several terminals (xterm, VTE, kitty) draw as a double underline that never ends.
     */
    static CommandLine.Help.ColorScheme colorScheme() {
        CommandLine.Help.ColorScheme.Builder b = new CommandLine.Help.ColorScheme.Builder(
                CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.AUTO));
        for (java.util.List<CommandLine.Help.Ansi.IStyle> styles : java.util.List.of(b.commandStyles(), b.optionStyles(),
                b.parameterStyles(), b.optionParamStyles(), b.errorStyles(), b.stackTraceStyles())) {
            for (int i = 0; i < styles.size(); i++) {
                if (styles.get(i) == CommandLine.Help.Ansi.Style.bold) {
                    styles.set(i, Bold.INSTANCE);
                }
            }
        }
        return b.build();
    }

    /** Bold, ended by SGR 22. */
    private enum Bold implements CommandLine.Help.Ansi.IStyle {
        INSTANCE;

        @Override
        public String on() {
            return CSI + "1m";
        }

        @Override
        public String off() {
            return CSI + "22m";
        }
    }

    private static void verbatimFooter(CommandLine c) {
        c.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_FOOTER, help -> {
            StringBuilder b = new StringBuilder();
            for (String line : help.commandSpec().usageMessage().footer()) {
                b.append(line).append(System.lineSeparator());
            }
            return b.toString();
        });
    }

    /** Parses and runs {@code args} with picocli; returns the exit code. */
    static int run(PrintWriter out, PrintWriter err, Renderer.Format format, String... args) {
        String[] help = format == Renderer.Format.JSON ? helpFirst(args) : args;
        if (format == Renderer.Format.JSON && help.length > 0 && help[0].equals(HELP)) {
            return helpJson(out, err, help);
        }
        CommandLine cli = commandLine(TerminalText.width(), args.length > 0 ? args[0] : null);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> Runner.failure(ex, cmd.getOut(), cmd.getErr(), format, args));
        cli.setParameterExceptionHandler((ex, rawArgs) -> usageError(ex, rawArgs, format));
        return cli.execute(args);
    }

    private static final String HELP = "help";

    /**
     * {@code args} with help first when only the JSON flag comes before it ({@code termctl --json help
     * show} is {@code termctl help show --json}); else {@code args} as they are.
     */
    private static String[] helpFirst(String[] args) {
        int i = 0;
        while (i < args.length && !args[i].equals(HELP)) {
            String arg = args[i];
            if ((arg.equals(OutputOptions.O) || arg.equals(OutputOptions.OUTPUT)) && i + 1 < args.length
                    && args[i + 1].equals("json")) {
                i += 2;
            } else if (arg.equals(OutputOptions.JSON) || arg.equals(OutputOptions.OUTPUT + "=json")
                    || arg.equals(OutputOptions.O + "json")) {
                i++;
            } else {
                return args;
            }
        }
        if (i == 0 || i == args.length) {
            return args;
        }
        String[] moved = new String[args.length];
        moved[0] = HELP;
        System.arraycopy(args, 0, moved, 1, i);
        System.arraycopy(args, i + 1, moved, i + 1, args.length - i - 1);
        return moved;
    }

    /**
     * help --json (or help COMMAND --json): one JSON object, {"command": "help", "commands": [{"name",
     * "summary", "exit_codes": {CODE: MEANING}}]}, every command or the one named; an unknown name or
     * anything else after it is a usage error, as one JSON error object.
     */
    private static int helpJson(PrintWriter out, PrintWriter err, String[] args) {
        CommandLine cli = commandLine(80);
        String named = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            boolean json = arg.equals(OutputOptions.JSON) || arg.equals(OutputOptions.OUTPUT + "=json")
                    || arg.equals(OutputOptions.O + "json");
            if ((arg.equals(OutputOptions.O) || arg.equals(OutputOptions.OUTPUT)) && i + 1 < args.length
                    && args[i + 1].equals("json")) {
                i++;
            } else if (!json && (named != null || arg.startsWith("-") || !cli.getSubcommands().containsKey(arg))) {
                String message = (arg.startsWith("-") ? "unknown option '" + arg + "' for help"
                        : named != null ? "unexpected argument '" + arg + "': help takes one command"
                        : "unknown command '" + arg + "'" + suggest(arg, cli.getSubcommands().keySet())
                                + ". The commands are: " + String.join(", ", cli.getSubcommands().keySet()))
                        + "; see 'termctl help'";
                new Failure(HELP, null, message, ExitCode.USAGE, false).renderTo(Renderer.of(Renderer.Format.JSON, out, err));
                return ExitCode.USAGE;
            } else if (!json) {
                named = arg;
            }
        }
        StringBuilder b = new StringBuilder("{\"command\":\"help\",\"commands\":[");
        boolean first = true;
        for (CommandLine c : cli.getSubcommands().values()) {
            CommandSpec spec = c.getCommandSpec();
            if (named != null && !spec.name().equals(named)) {
                continue;
            }
            Json j = Json.object().put("name", spec.name()).put("summary", summary(spec));
            String codes = "";
            if (spec.userObject() instanceof Subcommand) {
                Json exits = Json.object();
                for (java.util.Map.Entry<String, String> e : Runner.exitCodes((Subcommand) spec.userObject()).entrySet()) {
                    exits.put(e.getKey().strip(), e.getValue());
                }
                codes = ",\"exit_codes\":" + exits.end();
            }
            b.append(first ? "" : ",").append("{").append(j.members()).append(codes).append("}");
            first = false;
        }
        out.println(new Json.Line(b.append("]}").toString()));
        return ExitCode.ADMIT;
    }

    /**
     * A command's one-line summary, as termctl --help lists it: the first sentence of its header
     * when it has one (picocli's help command), else of its description. The completion scripts and
     * help --json show it.
     */
    static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        return summary(header.length > 0 ? header : spec.usageMessage().description());
    }

    /**
     * The first sentence of {@code text}'s first line, as help prints it (picocli's %n a space, %% a
     * percent sign), without its final period.
     */
    static String summary(String[] text) {
        if (text.length == 0) {
            return "";
        }
        String plain = text[0].replace("%n", " ").replace("%%", "%").replace('\n', ' ').replaceAll("\\s+", " ")
                .strip();
        int dot = plain.indexOf(". ");
        String first = dot > 0 ? plain.substring(0, dot) : plain;
        return first.endsWith(".") ? first.substring(0, first.length() - 1) : first;
    }

    private static int usageError(ParameterException ex, String[] args, Renderer.Format format) {
        CommandLine cmd = ex.getCommandLine();
        String message = usageMessage(ex, args) + "; see '" + cmd.getCommandSpec().qualifiedName() + " --help'";
        Object user = cmd.getCommandSpec().userObject();
        Failure failure = user instanceof Subcommand
                ? ((Subcommand) user).usageFailure(cmd.getCommandSpec().name(), message, namedFile(cmd.getCommandSpec(), args))
                : new Failure(null, FileOptions.named(args), message, ExitCode.USAGE, false);
        failure.renderTo(Renderer.of(format, cmd.getOut(), cmd.getErr()));
        return ExitCode.USAGE;
    }

    /**
     * The file a line that did not parse names, absolute: its last -f, else the first FILE argument of a
     * command that takes some (show), else TERMCTL_FILE; null when none.
     */
    static String namedFile(CommandSpec spec, String[] args) {
        String flagged = FileOptions.flagged(args);
        if (flagged != null) {
            return flagged;
        }
        boolean fileArgs = false;
        for (picocli.CommandLine.Model.PositionalParamSpec p : spec.positionalParameters()) {
            fileArgs |= p.paramLabel().contains("FILE");
        }
        for (int i = 1; fileArgs && i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                return i + 1 < args.length ? FileOptions.absolute(args[i + 1]) : null;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                return arg.equals("-") ? null : FileOptions.absolute(arg);
            }
            OptionSpec option = spec.findOption(arg);
            if (option != null && option.arity().max() > 0) {
                i++;
            }
        }
        return FileOptions.absolute(FileOptions.fromEnvironment());
    }

    /**
     * A usage error in one line, in termctl's words as every usage error is (lower case, what is wrong;
     * the caller adds where to read more): an unknown command or option first (even when a value
     * follows it, which picocli would otherwise report as a bad TERM), with a suggestion only for a
     * close misspelling; picocli's own findings reworded from what it says failed, not from its text.
     */
    static String usageMessage(ParameterException ex, String[] args) {
        CommandLine top = ex.getCommandLine();
        while (top.getParent() != null) {
            top = top.getParent();
        }
        if (args.length > 0 && !args[0].startsWith("-") && !top.getSubcommands().containsKey(args[0])) {
            return "unknown command '" + args[0] + "'" + suggest(args[0], top.getSubcommands().keySet())
                    + ". The commands are: " + String.join(", ", top.getSubcommands().keySet());
        }
        CommandLine sub = args.length > 0 ? top.getSubcommands().get(args[0]) : null;
        if (sub != null) {
            CommandSpec spec = sub.getCommandSpec();
            for (int i = 1; i < args.length; i++) {
                String arg = args[i];
                if (arg.equals("--")) {
                    break;
                }
                String name = arg.startsWith("--") && arg.indexOf('=') > 2 ? arg.substring(0, arg.indexOf('=')) : arg;
                if (!name.startsWith("-") || name.equals("-") || name.matches("-[0-9].*")) {
                    continue;
                }
                OptionSpec option = spec.findOption(name);
                if (option == null && !(name.length() > 2 && name.charAt(1) != '-')) {
                    return "unknown option '" + name + "' for " + spec.name()
                            + suggest(name, java.util.Arrays.asList(spec.optionsMap().keySet().toArray(new String[0])));
                }
                if (option != null && option.arity().max() > 0 && name.equals(arg)) {
                    i++; // its value, which may start with '-'
                }
            }
        }
        // TERM's own words, found by what picocli says failed (its argument), not by matching picocli's text.
        if (ex instanceof picocli.CommandLine.MissingParameterException) {
            for (picocli.CommandLine.Model.ArgSpec missing : ((picocli.CommandLine.MissingParameterException) ex).getMissing()) {
                if (TermArgument.LABEL.equals(missing.paramLabel())) {
                    return "missing TERM: give the incoming term, e.g. "
                            + ex.getCommandLine().getCommandSpec().qualifiedName() + " -f FILE 12";
                }
            }
        }
        if (ex.getArgSpec() != null && TermArgument.LABEL.equals(ex.getArgSpec().paramLabel())
                && ex.getCause() instanceof picocli.CommandLine.TypeConversionException) {
            return "invalid TERM: " + ex.getCause().getMessage();
        }
        if (ex.getArgSpec() instanceof OptionSpec && ex.getCause() instanceof picocli.CommandLine.TypeConversionException) {
            return "invalid value for option '" + ((OptionSpec) ex.getArgSpec()).longestName() + "': "
                    + ex.getCause().getMessage();
        }
        if (ex instanceof picocli.CommandLine.MissingParameterException) {
            for (picocli.CommandLine.Model.ArgSpec missing : ((picocli.CommandLine.MissingParameterException) ex).getMissing()) {
                if (missing instanceof OptionSpec) {
                    return "option '" + ((OptionSpec) missing).longestName() + "' needs a value: give "
                            + missing.paramLabel() + " after it";
                }
                return "missing " + missing.paramLabel() + ": give it after the options";
            }
        }
        if (ex instanceof picocli.CommandLine.MutuallyExclusiveArgsException) {
            String given = exclusiveGiven(ex.getCommandLine().getCommandSpec(), args);
            if (given != null) {
                return given + " cannot be used together: give only one of them";
            }
        }
        if (ex instanceof picocli.CommandLine.UnmatchedArgumentException) {
            java.util.List<String> extra = ((picocli.CommandLine.UnmatchedArgumentException) ex).getUnmatched();
            if (!extra.isEmpty()) {
                return "unexpected argument" + (extra.size() > 1 ? "s" : "") + " '" + String.join("', '", extra) + "' ("
                        + ex.getCommandLine().getCommandSpec().name() + " takes no more arguments)";
            }
        }
        if (ex instanceof picocli.CommandLine.OverwrittenOptionException) {
            picocli.CommandLine.Model.ArgSpec twice = ((picocli.CommandLine.OverwrittenOptionException) ex).getOverwritten();
            if (twice instanceof OptionSpec) {
                return "option '" + ((OptionSpec) twice).longestName() + "' was given more than once: give it once";
            }
        }
        return termctlStyle(ex.getMessage());
    }

    /**
     * picocli's words in termctl's style: no "Error: " of its own (the line already starts with
     * "termctl: error:"), and a lower-case first word.
     */
    static String termctlStyle(String message) {
        String m = message.startsWith("Error: ") ? message.substring("Error: ".length()) : message;
        return m.isEmpty() || !Character.isUpperCase(m.charAt(0)) || m.length() > 1 && Character.isUpperCase(m.charAt(1))
                ? m : Character.toLowerCase(m.charAt(0)) + m.substring(1);
    }

    /** The options of one exclusive group that {@code args} give, as "'--a' and '--b'"; null when no group has two. */
    private static String exclusiveGiven(CommandSpec spec, String[] args) {
        for (picocli.CommandLine.Model.ArgGroupSpec group : spec.argGroups()) {
            if (!group.exclusive()) {
                continue;
            }
            java.util.List<String> given = new java.util.ArrayList<>();
            for (OptionSpec o : group.options()) {
                for (int i = 1; i < args.length && !args[i].equals("--"); i++) {
                    String name = args[i].startsWith("--") && args[i].indexOf('=') > 2
                            ? args[i].substring(0, args[i].indexOf('=')) : args[i];
                    if (java.util.Arrays.asList(o.names()).contains(name)) {
                        given.add("'" + name + "'");
                        break;
                    }
                }
            }
            if (given.size() > 1) {
                return String.join(", ", given.subList(0, given.size() - 1)) + " and " + given.get(given.size() - 1);
            }
        }
        return null;
    }

    /** " (did you mean 'x'?)" for the closest candidate within two edits, or "". */
    private static String suggest(String typed, java.util.Collection<String> candidates) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = distance(typed, c);
            if (d < bestDistance) {
                best = c;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= 2 && bestDistance < typed.length() / 2 + 1
                ? " (did you mean '" + best + "'?)" : "";
    }

    /** Levenshtein distance, with a swap of neighbours counted as one edit. */
    private static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            for (int j = 0; j <= b.length(); j++) {
                if (i == 0 || j == 0) {
                    d[i][j] = i + j;
                    continue;
                }
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
