package dev.termctl.cli.render;

import dev.termctl.ExitCode;
import dev.termctl.core.Term;
import dev.termctl.store.FileTermStore;

/** repair replaced a damaged file (or a dry run says it would): a success. */
public record Repaired(String file, Term term, FileTermStore.Repair repair, boolean dryRun) implements Result {

    @Override
    public void renderTo(Renderer renderer) {
        renderer.repaired(this);
    }

    @Override
    public int exitCode() {
        return ExitCode.ADMIT;
    }
}
