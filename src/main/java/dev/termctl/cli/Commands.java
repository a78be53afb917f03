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
        CommandLine cli = new CommandLine(new TopCommand());
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(Termctl.exitCodes(null));
        for (Map.Entry<String, CommandLine> c : cli.getSubcommands().entrySet()) {
            c.getValue().getCommandSpec().usageMessage().exitCodeListHeading("%nExit status:%n")
                    .exitCodeList(Termctl.exitCodes(c.getKey()));
        }
        return cli;
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
