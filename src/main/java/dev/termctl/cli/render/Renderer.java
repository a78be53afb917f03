package dev.termctl.cli.render;

import java.io.PrintWriter;

/**
 * One output form: a method per kind of result, so that a new kind of result does not compile
 * until every form renders it. Text goes to a terminal or a log; JSON to a program.
 */
public interface Renderer {

    /** The output forms a command line can choose. */
    enum Format { TEXT, JSON, QUIET, TERM_ONLY, PROMETHEUS }

    /** The renderer of {@code format}, printing results on {@code out} and errors and notes on {@code err}. */
    static Renderer of(Format format, PrintWriter out, PrintWriter err) {
        return format == Format.JSON ? new JsonRenderer(out, err)
                : format == Format.PROMETHEUS ? new PrometheusRenderer(out, err) : new TextRenderer(format, out, err);
    }

    void shown(Shown shown);

    void cluster(ClusterView view);

    void decided(Decided decided);

    void unexpected(Unexpected unexpected);

    void repaired(Repaired repaired);

    void history(HistoryView history);

    void failure(Failure failure);
}
