package dev.termctl.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class VerdictTest {
    private static Verdict decide(String incoming, String current) {
        return Verdict.decide(Boundary.APPLY, Term.parse(incoming), Term.parse(current));
    }

    @Test
    void equal_term_is_admitted_at_the_live_term() {
        Verdict v = decide("5", "5");
        assertEquals(Verdict.Kind.ADMIT, v.kind());
        assertTrue(v.isAdmitted());
        assertFalse(v.adopts());
    }

    @Test
    void newer_term_is_adopted() {
        Verdict v = decide("8", "5");
        assertEquals(Verdict.Kind.ADOPT, v.kind());
        assertTrue(v.isAdmitted());
        assertTrue(v.adopts());
    }

    @Test
    void older_term_is_fenced_and_keeps_both_terms_for_the_report() {
        Verdict v = decide("4", "5");
        assertEquals(new Verdict(Verdict.Kind.FENCED, Boundary.APPLY, new Term(4), new Term(5)), v);
        assertFalse(v.isAdmitted());
    }

    @Test
    void the_rule_is_unsigned_across_the_sign_bit() {
        assertEquals(Verdict.Kind.ADOPT, decide("9223372036854775808", "9223372036854775807").kind());
        assertEquals(Verdict.Kind.FENCED, decide("9223372036854775807", "18446744073709551615").kind());
        assertEquals(Verdict.Kind.ADMIT, decide("18446744073709551615", "18446744073709551615").kind());
        assertEquals(Verdict.Kind.FENCED, decide("0", "1").kind());
    }

    @Test
    void every_boundary_applies_the_same_rule() {
        for (Boundary b : Boundary.values()) {
            assertEquals(Verdict.Kind.FENCED, Verdict.decide(b, new Term(6), new Term(7)).kind());
            assertEquals(b, Boundary.byLabel(b.label()));
        }
    }
}
