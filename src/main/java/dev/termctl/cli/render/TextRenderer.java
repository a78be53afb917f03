package dev.termctl.cli.render;

import dev.termctl.cluster.NodeReading;
import dev.termctl.core.RedDb110;
import dev.termctl.core.Term;
import dev.termctl.core.Verdict;
import dev.termctl.fence.ClusterVerdict;
import dev.termctl.fence.Outcome;
import dev.termctl.format.AuditTrail;
import dev.termctl.journal.Journal;
import dev.termctl.probe.DataFile;
import dev.termctl.store.StoredTerm;
import java.io.PrintWriter;

/** Results as text for people (or, with -q, nothing; with --term-only, show's bare term); errors on stderr. */
final class TextRenderer implements Renderer {
    private final Format format;
    private final PrintWriter out;
    private final PrintWriter err;

    TextRenderer(Format format, PrintWriter out, PrintWriter err) {
        this.format = format;
        this.out = out;
        this.err = err;
    }

    PrintWriter err() {
        return err;
    }

    private boolean prints() {
        return format == Format.TEXT;
    }

    @Override
    public void shown(Shown s) {
        StoredTerm t = s.stored();
        if (format == Format.TERM_ONLY) {
            out.println(t.term());
        }
        if (!prints()) {
            return;
        }
        String note = "";
        if (!t.exists()) {
            note = " (no such file: the default term)";
        } else if (t.lastVote()) {
            note = " (a durable last-vote record" + (t.votedFor() == null ? ", no vote" : ", voted for " + t.votedFor())
                    + "; termctl reads it but never writes it)";
        }
        out.println(s.file() + ": term " + t.term() + note);
        String audit = describe(t.audit());
        if (!audit.isEmpty()) {
            out.println("  last written" + audit);
        }
        for (String n : RedDb110.notes(t.term())) {
            out.println("  note: " + n);
        }
        DataFile.Holder h = s.holder();
        if (h != null) {
            out.println("  database running: " + (h.pid() < 0 ? "a process /proc/locks does not name"
                    : Failures.holder(h.pid(), h.command())) + " holds " + h.file());
        } else if (s.dataFile() == null) {
            out.println("  database: " + Failures.notChecked(s.lookedAt(), false));
        } else if (s.cannotTell() != null) {
            out.println("  database: could not tell whether it runs: " + s.cannotTell());
        } else {
            out.println("  database: not running (no process holds " + s.dataFile() + " locked)");
        }
    }

    @Override
    public void cluster(ClusterView view) {
        if (prints()) {
            table(view);
            if (view.verdict().expected() > 0) {
                out.println("answered: " + view.nodes().size() + " of " + view.verdict().expected() + " expected nodes");
            }
        }
        clusterNotes(view, format == Format.QUIET, err);
    }

    /** On stderr, in every form: the duplicates note and, when nodes are missing, the error. */
    static void clusterNotes(ClusterView view, boolean quiet, PrintWriter err) {
        if (view.nodes().duplicateNote() != null && !quiet) {
            err.println("termctl: note: " + view.nodes().duplicateNote());
        }
        if (view.incomplete() != null) {
            err.println("termctl: error: " + view.incomplete());
        }
    }

    private void table(ClusterView view) {
        ClusterVerdict v = view.verdict();
        DistinctNodes nodes = view.nodes();
        out.println("highest term: " + (v.highest() == null ? "none (no readable node)" : v.highest().toString()));
        Table table = new Table(new String[] {"NODE", "TERM", "STATE", ""}, 1).names();
        for (int i = 0; i < nodes.size(); i++) {
            table.measure(clusterRow(nodes.get(i), v, i));
        }
        table.fit(TerminalText.width());
        table.header(out);
        for (int i = 0; i < nodes.size(); i++) {
            table.row(out, clusterRow(nodes.get(i), v, i));
        }
    }

    private static String[] clusterRow(NodeReading n, ClusterVerdict v, int i) {
        ClusterVerdict.State state = v.state(i);
        String note = state == ClusterVerdict.State.INVALID ? n.error()
                : state == ClusterVerdict.State.DEFAULT ? "no such file: the default term"
                : state == ClusterVerdict.State.STALE ? "behind by " + v.behindBy(n.stored().term()) : "";
        if (n.stored() != null && n.stored().lastVote()) {
            note += (note.isEmpty() ? "" : "  ") + "(a last-vote record, not a term file)";
        }
        if (n.stored() != null) {
            for (String warning : RedDb110.notes(n.stored().term())) {
                note += (note.isEmpty() ? "" : "  ") + "note: " + warning;
            }
        }
        return new String[] {n.label(), n.stored() == null ? "-" : n.stored().term().toString(), state.label(), note};
    }

    /** " at TIME by WHO with WHAT: REASON", with whatever parts are known. */
    static String describe(AuditTrail a) {
        StringBuilder b = new StringBuilder();
        if (a.updatedAt() != null) {
            b.append(" at ").append(a.updatedAt());
        }
        if (a.updatedBy() != null) {
            b.append(" by ").append(a.updatedBy());
        }
        if (a.updatedWith() != null) {
            b.append(" with ").append(a.updatedWith());
        }
        if (a.reason() != null) {
            b.append(": ").append(a.reason());
        }
        return b.toString();
    }

    @Override
    public void decided(Decided d) {
        if (prints()) {
            out.println(d.outcome().verdict().kind().label() + ": " + explain(d.file(), d.outcome(), d.probe()));
        }
        if (d.outcome().changed()) {
            notes(d.outcome().termAfter());
        }
    }

    /** Current RedDB reads such a term exactly; an operator with 1.10 nodes must still hear of it. */
    private void notes(Term written) {
        if (format != Format.QUIET) {
            for (String n : RedDb110.notes(written)) {
                err.println("termctl: note: " + n);
            }
        }
    }

    @Override
    public void unexpected(Unexpected u) {
        error(u.message());
    }

    @Override
    public void repaired(Repaired r) {
        String file = r.file();
        if (prints()) {
            out.println(r.dryRun()
                    ? "repair: " + file + " is not a valid term file (" + r.repair().damage() + "); it would be replaced"
                            + " by one holding term " + r.term() + ", its bytes kept in " + file + ".corrupt-TIME (dry run:"
                            + " nothing written)"
                    : "repaired: " + file + " was not a valid term file (" + r.repair().damage() + "); its bytes are kept"
                            + " in " + r.repair().copy() + ", and it now holds term " + r.term());
        }
        if (!r.dryRun()) {
            notes(r.term());
        }
    }

    @Override
    public void history(HistoryView h) {
        if (prints()) {
            Table table = new Table(new String[] {"TIME", "BY", "FILE", "COMMAND", "TERM", "REASON"});
            h.forEach(e -> table.measure(historyRow(e)));
            table.fit(TerminalText.width());
            table.header(out);
            h.forEach(e -> table.row(out, historyRow(e)));
            if (h.shown() == 0) {
                out.println("(no writes recorded)");
            }
        }
        historyWarnings(h, err);
        if (h.damage() != null) {
            error(h.damage());
        }
    }

    /** The torn-line warning, on stderr in every form. */
    static void historyWarnings(HistoryView h, PrintWriter err) {
        if (h.torn() != null) {
            err.println("termctl: warning: " + h.torn() + " is an incomplete entry (an append cut off by a crash"
                    + " or a full disk); skipped. The next write cuts it off the journal");
        }
    }

    /** One history row: who is "user@host", and "(via sudo as root)" when the write ran as another account. */
    private static String[] historyRow(Journal.Entry e) {
        return new String[] {e.time(), e.user() + "@" + e.host() + (e.elevated() ? " (via sudo as " + e.effectiveUser() + ")" : ""),
            e.file(), e.command(), (e.before() == null ? "?" : e.before().toString()) + " -> " + e.after()
                    + (e.completed() ? "" : " (not completed)"), e.reason() == null ? "" : e.reason()};
    }

    @Override
    public void failure(Failure f) {
        error(f.message());
    }

    private void error(String message) {
        err.println("termctl: error: " + message);
    }

    private static String explain(String file, Outcome outcome, Decided.Probe probe) {
        Verdict v = outcome.verdict();
        String at = v.boundary() == null ? "" : " at the " + v.boundary().label() + " boundary";
        String dry = probe == Decided.Probe.DRY_RUN ? " (dry run: nothing written)" : "";
        switch (v.kind()) {
            case ADMIT:
                return "term " + v.incoming() + " is the current term of " + file + at + "; "
                        + (v.boundary() == null ? "already there, nothing to do"
                                : probe != Decided.Probe.NONE ? "it would be admitted" : "admitted") + dry;
            case ADOPT:
                return "term " + v.incoming() + " is newer than the current term " + v.current() + " of " + file + at + "; "
                        + (probe == Decided.Probe.CLASSIFY ? "it would be adopted (classify writes nothing)"
                                : probe == Decided.Probe.DRY_RUN ? "it would be adopted" + dry
                                : "adopted: the file now holds term " + outcome.termAfter());
            default:
                return "term " + v.incoming() + " is behind the current term " + v.current() + " of " + file + at + "; "
                        + (v.boundary() == null ? "the node is already past it, nothing changed"
                                : "refused as stale, nothing changed") + dry;
        }
    }
}
