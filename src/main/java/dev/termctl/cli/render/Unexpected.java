package dev.termctl.cli.render;

import dev.termctl.ExitCode;
import dev.termctl.core.Term;

/** adopt --expect-current found another term: nothing changed (exit 30). */
public record Unexpected(String command, String file, Term incoming, Term expected, Term current) implements Result {

    /** The one-line message, for stderr and the JSON's "error". */
    String message() {
        return file + ": the current term is " + current + ", not the expected " + expected + "; nothing was changed."
                + " Inspect the node again (termctl show) and decide anew";
    }

    @Override
    public void renderTo(Renderer renderer) {
        renderer.unexpected(this);
    }

    @Override
    public int exitCode() {
        return ExitCode.UNEXPECTED;
    }
}
