package dev.termctl.core;

import java.util.ArrayList;
import java.util.List;

/**
 * How RedDB 1.10 sees a term: its JSON reader held every number as an f64, and its writer cast
 * terms to an i64. Current RedDB reads and writes terms exactly; these notes are for clusters that
 * still run a 1.10 node.
 */
public final class RedDb110 {

    /** The term RedDB 1.10 writes for any term of {@link #WRITE_CEILING_FROM} or more. */
    public static final Term WRITE_CEILING = new Term(Long.MAX_VALUE);

    /**
     * The smallest term 1.10 writes as {@link #WRITE_CEILING}: 2^63 - 512. 1.10 converts the term
     * to an f64 and then to an i64, saturating; from 2^63 - 512 up the f64 rounds to 2^63 (doubles
     * there are 1024 apart, and the tie goes to the even 2^63), which the cast clamps.
     */
    public static final Term WRITE_CEILING_FROM = new Term(Long.MAX_VALUE - 511);

    /** Terms up to this read exactly through an f64. */
    private static final long EXACT_LIMIT = 1L << 53;

    private RedDb110() {
    }

    /** The term 1.10 reads from a file holding {@code t}: the nearest f64, then a saturating cast to u64. */
    public static Term reads(Term t) {
        long bits = t.bits();
        if (bits >= 0 && bits <= EXACT_LIMIT) {
            return t;
        }
        // Unsigned long to double with one rounding: halve (keeping the lost bit sticky), convert, double.
        double d = bits >= 0 ? (double) bits : (double) ((bits >>> 1) | (bits & 1)) * 2.0;
        if (d >= 0x1p64) {
            return Term.MAX;
        }
        // d is an even integer above 2^53, so halving, converting and shifting back is exact.
        return new Term(((long) (d / 2.0)) << 1);
    }

    /** The term 1.10 writes for {@code t}: the nearest f64, then a saturating cast to i64 (never negative here). */
    public static Term writes(Term t) {
        double d = unsignedToDouble(t.bits());
        return d >= 0x1p63 ? WRITE_CEILING : new Term((long) d);
    }

    private static double unsignedToDouble(long bits) {
        return bits >= 0 ? (double) bits : (double) ((bits >>> 1) | (bits & 1)) * 2.0;
    }

    /** What an operator with RedDB 1.10 nodes should know about {@code t}; empty for ordinary terms. */
    public static List<String> notes(Term t) {
        List<String> notes = new ArrayList<>(2);
        Term read = reads(t);
        if (!read.equals(t)) {
            notes.add("RedDB 1.10 would read term " + t + " as " + read
                    + " (it holds terms in a 64-bit float, exact only up to 2^53 = " + EXACT_LIMIT + ")");
        }
        if (t.equals(WRITE_CEILING)) {
            notes.add("term " + t + " is the value RedDB 1.10 writes for any term of " + WRITE_CEILING_FROM
                    + " (2^63 - 512) or more; the node's real term may be higher");
        }
        return notes;
    }
}
