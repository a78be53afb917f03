package dev.termctl.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;

@Command(name = "show",
        description = {"Print the node's current term and who last wrote it. Reads only: never creates, locks or "
                + "changes anything.",
            "With several files (-f A -f B, or as arguments, e.g. a shell glob) or --from-json, print a cluster "
                + "view: one row per node with its term and state (current, stale, default, invalid) under the "
                + "highest term. Exit 0 when every readable node is at the highest term, 20 when any is behind, "
                + "65 when any is invalid or unreadable (the worst wins)."},
        footerHeading = "%nExamples:%n",
        footer = {"  termctl show -f /var/lib/reddb/replication/term.json",
                  "  termctl show --term-only -f term.json         # just the number, for $(...)",
                  "  termctl show cluster/*/term.json              # three nodes side by side",
                  "  for h in a b c; do ssh $h termctl show --json -f /var/lib/reddb/term.json; done \\",
                  "    | termctl show --from-json -"})
final class ShowCommand extends ModelCommand {

    @Mixin
    NodeOptions node;

    @Option(names = "--term-only", description = "Print only the term, exact, for use in $(...).")
    boolean termOnly;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "More term files: show them as a cluster.")
    List<String> more;

    @Option(names = "--from-json", paramLabel = "FILE|-",
            description = "Add nodes from lines of 'termctl show --json' output (from other hosts), read from FILE or "
                    + "standard input (-).")
    String fromJson;

    /** The files named on this command line: -f (when given, not from TERMCTL_FILE) and the arguments. */
    private List<String> named() {
        List<String> all = new ArrayList<>();
        if (spec.commandLine().getParseResult().hasMatchedOption("--file")) {
            all.addAll(node.files);
        }
        if (more != null) {
            all.addAll(more);
        }
        return all;
    }

    @Override
    Invocation invocation() {
        List<String> named = named();
        if (named.size() == 1) {
            node.files = named;
        }
        return node.invocation(null, null, null, termOnly);
    }

    @Override
    public Integer call() {
        List<String> named = named();
        if (fromJson == null && named.size() <= 1) {
            return super.call();
        }
        if (termOnly || (node.json && node.quiet)) {
            throw new ParameterException(spec.commandLine(), termOnly
                    ? "--term-only shows one node; it cannot be used with several"
                    : "choose one of --json and --quiet");
        }
        Report.Mode mode = node.json ? Report.Mode.JSON : node.quiet ? Report.Mode.QUIET : Report.Mode.TEXT;
        return Actions.cluster(named, fromJson, node.defaultTerm, mode, spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }
}
