package dev.termctl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

class RedDb110Test {

    private static final BigInteger I64_MAX = BigInteger.valueOf(Long.MAX_VALUE);

    /** 1.10's write, computed independently: the decimal rounded to 53 significant bits, then clamped to i64. */
    private static BigInteger written(BigInteger t) {
        int drop = Math.max(0, t.bitLength() - 53);
        BigInteger rounded = drop == 0 ? t : t.shiftRight(drop).add(roundBit(t)).shiftLeft(drop);
        return rounded.min(I64_MAX);
    }

    /** Round-half-even of t to 53 significant bits: 1 to add to the truncated mantissa, or 0. */
    private static BigInteger roundBit(BigInteger t) {
        int drop = t.bitLength() - 53;
        BigInteger kept = t.shiftRight(drop);
        BigInteger rest = t.subtract(kept.shiftLeft(drop));
        BigInteger half = BigInteger.ONE.shiftLeft(drop - 1);
        int cmp = rest.compareTo(half);
        return cmp > 0 || cmp == 0 && kept.testBit(0) ? BigInteger.ONE : BigInteger.ZERO;
    }

    @Test
    void the_write_ceiling_starts_at_two_to_the_63_minus_512() {
        // The smallest term 1.10 writes as i64::MAX, found by search over the independent computation.
        BigInteger lo = BigInteger.ONE.shiftLeft(62);
        BigInteger hi = BigInteger.ONE.shiftLeft(63);
        while (lo.compareTo(hi) < 0) {
            BigInteger mid = lo.add(hi).shiftRight(1);
            if (written(mid).equals(I64_MAX)) {
                hi = mid;
            } else {
                lo = mid.add(BigInteger.ONE);
            }
        }
        assertEquals(BigInteger.ONE.shiftLeft(63).subtract(BigInteger.valueOf(512)), lo);
        assertEquals(lo.toString(), RedDb110.WRITE_CEILING_FROM.toString());
        assertEquals(RedDb110.WRITE_CEILING, RedDb110.writes(RedDb110.WRITE_CEILING_FROM));
        assertEquals(Term.parse("9223372036854774784"), RedDb110.writes(Term.parse("9223372036854775295")));
        assertEquals(RedDb110.WRITE_CEILING, RedDb110.writes(Term.MAX));
    }

    @Test
    void writes_agrees_with_the_independent_computation() {
        java.util.SplittableRandom random = new java.util.SplittableRandom(110);
        for (int i = 0; i < 20_000; i++) {
            long bits = i % 2 == 0 ? random.nextLong() : Long.MAX_VALUE - random.nextInt(4096);
            Term t = new Term(bits);
            assertEquals(written(new BigInteger(t.toString())).toString(), RedDb110.writes(t).toString(), t::toString);
        }
    }

    @Test
    void the_note_names_the_true_range() {
        String note = String.join(" ", RedDb110.notes(RedDb110.WRITE_CEILING));
        assertTrue(note.contains("any term of 9223372036854775296 (2^63 - 512) or more"), note);
    }
}
