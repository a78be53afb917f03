package dev.termctl.cli.command;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.cli.option.CountConverter;
import dev.termctl.cli.option.FileOptions;
import dev.termctl.cli.option.JournalOptions;
import dev.termctl.cli.option.OutputOptions;
import dev.termctl.cli.render.HistoryView;
import dev.termctl.cli.render.Renderer;
import dev.termctl.cli.render.Result;
import dev.termctl.core.Term;
import dev.termctl.fs.FileFailure;
import dev.termctl.journal.Journal;
import dev.termctl.store.FileTermStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "history",
        description = {"Print the journal of term writes as a table, oldest first: who moved which term file from "
                + "which term to which, when and why.",
            "Every write of admit-record, admit-handshake, adopt and repair appends its entry to FILE.journal beside "
                + "the term file (or to --journal / TERMCTL_JOURNAL) before the term file changes. An entry whose "
                + "write did not complete (a crash between the two) is marked. A torn last line is skipped with a "
                + "warning; any other damaged line is named (exit 65) and the rest still shown. A term file that has "
                + "no journal yet has no entries (exit 0); no journal and no term file is 66."},
        footerHeading = "%nExamples:%n",
        footer = {"  termctl history -f /var/lib/reddb/replication/term.json",
                  "  termctl history --journal /var/log/termctl.journal",
                  "  termctl history -n 5 -f /var/lib/reddb/replication/term.json  # the last 5",
                  "  termctl history --journal /var/log/termctl.journal -f term.json --json"})
public final class HistoryCommand extends Subcommand {

    @Mixin
    JournalOptions.ToRead journal = new JournalOptions.ToRead();

    @Mixin
    FileOptions.Journaled file = new FileOptions.Journaled();

    @Mixin
    OutputOptions.Json output = new OutputOptions.Json();

    @Option(names = {"-n", "--last"}, paramLabel = "N", converter = CountConverter.class,
            description = "Show only the last N entries (of the file named with -f, when one is).")
    Integer last;

    @Override
    int[] exitCodes() {
        return new int[] {ExitCode.NO_FILE};
    }

    @Override
    public String meaning(int code) {
        switch (code) {
            case ExitCode.ADMIT: return "success: the entries were printed (none when the term file has no journal yet)";
            case ExitCode.INVALID_FILE: return "a damaged journal line (the other entries are printed)";
            case ExitCode.NO_FILE: return "neither the journal nor the term file exists: check the path";
            default: return super.meaning(code);
        }
    }

    @Override
    Renderer.Format format() {
        return output.mode();
    }

    @Override
    String target() {
        // From the text as given: a name the locale cannot carry is the failure being reported.
        return FileOptions.absolute(file.file);
    }

    @Override
    Result run() {
        if (last != null && last < 0) {
            throw usage("invalid value for option '--last': " + last + " is negative; give the number of entries to show");
        }
        Path named = journal.path();
        Path p = file.path();
        if (named == null && p == null) {
            throw usage("no journal named: give -f FILE (its journal, FILE.journal), --journal JOURNAL, or set"
                    + " TERMCTL_JOURNAL");
        }
        FileTermStore store = p == null ? null : new FileTermStore(p, Term.DEFAULT, Duration.ZERO);
        Path path = named != null ? named.toAbsolutePath() : store.defaultJournal();
        List<String> only = null;
        if (p != null) {
            only = new ArrayList<>(List.of(p.toAbsolutePath().normalize().toString()));
            // Resolved as every term file is (never by the kernel alone): as root, a link of one
            // account's must not lead history to another account's file; such a link is refused.
            only.add(store.resolve().toString());
        }
        int count = last == null ? -1 : last;
        try {
            return new HistoryView(target(), path.toString(), Journal.read(path, only, null,
                    FileTermStore.currentTerms()), count);
        } catch (FileFailure.NotFound e) {
            // No journal yet: below, whether the term file is there decides.
        }
        // No journal: nothing was written through termctl yet, if the term file itself is there.
        if (store != null && store.read().exists()) {
            return new HistoryView(target(), path.toString(), null, count);
        }
        throw new TermctlException(ExitCode.NO_FILE, "no journal " + path + (store == null ? "" : " and no term file "
                + store.describe()) + ": check the path" + (named == null ? "" : " (--journal names the journal itself)"));
    }
}
