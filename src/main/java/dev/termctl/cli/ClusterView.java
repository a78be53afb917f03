package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.fence.ClusterVerdict;
import dev.termctl.store.NodeReading;

/** show of several nodes: each node's reading and the verdict on all of them (the worst node decides). */
record ClusterView(NodeReading.Many nodes, ClusterVerdict verdict) implements Result {

    @Override
    public void renderTo(Renderer renderer) {
        renderer.cluster(this);
    }

    @Override
    public int exitCode() {
        switch (verdict.worst()) {
            case INVALID: return ExitCode.INVALID_FILE;
            case BEHIND: return ExitCode.FENCED;
            default: return ExitCode.ADMIT;
        }
    }
}
