package dev.termctl;

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
    /** Raised by the launcher script, never by the JVM: no Java 17+ runtime, or the jar cannot be built. */
    public static final int UNAVAILABLE = 69;
    /** A termctl bug: an unexpected internal error (reported with its stack trace). */
    public static final int INTERNAL = 70;
    /** An I/O error reading or writing: a directory, a missing directory, no permission, a device. */
    public static final int IO = 74;
    /** Another termctl held the file's lock for longer than --lock-timeout. */
    public static final int LOCKED = 75;

    private ExitCode() {
    }
}
