package dev.termctl.cli;

import dev.termctl.core.Boundary;
import dev.termctl.core.Term;
import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** Options every command shares: which node's file, its default term, and the output form. */
final class NodeOptions {

    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = "${env:TERMCTL_FILE}",
            description = "The node's term file. Default: the TERMCTL_FILE environment variable.")
    String file;

    @Option(names = "--default-term", paramLabel = "N", defaultValue = "1", converter = TermConverter.class,
            description = "The term of a node whose term file does not exist (default: ${DEFAULT-VALUE}).")
    Term defaultTerm;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of text; errors as JSON on stderr.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on stdout: the exit code alone speaks.")
    boolean quiet;

    /** The invocation these options describe, for the mixee's command, boundary, lock wait and TERM. */
    Invocation invocation(Boundary boundary, Duration lockTimeout, Term term) {
        if (file == null || file.isEmpty()) {
            throw new ParameterException(mixee.commandLine(),
                    "no term file named: give -f FILE, or set the TERMCTL_FILE environment variable");
        }
        if (json && quiet) {
            throw new ParameterException(mixee.commandLine(), "--json and --quiet cannot be used together");
        }
        Report.Mode mode = quiet ? Report.Mode.QUIET : json ? Report.Mode.JSON : Report.Mode.TEXT;
        return new Invocation(mixee.name(), file, defaultTerm, mode, boundary, lockTimeout, term);
    }
}
