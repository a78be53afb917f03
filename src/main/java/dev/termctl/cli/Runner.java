package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.store.StoreFailure;
import java.io.PrintWriter;
import java.util.Arrays;
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
        boolean json = Arrays.asList(args).contains("--json");
        // The watchdog ends a run stuck in an open(2) (Main ends every other): in words and an exit status of ours.
        Failures.onHang();
        Invocation fast = FastPath.parse(args, Env.INSTANCE);
        int code;
        if (fast != null) {
            try {
                code = Actions.run(fast, out, err);
            } catch (RuntimeException e) {
                code = failure(e, err, json);
            }
        } else {
            code = CommandModel.run(out, err, json, args);
        }
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

    /** Expected failures get one line; anything else is a bug and keeps its stack trace. */
    static int failure(Exception ex, PrintWriter err, boolean json) {
        if (ex instanceof TermctlException || ex instanceof StoreFailure) {
            TermctlException te = Failures.expected((RuntimeException) ex);
            error(err, json, te.getMessage(), te.exitCode());
            return te.exitCode();
        }
        error(err, json, "internal error (a termctl bug; please report it with this output): " + ex, ExitCode.INTERNAL);
        ex.printStackTrace(err);
        return ExitCode.INTERNAL;
    }

    static void error(PrintWriter err, boolean json, String message, int code) {
        if (json) {
            err.println(Json.error(message, code));
        } else {
            err.println("termctl: error: " + message);
        }
        err.flush();
    }

    /** The exit codes {@code command} can return, for its help (every code for the top command). */
    static Map<String, String> exitCodes(String command) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode.Meaning m : ExitCode.MEANINGS) {
            if (command == null || m.returnedBy(command)) {
                codes.put(String.format("%2d", m.code()), m.text());
            }
        }
        return codes;
    }
}
