package dev.termctl.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NumbersTest {

    private static Numbers.Kind kind(String number) {
        byte[] b = number.getBytes(StandardCharsets.US_ASCII);
        return Numbers.read(b, 0, b.length).kind();
    }

    /** Verdicts serde_json 1.0.150 gives (checked against the oracle in SerdeDifferentialTest's corpus). */
    @ParameterizedTest(name = "{0} is {1}")
    @CsvSource({
        "0, UNSIGNED", "7, UNSIGNED", "18446744073709551615, UNSIGNED", "-9223372036854775808, SIGNED",
        "-1, SIGNED", "-0, FLOAT", "-9223372036854775809, FLOAT", "18446744073709551616, FLOAT", "7.0, FLOAT",
        "1e308, FLOAT", "1e309, OUT_OF_RANGE", "1e400, OUT_OF_RANGE", "-1e400, OUT_OF_RANGE", "1e-400, FLOAT",
        "0e99999999999, FLOAT", "1e2147483648, OUT_OF_RANGE", "1e-2147483648, FLOAT",
        // IEEE would round these to the largest double; serde_json's product overflows.
        "1.7976931348623158e308, OUT_OF_RANGE", "-1.7976931348623158e308, OUT_OF_RANGE",
        "1.7976931348623157e308, FLOAT", "17976931348623157e292, FLOAT",
        // serde-rs/json#953 (fixed in 1.0.89): a '.' after an overflowing integer still needs a digit.
        "18446744073709551616., MALFORMED", "18446744073709551616.5, FLOAT", "18446744073709551616.6, FLOAT",
        "01, MALFORMED", "1., MALFORMED", "1e, MALFORMED", "1e+, MALFORMED", "-, MALFORMED", "-a, MALFORMED"})
    void decides_as_serde_json_does(String number, Numbers.Kind expected) {
        assertEquals(expected, kind(number));
    }

    @Test
    void digits_past_the_twentieth_count_only_toward_the_exponent() {
        // The same value written two ways (verdicts from serde_json itself, via scripts/reddb-oracle):
        // "1.7976931348623157e308" is read, while the 309-digit integer, which keeps 20 digits in its u64
        // and multiplies by 1e289, overflows, though its exact value is below the largest double.
        String integer = "17976931348623157" + "0".repeat(292);
        assertEquals(Numbers.Kind.FLOAT, kind("1.7976931348623157e308"));
        assertEquals(Numbers.Kind.OUT_OF_RANGE, kind(integer));
        assertEquals(Double.MAX_VALUE, new BigDecimal(integer).doubleValue(), "IEEE rounding of the same decimal");
        assertEquals(Numbers.Kind.FLOAT, kind("1797693134862315" + "0".repeat(293)));
        assertEquals(Numbers.Kind.OUT_OF_RANGE, kind("8988465674311579" + "0".repeat(293)));
    }

    @Test
    void the_token_ends_where_serde_json_stops_reading() {
        byte[] b = "12.5e3,".getBytes(StandardCharsets.US_ASCII);
        assertEquals(6, Numbers.read(b, 0, b.length).end());
        byte[] leading = "07".getBytes(StandardCharsets.US_ASCII);
        assertEquals(1, Numbers.read(leading, 0, leading.length).end(), "the offending digit");
    }

    @Test
    void unsigned_to_double_rounds_to_nearest_even_as_rust_does() {
        assertEquals(0x1p64, Numbers.unsignedToDouble(-1L));
        assertEquals(0x1p63, Numbers.unsignedToDouble(Long.MIN_VALUE));
        // 2^63 + 1024 is a tie between 2^63 and 2^63 + 2048: even mantissa wins.
        assertEquals(0x1p63, Numbers.unsignedToDouble(Long.MIN_VALUE + 1024));
        assertEquals(0x1p63 + 2048, Numbers.unsignedToDouble(Long.MIN_VALUE + 1025));
        assertEquals(new BigDecimal("18446744073709549568").doubleValue(), Numbers.unsignedToDouble(-2048L));
    }
}
