package dev.termctl.fence;

import dev.termctl.core.Term;
import java.util.ArrayList;
import java.util.List;

/**
 * Several nodes' terms side by side: each node's state under the highest term, counts that
 * partition the nodes, and the one verdict for all. Pure: the terms are read elsewhere.
 */
public final class ClusterVerdict {

    /** A node's state: at the highest term, behind it, at the default term (no file), or unreadable. */
    public enum State {
        CURRENT, STALE, DEFAULT, INVALID;

        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** The worst of the nodes: any unreadable beats any behind beats all current. */
    public enum Worst { ALL_CURRENT, BEHIND, INVALID }

    /** One node as read: its term (null when unreadable) and whether its file exists. */
    public record Reading(Term term, boolean exists) {
    }

    private final List<State> states = new ArrayList<>();
    private final Term highest;
    private final int[] counts = new int[State.values().length];
    private final Worst worst;

    public ClusterVerdict(List<Reading> nodes) {
        Term top = null;
        for (Reading n : nodes) {
            if (n.term() != null && (top == null || n.term().isAfter(top))) {
                top = n.term();
            }
        }
        highest = top;
        boolean behind = false;
        for (Reading n : nodes) {
            State s = n.term() == null ? State.INVALID : !n.exists() ? State.DEFAULT
                    : n.term().equals(top) ? State.CURRENT : State.STALE;
            // A node at the default term is counted once, as default, yet a default behind the highest is behind.
            behind |= s == State.STALE || (s == State.DEFAULT && n.term().isBefore(top));
            states.add(s);
            counts[s.ordinal()]++;
        }
        worst = counts[State.INVALID.ordinal()] > 0 ? Worst.INVALID : behind ? Worst.BEHIND : Worst.ALL_CURRENT;
    }

    public State state(int node) {
        return states.get(node);
    }

    /** The highest term of the readable nodes; null when none is readable. */
    public Term highest() {
        return highest;
    }

    /** How many nodes are in {@code state}; the counts of all states add up to the nodes. */
    public int count(State state) {
        return counts[state.ordinal()];
    }

    public Worst worst() {
        return worst;
    }

    /** How far {@code term} is behind the highest, exactly over the whole unsigned range. */
    public String behindBy(Term term) {
        return Long.toUnsignedString(highest.bits() - term.bits());
    }
}
