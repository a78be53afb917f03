package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.core.Term;
import dev.termctl.core.RedDb110;
import dev.termctl.core.Verdict;
import dev.termctl.fence.Outcome;
import dev.termctl.store.AuditTrail;
import dev.termctl.store.FileTermStore;
import dev.termctl.fence.ClusterVerdict;
import dev.termctl.store.Journal;
import dev.termctl.store.NodeReading;
import java.util.List;
import dev.termctl.store.StoredTerm;
import java.io.PrintWriter;

/** The one place that turns results into output (text, JSON, the bare term, or nothing) and exit codes. */
final class Report {

    enum Mode { TEXT, JSON, QUIET, TERM_ONLY }

    /** Whether a verdict was only a probe: classify always, a writing command with --dry-run. */
    enum Probe { NONE, CLASSIFY, DRY_RUN }

    private final PrintWriter out;
    private final PrintWriter err;
    private final Mode mode;
    private boolean reported;

    Report(PrintWriter out, PrintWriter err, Mode mode) {
        this.out = out;
        this.err = err;
        this.mode = mode;
    }

    /** Reports a node's stored term. */
    int show(String file, StoredTerm t) {
        if (mode == Mode.JSON) {
            out.println(showJson(file, Host.name(), t).end());
        } else if (mode == Mode.TERM_ONLY) {
            out.println(t.term());
        } else if (mode == Mode.TEXT) {
            String note = "";
            if (!t.exists()) {
                note = " (no such file: the default term)";
            } else if (t.lastVote()) {
                note = " (a durable last-vote record" + (t.votedFor() == null ? ", no vote" : ", voted for " + t.votedFor())
                        + "; termctl reads it but never writes it)";
            }
            out.println(file + ": term " + t.term() + note);
            String audit = describe(t.audit());
            if (!audit.isEmpty()) {
                out.println("  last written" + audit);
            }
            for (String n : RedDb110.notes(t.term())) {
                out.println("  note: " + n);
            }
        }
        return ExitCode.ADMIT;
    }

    /** Reports several nodes side by side (the cluster view); returns the worst node's exit code. */
    int cluster(List<NodeReading> nodes, ClusterVerdict v) {
        if (mode == Mode.JSON) {
            // Streamed node by node onto one line: a view of a million nodes is never one string in memory.
            out.print(new Json.Line("{\"nodes\":["));
            for (int i = 0; i < nodes.size(); i++) {
                NodeReading n = nodes.get(i);
                Json j = n.stored() == null
                        ? Json.object().put("file", n.file()).put("host", n.host()).put("error", n.error())
                        : showJson(n.file(), n.host(), n.stored());
                if (i > 0) {
                    out.print(new Json.Line(","));
                }
                out.print(j.put("state", v.state(i).label()).end());
            }
            Json summary = Json.object().put("nodes", nodes.size()).put("highest_term", v.highest());
            for (ClusterVerdict.State s : ClusterVerdict.State.values()) {
                summary.put(s.label(), v.count(s));
            }
            out.println(new Json.Line("],\"summary\":" + summary.end() + "}"));
        } else if (mode == Mode.TEXT) {
            out.println("highest term: " + (v.highest() == null ? "none (no readable node)" : v.highest().toString()));
            Table table = new Table(new String[] {"NODE", "TERM", "STATE", ""}, 1);
            for (int i = 0; i < nodes.size(); i++) {
                table.measure(clusterRow(nodes.get(i), v, i));
            }
            table.fit(TerminalText.width());
            table.header(out);
            for (int i = 0; i < nodes.size(); i++) {
                table.row(out, clusterRow(nodes.get(i), v, i));
            }
        }
        switch (v.worst()) {
            case INVALID: return ExitCode.INVALID_FILE;
            case BEHIND: return ExitCode.FENCED;
            default: return ExitCode.ADMIT;
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

    /** The JSON object of one node, as show --json prints it; also an element of the cluster view. */
    static Json showJson(String file, String host, StoredTerm t) {
        AuditTrail a = t.audit();
        Json j = Json.object().put("file", file).put("host", host).put("exists", t.exists()).put("term", t.term())
                .put("last_vote", t.lastVote());
        for (java.util.Map.Entry<String, String> m : a.members().entrySet()) {
            j.put(m.getKey(), m.getValue());
        }
        return j.put("warnings", RedDb110.notes(t.term()));
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

    /**
     * Reports a verdict and returns its exit code.
     *
     * @param command the subcommand's name, as given in the JSON
     * @param probe   classify and dry runs report what would happen; they never write
     */
    int verdict(String command, String file, Outcome outcome, Probe probe) {
        Verdict v = outcome.verdict();
        if (mode == Mode.JSON) {
            Json j = Json.object()
                    .put("file", file)
                    .put("command", command)
                    .put("boundary", v.boundary() == null ? null : v.boundary().label())
                    .put("verdict", v.kind().label())
                    .put("incoming_term", v.incoming())
                    .put("current_term", v.current())
                    .put("term", outcome.termAfter())
                    .put("changed", outcome.changed());
            if (probe == Probe.DRY_RUN) {
                j.put("dry_run", true);
            }
            out.println(j.end());
        } else if (mode == Mode.TEXT) {
            out.println(v.kind().label() + ": " + explain(file, outcome, probe));
        }
        if (outcome.changed() && mode != Mode.QUIET) {
            // Current RedDB reads such a term exactly; an operator with 1.10 nodes must still hear of it.
            for (String n : RedDb110.notes(outcome.termAfter())) {
                err.println("termctl: note: " + n);
            }
        }
        return exitCode(v);
    }

    /** Reports a repair (or what a dry run would do); a repair that happened is a success (0). */
    int repaired(String file, Term term, FileTermStore.Repair r, boolean dryRun) {
        if (mode == Mode.JSON) {
            Json j = Json.object().put("file", file).put("command", "repair").put("damage", r.damage())
                    .put("copy", r.copy() == null ? null : r.copy().toString()).put("term", term).put("changed", !dryRun);
            if (dryRun) {
                j.put("dry_run", true);
            }
            out.println(j.end());
        } else if (mode == Mode.TEXT) {
            out.println(dryRun
                    ? "repair: " + file + " is not a valid term file (" + r.damage() + "); it would be replaced by one"
                            + " holding term " + term + ", its bytes kept in " + file + ".corrupt-TIME (dry run: nothing"
                            + " written)"
                    : "repaired: " + file + " was not a valid term file (" + r.damage() + "); its bytes are kept in "
                            + r.copy() + ", and it now holds term " + term);
        }
        if (!dryRun && mode != Mode.QUIET) {
            for (String n : RedDb110.notes(term)) {
                err.println("termctl: note: " + n);
            }
        }
        return ExitCode.ADMIT;
    }

    /**
     * Prints a journal as a table (or its entries as a JSON array), oldest first, streamed from the
     * journal; warns of a torn last line; returns 0, or 65 (after printing what could be read) when
     * other lines are damaged.
     */
    int history(java.nio.file.Path path, java.util.List<String> files) {
        Table table = new Table(new String[] {"TIME", "BY", "FILE", "COMMAND", "TERM", "REASON"});
        try (Journal.Contents contents = Journal.read(path, files, mode == Mode.JSON ? null
                : e -> table.measure(historyRow(e)))) {
            return history(path, contents, table);
        }
    }

    private int history(java.nio.file.Path path, Journal.Contents contents, Table table) {
        if (mode == Mode.JSON) {
            // One array on one line, written entry by entry: a journal is never one string in memory.
            out.print(new Json.Line("["));
            boolean[] first = {true};
            contents.forEach(e -> {
                if (!first[0]) {
                    out.print(new Json.Line(","));
                }
                first[0] = false;
                out.print(historyJson(e).end());
            });
            out.println(new Json.Line("]"));
        } else {
            table.fit(TerminalText.width());
            table.header(out);
            contents.forEach(e -> table.row(out, historyRow(e)));
            if (contents.entries() == 0) {
                out.println("(no writes recorded)");
            }
        }
        if (contents.torn() != null) {
            err.println("termctl: warning: " + contents.torn() + " is an incomplete entry (an append cut off by a crash"
                    + " or a full disk); skipped. The next write cuts it off the journal");
        }
        List<Integer> damaged = contents.damaged();
        int count = contents.damagedCount();
        if (count > 0) {
            List<String> numbers = new java.util.ArrayList<>();
            for (int n : damaged) {
                numbers.add(Integer.toString(n));
            }
            throw new TermctlException(ExitCode.INVALID_FILE, path + (count == 1 ? " line " : " lines ")
                    + String.join(", ", numbers) + (count > damaged.size() ? " and " + (count - damaged.size()) + " more" : "")
                    + " are not termctl journal entries (one JSON object a line, with \"file\" and \"after\"; "
                    + contents.firstDamage() + "); the other entries are shown. The journal is append-only: do not"
                    + " edit it by hand");
        }
        return ExitCode.ADMIT;
    }

    /** One history row: who is "user@host", and "(via sudo as root)" when the write ran as another account. */
    private static String[] historyRow(Journal.Entry e) {
        return new String[] {e.time(), e.user() + "@" + e.host() + (e.elevated() ? " (via sudo as " + e.effectiveUser() + ")" : ""),
            e.file(), e.command(), (e.before() == null ? "?" : e.before().toString()) + " -> " + e.after()
                    + (e.completed() ? "" : " (not completed)"), e.reason() == null ? "" : e.reason()};
    }

    /** One history entry in JSON, built from the parsed entry (never the journal's own bytes). */
    private static Json historyJson(Journal.Entry e) {
        return Json.object().put("time", e.time()).put("user", e.user()).put("effective_user", e.effectiveUser())
                .put("host", e.host()).put("file", e.file()).put("command", e.command()).put("before", e.before())
                .put("after", e.after()).put("reason", e.reason()).put("completed", e.completed());
    }

    /** adopt --expect-current found another term: in JSON, the terms expected and found (the error goes to stderr). */
    void unexpected(String command, String file, Term incoming, Term expected, Term current, String message) {
        if (mode == Mode.JSON) {
            out.println(Json.object().put("file", file).put("command", command).put("boundary", (String) null)
                    .put("verdict", (String) null).put("incoming_term", incoming).put("expected_term", expected)
                    .put("current_term", current).put("term", current).put("changed", false).put("error", message)
                    .put("exit_code", ExitCode.UNEXPECTED).end());
            reported = true;
        }
    }

    /** Any other failure of a verdict-bearing command: in JSON, one object on stdout too (unless already reported). */
    void failure(String command, String file, TermctlException e) {
        if (mode == Mode.JSON && !reported) {
            out.println(Json.object().put("file", file).put("command", command).put("verdict", (String) null)
                    .put("changed", false).put("error", e.getMessage()).put("exit_code", e.exitCode()).end());
        }
    }

    static int exitCode(Verdict v) {
        switch (v.kind()) {
            case ADMIT: return ExitCode.ADMIT;
            case ADOPT: return ExitCode.ADOPT;
            default: return ExitCode.FENCED;
        }
    }

    private static String explain(String file, Outcome outcome, Probe probe) {
        Verdict v = outcome.verdict();
        String at = v.boundary() == null ? "" : " at the " + v.boundary().label() + " boundary";
        String dry = probe == Probe.DRY_RUN ? " (dry run: nothing written)" : "";
        switch (v.kind()) {
            case ADMIT:
                return "term " + v.incoming() + " is the current term of " + file + at + "; "
                        + (v.boundary() == null ? "already there, nothing to do"
                                : probe != Probe.NONE ? "it would be admitted" : "admitted") + dry;
            case ADOPT:
                return "term " + v.incoming() + " is newer than the current term " + v.current() + " of " + file + at + "; "
                        + (probe == Probe.CLASSIFY ? "it would be adopted (classify writes nothing)"
                                : probe == Probe.DRY_RUN ? "it would be adopted" + dry
                                : "adopted: the file now holds term " + outcome.termAfter());
            default:
                return "term " + v.incoming() + " is behind the current term " + v.current() + " of " + file + at + "; "
                        + (v.boundary() == null ? "the node is already past it, nothing changed"
                                : "refused as stale, nothing changed") + dry;
        }
    }
}
