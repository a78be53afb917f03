package dev.termctl.cli.option;

import dev.termctl.cli.render.Durations;
import dev.termctl.core.Boundary;
import dev.termctl.core.Term;
import java.time.Duration;

/**
 * The typed values of options and arguments, by the type picocli's model gives them: one converter
 * each, used by picocli (through its ITypeConverter adapters), by {@code FastPath} to check and set a
 * value. Throws IllegalArgumentException with
 * the message users see.
 */
public final class Values {
    private Values() {
    }

    static Term term(String s) {
        try {
            return Term.parse(s);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + s + "' " + e.getMessage(), e);
        }
    }

    static Duration duration(String s) {
        return Durations.parse(s);
    }

    static Boundary boundary(String s) {
        Boundary b = Boundary.byLabel(s);
        if (b == null) {
            StringBuilder labels = new StringBuilder();
            for (Boundary each : Boundary.values()) {
                labels.append(labels.length() == 0 ? "" : ", ").append(each.label());
            }
            throw new IllegalArgumentException("'" + s + "' is not a boundary; use one of: " + labels);
        }
        return b;
    }

    /** A count (--expect-nodes, --last): ASCII digits, 0 to 2147483647. */
    static Integer count(String s) {
        boolean digits = !s.isEmpty() && s.length() <= 10;
        for (int i = 0; digits && i < s.length(); i++) {
            digits = s.charAt(i) >= '0' && s.charAt(i) <= '9';
        }
        if (!digits || Long.parseLong(s) > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("'" + s + "' is not a whole number; give it in digits, e.g. 3");
        }
        return Integer.valueOf(s);
    }

    /** {@code value} as the type named in the model table. */
    public static Object convert(String type, String value) {
        switch (type) {
            case "Term": return term(value);
            case "Duration": return duration(value);
            case "Boundary": return boundary(value);
            case "Integer": return count(value);
            case "OutputFormat": return OutputFormat.of(value);
            default: return value;
        }
    }

    /** Checks {@code value} against a type named as in the model table; false when it does not convert. */
    public static boolean valid(String type, String value) {
        try {
            switch (type) {
                case "Term": term(value); return true;
                case "Duration": duration(value); return true;
                case "Boundary": boundary(value); return true;
                case "Integer": count(value); return true;
                case "OutputFormat": OutputFormat.of(value); return true;
                default: return true;
            }
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
