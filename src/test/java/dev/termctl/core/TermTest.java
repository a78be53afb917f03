package dev.termctl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TermTest {

    @ParameterizedTest
    @ValueSource(strings = {"0", "1", "7", "9223372036854775807", "9223372036854775808", "18446744073709551614",
            "18446744073709551615"})
    void parses_every_value_of_the_unsigned_range_exactly(String text) {
        Term t = Term.parse(text);
        assertEquals(text, t.toString());
        assertEquals(new BigInteger(text), new BigInteger(Long.toUnsignedString(t.bits())));
    }

    @Test
    void leading_zeros_are_plain_digits() {
        assertEquals(new Term(7), Term.parse("007"));
        assertEquals(Term.MAX, Term.parse("00018446744073709551615"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"18446744073709551616", "18446744073709551620", "99999999999999999999",
            "100000000000000000000", "184467440737095516150"})
    void rejects_values_above_the_largest_term(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Term.parse(text));
        assertTrue(e.getMessage().contains("above the largest term"), e.getMessage());
    }

    /** Everything Long.parseUnsignedLong or a shell typo might let through that is not plain ASCII digits. */
    @ParameterizedTest
    @ValueSource(strings = {"+7", "-7", "-0", " 7", "7 ", "7\n", "7.0", "7e0", "0x7", "1_000", "1,000",
            "\u0667", "\uFF17", "\u0967", "\u00B2", "seven", "7L", "\u200B7"})
    void rejects_anything_but_ascii_digits(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Term.parse(text));
        assertTrue(e.getMessage().contains("ASCII digits"), e.getMessage());
    }

    @Test
    void equal_terms_are_equal_and_hash_alike_across_the_whole_range() {
        // Term's equals and hashCode are written by hand (the record's would cost startup): check them.
        assertEquals(Term.parse("18446744073709551615"), Term.MAX);
        assertEquals(Term.MAX.hashCode(), new Term(-1L).hashCode());
        assertTrue(!new Term(0).equals(new Term(1)) && !Term.MAX.equals(new Term(Long.MAX_VALUE)));
        assertTrue(!new Term(7).equals("7") && !new Term(7).equals(null));
    }

    @Test
    void rejects_empty_text() {
        assertThrows(IllegalArgumentException.class, () -> Term.parse(""));
    }

    @Test
    void orders_terms_as_unsigned_numbers() {
        Term belowHalf = Term.parse("9223372036854775807");
        Term half = Term.parse("9223372036854775808");
        assertTrue(half.isAfter(belowHalf), "2^63 must be after 2^63-1 although its long is negative");
        assertTrue(Term.MAX.isAfter(half));
        assertTrue(new Term(0).isBefore(Term.MAX));
        assertEquals(0, Term.MAX.compareTo(Term.parse("18446744073709551615")));
    }
}
