package dev.termctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "history",
        description = {"Print the journal of term writes as a table, oldest first: who moved which term file from "
                + "which term to which, when and why.",
            "Every write of admit-record, admit-handshake, adopt and repair appends its entry to FILE.journal beside "
                + "the term file (or to --journal / TERMCTL_JOURNAL) before the term file changes. An entry whose "
                + "write did not complete (a crash between the two) is marked. A torn last line is skipped with a "
                + "warning; any other damaged line is named (exit 65) and the rest still shown."},
        footerHeading = "%nExamples:%n",
        footer = {"  termctl history -f /var/lib/reddb/term.json",
                  "  termctl history --journal /var/log/termctl.journal",
                  "  termctl history --journal /var/log/termctl.journal -f term.json --json"})
final class HistoryCommand extends ModelCommand {

    @Option(names = "--journal", paramLabel = "FILE", defaultValue = "${env:TERMCTL_JOURNAL}",
            description = "The journal to read. Default: the TERMCTL_JOURNAL environment variable.")
    String journal;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "The writes to this term file: from its journal (FILE.journal), or from --journal.")
    String file;

    @Option(names = "--json", description = "Print the entries as one JSON array.")
    boolean json;
}
