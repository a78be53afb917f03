package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.store.DataFile;
import dev.termctl.store.StoredTerm;

/**
 * show of one node: its file (resolved, absolute), the host it was read on, and what it holds; and
 * whether the database beside it runs: {@code databaseRunning} true (then {@code holder} holds its
 * data file), false, or null when there is no data file or it cannot tell; {@code databaseCheck}, when
 * it cannot tell because the check could not finish (the kernel's lock table past its budget), says why.
 */
record Shown(String file, String host, StoredTerm stored, Boolean databaseRunning, DataFile.Holder holder,
        String databaseCheck)
        implements Result {

    @Override
    public void renderTo(Renderer renderer) {
        renderer.shown(this);
    }

    @Override
    public int exitCode() {
        return ExitCode.ADMIT;
    }
}
