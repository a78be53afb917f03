package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.core.RedDb110;
import dev.termctl.core.Term;
import dev.termctl.store.AuditTrail;
import dev.termctl.store.FileTermStore;
import dev.termctl.store.JsonLines;
import dev.termctl.store.StoredTerm;
import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** show with several nodes: their terms side by side under the highest, and one exit code for all. */
final class ClusterView {
    private ClusterView() {
    }

    /** One node: where it is, what was read (null when invalid), and why not. */
    record Node(String label, String file, String host, StoredTerm stored, String error) {
    }

    static int run(List<String> files, String fromJson, Term defaultTerm, Report.Mode mode, PrintWriter out) {
        String host = Host.name();
        List<Node> nodes = new ArrayList<>();
        for (String f : files) {
            FileTermStore store = new FileTermStore(Execute.path(f, "--file"), defaultTerm, Duration.ZERO);
            try {
                nodes.add(new Node(f, store.describe(), host, store.read(), null));
            } catch (TermctlException e) {
                nodes.add(new Node(f, store.describe(), host, null, e.getMessage()));
            }
        }
        if (fromJson != null) {
            nodes.addAll(fromJson(fromJson));
        }
        Term highest = null;
        for (Node n : nodes) {
            if (n.stored() != null && (highest == null || n.stored().term().isAfter(highest))) {
                highest = n.stored().term();
            }
        }
        int current = 0;
        int stale = 0;
        int missing = 0;
        int invalid = 0;
        int behindByDefault = 0;
        List<String> states = new ArrayList<>();
        for (Node n : nodes) {
            String state;
            if (n.stored() == null) {
                state = "invalid";
                invalid++;
            } else if (!n.stored().exists()) {
                // Counted once, as default; a default node behind the highest still makes the exit code 20.
                state = "default";
                missing++;
                if (n.stored().term().isBefore(highest)) {
                    behindByDefault++;
                }
            } else if (n.stored().term().equals(highest)) {
                state = "current";
                current++;
            } else {
                state = "stale";
                stale++;
            }
            states.add(state);
        }
        if (mode == Report.Mode.JSON) {
            StringBuilder array = new StringBuilder("[");
            for (int i = 0; i < nodes.size(); i++) {
                Node n = nodes.get(i);
                Json j = n.stored() == null
                        ? Json.object().put("file", n.file()).put("host", n.host()).put("error", n.error())
                        : Report.showJson(n.file(), n.host(), n.stored());
                array.append(i == 0 ? "" : ",").append(j.put("state", states.get(i)).end());
            }
            String summary = Json.object().put("nodes", nodes.size()).put("highest_term", highest)
                    .put("current", current).put("stale", stale).put("default", missing).put("invalid", invalid).end();
            out.println(Json.object().putRaw("nodes", array.append(']').toString()).putRaw("summary", summary).end());
        } else if (mode == Report.Mode.TEXT) {
            table(out, nodes, states, highest);
        }
        return invalid > 0 ? ExitCode.INVALID_FILE : stale + behindByDefault > 0 ? ExitCode.FENCED : ExitCode.ADMIT;
    }

    private static void table(PrintWriter out, List<Node> nodes, List<String> states, Term highest) {
        out.println("highest term: " + (highest == null ? "none (no readable node)" : highest.toString()));
        Table table = new Table(new String[] {"NODE", "TERM", "STATE", ""}, 1);
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            String state = states.get(i);
            String note = "";
            if (n.stored() == null) {
                note = n.error();
            } else if (state.equals("default")) {
                note = "no such file: the default term";
            } else if (state.equals("stale")) {
                note = "behind by " + Long.toUnsignedString(highest.bits() - n.stored().term().bits());
            }
            if (n.stored() != null && n.stored().lastVote()) {
                note += (note.isEmpty() ? "" : "  ") + "(a last-vote record, not a term file)";
            }
            if (n.stored() != null) {
                for (String warning : RedDb110.notes(n.stored().term())) {
                    note += (note.isEmpty() ? "" : "  ") + "note: " + warning;
                }
            }
            table.add(n.label(), n.stored() == null ? "-" : n.stored().term().toString(), state, note);
        }
        table.print(out, TerminalText.width());
    }

    /** Nodes from lines of 'termctl show --json' output; a line that is not one is an invalid node. */
    private static List<Node> fromJson(String source) {
        List<Node> nodes = new ArrayList<>();
        try (JsonLines in = JsonLines.open(source.equals("-") ? null : Execute.path(source, "--from-json"), "--from-json")) {
            for (JsonLines.Line line = in.next(); line != null; line = in.next()) {
                if (line.text().isBlank()) {
                    continue;
                }
                String where = in.name() + " line " + line.number();
                try {
                    nodes.add(node(line.text(), where));
                } catch (IOException | RuntimeException e) {
                    nodes.add(new Node(where, where, null, null, "not a 'termctl show --json' object: " + e.getMessage()));
                }
            }
        }
        return nodes;
    }

    private static Node node(String line, String where) throws IOException {
        Map<String, String> fields = Json.members(line);
        String file = fields.get("file");
        String host = fields.get("host");
        String label = (host == null ? "" : host + ":") + (file == null ? where : file);
        if (fields.containsKey("error")) {
            return new Node(label, file, host, null, fields.get("error"));
        }
        if (file == null || fields.get("term") == null) {
            throw new IOException("it has no \"file\" or no \"term\"");
        }
        AuditTrail audit = new AuditTrail(fields.get("updated_at"), fields.get("updated_by"), fields.get("reason"),
                fields.get("updated_with"));
        StoredTerm stored = new StoredTerm(Term.parse(fields.get("term")), !"false".equals(fields.get("exists")),
                "true".equals(fields.get("last_vote")), null, audit);
        return new Node(label, file, host, stored, null);
    }
}
