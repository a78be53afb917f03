package dev.termctl.cli.command;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.cli.render.Failure;
import dev.termctl.cli.render.Failures;
import dev.termctl.cli.render.Renderer;
import dev.termctl.cli.render.Result;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * One termctl command: its options and arguments as typed fields (picocli, or {@code FastPath}
 * from the table the build generates from picocli's model, sets them), its action, and the exit
 * codes it can return, which its help and man page list. Registered once, in {@code Commands}.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
public abstract class Subcommand implements Callable<Integer> {

    /** Set by picocli only; null on the fast path. */
    @Spec
    CommandSpec spec;

    /** Where a run says what it is waiting for while it runs (stderr): never a result. */
    PrintWriter progress;

    /** The command's name, as the user typed it. */
    private String name;

    /** The exit codes every command can return. */
    private static final int[] ALWAYS = {ExitCode.ADMIT, ExitCode.USAGE, ExitCode.INVALID_FILE, ExitCode.UNAVAILABLE,
        ExitCode.INTERNAL, ExitCode.IO};

    /** The codes this command can return besides {@link #ALWAYS}: its help footer and man page list them. */
    abstract int[] exitCodes();

    /** How the result is printed. */
    abstract Renderer.Format format();

    /** Does the command's work; returns what it found or did (an expected failure may be thrown instead). */
    abstract Result run();

    /** Whether the command gives verdicts: its failure's JSON object then also says there was none. */
    boolean givesVerdicts() {
        return false;
    }

    @Override
    public Integer call() {
        return execute(spec.name(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /** Runs the command as parsed, by either parser. */
    public final int execute(String commandName, PrintWriter out, PrintWriter err) {
        this.name = commandName;
        this.progress = err;
        Result result;
        try {
            result = run();
        } catch (RuntimeException e) {
            if (e instanceof TermctlException || Failures.isFact(e)) {
                // The layers' failures are facts; Failures alone words them and picks their exit codes.
                TermctlException expected = Failures.expected(e);
                result = failure(expected.getMessage(), expected.exitCode());
            } else {
                result = failure(Failures.internal(e), ExitCode.INTERNAL);
                e.printStackTrace(err);
            }
        }
        try (Result r = result) {
            r.renderTo(Renderer.of(format(), out, err));
            String note = format() == Renderer.Format.QUIET ? null : note(r);
            if (note != null) {
                err.println("termctl: note: " + note);
            }
            return r.exitCode();
        } catch (RuntimeException e) {
            // A bug while printing: said as one, never a raw JVM crash.
            err.println("termctl: error: " + Failures.internal(e));
            e.printStackTrace(err);
            return ExitCode.INTERNAL;
        }
    }

    /** A note for stderr after {@code result} is printed, in every output form but -q (as all notes); null for none. */
    String note(Result result) {
        return null;
    }

    /** This command's failure: a usage error found by either parser, or one found while it ran. */
    final Failure failure(String message, int exitCode) {
        return new Failure(name, target(), message, exitCode, givesVerdicts());
    }

    /** A usage error picocli found (the fields may be half set: {@code file}, absolute, is read from the line). */
    public final Failure usageFailure(String commandName, String message, String file) {
        this.name = commandName;
        return new Failure(name, file, message, ExitCode.USAGE, givesVerdicts());
    }

    /** The file a failure is about, absolute (as results name it); null when none was named. */
    String target() {
        return null;
    }

    final String name() {
        return name;
    }

    /**
     * What {@code code} means for this command, in its help and man page: the README's word for it,
     * but for a command that takes no TERM (the verdict commands' override), whose 0 and 2 cannot
     * speak of one; a command may word its codes its own way (the README lists those).
     */
    public String meaning(int code) {
        switch (code) {
            case ExitCode.ADMIT: return "success";
            case ExitCode.USAGE: return "usage error: an unknown option, no file named, a malformed or too long option value";
            default: return ExitCode.meaning(code).text();
        }
    }

    /** Every code this command can return, in numeric order. */
    public final int[] allExitCodes() {
        int[] extra = exitCodes();
        int[] all = java.util.Arrays.copyOf(ALWAYS, ALWAYS.length + extra.length);
        System.arraycopy(extra, 0, all, ALWAYS.length, extra.length);
        java.util.Arrays.sort(all);
        return all;
    }

    /** A usage error found after parsing (a combination, not a single value): exit 2. */
    final TermctlException usage(String message) {
        return Failures.usage(name, message);
    }
}
