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

    /**
     * The worst of the view: any unreadable node, or fewer nodes than expected (a node that did not
     * answer; with no expectation, no node at all), beats any behind, which beats all current.
     */
    public enum Worst { ALL_CURRENT, BEHIND, INCOMPLETE, INVALID }

    /** One node as read: its term (null when unreadable) and whether its file exists. */
    public record Reading(Term term, boolean exists) {
    }

    private final List<State> states = new ArrayList<>();
    private final Term highest;
    private final int[] counts = new int[State.values().length];
    private final Worst worst;
    private final int expected;

    /** The verdict on {@code nodes}, with no expectation of how many there are. */
    public ClusterVerdict(List<Reading> nodes) {
        this(nodes, 0);
    }

    /** The verdict on {@code nodes}, which should be at least {@code expected} distinct nodes (0: any number). */
    public ClusterVerdict(List<Reading> nodes, int expected) {
        this.expected = expected;
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
        worst = counts[State.INVALID.ordinal()] > 0 ? Worst.INVALID : missing() > 0 ? Worst.INCOMPLETE
                : behind ? Worst.BEHIND : Worst.ALL_CURRENT;
    }

    /** How many nodes were expected; 0 when any number was. */
    public int expected() {
        return expected;
    }

    /**
     * How many expected nodes are not in the view. A view nobody answered is never healthy: at least
     * one node is always expected, so an empty view with no expectation misses one.
     */
    public int missing() {
        return Math.max(0, Math.max(1, expected) - states.size());
    }

    /**
     * True when nodes answered but not one has a term file: each reads as the default term, so the
     * view would look healthy (a mistyped path on every host, or term files that are gone).
     */
    public boolean noTermFile() {
        return !states.isEmpty() && counts[State.DEFAULT.ordinal()] == states.size();
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
