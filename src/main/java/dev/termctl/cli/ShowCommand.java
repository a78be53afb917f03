package dev.termctl.cli;

import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

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
}
