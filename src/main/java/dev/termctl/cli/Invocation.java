package dev.termctl.cli;

import dev.termctl.core.Boundary;
import dev.termctl.core.Term;
import java.time.Duration;

/**
 * One parsed command line: everything {@link Actions} needs, however the arguments were parsed
 * (by picocli or by {@link FastPath}). Two parses of the same arguments must give equal records.
 *
 * @param command       the subcommand's name
 * @param file          the term file as given (-f or TERMCTL_FILE), never empty
 * @param defaultTerm   the term of a missing file
 * @param mode          text, JSON, quiet, or term-only output
 * @param boundary      the boundary of classify and admit-*; null for show and adopt
 * @param term          the incoming TERM; null for show
 * @param write         how a writing command writes; null for show and classify
 */
record Invocation(String command, String file, Term defaultTerm, Report.Mode mode, Boundary boundary, Term term,
        Write write) {

    /**
     * The options of a writing command.
     *
     * @param lockTimeout   how long to wait for the lock
     * @param dryRun        decide and report only
     * @param reason        the operator's --reason, or null
     * @param journal       the journal file (--journal or TERMCTL_JOURNAL), or null
     * @param expectCurrent adopt only if the node is at this term (adopt --expect-current), or null
     * @param create        a missing term file may be created (--create); otherwise it is an error (66)
     * @param noJournal     write no journal entry (--no-journal)
     */
    record Write(Duration lockTimeout, boolean dryRun, String reason, String journal, Term expectCurrent, boolean create,
            boolean noJournal) {
    }
}
