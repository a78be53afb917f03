package dev.termctl.cli;

import dev.termctl.core.Boundary;
import dev.termctl.core.Term;
import java.util.List;
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
    List<String> files;

    @Option(names = "--default-term", paramLabel = "N", defaultValue = "1", converter = TermConverter.class,
            description = "The term of a node whose term file does not exist (default: ${DEFAULT-VALUE}).")
    Term defaultTerm;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of text; errors as JSON on stderr.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on stdout: the exit code alone speaks.")
    boolean quiet;

    /** The invocation these options describe, for the mixee's command, boundary, TERM and write options. */
    Invocation invocation(Boundary boundary, Term term, Invocation.Write write) {
        return invocation(boundary, term, write, false);
    }

    Invocation invocation(Boundary boundary, Term term, Invocation.Write write, boolean termOnly) {
        if (files != null && files.size() > 1) {
            throw new ParameterException(mixee.commandLine(), mixee.name() + " works on one term file, but -f was given "
                    + files.size() + " times" + (mixee.name().equals("show") ? "" : "; only show takes several"));
        }
        String file = files == null || files.isEmpty() ? null : files.get(0);
        if (file == null || file.isEmpty()) {
            throw new ParameterException(mixee.commandLine(),
                    "no term file named: give -f FILE, or set the TERMCTL_FILE environment variable");
        }
        if ((json ? 1 : 0) + (quiet ? 1 : 0) + (termOnly ? 1 : 0) > 1) {
            throw new ParameterException(mixee.commandLine(), "choose one of --json, --quiet and --term-only");
        }
        Report.Mode mode = quiet ? Report.Mode.QUIET : json ? Report.Mode.JSON : termOnly ? Report.Mode.TERM_ONLY
                : Report.Mode.TEXT;
        return new Invocation(mixee.name(), file, defaultTerm, mode, boundary, term, write);
    }
}
