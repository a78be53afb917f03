package dev.termctl;

import dev.termctl.core.Term;

/** termctl's exit statuses: a contract that scripts branch on. Change none of them. */
public final class ExitCode {
    /** Admit (the term equals the node's term), or success for commands without a verdict. */
    public static final int ADMIT = 0;
    /** Usage error: unknown option, no file named, a malformed TERM or option value. */
    public static final int USAGE = 2;
    /** Adopt: the term is newer than the node's; admit-* and adopt persisted it. */
    public static final int ADOPT = 10;
    /** Fenced: the term is older than the node's; nothing changed. */
    public static final int FENCED = 20;
    /** adopt --expect-current N found another current term; nothing changed. */
    public static final int UNEXPECTED = 30;
    /** The file exists but is not a valid term file, or is a last-vote record termctl must not write. */
    public static final int INVALID_FILE = 65;
    /** A writing command found no term file (sysexits EX_NOINPUT); --create starts a new node. */
    public static final int NO_FILE = 66;
    /**
     * Raised by the launcher script, never by the JVM: no Java 17+ runtime, the jar cannot be built, or,
     * as root, a jar, Java, setting or directory that another account could change.
     */
    public static final int UNAVAILABLE = 69;
    /** A termctl bug: an unexpected internal error (reported with its stack trace). */
    public static final int INTERNAL = 70;
    /** An I/O error reading or writing: a directory, a missing directory, no permission, a device. */
    public static final int IO = 74;
    /** Another termctl held the file's lock for longer than --lock-timeout, or the database runs (its data file is locked) or termctl cannot tell. */
    public static final int LOCKED = 75;

    private ExitCode() {
    }

    /**
     * One exit status as users read it: the code and what it means (rendered into the help and man page
     * of each command that returns it, and compared word for word with the README). Which commands
     * return it, each command says itself.
     */
    public record Meaning(int code, String text) {
    }

    /** Every exit status, in numeric order. */
    public static final Meaning[] MEANINGS = {
        new Meaning(ADMIT, "admit: TERM equals the node's current term (for show, history and repair: success)"),
        new Meaning(USAGE, "usage error: an unknown option, no file named, a TERM that is not plain ASCII digits in "
                + "0.." + Term.MAX_TEXT + ", a malformed or too long option value"),
        new Meaning(ADOPT, "adopt: TERM is newer; admit-* and adopt persisted it, classify only reports it"),
        new Meaning(FENCED, "fenced: TERM is older than the current term, nothing changed (show: a node is behind)"),
        new Meaning(UNEXPECTED, "adopt --expect-current N: the node's current term is not N; nothing changed"),
        new Meaning(INVALID_FILE, "the file exists but is not a valid term file, or is a last-vote record termctl must "
                + "not write (history: a damaged journal line; show: no node answered, or fewer than --expect-nodes)"),
        new Meaning(NO_FILE, "no term file: a writing command found none (check the path, or pass --create; nothing "
                + "was created), or history found neither the journal nor the term file"),
        new Meaning(UNAVAILABLE, "the launcher did not start termctl: no Java 17+ runtime, the jar could not be built, "
                + "or, run as root, another account could change the jar, Java, a setting or the clone"),
        new Meaning(INTERNAL, "internal error: a termctl bug (printed with a stack trace; please report it)"),
        new Meaning(IO, "I/O error: a directory, FIFO or device, a missing directory, a refused link, permission "
                + "denied, a --data-file that does not exist"),
        new Meaning(LOCKED, "another process held the file's lock longer than --lock-timeout, or the database is running "
                + "(its data file is locked) or termctl cannot tell whether it is; nothing changed"),
    };

    /** The meaning of {@code code}. */
    public static Meaning meaning(int code) {
        for (Meaning m : MEANINGS) {
            if (m.code() == code) {
                return m;
            }
        }
        throw new IllegalArgumentException("no exit code " + code);
    }
}
