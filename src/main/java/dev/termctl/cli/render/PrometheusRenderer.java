package dev.termctl.cli.render;

import dev.termctl.cluster.NodeReading;
import dev.termctl.core.Term;
import dev.termctl.fence.ClusterVerdict;
import java.io.PrintWriter;

/**
 * show's nodes as Prometheus metrics, in the text exposition format node_exporter's textfile
 * collector reads: per node (labels host and file) termctl_term, termctl_node_behind (the view's
 * highest term minus the node's), termctl_node_valid (0 for a node that could not be read, which
 * then has no term sample) and termctl_term_file_exists (0 for a readable node with no term file,
 * at the default term 1; none for an unreadable node); termctl_nodes_answered (the distinct nodes in the view, 0 when none answered)
 * and, with --expect-nodes, termctl_nodes_expected.
 * Prometheus keeps samples as 64-bit floats: terms above 2^53 lose their low digits there.
 * Failures print nothing on stdout (the file a cron job renames stays whole) and a line on stderr.
 */
final class PrometheusRenderer implements Renderer {
    private final PrintWriter out;
    private final TextRenderer text;

    PrometheusRenderer(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.text = new TextRenderer(Format.QUIET, out, err);
    }

    @Override
    public void shown(Shown s) {
        StringBuilder terms = new StringBuilder();
        StringBuilder behind = new StringBuilder();
        StringBuilder valid = new StringBuilder();
        StringBuilder exists = new StringBuilder();
        String labels = labels(s.host(), s.file());
        sample(terms, "termctl_term", labels, s.stored().term().toString());
        sample(behind, "termctl_node_behind", labels, "0");
        sample(valid, "termctl_node_valid", labels, "1");
        sample(exists, "termctl_term_file_exists", labels, s.stored().exists() ? "1" : "0");
        print(terms, behind, valid, exists);
    }

    @Override
    public void cluster(ClusterView view) {
        StringBuilder terms = new StringBuilder();
        StringBuilder behind = new StringBuilder();
        StringBuilder valid = new StringBuilder();
        StringBuilder exists = new StringBuilder();
        ClusterVerdict v = view.verdict();
        for (int i = 0; i < view.nodes().size(); i++) {
            NodeReading n = view.nodes().get(i);
            String labels = labels(n.host(), n.file());
            Term term = n.stored() == null ? null : n.stored().term();
            if (term != null) {
                sample(terms, "termctl_term", labels, term.toString());
                sample(behind, "termctl_node_behind", labels, v.behindBy(term));
                sample(exists, "termctl_term_file_exists", labels, n.stored().exists() ? "1" : "0");
            }
            sample(valid, "termctl_node_valid", labels, term == null ? "0" : "1");
        }
        print(terms, behind, valid, exists);
        // Always said, so that an alert fires on a view nobody answered (0), which has no other sample.
        out.print(TerminalText.escaped("# HELP termctl_nodes_answered How many distinct nodes are in the view (0: none"
                + " answered).\n# TYPE termctl_nodes_answered gauge\ntermctl_nodes_answered " + view.nodes().size() + "\n"));
        if (v.expected() > 0) {
            out.print(TerminalText.escaped("# HELP termctl_nodes_expected How many nodes the cluster has (--expect-nodes).\n"
                    + "# TYPE termctl_nodes_expected gauge\ntermctl_nodes_expected " + v.expected() + "\n"));
        }
        TextRenderer.clusterNotes(view, false, text.err());
    }

    private void print(StringBuilder terms, StringBuilder behind, StringBuilder valid, StringBuilder exists) {
        out.print(TerminalText.escaped("# HELP termctl_term The node's current replication term (exact up to 2^53 as a"
                + " Prometheus float).\n# TYPE termctl_term gauge\n" + terms
                + "# HELP termctl_node_behind How many terms the node is behind the highest term of the view (0: current)."
                + "\n# TYPE termctl_node_behind gauge\n" + behind
                + "# HELP termctl_node_valid 1 when the node's term file could be read, 0 when not (then it has no"
                + " termctl_term).\n# TYPE termctl_node_valid gauge\n" + valid
                + "# HELP termctl_term_file_exists 1 when the node's term file exists, 0 when it is missing (the node is"
                + " then at the default term 1).\n# TYPE termctl_term_file_exists gauge\n" + exists));
    }

    private static void sample(StringBuilder b, String name, String labels, String value) {
        b.append(name).append(labels).append(' ').append(value).append('\n');
    }

    /** {host="...",file="..."}, escaped as the exposition format says: backslash, double quote, line feed. */
    private static String labels(String host, String file) {
        return "{host=\"" + escape(host) + "\",file=\"" + escape(file) + "\"}";
    }

    /**
     * A label value, escaped as the exposition format says (a backslash as \\, a double quote as \",
     * a line feed as \n: docs/monitoring.md), after the rest of the name is made terminal-safe as all
     * termctl text is (a backslash doubled, any other control, line break or bidi control as the text
     * of its \\xNN or \\uNNNN escape), so the file is safe to cat and two names never give one value.
     */
    private static String escape(String value) {
        String[] lines = String.valueOf(value).split("\n", -1);
        StringBuilder b = new StringBuilder(value == null ? 4 : value.length() + 8);
        for (int l = 0; l < lines.length; l++) {
            if (l > 0) {
                b.append("\\n");
            }
            String safe = TerminalText.escape(lines[l]);
            for (int i = 0; i < safe.length(); i++) {
                char c = safe.charAt(i);
                if (c == '\\') {
                    b.append("\\\\");
                } else if (c == '"') {
                    b.append("\\\"");
                } else {
                    b.append(c);
                }
            }
        }
        return b.toString();
    }

    @Override
    public void decided(Decided d) {
        text.decided(d);
    }

    @Override
    public void unexpected(Unexpected u) {
        text.unexpected(u);
    }

    @Override
    public void repaired(Repaired r) {
        text.repaired(r);
    }

    @Override
    public void history(HistoryView h) {
        text.history(h);
    }

    @Override
    public void failure(Failure f) {
        text.failure(f);
    }
}
