package dev.termctl.cli.option;

import dev.termctl.core.Term;
import picocli.CommandLine.Parameters;

/** The incoming TERM of the commands that decide or write one. */
public final class TermArgument {
    /** The argument's name in help and messages. */
    public static final String LABEL = "TERM";

    @Parameters(paramLabel = LABEL, converter = TermConverter.class,
            description = "The incoming term: ASCII digits, 0 to " + Term.MAX_TEXT + ".")
    public Term term;
}
