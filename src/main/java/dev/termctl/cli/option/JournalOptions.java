package dev.termctl.cli.option;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Which journal: the one a write appends to, or the one history reads. */
public final class JournalOptions {
    private JournalOptions() {
    }

    private static final String TERMCTL_JOURNAL = "${env:TERMCTL_JOURNAL}";

    /** The writers' journal. */
    public static final class ToWrite {
        @Option(names = "--journal", paramLabel = "FILE", defaultValue = TERMCTL_JOURNAL,
                description = "Append the journal entry of each write (one JSON line, fsynced, under the lock, before "
                        + "the term file changes) to FILE instead of FILE.journal beside the term file. Default: the "
                        + "TERMCTL_JOURNAL environment variable.")
        String journal;

        @Option(names = "--no-journal", description = "Write no journal entry for this write.")
        boolean noJournal;

        /** Where the entry goes: none, the named journal, or {@code beside} (the term file's own). */
        public Path path(Path beside) {
            return noJournal ? null : journal != null && !journal.isEmpty() ? Paths.of(journal, "--journal") : beside;
        }
    }

    /** history's journal. */
    public static final class ToRead {
        @Option(names = "--journal", paramLabel = "FILE", defaultValue = TERMCTL_JOURNAL,
                description = "The journal to read. Default: the TERMCTL_JOURNAL environment variable.")
        String journal;

        /** The journal named (by the option or the environment), or null. */
        public Path path() {
            return journal != null && !journal.isEmpty() ? Paths.of(journal, "--journal") : null;
        }
    }
}
