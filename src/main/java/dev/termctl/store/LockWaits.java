package dev.termctl.store;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Told once when a write has waited {@link #AFTER} for another writer's lock and still waits: who
 * holds it, as the kernel says, so the person or script waiting can see why (the store prints nothing);
 * and when its cleanup of stale temp files stopped at its bound.
 */
public interface LockWaits {

    /** How long a write waits in silence. */
    Duration AFTER = Duration.ofSeconds(1);

    /**
     * The write has waited {@code AFTER} for {@code lockFile}; it waits on, up to {@code timeout} in all.
     *
     * @param holderPid     the pid holding the lock (-1 when the kernel does not say)
     * @param holderCommand its command name, or null
     */
    void waiting(Path lockFile, long holderPid, String holderCommand, Duration timeout);

    /**
     * The write removed {@code removed} stale temp files of {@code termFile} and stopped at its bound
     * ({@link Limits#MAX_STALE_REMOVALS} removed, or {@link Limits#MAX_STALE_SCAN} names looked at):
     * more may be left in the directory.
     */
    void staleLeft(Path termFile, int removed);
}
