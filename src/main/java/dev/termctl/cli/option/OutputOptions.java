package dev.termctl.cli.option;

import dev.termctl.cli.render.Renderer;
import picocli.CommandLine.Option;

/**
 * How a command prints its result. The forms a command offers are one exclusive group
 * ({@code @ArgGroup(exclusive = true)}), so picocli refuses two of them at once. Each group class
 * declares its flags itself (picocli's annotation processor does not follow an argument group's
 * superclass); their names and words are the constants below.
 */
public final class OutputOptions {
    private OutputOptions() {
    }

    /** The JSON flag's name: also read before parsing, so that even a usage error is reported as JSON. */
    public static final String JSON = "--json";
    static final String JSON_TEXT = "Print one JSON object on stdout instead of text, a failure's too (with \"error\" and "
            + "\"exit_code\"); the error's line still goes to stderr.";
    static final String QUIET = "--quiet";
    static final String Q = "-q";
    public static final String O = "-o";
    public static final String OUTPUT = "--output";
    static final String QUIET_TEXT = "Print nothing on stdout: the exit code alone speaks.";

    /** JSON or text: history. */
    public static final class Json {
        @Option(names = JSON, description = JSON_TEXT)
        boolean json;

        public Renderer.Format mode() {
            return json ? Renderer.Format.JSON : Renderer.Format.TEXT;
        }
    }

    /** show's forms: also the bare term. */
    public static final class TermOnly {
        @Option(names = JSON, description = JSON_TEXT)
        boolean json;

        @Option(names = {Q, QUIET}, description = QUIET_TEXT)
        boolean quiet;

        @Option(names = "--term-only", description = "Print only the term, exact, for use in $(...); one node only.")
        boolean termOnly;

        @Option(names = {O, OUTPUT}, paramLabel = "FORMAT", converter = OutputFormat.Converter.class,
                completionCandidates = OutputFormat.Converter.class,
                description = "Print as ${COMPLETION-CANDIDATES}: prometheus is the text format of node_exporter's "
                        + "textfile collector (docs/monitoring.md). --json is -o json.")
        OutputFormat output;
    }

    /**
     * The output form {@code args} ask for, read before parsing: a usage error must be reported in
     * the form asked for (JSON, one object on stdout) even when the line does not parse.
     */
    public static Renderer.Format requested(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                break;
            }
            if (arg.equals(JSON) || arg.equals(OUTPUT + "=json") || arg.equals(O + "json")
                    || ((arg.equals(O) || arg.equals(OUTPUT)) && i + 1 < args.length && args[i + 1].equals("json"))) {
                return Renderer.Format.JSON;
            }
        }
        return Renderer.Format.TEXT;
    }

    /** The mode a group picocli set, or left null when none of its options was given (text). */
    public static Renderer.Format mode(QuietOutput group) {
        return group == null ? Renderer.Format.TEXT : group.quiet ? Renderer.Format.QUIET
                : group.json ? Renderer.Format.JSON : Renderer.Format.TEXT;
    }

    public static Renderer.Format mode(TermOnly group) {
        return group == null ? Renderer.Format.TEXT : group.quiet ? Renderer.Format.QUIET : group.json ? Renderer.Format.JSON
                : group.termOnly ? Renderer.Format.TERM_ONLY : group.output != null ? group.output.format
                : Renderer.Format.TEXT;
    }
}
