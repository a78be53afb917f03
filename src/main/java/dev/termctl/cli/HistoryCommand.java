package dev.termctl.cli;

import dev.termctl.core.Term;
import dev.termctl.store.FileTermStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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
final class HistoryCommand extends Subcommand {

    @Mixin
    JournalOptions.ToRead journal = new JournalOptions.ToRead();

    @Mixin
    FileOptions.Journaled file = new FileOptions.Journaled();

    @Mixin
    OutputOptions.Json output = new OutputOptions.Json();

    @Override
    int[] exitCodes() {
        return new int[0];
    }

    @Override
    Report.Mode mode() {
        return output.mode();
    }

    @Override
    int run(Report report) {
        Path named = journal.path();
        Path p = file.path();
        if (named == null && p == null) {
            throw usage("no journal named: give -f FILE (its journal, FILE.journal), --journal JOURNAL, or set"
                    + " TERMCTL_JOURNAL");
        }
        Path path = named != null ? named.toAbsolutePath()
                : new FileTermStore(p, Term.DEFAULT, Duration.ZERO).defaultJournal();
        List<String> only = null;
        if (p != null) {
            only = new ArrayList<>(List.of(p.toAbsolutePath().normalize().toString()));
            // Resolved as every term file is (never by the kernel alone): as root, a link of one
            // account's must not lead history to another account's file; such a link is refused.
            only.add(new FileTermStore(p, Term.DEFAULT, Duration.ZERO).resolve().toString());
        }
        return report.history(path, only);
    }
}
