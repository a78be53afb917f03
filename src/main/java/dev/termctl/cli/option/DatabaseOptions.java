package dev.termctl.cli.option;

import static dev.termctl.cli.render.Failures.DATA_FILE;
import static dev.termctl.cli.render.Failures.ENV;
import static dev.termctl.cli.render.Failures.WHILE_RUNNING;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.cli.render.Failures;
import dev.termctl.fs.FileFailure;
import dev.termctl.probe.DataFile;
import dev.termctl.probe.ProbeFailure;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The writing commands' check that the database is not running: RedDB rewrites its term file without
 * termctl's lock, so a write while its server runs can be undone or lost. A running server holds an
 * exclusive flock on its data file ({@link DataFile}).
 */
public final class DatabaseOptions {

    @Option(names = DATA_FILE, paramLabel = "FILE",
            description = "The database's data file, checked before anything is written: while a process holds an "
                    + "exclusive flock on it (a running RedDB server holds data.rdb), the command refuses (exit 75) and "
                    + "changes nothing. Default: the " + ENV + " environment variable, else " + DataFile.NAME + " beside "
                    + "the term file, or in its parent directory for a term file in " + DataFile.REPLICATION_DIR + "/ "
                    + "(/var/lib/reddb/replication/term.json: /var/lib/reddb/data.rdb), when it exists; with none, the "
                    + "write says on stderr that the database was not checked. A FILE that does not exist is an error (74).")
    String dataFile;

    @Option(names = WHILE_RUNNING, description = "Write even while the database runs (its data file is locked), "
            + "with a warning on stderr naming the data file and the holder. RedDB rewrites its term file without "
            + "termctl's lock, so it may undo the write.")
    boolean whileRunning;

    /** Why the database was not checked (no data file where the layouts put it); null when it was. */
    private String notChecked;

    /** The note a write (or a dry run of one) gives when the database was not checked; null otherwise. */
    public String notCheckedNote() {
        return notChecked == null ? null : "database " + notChecked;
    }

    /** TERMCTL_DATA_FILE, as a path; null when unset or empty. */
    public static Path fromEnvironment() {
        String file = System.getenv(ENV);
        return file == null || file.isEmpty() ? null : Paths.of(file, ENV);
    }

    /**
     * Checks the data file before a write of the term file {@code termFile} (resolved). Refuses
     * (exit 75) while a server holds it, unless --while-running, which writes on after a warning on
     * {@code err}. Throws what keeps the check from being made: a named data file that does not exist,
     * and (without --while-running) a data file that cannot be checked (74), or whose check could not
     * finish within the lock table's budget (75: it may well pass when retried). With no data file where
     * the layouts put it, remembers that the database was not checked ({@link #notCheckedNote}). {@code command}: the
     * command's name, as its usage errors name it.
     */
    public void check(String command, Path termFile, PrintWriter err) {
        if (dataFile != null && dataFile.isEmpty()) {
            throw Failures.usage(command, "invalid value for option '" + DATA_FILE + "': it is empty; name the database's data"
                    + " file, or leave the option out to check " + DataFile.NAME + " where RedDB keeps it");
        }
        Path named = dataFile != null ? Paths.of(dataFile, DATA_FILE) : fromEnvironment();
        Path file = named != null ? named : DataFile.near(termFile);
        if (file == null) {
            notChecked = Failures.notChecked(DataFile.candidates(termFile), true);
            return;
        }
        DataFile.Holder holder;
        try {
            holder = DataFile.holder(file);
        } catch (RuntimeException e) {
            if (!Failures.isFact(e)) {
                throw e;
            }
            if (e instanceof FileFailure.NotFound) {
                if (named == null) {
                    notChecked = Failures.notChecked(DataFile.candidates(termFile), true);
                    return; // it went away since it was seen: no data file, no check
                }
                throw new TermctlException(ExitCode.IO, Failures.noDataFile(((FileFailure.NotFound) e).path()), e);
            }
            if (!whileRunning) {
                if (e instanceof ProbeFailure.Untold) {
                    throw new TermctlException(ExitCode.LOCKED, Failures.untoldWrite((ProbeFailure.Untold) e), e);
                }
                throw new TermctlException(ExitCode.IO, Failures.uncheckedDataFile(e, named != null), e);
            }
            warn(err, Failures.writingUnchecked(e));
            return;
        }
        if (holder == null) {
            return;
        }
        if (!whileRunning) {
            throw holder.running();
        }
        warn(err, Failures.writingWhileRunning(holder));
    }

    private static void warn(PrintWriter err, String message) {
        if (err != null) {
            err.println("termctl: warning: " + message);
            err.flush();
        }
    }
}
