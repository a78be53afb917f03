package dev.termctl.cli;

import dev.termctl.core.Boundary;
import dev.termctl.core.Term;
import java.time.Duration;

/**
 * One parsed command line: everything {@link Execute} needs, however the arguments were parsed
 * (by picocli or by {@link FastPath}). Two parses of the same arguments must give equal records.
 *
 * @param command     the subcommand's name
 * @param file        the term file as given (-f or TERMCTL_FILE), never empty
 * @param defaultTerm the term of a missing file
 * @param mode        text, JSON or quiet output
 * @param boundary    the boundary of classify and admit-*; null for show and adopt
 * @param lockTimeout the lock wait of writing commands; null for show and classify
 * @param term        the incoming TERM; null for show
 */
record Invocation(String command, String file, Term defaultTerm, Report.Mode mode, Boundary boundary,
        Duration lockTimeout, Term term) {
}
