package dev.termctl.core;

/**
 * A replication term: an unsigned 64-bit number held in a {@code long}'s bits.
 *
 * <p>Java's {@code long} is signed, so ordering and text always go through the unsigned helpers;
 * terms above 2^63-1 would otherwise compare as negative and a fence would run backwards.
 */
public record Term(long bits) implements Comparable<Term> {

    /** The largest term, 2^64-1. */
    public static final Term MAX = new Term(-1L);

    /** The term of a node that has never written its term file (RedDB's DEFAULT_REPLICATION_TERM). */
    public static final Term DEFAULT = new Term(1L);

    /** The text of {@link #MAX}, quoted in messages. */
    public static final String MAX_TEXT = "18446744073709551615";

    private static final long MAX_DIV_10 = Long.divideUnsigned(-1L, 10);
    private static final long MAX_MOD_10 = Long.remainderUnsigned(-1L, 10);

    /**
     * Parses a term written as plain ASCII digits, the only form termctl accepts.
     *
     * <p>Java's own parsers also take a leading '+' and digits of other scripts (Arabic-Indic,
     * full-width...), which would let a typo or a pasted glyph name a real term; this does not.
     *
     * @throws IllegalArgumentException with a message fit to follow the offending text
     */
    public static Term parse(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("is empty; a term is a whole number from 0 to " + MAX_TEXT);
        }
        long value = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new IllegalArgumentException(
                        "is not a term: use only the ASCII digits 0-9 (no sign, space, separator or other character)");
            }
            int digit = c - '0';
            if (Long.compareUnsigned(value, MAX_DIV_10) > 0 || (value == MAX_DIV_10 && digit > MAX_MOD_10)) {
                throw new IllegalArgumentException("is above the largest term " + MAX_TEXT);
            }
            value = value * 10 + digit;
        }
        return new Term(value);
    }

    @Override
    public int compareTo(Term other) {
        return Long.compareUnsigned(bits, other.bits);
    }

    public boolean isAfter(Term other) {
        return compareTo(other) > 0;
    }

    public boolean isBefore(Term other) {
        return compareTo(other) < 0;
    }

    // equals and hashCode by hand: a record's generated ones bootstrap through invokedynamic
    // (ObjectMethods), spinning method handles that cost a cold run ~20 ms the first time a term is compared.
    @Override
    public boolean equals(Object other) {
        return other instanceof Term && ((Term) other).bits == bits;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(bits);
    }

    /** The exact decimal value, 0 to 18446744073709551615. */
    @Override
    public String toString() {
        return Long.toUnsignedString(bits);
    }
}
