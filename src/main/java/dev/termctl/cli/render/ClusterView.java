package dev.termctl.cli.render;

import dev.termctl.ExitCode;
import dev.termctl.fence.ClusterVerdict;

/**
 * show of several nodes: each distinct node's reading and the verdict on all of them (the worst
 * decides: an unreadable node, fewer nodes than expected or none with a term file, then a node
 * behind). {@code oneFile}: a single -f FILE, a view only for its metrics, is one node as RedDB reads
 * it (a missing file is term 1), never an incomplete view.
 */
public record ClusterView(DistinctNodes nodes, ClusterVerdict verdict, boolean oneFile) implements Result {

    /** The error when no node answered, fewer than expected, or none has a term file; null otherwise. */
    String incomplete() {
        if (verdict.missing() > 0) {
            return verdict.expected() == 0
                    ? "no node answered: the view is empty (no term file read, no line on --from-json). A host whose ssh"
                            + " failed gives no line: check the hosts, and pass --expect-nodes N to say how many must answer"
                    : "only " + nodes.size() + " of " + verdict.expected() + " expected nodes answered (--expect-nodes): "
                            + verdict.missing() + " missing. A node with no line is down, unreachable or misnamed: check the"
                            + " hosts that gave no output";
        }
        if (!oneFile && verdict.noTermFile()) {
            return "no node has a term file: " + (nodes.size() == 1 ? "the one node" : "all " + nodes.size() + " nodes")
                    + " read as missing (exists: false, the default term 1). A mistyped path or term files that are gone"
                    + " must not read as healthy: check the paths on the hosts";
        }
        return null;
    }

    @Override
    public void renderTo(Renderer renderer) {
        renderer.cluster(this);
    }

    @Override
    public int exitCode() {
        if (verdict.worst() == ClusterVerdict.Worst.INVALID || incomplete() != null) {
            return ExitCode.INVALID_FILE;
        }
        return verdict.worst() == ClusterVerdict.Worst.BEHIND ? ExitCode.FENCED : ExitCode.ADMIT;
    }
}
