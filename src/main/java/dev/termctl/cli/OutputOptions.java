package dev.termctl.cli;

import picocli.CommandLine.Option;

/**
 * How a command prints its result. The forms a command offers are one exclusive group
 * ({@code @ArgGroup(exclusive = true)}), so picocli refuses two of them at once. Each group class
 * declares its flags itself (picocli's annotation processor does not follow an argument group's
 * superclass); their names and words are the constants below.
 */
final class OutputOptions {
    private OutputOptions() {
    }

    /** The JSON flag's name: also read before parsing, so that even a usage error is reported as JSON. */
    static final String JSON = "--json";
    static final String JSON_TEXT = "Print JSON on stdout instead of text; errors as JSON on stderr.";
    static final String QUIET = "--quiet";
    static final String Q = "-q";
    static final String QUIET_TEXT = "Print nothing on stdout: the exit code alone speaks.";

    /** JSON or text: history. */
    static final class Json {
        @Option(names = JSON, description = JSON_TEXT)
        boolean json;

        Report.Mode mode() {
            return json ? Report.Mode.JSON : Report.Mode.TEXT;
        }
    }

    /** show's forms: also the bare term. */
    static final class TermOnly {
        @Option(names = JSON, description = JSON_TEXT)
        boolean json;

        @Option(names = {Q, QUIET}, description = QUIET_TEXT)
        boolean quiet;

        @Option(names = "--term-only", description = "Print only the term, exact, for use in $(...); one node only.")
        boolean termOnly;
    }

    /** The mode a group picocli set, or left null when none of its options was given (text). */
    static Report.Mode mode(QuietOutput group) {
        return group == null ? Report.Mode.TEXT : group.quiet ? Report.Mode.QUIET
                : group.json ? Report.Mode.JSON : Report.Mode.TEXT;
    }

    static Report.Mode mode(TermOnly group) {
        return group == null ? Report.Mode.TEXT : group.quiet ? Report.Mode.QUIET : group.json ? Report.Mode.JSON
                : group.termOnly ? Report.Mode.TERM_ONLY : Report.Mode.TEXT;
    }
}
