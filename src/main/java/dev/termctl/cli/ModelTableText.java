package dev.termctl.cli;

/**
 * The fast parser's table (see {@link ModelTable}). This source is a placeholder that has none: the
 * build (DocGen, right after compiling) replaces its class with one generated from the picocli
 * model. A class, not a resource: reading a resource would open the jar, which a run with a
 * class-data archive otherwise never does (~5 ms).
 */
final class ModelTableText {
    private ModelTableText() {
    }

    /** The table's text, or null in this placeholder. */
    static String text() {
        return null;
    }
}
