package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Builds the command line and runs it: one place that turns every failure into a message and an exit code. */
public final class Termctl {

    /** The exit-code table, shown in every command's help. Keep in step with README and man page. */
    static final Map<String, String> EXIT_CODES = exitCodes();

    private Termctl() {
    }

    /** Runs termctl with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        boolean json = Arrays.asList(args).contains("--json");
        CommandLine cli = new CommandLine(new TopCommand());
        cli.setOut(out);
        cli.setErr(err);
        for (CommandLine c : cli.getSubcommands().values()) {
            c.getCommandSpec().usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(EXIT_CODES);
        }
        cli.getCommandSpec().usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(EXIT_CODES);
        cli.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            if (ex instanceof TermctlException) {
                TermctlException te = (TermctlException) ex;
                error(cmd.getErr(), json, te.getMessage(), te.exitCode());
                return te.exitCode();
            }
            // A bug, not a user error: keep the stack trace for the report.
            error(cmd.getErr(), json, "internal error (a termctl bug; please report it with this output): " + ex, ExitCode.INTERNAL);
            ex.printStackTrace(cmd.getErr());
            return ExitCode.INTERNAL;
        });
        cli.setParameterExceptionHandler((ex, rawArgs) -> usageError(ex, json));
        int code = cli.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    private static int usageError(ParameterException ex, boolean json) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        error(err, json, ex.getMessage(), ExitCode.USAGE);
        if (!json) {
            UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Try '" + cmd.getCommandSpec().qualifiedName() + " --help' for more information.");
        }
        return ExitCode.USAGE;
    }

    private static void error(PrintWriter err, boolean json, String message, int code) {
        if (json) {
            err.println(Json.error(message, code));
        } else {
            err.println("termctl: error: " + message);
        }
        err.flush();
    }

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(" 0", "admit: TERM equals the node's current term (show: success)");
        codes.put("10", "adopt: TERM is newer; admit-* and adopt persisted it, classify only reports it");
        codes.put("20", "fenced: TERM is older than the current term; nothing changed");
        codes.put(" 2", "usage error: unknown option, no file named, malformed TERM or value");
        codes.put("65", "the file is not a valid term file, or is a last-vote record termctl must not write");
        codes.put("69", "the launcher found no Java 17+ runtime, or could not build the jar");
        codes.put("70", "internal error: a termctl bug (reported with a stack trace)");
        codes.put("74", "I/O error: a directory, a missing directory, no permission, a device");
        codes.put("75", "another termctl held the file's lock past --lock-timeout; nothing changed");
        return codes;
    }
}
