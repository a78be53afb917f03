package dev.termctl.cli;

import java.time.Duration;
import picocli.CommandLine.Option;

/** The lock wait of commands that may write. */
final class LockOptions {

    @Option(names = "--lock-timeout", paramLabel = "DURATION", defaultValue = "10s", converter = DurationConverter.class,
            description = "How long to wait for another termctl writing the same file, e.g. 500ms, 10s, 2m "
                    + "(default: ${DEFAULT-VALUE}). Past it: exit 75, nothing changed.")
    Duration lockTimeout;
}
