package dev.termctl.cli;

import dev.termctl.store.LockWaits;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;

/** Says on stderr, while a write waits for another writer's lock, who holds it and how long the write will wait. */
final class LockWaitNotice implements LockWaits {
    private final PrintWriter err;

    LockWaitNotice(PrintWriter err) {
        this.err = err;
    }

    @Override
    public void waiting(Path lockFile, long holderPid, String holderCommand, Duration timeout) {
        if (err == null) {
            return;
        }
        err.println("termctl: waiting for the lock " + lockFile + ", held by " + Failures.holder(holderPid, holderCommand)
                + "; waiting up to "
                + Durations.format(timeout) + " (--lock-timeout), nothing is written until it is free");
        err.flush();
    }
}
