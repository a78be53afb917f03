package dev.termctl.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** Options of the commands that may write: admit-record, admit-handshake, adopt. */
final class WriteOptions {

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for another termctl writing the same file, e.g. 500ms, 10s, 2m "
                    + "(default: ${DEFAULT-VALUE}; at most " + Durations.MAX_TEXT + "). Past it: exit 75, nothing changed.")
    Duration lockTimeout;

    @Option(names = "--dry-run", description = "Decide and report exactly as the real run would (verdict, exit code, "
            + "output marked as a dry run), but take no lock and write nothing.")
    boolean dryRun;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "Why: recorded with the write in the file's \"reason\" member and in the journal "
                    + "(at most " + Actions.MAX_REASON_BYTES + " bytes).")
    String reason;

    @Option(names = "--journal", paramLabel = "FILE", defaultValue = "${env:TERMCTL_JOURNAL}",
            description = "Append the journal entry of each write (one JSON line, fsynced, under the lock, before the "
                    + "term file changes) to FILE instead of FILE.journal beside the term file. Default: the "
                    + "TERMCTL_JOURNAL environment variable.")
    String journal;

    @Option(names = "--no-journal", description = "Write no journal entry for this write.")
    boolean noJournal;

    @Option(names = "--create", description = "Allow a missing term file to be created (a new node, starting from "
            + "--default-term). Without it a missing file is an error (66), so a mistyped path never becomes a new node.")
    boolean create;
}
