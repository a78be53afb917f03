package dev.termctl.cli.command;

import dev.termctl.cli.render.Durations;
import dev.termctl.cli.render.Failures;
import dev.termctl.fs.FileLimits;
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

    @Override
    public void staleLeft(Path termFile, int removed) {
        if (err == null) {
            return;
        }
        err.println("termctl: note: removed " + removed + " stale temp files of " + termFile + " and stopped (at most "
                + FileLimits.MAX_STALE_REMOVALS + " a write, among the directory's first " + FileLimits.MAX_STALE_SCAN
                + " names); more may be left, named ." + termFile.getFileName() + ".termctl-PID-TIME.tmp: a later write"
                + " removes more; if they keep coming, check who makes them");
        err.flush();
    }
}
