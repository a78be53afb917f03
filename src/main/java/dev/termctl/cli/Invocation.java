package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.core.Boundary;
import dev.termctl.core.Term;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One parsed command line, however it was parsed (by picocli, or by {@link FastPath} from the
 * table picocli's model generates): the command, the values of the options given (by each option's
 * longest name), the defaults of the others, and the positional arguments. Two parses of the same
 * arguments give equal records; {@link Actions} reads typed values out of it.
 *
 * @param given       the options on the command line: name to values (a flag: ["true"])
 * @param defaults    the default values of the options not given, after ${env:...} (absent: none)
 * @param positionals the arguments, in order
 */
record Invocation(String command, Map<String, List<String>> given, Map<String, String> defaults,
        List<String> positionals) {

    /** Whether the option was given on the command line (a flag: set). */
    boolean has(String option) {
        return given.containsKey(option);
    }

    /** The option's value: the last given, else its default; null when neither. */
    String text(String option) {
        List<String> v = given.get(option);
        String s = v == null || v.isEmpty() ? defaults.get(option) : v.get(v.size() - 1);
        return s;
    }

    /** Every value given for a repeatable option, else its default as the only one, else none. */
    List<String> all(String option) {
        List<String> v = given.get(option);
        if (v != null) {
            return v;
        }
        String d = defaults.get(option);
        return d == null || d.isEmpty() ? List.of() : List.of(d);
    }

    Term term(String option) {
        String s = text(option);
        return s == null ? null : Values.term(s);
    }

    Duration duration(String option) {
        return Values.duration(text(option));
    }

    Boundary boundary(String option) {
        return Values.boundary(text(option));
    }

    /** The positional TERM, when the command takes one. */
    Term term() {
        return positionals.isEmpty() ? null : Values.term(positionals.get(positionals.size() - 1));
    }

    /** A usage error found after parsing (a combination, not a single value): exit 2. */
    TermctlException usage(String message) {
        return new TermctlException(ExitCode.USAGE, message + "; see 'termctl " + command + " --help'");
    }
}
