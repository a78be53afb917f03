package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.fence.ClusterVerdict;

/**
 * show of several nodes: each distinct node's reading and the verdict on all of them (the worst
 * decides: an unreadable node, or fewer nodes than expected, then a node behind).
 */
record ClusterView(DistinctNodes nodes, ClusterVerdict verdict) implements Result {

    /** The error when no node answered, or fewer than expected; null otherwise. */
    String incomplete() {
        if (verdict.missing() > 0 && verdict.expected() == 0) {
            return "no node answered: the view is empty (no term file read, no line on --from-json). A host whose ssh"
                    + " failed gives no line: check the hosts, and pass --expect-nodes N to say how many must answer";
        }
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
