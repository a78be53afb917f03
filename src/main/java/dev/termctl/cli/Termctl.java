package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses and runs a command line: one place that turns every failure into a message and an exit
 * code. Nothing here touches picocli, so a run on the fast path never loads it (its classes cannot
 * be archived, and loading the first class from the jar costs ~10 ms).
 */
public final class Termctl {

    /** The exit-code table, shown in every command's help. Keep in step with README and man page. */
    static final Map<String, String> EXIT_CODES = exitCodes();

    private Termctl() {
    }

    /** Runs termctl with {@code args}, writing to {@code out} and {@code err}; returns the exit code. */
    public static int run(PrintWriter rawOut, PrintWriter rawErr, String... args) {
        PrintWriter out = new TerminalText(rawOut);
        PrintWriter err = new TerminalText(rawErr);
        boolean json = Arrays.asList(args).contains("--json");
        Invocation fast = FastPath.parse(args, System.getenv("TERMCTL_FILE"), System.getenv("TERMCTL_JOURNAL"));
        int code;
        if (fast != null) {
            try {
                code = Execute.run(fast, out, err);
            } catch (RuntimeException e) {
                code = failure(e, err, json);
            }
        } else {
            code = Commands.run(out, err, json, args);
        }
        out.flush();
        err.flush();
        rawOut.flush();
        rawErr.flush();
        return code;
    }

    /** Expected failures get one line; anything else is a bug and keeps its stack trace. */
    static int failure(Exception ex, PrintWriter err, boolean json) {
        if (ex instanceof TermctlException) {
            TermctlException te = (TermctlException) ex;
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

    private static Map<String, String> exitCodes() {
        Map<String, String> codes = new LinkedHashMap<>();
        codes.put(" 0", "admit: TERM equals the node's current term (show: success)");
        codes.put("10", "adopt: TERM is newer; admit-* and adopt persisted it, classify only reports it");
        codes.put("20", "fenced: TERM is older than the current term; nothing changed");
        codes.put(" 2", "usage error: unknown option, no file named, malformed TERM or value");
        codes.put("30", "adopt --expect-current N: the node's term is not N; nothing changed");
        codes.put("65", "the file is not a valid term file, or is a last-vote record termctl must not write");
        codes.put("69", "the launcher found no Java 17+ runtime, or could not build the jar");
        codes.put("70", "internal error: a termctl bug (reported with a stack trace)");
        codes.put("74", "I/O error: a directory, a missing directory, no permission, a device");
        codes.put("75", "another termctl held the file's lock past --lock-timeout; nothing changed");
        return codes;
    }
}
