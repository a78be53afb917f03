package dev.termctl.cli.option;

import static dev.termctl.store.Limits.MAX_REASON_BYTES;

import dev.termctl.cli.render.Durations;
import dev.termctl.cli.render.Failures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options of the commands that write (admit-record, admit-handshake, adopt, repair). */
public final class WriteOptions {

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for another termctl writing the same file, e.g. 500ms, 10s, 2m "
                    + "(default: ${DEFAULT-VALUE}; at most " + Durations.MAX_TEXT + "). Past it: exit 75, nothing changed.")
    public Duration lockTimeout;

    @Option(names = "--dry-run", description = "Decide and report exactly as the real run would (verdict, exit code, "
            + "output marked as a dry run), but take no lock and write nothing.")
    public boolean dryRun;

    @Option(names = "--reason", paramLabel = "TEXT",
            description = "Why: recorded with the write in the file's \"reason\" member and in the journal "
                    + "(at most " + MAX_REASON_BYTES + " bytes).")
    public String reason;

    /** The reason, checked against its bound; null when none was given. {@code command}: the command's name. */
    public String reason(String command) {
        int bytes = reason == null ? 0 : reason.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_REASON_BYTES) {
            throw Failures.usage(command, "invalid value for option '--reason': it is " + bytes + " bytes long; a reason is at"
                    + " most " + MAX_REASON_BYTES + " bytes (name the incident or ticket, and keep the story elsewhere)");
        }
        return reason;
    }

    /** --create: only for the commands that may start a new node (not repair). */
    public static final class Create {
        @Option(names = "--create", description = "Allow a missing term file to be created (a new node, starting "
                + "from --default-term). Without it a missing file is an error (66), so a mistyped path never becomes "
                + "a new node.")
        public boolean create;
    }
}
