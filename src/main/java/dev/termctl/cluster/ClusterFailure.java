package dev.termctl.cluster;

/**
 * Why a node of a cluster view, or the view itself, could not be read, as facts: a line that is not
 * a node's reading, more nodes or text than one view holds. Never advice, options or exit codes.
 * Expected, so created without a stack trace.
 */
public abstract sealed class ClusterFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String where;

    ClusterFailure(String where) {
        super(null, null, false, false);
        this.where = where;
    }

    /** The input and the line, or the node, the failure is about (no path: an input may be standard input). */
    public String where() {
        return where;
    }

    /** The kind, for a log or a test (never the input's name, which may be another host's text). */
    @Override
    public String getMessage() {
        return getClass().getSimpleName();
    }

    /**
     * A line of another host's show output that is not a node's reading: {@link #where} names the
     * input and the line, {@link #detail} what is wrong and where in it (never the line itself).
     * Never thrown: the node of a cluster view it stands for is unreadable with it.
     */
    public static final class BadLine extends ClusterFailure {
        private static final long serialVersionUID = 1L;
        private final String detail;

        private BadLine(String where, String detail) {
            super(where);
            this.detail = detail;
        }

        public static ClusterFailure of(String where, String detail) {
            return new BadLine(where, detail);
        }

        public String detail() {
            return detail;
        }
    }

    /** More than a view holds: {@link #actual} (0 when unknown) against {@link #limit}, at the node {@link #where}. */
    public static final class TooLarge extends ClusterFailure {
        private static final long serialVersionUID = 1L;

        /** Which bound: the nodes of a view, or the bytes of their names and audit text. */
        public enum Bound { VIEW_NODES, VIEW_BYTES }

        private final Bound bound;
        private final long actual;
        private final long limit;

        private TooLarge(Bound bound, String where, long actual, long limit) {
            super(where);
            this.bound = bound;
            this.actual = actual;
            this.limit = limit;
        }

        public static ClusterFailure of(Bound bound, String where, long actual, long limit) {
            return new TooLarge(bound, where, actual, limit);
        }

        public Bound bound() {
            return bound;
        }

        public long actual() {
            return actual;
        }

        public long limit() {
            return limit;
        }
    }
}
