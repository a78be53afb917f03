package dev.termctl.cli.render;

import dev.termctl.cluster.NodeReading;
import dev.termctl.core.RedDb110;
import dev.termctl.core.Verdict;
import dev.termctl.fence.ClusterVerdict;
import dev.termctl.format.AuditTrail;
import dev.termctl.journal.Journal;
import dev.termctl.store.StoredTerm;
import java.io.PrintWriter;

/**
 * Results as JSON: exactly one object on stdout per run, success or failure, on one line. A failure's
 * object has "error", "exit_code" (the exit status) and "file"; the error's human line goes to
 * stderr as in text. Terms are exact JSON integers.
 */
final class JsonRenderer implements Renderer {
    private final PrintWriter out;
    private final PrintWriter err;

    JsonRenderer(PrintWriter out, PrintWriter err) {
        this.out = out;
        this.err = err;
    }

    @Override
    public void shown(Shown s) {
        Json j = node(s.file(), s.host(), s.stored());
        if (s.databaseRunning() == null) {
            j.put("database_running", (String) null);
        } else {
            j.put("database_running", s.databaseRunning().booleanValue());
        }
        if (s.holder() != null && s.holder().pid() > 0) {
            j.put("database_pid", s.holder().pid());
        }
        j.put("database_file", s.dataFile() == null ? null : s.dataFile().toString());
        if (s.cannotTell() != null) {
            j.put("database_check", s.cannotTell());
        }
        out.println(j.end());
    }

    /** The JSON object of one node, as show --json prints it; also an element of the cluster view. */
    private static Json node(String file, String host, StoredTerm t) {
        AuditTrail a = t.audit();
        Json j = Json.object().put("file", file).put("host", host).put("exists", t.exists()).put("term", t.term())
                .put("last_vote", t.lastVote());
        for (java.util.Map.Entry<String, String> m : a.members().entrySet()) {
            j.put(m.getKey(), m.getValue());
        }
        return j.put("warnings", RedDb110.notes(t.term()));
    }

    @Override
    public void cluster(ClusterView view) {
        DistinctNodes nodes = view.nodes();
        ClusterVerdict v = view.verdict();
        // Streamed node by node onto one line: a view of a million nodes is never one string in memory.
        out.print(new Json.Line("{\"nodes\":["));
        for (int i = 0; i < nodes.size(); i++) {
            NodeReading n = nodes.get(i);
            Json j = n.stored() == null
                    ? Json.object().put("file", n.file()).put("host", n.host()).put("error", n.error())
                    : node(n.file(), n.host(), n.stored());
            if (i > 0) {
                out.print(new Json.Line(","));
            }
            out.print(j.put("state", v.state(i).label()).end());
        }
        Json summary = Json.object().put("nodes", nodes.size()).put("highest_term", v.highest());
        for (ClusterVerdict.State s : ClusterVerdict.State.values()) {
            summary.put(s.label(), v.count(s));
        }
        summary.put("duplicates", nodes.duplicateCount());
        if (v.expected() > 0) {
            summary.put("expected", v.expected()).put("missing", v.missing());
        }
        out.println(new Json.Line("],\"summary\":" + summary.end() + "}"));
        TextRenderer.clusterNotes(view, false, err);
    }

    @Override
    public void decided(Decided d) {
        Verdict v = d.outcome().verdict();
        Json j = Json.object()
                .put("file", d.file())
                .put("command", d.command())
                .put("boundary", v.boundary() == null ? null : v.boundary().label())
                .put("verdict", v.kind().label())
                .put("incoming_term", v.incoming())
                .put("current_term", v.current())
                .put("term", d.outcome().termAfter())
                .put("changed", d.outcome().changed());
        if (d.probe() == Decided.Probe.DRY_RUN) {
            j.put("dry_run", true);
        }
        out.println(j.end());
        if (d.outcome().changed()) {
            notes(d.outcome().termAfter());
        }
    }

    private void notes(dev.termctl.core.Term written) {
        for (String n : RedDb110.notes(written)) {
            err.println("termctl: note: " + n);
        }
    }

    @Override
    public void unexpected(Unexpected u) {
        out.println(Json.object().put("file", u.file()).put("command", u.command()).put("boundary", (String) null)
                .put("verdict", (String) null).put("incoming_term", u.incoming()).put("expected_term", u.expected())
                .put("current_term", u.current()).put("term", u.current()).put("changed", false).put("error", u.message())
                .put("exit_code", u.exitCode()).end());
        err.println("termctl: error: " + u.message());
    }

    @Override
    public void repaired(Repaired r) {
        Json j = Json.object().put("file", r.file()).put("command", "repair").put("damage", r.repair().damage())
                .put("copy", r.repair().copy() == null ? null : r.repair().copy().toString()).put("term", r.term())
                .put("changed", !r.dryRun());
        if (r.dryRun()) {
            j.put("dry_run", true);
        }
        out.println(j.end());
        if (!r.dryRun()) {
            notes(r.term());
        }
    }

    @Override
    public void history(HistoryView h) {
        // One object on one line, written entry by entry: a journal is never one string in memory.
        out.print(new Json.Line("{" + Json.object().put("file", h.file()).put("journal", h.journal()).members() + ",\"entries\":["));
        boolean[] first = {true};
        h.forEach(e -> {
            if (!first[0]) {
                out.print(new Json.Line(","));
            }
            first[0] = false;
            out.print(entry(e).end());
        });
        String damage = h.damage();
        out.println(new Json.Line("]" + (damage == null ? ""
                : "," + Json.object().put("error", damage).put("exit_code", h.exitCode()).members()) + "}"));
        TextRenderer.historyWarnings(h, err);
        if (damage != null) {
            err.println("termctl: error: " + damage);
        }
    }

    /** One history entry, built from the parsed entry (never the journal's own bytes). */
    private static Json entry(Journal.Entry e) {
        return Json.object().put("time", e.time()).put("user", e.user()).put("effective_user", e.effectiveUser())
                .put("host", e.host()).put("file", e.file()).put("command", e.command()).put("before", e.before())
                .put("after", e.after()).put("reason", e.reason()).put("completed", e.completed());
    }

    @Override
    public void failure(Failure f) {
        Json j = Json.object().put("file", f.file()).put("command", f.command());
        if (f.verdictShape()) {
            j.put("verdict", (String) null).put("changed", false);
        }
        out.println(j.put("error", f.message()).put("exit_code", f.exitCode()).end());
        err.println("termctl: error: " + f.message());
    }
}
