package dev.termctl;

/**
 * An expected failure: a bad file, an I/O error, a lock timeout. It carries the exit status the
 * command ends with and a message for the user (no stack trace: these are not bugs).
 */
public final class TermctlException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int exitCode;

    public TermctlException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public TermctlException(int exitCode, String message, Throwable cause) {
        super(message, cause, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
