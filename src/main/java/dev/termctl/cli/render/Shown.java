package dev.termctl.cli.render;

import dev.termctl.ExitCode;
import dev.termctl.probe.DataFile;
import dev.termctl.store.StoredTerm;

/**
 * show of one node: its file (resolved, absolute), the host it was read on, and what it holds; and
 * whether its database runs: {@code databaseRunning} true (then {@code holder} holds its data file),
 * false, or null when it was not checked ({@code dataFile} null: none where {@code lookedAt} says) or
 * it could not tell ({@code cannotTell} says why: a refused or unreadable data file, or a check
 * that could not finish within the lock table's budget; JSON's database_check).
 */
public record Shown(String file, String host, StoredTerm stored, Boolean databaseRunning, DataFile.Holder holder,
        java.nio.file.Path dataFile, java.util.List<java.nio.file.Path> lookedAt, String cannotTell) implements Result {

    @Override
    public void renderTo(Renderer renderer) {
        renderer.shown(this);
    }

    @Override
    public int exitCode() {
        return ExitCode.ADMIT;
    }
}
