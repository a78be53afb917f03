package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.store.StoredTerm;

/** show of one node: its file (resolved, absolute), the host it was read on, and what it holds. */
record Shown(String file, String host, StoredTerm stored) implements Result {

    @Override
    public void renderTo(Renderer renderer) {
        renderer.shown(this);
    }

    @Override
    public int exitCode() {
        return ExitCode.ADMIT;
    }
}
