package dev.termctl.format;

/**
 * A file refused by {@link TermReader}: its class, where (null when the whole file is at fault) and
 * a message in an operator's words that never quotes the file's content.
 */
public final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;

    private final Problem problem;
    private final transient Position position;

    public Refusal(Problem problem, Position position, String message) {
        super(message, null, false, false);
        this.problem = problem;
        this.position = position;
    }

    public Problem problem() {
        return problem;
    }

    /** Where the problem is; null for one of the whole file (empty, too large, UTF-16). */
    public Position position() {
        return position;
    }
}
