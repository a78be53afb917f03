package dev.termctl.cli.render;

import dev.termctl.ExitCode;
import dev.termctl.fence.Outcome;

/** The fence's verdict on an incoming term (classify, admit-*, adopt), and whether the file changed. */
public record Decided(String command, String file, Outcome outcome, Probe probe) implements Result {

    /** Whether the verdict was only a probe: classify always, a writing command with --dry-run. */
    public enum Probe { NONE, CLASSIFY, DRY_RUN }

    @Override
    public void renderTo(Renderer renderer) {
        renderer.decided(this);
    }

    @Override
    public int exitCode() {
        switch (outcome.verdict().kind()) {
            case ADMIT: return ExitCode.ADMIT;
            case ADOPT: return ExitCode.ADOPT;
            default: return ExitCode.FENCED;
        }
    }
}
