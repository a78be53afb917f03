package dev.termctl.cli;

import dev.termctl.ExitCode;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/** The picocli side of termctl: the command model, help, and every usage error. */
final class CommandModel {
    private CommandModel() {
    }

    /**
     * The model with help wrapped to {@code width} columns (80 when that is unlimited: a pipe or a
     * file), and examples printed as written, never wrapped: a wrapped example breaks inside a word.
     */
    static CommandLine commandLine(int width) {
        return commandLine(width, null);
    }

    /**
     * The model with only the command named {@code only}, when that names one: picocli reads every
     * annotation of every command it is given, about 15 ms a command, and a run of one command (its
     * help, or a line the fast path declined) needs no other. Null, or no such command: all of them.
     */
    static CommandLine commandLine(int width, String only) {
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
        CommandLine cli = commandLine(TerminalText.width(), args.length > 0 ? args[0] : null);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> Runner.failure(ex, cmd.getOut(), cmd.getErr(), format, args));
        cli.setParameterExceptionHandler((ex, rawArgs) -> usageError(ex, rawArgs, format));
        return cli.execute(args);
    }

    private static int usageError(ParameterException ex, String[] args, Renderer.Format format) {
        CommandLine cmd = ex.getCommandLine();
        String message = usageMessage(ex, args) + "; see '" + cmd.getCommandSpec().qualifiedName() + " --help'";
        Object user = cmd.getCommandSpec().userObject();
        Failure failure = user instanceof Subcommand
                ? ((Subcommand) user).usageFailure(cmd.getCommandSpec().name(), message, args)
                : new Failure(null, FileOptions.named(args), message, ExitCode.USAGE, false);
        failure.renderTo(Renderer.of(format, cmd.getOut(), cmd.getErr()));
        return ExitCode.USAGE;
    }

    /**
     * A usage error in one line, naming what is wrong: an unknown command or option first (even when
     * a value follows it, which picocli would otherwise report as a bad TERM), with a suggestion
     * only for a close misspelling.
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
        return ex.getMessage();
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
                ? " (Did you mean '" + best + "'?)" : "";
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
