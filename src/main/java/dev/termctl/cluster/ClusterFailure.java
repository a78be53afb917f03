package dev.termctl.cluster;

import java.nio.file.Path;

/**
 * Why a node of a cluster view, or the view itself, could not be read, as facts: a line that is not
 * a node's reading, more nodes or text than one view holds. Never advice, options or exit codes.
 * Expected, so created without a stack trace.
 */
public abstract sealed class ClusterFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path path;

    ClusterFailure(Path path, Throwable cause) {
        super(null, cause, false, false);
        this.path = path;
    }

    /** Always null: an input is named by {@code where}. */
    public Path path() {
        return path;
    }

    /** The kind and the path, for a log or a test; users read what the command line makes of it. */
    @Override
    public String getMessage() {
        return getClass().getSimpleName() + " " + path;
    }

    /**
     * A line of another host's show output that is not a node's reading: {@link #where} names the
     * input and the line, {@link #detail} what is wrong and where in it (never the line itself).
     * Never thrown: the node of a cluster view it stands for is unreadable with it.
     */
    public static final class BadLine extends ClusterFailure {
        private static final long serialVersionUID = 1L;
        private final String where;
        private final String detail;

        private BadLine(String where, String detail) {
            super(null, null);
            this.where = where;
            this.detail = detail;
        }

        public static ClusterFailure of(String where, String detail) {
            return new BadLine(where, detail);
        }

        public String where() {
            return where;
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
        private final String where;
        private final long actual;
        private final long limit;

        private TooLarge(Bound bound, String where, long actual, long limit) {
            super(null, null);
            this.bound = bound;
            this.where = where;
            this.actual = actual;
            this.limit = limit;
        }

        public static ClusterFailure of(Bound bound, String where, long actual, long limit) {
            return new TooLarge(bound, where, actual, limit);
        }

        public Bound bound() {
            return bound;
        }

        public String where() {
            return where;
        }

        public long actual() {
            return actual;
        }

        public long limit() {
            return limit;
        }
    }
}
