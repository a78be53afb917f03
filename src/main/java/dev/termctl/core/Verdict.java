package dev.termctl.core;

/**
 * The fence's decision on one incoming term against a node's current term.
 *
 * @param kind     admit, adopt or fenced
 * @param boundary where the term arrived; null for an operator's direct {@code adopt}
 * @param incoming the term being admitted
 * @param current  the node's term when the decision was taken
 */
public record Verdict(Kind kind, Boundary boundary, Term incoming, Term current) {

    /** The three outcomes of the term rule. */
    public enum Kind {
        /** incoming == current: admitted at the live term. */
        ADMIT("admit"),
        /** incoming &gt; current: a newer timeline; the node must persist it, then admit. */
        ADOPT("adopt"),
        /** incoming &lt; current: a superseded sender, refused. */
        FENCED("fenced");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** The term rule. Pure: it reads and writes nothing. */
    public static Verdict decide(Boundary boundary, Term incoming, Term current) {
        int order = incoming.compareTo(current);
        Kind kind = order == 0 ? Kind.ADMIT : order > 0 ? Kind.ADOPT : Kind.FENCED;
        return new Verdict(kind, boundary, incoming, current);
    }

    /** True when the message is let through, at the live term or after adopting a newer one. */
    public boolean isAdmitted() {
        return kind != Kind.FENCED;
    }

    /** True when acting on this verdict means persisting {@link #incoming()} as the new term. */
    public boolean adopts() {
        return kind == Kind.ADOPT;
    }
}
