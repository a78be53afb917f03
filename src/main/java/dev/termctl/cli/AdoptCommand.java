package dev.termctl.cli;

import dev.termctl.core.Boundary;
import picocli.CommandLine.Command;

@Command(name = "adopt",
        description = "Move the node forward to TERM after it re-synced under it. Never moves backwards: "
                + "exit 10 when the term moved, 0 when the node was already at TERM, 20 (file untouched) "
                + "when it is already past TERM.",
        footerHeading = "%nExamples:%n",
        footer = {"  termctl adopt -f term.json 12",
                  "  TERMCTL_FILE=term.json termctl adopt --lock-timeout 2m 12"})
final class AdoptCommand extends WritingCommand {
    @Override
    Boundary boundary() {
        return null;
    }
}
