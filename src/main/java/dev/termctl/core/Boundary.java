package dev.termctl.core;

/**
 * Where a term-stamped message meets the fence. The rule is the same at every boundary; the
 * boundary only says, in reports, what was being admitted.
 */
public enum Boundary {
    /** A replicated (WAL or logical) record being applied on a replica. */
    APPLY("apply"),
    /** A replication stream handshake declaring the sender's term. */
    HANDSHAKE("handshake"),
    /** A writer lease stamped with the term it was taken under. */
    LEASE("lease");

    private final String label;

    Boundary(String label) {
        this.label = label;
    }

    /** The lower-case name used on the command line and in JSON. */
    public String label() {
        return label;
    }

    /** The boundary named {@code label}, or null if there is none. */
    public static Boundary byLabel(String label) {
        for (Boundary b : values()) {
            if (b.label.equals(label)) {
                return b;
            }
        }
        return null;
    }
}
