package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.core.Verdict;
import dev.termctl.fence.Outcome;
import dev.termctl.store.StoredTerm;
import java.io.PrintWriter;

/** The one place that turns results into output (text, JSON or nothing) and exit codes. */
final class Report {

    enum Mode { TEXT, JSON, QUIET }

    private final PrintWriter out;
    private final Mode mode;

    Report(PrintWriter out, Mode mode) {
        this.out = out;
        this.mode = mode;
    }

    /** Reports a node's stored term. */
    int show(String file, StoredTerm t) {
        if (mode == Mode.JSON) {
            out.println(Json.object().put("file", file).put("exists", t.exists()).put("term", t.term())
                    .put("last_vote", t.lastVote()).end());
        } else if (mode == Mode.TEXT) {
            String note = "";
            if (!t.exists()) {
                note = " (no such file: the default term)";
            } else if (t.lastVote()) {
                note = " (a durable last-vote record" + (t.votedFor() == null ? ", no vote" : ", voted for " + t.votedFor())
                        + "; termctl reads it but never writes it)";
            }
            out.println(file + ": term " + t.term() + note);
        }
        return ExitCode.ADMIT;
    }

    /**
     * Reports a verdict and returns its exit code.
     *
     * @param command the subcommand's name, as given in the JSON
     * @param probe   true for classify, which reports what would happen and never writes
     */
    int verdict(String command, String file, Outcome outcome, boolean probe) {
        Verdict v = outcome.verdict();
        if (mode == Mode.JSON) {
            out.println(Json.object()
                    .put("file", file)
                    .put("command", command)
                    .put("boundary", v.boundary() == null ? null : v.boundary().label())
                    .put("verdict", v.kind().label())
                    .put("incoming_term", v.incoming())
                    .put("current_term", v.current())
                    .put("term", outcome.termAfter())
                    .put("changed", outcome.changed())
                    .end());
        } else if (mode == Mode.TEXT) {
            out.println(v.kind().label() + ": " + explain(file, outcome, probe));
        }
        return exitCode(v);
    }

    static int exitCode(Verdict v) {
        switch (v.kind()) {
            case ADMIT: return ExitCode.ADMIT;
            case ADOPT: return ExitCode.ADOPT;
            default: return ExitCode.FENCED;
        }
    }

    private static String explain(String file, Outcome outcome, boolean probe) {
        Verdict v = outcome.verdict();
        String at = v.boundary() == null ? "" : " at the " + v.boundary().label() + " boundary";
        switch (v.kind()) {
            case ADMIT:
                return "term " + v.incoming() + " is the current term of " + file + at + "; "
                        + (v.boundary() == null ? "already there, nothing to do" : probe ? "it would be admitted" : "admitted");
            case ADOPT:
                return "term " + v.incoming() + " is newer than the current term " + v.current() + " of " + file + at + "; "
                        + (probe ? "it would be adopted (classify writes nothing)"
                                : "adopted: the file now holds term " + outcome.termAfter());
            default:
                return "term " + v.incoming() + " is behind the current term " + v.current() + " of " + file + at + "; "
                        + (v.boundary() == null ? "the node is already past it, nothing changed"
                                : "refused as stale, nothing changed");
        }
    }
}
