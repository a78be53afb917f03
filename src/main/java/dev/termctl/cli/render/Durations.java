package dev.termctl.cli.render;

import java.time.Duration;

/** Durations as operators type them: 500ms, 10s, 2m, 1h. */
public final class Durations {
    private Durations() {
    }

    /**
     * Parses a duration without touching picocli, so that the fast path can use it: picocli's
     * classes cannot be archived, and loading one costs a run ~10 ms.
     */
    public static Duration parse(String value) {
        int unit = 0;
        while (unit < value.length() && value.charAt(unit) >= '0' && value.charAt(unit) <= '9') {
            unit++;
        }
        if (unit == 0 || unit > 9) {
            throw new IllegalArgumentException("'" + value + "' is not a duration; write a whole number and a unit: "
                    + "500ms, 10s, 2m, 1h");
        }
        long n = Long.parseLong(value.substring(0, unit));
        Duration d;
        switch (value.substring(unit)) {
            case "ms": d = Duration.ofMillis(n); break;
            case "s": d = Duration.ofSeconds(n); break;
            case "m": d = Duration.ofMinutes(n); break;
            case "h": d = Duration.ofHours(n); break;
            default:
                throw new IllegalArgumentException("'" + value + "' is not a duration; write a whole number and a unit: "
                        + "500ms, 10s, 2m, 1h");
        }
        if (d.compareTo(MAX) > 0) {
            throw new IllegalArgumentException("'" + value + "' is longer than the longest lock timeout, " + MAX_TEXT);
        }
        return d;
    }

    /** {@code d} as an operator would type it: 10s, 2m, 500ms. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1000 == 0 && ms > 0) {
            return ms / 1000 + "s";
        }
        return ms + "ms";
    }

    /** The longest --lock-timeout: a writer that waits longer is stuck, not patient. */
    public static final String MAX_TEXT = "24h";
    private static final Duration MAX = Duration.ofHours(24);
}
