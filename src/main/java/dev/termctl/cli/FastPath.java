package dev.termctl.cli;

import dev.termctl.core.Boundary;
import dev.termctl.core.Term;

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

    /**
     * The invocation {@code args} describe, or null to let picocli parse them.
     *
     * @param envFile    the value of TERMCTL_FILE, or null
     * @param envJournal the value of TERMCTL_JOURNAL, or null
     */
    static Invocation parse(String[] args, String envFile, String envJournal) {
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
        String reason = null;
        String journal = null;
        String expect = null;
        boolean json = false;
        boolean quiet = false;
        boolean termOnly = false;
        boolean dryRun = false;
        boolean create = false;
        boolean noJournal = false;
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
                case "--reason":
                    if (!writes || reason != null || value == null || value.startsWith("-")) {
                        return null;
                    }
                    reason = value;
                    break;
                case "--journal":
                    if (!writes || journal != null || !usable(value)) {
                        return null;
                    }
                    journal = value;
                    break;
                case "--expect-current":
                    if (!command.equals("adopt") || expect != null || !usable(value)) {
                        return null;
                    }
                    expect = value;
                    break;
                case "--dry-run":
                    if (!writes || dryRun || value != null) {
                        return null;
                    }
                    dryRun = true;
                    break;
                case "--create":
                    if (!writes || create || value != null) {
                        return null;
                    }
                    create = true;
                    break;
                case "--no-journal":
                    if (!writes || noJournal || value != null) {
                        return null;
                    }
                    noJournal = true;
                    break;
                case "--term-only":
                    if (!show || termOnly || value != null) {
                        return null;
                    }
                    termOnly = true;
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
        if (journal == null && envJournal != null && !envJournal.isEmpty()) {
            journal = envJournal;
        }
        int modes = (json ? 1 : 0) + (quiet ? 1 : 0) + (termOnly ? 1 : 0);
        if (file == null || file.isEmpty() || modes > 1 || (!show && term == null)) {
            return null;
        }
        try {
            Report.Mode mode = quiet ? Report.Mode.QUIET : json ? Report.Mode.JSON : termOnly ? Report.Mode.TERM_ONLY
                    : Report.Mode.TEXT;
            Boundary b = classify ? Boundary.byLabel(boundary == null ? "apply" : boundary) : fixedBoundary;
            if (classify && b == null) {
                return null;
            }
            Invocation.Write write = !writes ? null : new Invocation.Write(
                    Durations.parse(lockTimeout == null ? "10s" : lockTimeout), dryRun, reason, journal,
                    expect == null ? null : Term.parse(expect), create, noJournal);
            return new Invocation(command, file, Term.parse(defaultTerm == null ? "1" : defaultTerm), mode, b,
                    term == null ? null : Term.parse(term), write);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static boolean isValued(String name) {
        return name.equals("-f") || name.equals("--file") || name.equals("--default-term") || name.equals("--boundary")
                || name.equals("--lock-timeout") || name.equals("--reason") || name.equals("--journal")
                || name.equals("--expect-current");
    }

    private static boolean usable(String value) {
        return value != null && !value.isEmpty() && !value.startsWith("-");
    }
}
