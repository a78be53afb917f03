package dev.termctl.cli.render;

/**
 * What a command found or did, as data: each output form renders it ({@link Renderer}), and it
 * says which exit code the run ends with. A command returns one; nothing else prints.
 */
public interface Result extends AutoCloseable {

    /** Hands this result to the renderer's method for its kind. */
    void renderTo(Renderer renderer);

    /** The exit status this result ends the run with (read after rendering: a streamed result learns it then). */
    int exitCode();

    /** Releases what a streamed result holds open (a journal). */
    @Override
    default void close() {
    }
}
