package dev.termctl.cli;

import dev.termctl.ExitCode;
import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The picocli side of termctl: the command model, help, and every usage error. */
final class Commands {
    private Commands() {
    }

    /** The picocli model of termctl, with the exit-code table in every command's help. */
    static CommandLine commandLine() {
        return commandLine(TerminalText.width());
    }

    /**
     * The model with help wrapped to {@code width} columns (80 when that is unlimited: a pipe or a
     * file), and examples printed as written, never wrapped: a wrapped example breaks inside a word.
     */
    static CommandLine commandLine(int width) {
        CommandLine cli = new CommandLine(new TopCommand());
        cli.setUsageHelpWidth(width == Integer.MAX_VALUE ? 80 : Math.max(60, Math.min(width, 200)));
        verbatimFooter(cli);
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(Termctl.exitCodes(null));
        for (Map.Entry<String, CommandLine> c : cli.getSubcommands().entrySet()) {
            c.getValue().getCommandSpec().usageMessage().exitCodeListHeading("%nExit status:%n")
                    .exitCodeList(Termctl.exitCodes(c.getKey()));
            verbatimFooter(c.getValue());
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
    static int run(PrintWriter out, PrintWriter err, boolean json, String... args) {
        CommandLine cli = commandLine();
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> Termctl.failure(ex, cmd.getErr(), json));
        cli.setParameterExceptionHandler((ex, rawArgs) -> usageError(ex, json));
        return cli.execute(args);
    }

    private static int usageError(ParameterException ex, boolean json) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        Termctl.error(err, json, ex.getMessage(), ExitCode.USAGE);
        if (!json) {
            UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        return ExitCode.USAGE;
    }
}
