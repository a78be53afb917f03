package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.fence.ClusterVerdict;

/**
 * show of several nodes: each distinct node's reading and the verdict on all of them (the worst
 * decides: an unreadable node, or fewer nodes than expected, then a node behind).
 */
record ClusterView(DistinctNodes nodes, ClusterVerdict verdict) implements Result {

    /** The error when fewer nodes answered than expected; null otherwise. */
    String incomplete() {
        return verdict.missing() == 0 ? null : "only " + nodes.size() + " of " + verdict.expected() + " expected nodes"
                + " answered (--expect-nodes): " + verdict.missing() + " missing. A node with no line is down, unreachable"
                + " or misnamed: check the hosts that gave no output";
    }

    @Override
    public void renderTo(Renderer renderer) {
        renderer.cluster(this);
    }

    @Override
    public int exitCode() {
        switch (verdict.worst()) {
            case INVALID: return ExitCode.INVALID_FILE;
            case INCOMPLETE: return ExitCode.INVALID_FILE;
            case BEHIND: return ExitCode.FENCED;
            default: return ExitCode.ADMIT;
        }
    }
}
