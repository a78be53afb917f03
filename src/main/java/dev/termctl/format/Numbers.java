package dev.termctl.format;

/**
 * Reads one JSON number token the way RedDB's reader does: serde_json 1.0.150 with its default
 * features (no {@code float_roundtrip}, no {@code arbitrary_precision}). serde_json keeps an integer
 * in a u64 (or an i64 when negative) while it fits; any other number becomes an f64 built from at
 * most about 19 significant digits held in a u64 (later digits only count toward the exponent) and
 * scaled by a table of powers of ten, with an error where that product overflows. So whether a
 * number near the f64 maximum is accepted is decided by that arithmetic, not by the IEEE range:
 * this class follows serde_json's {@code parse_integer}, {@code parse_decimal},
 * {@code parse_exponent} and {@code f64_from_parts} step for step.
 */
public final class Numbers {

    /** What a number token turned out to be. */
    public enum Kind {
        /** An integer in 0..2^64-1 without fraction or exponent: the only kind a term can be. */
        UNSIGNED,
        /** A negative integer that fits an i64. */
        SIGNED,
        /** Anything else that serde_json holds as a finite f64. */
        FLOAT,
        /** Malformed: a leading zero, no digit where one must be. */
        MALFORMED,
        /** Well formed, but serde_json refuses it as out of range for an f64. */
        OUT_OF_RANGE
    }

    /**
     * One number token.
     *
     * @param kind  what it is
     * @param end   the offset just after the token; for MALFORMED, the offset of the offending byte
     * @param bits  the value for UNSIGNED (as unsigned bits) and SIGNED
     */
    public record Token(Kind kind, int end, long bits) {
    }

    private static final long U64_MAX_DIV_10 = Long.divideUnsigned(-1L, 10); // 1844674407370955161
    private static final long U64_MAX_MOD_10 = Long.remainderUnsigned(-1L, 10); // 5

    /**
     * serde_json's POW10 table: 1e0 to 1e308, each the correctly rounded double. In a holder class,
     * made on first use: parsing 309 decimals costs ~4 ms of a start, and an integer (every term)
     * never needs it.
     */
    private static final class Pow10 {
        static final double[] TABLE = new double[309];

        static {
            for (int i = 0; i < TABLE.length; i++) {
                TABLE[i] = Double.parseDouble("1e" + i);
            }
        }
    }

    private Numbers() {
    }

    /**
     * Reads the number starting at {@code start} (a '-' or a digit) in {@code s}, which ends at
     * {@code limit}.
     */
    public static Token read(byte[] s, int start, int limit) {
        return new Reader(s, start, limit).number();
    }

    /** The parser state: one token, read once. */
    private static final class Reader {
        private final byte[] s;
        private final int limit;
        private int i;

        Reader(byte[] s, int start, int limit) {
            this.s = s;
            this.i = start;
            this.limit = limit;
        }

        /** The byte at the cursor, or 0 at the end (serde_json's peek_or_null). */
        private int peek() {
            return i < limit ? s[i] & 0xff : 0;
        }

        private static boolean digit(int c) {
            return c >= '0' && c <= '9';
        }

        private Token malformed() {
            return new Token(Kind.MALFORMED, i, 0);
        }

        private Token outOfRange() {
            return new Token(Kind.OUT_OF_RANGE, i, 0);
        }

        Token number() {
            boolean positive = true;
            if (peek() == '-') {
                positive = false;
                i++;
            }
            return integer(positive);
        }

        /** serde_json's parse_integer: digits kept in a u64 until the next one would overflow it. */
        private Token integer(boolean positive) {
            int c = peek();
            if (!digit(c)) {
                return malformed();
            }
            i++;
            if (c == '0') {
                // There can be only one leading zero.
                return digit(peek()) ? malformed() : afterInteger(positive, 0);
            }
            long significand = c - '0';
            while (digit(peek())) {
                int d = peek() - '0';
                if (overflowsU64(significand, d)) {
                    return longInteger(positive, significand);
                }
                i++;
                significand = significand * 10 + d;
            }
            return afterInteger(positive, significand);
        }

        /** serde_json's parse_number: an integer, or the start of a fraction or exponent. */
        private Token afterInteger(boolean positive, long significand) {
            int c = peek();
            if (c == '.') {
                return decimal(positive, significand, 0);
            }
            if (c == 'e' || c == 'E') {
                return exponent(positive, significand, 0);
            }
            if (positive) {
                return new Token(Kind.UNSIGNED, i, significand);
            }
            // -0 and integers below i64::MIN become floats: finite either way.
            long negated = -significand;
            return negated >= 0 ? new Token(Kind.FLOAT, i, 0) : new Token(Kind.SIGNED, i, negated);
        }

        /** serde_json's parse_long_integer: further integer digits only raise the exponent. */
        private Token longInteger(boolean positive, long significand) {
            int exponent = 0;
            while (digit(peek())) {
                i++;
                exponent++;
            }
            int c = peek();
            if (c == '.') {
                return decimal(positive, significand, exponent);
            }
            if (c == 'e' || c == 'E') {
                return exponent(positive, significand, exponent);
            }
            return fromParts(positive, significand, exponent);
        }

        /**
         * serde_json's parse_decimal (since 1.0.89, serde-rs/json#953: at least one digit after the
         * point, counted apart from the integer digits that overflowed).
         */
        private Token decimal(boolean positive, long significand, int exponentBeforePoint) {
            i++; // the '.'
            int exponentAfterPoint = 0;
            while (digit(peek())) {
                int d = peek() - '0';
                if (overflowsU64(significand, d)) {
                    // Further fraction digits are ignored (parse_decimal_overflow).
                    while (digit(peek())) {
                        i++;
                    }
                    int c = peek();
                    int exponent = exponentBeforePoint + exponentAfterPoint;
                    return c == 'e' || c == 'E' ? exponent(positive, significand, exponent)
                            : fromParts(positive, significand, exponent);
                }
                i++;
                significand = significand * 10 + d;
                exponentAfterPoint--;
            }
            if (exponentAfterPoint == 0) {
                return malformed();
            }
            int exponent = exponentBeforePoint + exponentAfterPoint;
            int c = peek();
            return c == 'e' || c == 'E' ? exponent(positive, significand, exponent) : fromParts(positive, significand, exponent);
        }

        /** serde_json's parse_exponent, with its handling of exponents beyond an i32. */
        private Token exponent(boolean positive, long significand, int startingExponent) {
            i++; // the 'e' or 'E'
            boolean positiveExponent = true;
            if (peek() == '+') {
                i++;
            } else if (peek() == '-') {
                positiveExponent = false;
                i++;
            }
            int c = peek();
            if (!digit(c)) {
                return malformed();
            }
            i++;
            int exp = c - '0';
            while (digit(peek())) {
                int d = peek() - '0';
                i++;
                if (exp >= Integer.MAX_VALUE / 10 && (exp > Integer.MAX_VALUE / 10 || d > Integer.MAX_VALUE % 10)) {
                    // parse_exponent_overflow: infinity is an error, a vanishing number is zero.
                    if (significand != 0 && positiveExponent) {
                        return outOfRange();
                    }
                    while (digit(peek())) {
                        i++;
                    }
                    return new Token(Kind.FLOAT, i, 0);
                }
                exp = exp * 10 + d;
            }
            int finalExponent = positiveExponent ? saturatingAdd(startingExponent, exp) : saturatingAdd(startingExponent, -exp);
            return fromParts(positive, significand, finalExponent);
        }

        /** serde_json's f64_from_parts without float_roundtrip: the u64 as an f64, times or over powers of ten. */
        private Token fromParts(boolean positive, long significand, int exponent) {
            double f = unsignedToDouble(significand);
            while (true) {
                // exponent.wrapping_abs() as usize: i32::MIN stays negative, so it is never in the table.
                int abs = exponent == Integer.MIN_VALUE ? -1 : Math.abs(exponent);
                if (abs >= 0 && abs < Pow10.TABLE.length) {
                    if (exponent >= 0) {
                        f *= Pow10.TABLE[abs];
                        if (Double.isInfinite(f)) {
                            return outOfRange();
                        }
                    } else {
                        f /= Pow10.TABLE[abs];
                    }
                    break;
                }
                if (f == 0.0) {
                    break;
                }
                if (exponent >= 0) {
                    return outOfRange();
                }
                f /= 1e308;
                exponent += 308;
            }
            return new Token(Kind.FLOAT, i, 0);
        }
    }

    /** serde_json's overflow! macro for u64: would {@code a * 10 + d} exceed u64::MAX? */
    static boolean overflowsU64(long a, int d) {
        int cmp = Long.compareUnsigned(a, U64_MAX_DIV_10);
        return cmp >= 0 && (cmp > 0 || d > U64_MAX_MOD_10);
    }

    private static int saturatingAdd(int a, int b) {
        long sum = (long) a + b;
        return sum > Integer.MAX_VALUE ? Integer.MAX_VALUE : sum < Integer.MIN_VALUE ? Integer.MIN_VALUE : (int) sum;
    }

    /** Rust's {@code u64 as f64}: the nearest double, ties to even. */
    static double unsignedToDouble(long bits) {
        if (bits >= 0) {
            return bits;
        }
        // Halve, keeping the lost bit sticky so the one rounding happens in the conversion, then double.
        return ((bits >>> 1) | (bits & 1)) * 2.0;
    }
}
