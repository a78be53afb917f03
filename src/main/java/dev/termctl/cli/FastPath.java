package dev.termctl.cli;

import dev.termctl.core.Boundary;
import dev.termctl.core.Term;
import java.time.Duration;

/**
 * A startup shortcut: parses the common, well-formed command lines without building the picocli
 * model, which costs more than the rest of a run together. It declines (returns null) anything
 * it is not sure of: help, version, unknown or repeated options, attached short options, "--",
 * values that look like options, bad values, missing arguments. picocli then parses those and
 * gives its full help and error messages. Where it accepts, it must produce exactly the
 * invocation picocli would; {@code FastPathTest} checks that on many generated command lines.
 */
final class FastPath {
    private FastPath() {
    }

    /** The invocation {@code args} describe, or null to let picocli parse them. */
    static Invocation parse(String[] args, String envFile) {
        if (args.length == 0) {
            return null;
        }
        String command = args[0];
        boolean show = command.equals("show");
        boolean classify = command.equals("classify");
        Boundary fixedBoundary = null;
        switch (command) {
            case "show":
            case "classify":
            case "adopt":
                break;
            case "admit-record":
                fixedBoundary = Boundary.APPLY;
                break;
            case "admit-handshake":
                fixedBoundary = Boundary.HANDSHAKE;
                break;
            default:
                return null;
        }
        boolean writes = !show && !classify;
        String file = null;
        String defaultTerm = null;
        String boundary = null;
        String lockTimeout = null;
        String term = null;
        boolean json = false;
        boolean quiet = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 2) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            } else if (isValued(arg)) {
                value = i + 1 < args.length ? args[++i] : null;
            }
            switch (name) {
                case "-f":
                case "--file":
                    if (file != null || !usable(value)) {
                        return null;
                    }
                    file = value;
                    break;
                case "--default-term":
                    if (defaultTerm != null || !usable(value)) {
                        return null;
                    }
                    defaultTerm = value;
                    break;
                case "--boundary":
                    if (!classify || boundary != null || !usable(value)) {
                        return null;
                    }
                    boundary = value;
                    break;
                case "--lock-timeout":
                    if (!writes || lockTimeout != null || !usable(value)) {
                        return null;
                    }
                    lockTimeout = value;
                    break;
                case "--json":
                    if (json || value != null) {
                        return null;
                    }
                    json = true;
                    break;
                case "-q":
                case "--quiet":
                    if (quiet || value != null) {
                        return null;
                    }
                    quiet = true;
                    break;
                default:
                    if (show || term != null || arg.startsWith("-")) {
                        return null;
                    }
                    term = arg;
            }
        }
        if (file == null) {
            file = envFile;
        }
        if (file == null || file.isEmpty() || (json && quiet) || (!show && term == null)) {
            return null;
        }
        try {
            Report.Mode mode = quiet ? Report.Mode.QUIET : json ? Report.Mode.JSON : Report.Mode.TEXT;
            Boundary b = classify ? Boundary.byLabel(boundary == null ? "apply" : boundary) : fixedBoundary;
            if (classify && b == null) {
                return null;
            }
            Duration wait = writes ? new DurationConverter().convert(lockTimeout == null ? "10s" : lockTimeout) : null;
            return new Invocation(command, file, Term.parse(defaultTerm == null ? "1" : defaultTerm), mode, b, wait,
                    term == null ? null : Term.parse(term));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isValued(String name) {
        return name.equals("-f") || name.equals("--file") || name.equals("--default-term") || name.equals("--boundary")
                || name.equals("--lock-timeout");
    }

    private static boolean usable(String value) {
        return value != null && !value.isEmpty() && !value.startsWith("-");
    }
}
