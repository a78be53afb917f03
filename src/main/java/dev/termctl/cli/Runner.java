package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.cli.command.Subcommand;
import dev.termctl.cli.fast.FastPath;
import dev.termctl.cli.fast.HelpPages;
import dev.termctl.cli.option.FileOptions;
import dev.termctl.cli.option.OutputOptions;
import dev.termctl.cli.render.Failure;
import dev.termctl.cli.render.Failures;
import dev.termctl.cli.render.Renderer;
import dev.termctl.cli.render.TerminalText;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses and runs a command line: one place that turns every failure into a message and an exit
 * code. Nothing here touches picocli, so a run on the fast path never loads it (its classes cannot
 * be archived, and loading the first class from the jar costs ~10 ms).
 */
public final class Runner {

    private Runner() {
    }

    /** Runs termctl with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter rawOut, PrintWriter rawErr, String... args) {
        PrintWriter out = new TerminalText(rawOut);
        PrintWriter err = new TerminalText(rawErr);
        if (HelpPages.print(args, rawOut)) {
            return 0;
        }
        Renderer.Format format = OutputOptions.requested(args);
        // The watchdog ends a run stuck in an open(2) (Main ends every other): in words and an exit status of ours.
        Failures.onHang(format == Renderer.Format.JSON ? args : null,
                format == Renderer.Format.JSON ? FileOptions.named(args) : null);
        Subcommand fast = FastPath.parse(args, Env.INSTANCE);
        int code = fast != null ? fast.execute(args[0], out, err) : CommandModel.run(out, err, format, args);
        out.flush();
        err.flush();
        rawOut.flush();
        rawErr.flush();
        return code;
    }

    /** The environment, for ${env:NAME} defaults (a class, not a method reference: no indy at startup). */
    private static final class Env implements java.util.function.Function<String, String> {
        static final Env INSTANCE = new Env();

        @Override
        public String apply(String name) {
            return System.getenv(name);
        }
    }

    /** A failure outside any command's run (a bug in the parser's path): one line, and its stack trace. */
    static int failure(Exception ex, PrintWriter out, PrintWriter err, Renderer.Format format, String... args) {
        boolean expected = ex instanceof TermctlException || Failures.isFact(ex);
        TermctlException te = expected ? Failures.expected((RuntimeException) ex) : null;
        int code = expected ? te.exitCode() : ExitCode.INTERNAL;
        String message = expected ? te.getMessage() : Failures.internal(ex);
        new Failure(null, FileOptions.named(args), message, code, false).renderTo(Renderer.of(format, out, err));
        if (code == ExitCode.INTERNAL) {
            ex.printStackTrace(err);
        }
        return code;
    }

    /** The exit codes {@code command} can return, for its help (every code for the top command, null). */
    static Map<String, String> exitCodes(Subcommand command) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode.Meaning m : ExitCode.MEANINGS) {
            if (command == null || returns(command, m.code())) {
                codes.put(String.format("%2d", m.code()), command == null ? m.text() : command.meaning(m.code()));
            }
        }
        return codes;
    }

    private static boolean returns(Subcommand command, int code) {
        for (int c : command.allExitCodes()) {
            if (c == code) {
                return true;
            }
        }
        return false;
    }
}
