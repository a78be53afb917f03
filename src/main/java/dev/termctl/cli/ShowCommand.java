package dev.termctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "show",
        description = "Print the node's current term. Reads only: never creates, locks or changes anything.",
        footerHeading = "%nExamples:%n",
        footer = {"  termctl show -f /var/lib/reddb/replication/term.json",
                  "  termctl show --json -f term.json"})
final class ShowCommand extends Parsed {

    @Mixin
    NodeOptions node;

    @Override
    Invocation invocation() {
        return node.invocation(null, null, null);
    }
}
