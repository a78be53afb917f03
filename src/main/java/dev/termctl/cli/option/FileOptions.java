package dev.termctl.cli.option;

import dev.termctl.cli.render.Failures;
import dev.termctl.core.Term;
import dev.termctl.store.FileTermStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import picocli.CommandLine.Option;

/** Which term file a command reads or writes: -f, declared here once for every command that takes it. */
public final class FileOptions {
    private FileOptions() {
    }

    private static final String TERMCTL_FILE = "${env:TERMCTL_FILE}";

    /** TERMCTL_FILE, for show with no file named; null when unset or empty. */
    public static String fromEnvironment() {
        String file = System.getenv(TERMCTL_FILE.substring(6, TERMCTL_FILE.length() - 1));
        return file == null || file.isEmpty() ? null : file;
    }

    private static final String SHORT = "-f";
    private static final String LONG = "--file";

    /**
     * The file a command line names (its last -f, or TERMCTL_FILE), absolute, read from the raw
     * arguments: a usage error's JSON object names it although the line did not parse. Null when none.
     */
    public static String named(String[] args) {
        String flagged = flagged(args);
        return flagged != null ? flagged : absolute(fromEnvironment());
    }

    /** The file the last -f of {@code args} names, absolute; null when no -f is given. */
    public static String flagged(String[] args) {
        String file = null;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--")) {
                break;
            }
            if ((arg.equals(SHORT) || arg.equals(LONG)) && i + 1 < args.length) {
                file = args[++i];
            } else if (arg.startsWith(LONG + "=")) {
                file = arg.substring(LONG.length() + 1);
            } else if (arg.startsWith(SHORT) && arg.length() > 2 && arg.charAt(2) != '-') {
                file = arg.substring(2);
            }
        }
        return absolute(file);
    }

    /** {@code file} as an absolute path, or as given when it names no path; null for none. */
    public static String absolute(String file) {
        if (file == null || file.isEmpty()) {
            return null;
        }
        try {
            return Path.of(file).toAbsolutePath().normalize().toString();
        } catch (java.nio.file.InvalidPathException e) {
            return file;
        }
    }

    /** One node's term file: every command but show and history. A second -f is a usage error. */
    public static final class One {
        @Option(names = {SHORT, LONG}, paramLabel = "FILE", defaultValue = TERMCTL_FILE,
                description = "The node's term file. Default: the TERMCTL_FILE environment variable.")
        public String file;

        /** The store made by {@link #store}, once made. */
        private FileTermStore opened;

        /** The store of the file named, waiting up to {@code lockTimeout} for a writer's lock; {@code command}: the command's name. */
        public FileTermStore store(String command, Term defaultTerm, Duration lockTimeout) {
            if (file == null || file.isEmpty()) {
                throw Failures.usage(command, "no term file named: give -f FILE, or set the TERMCTL_FILE environment variable");
            }
            opened = new FileTermStore(path(file), defaultTerm, lockTimeout);
            return opened;
        }

        /** The file, absolute, as results name it (resolved once its store is made); null when none was named. */
        public String describe() {
            return opened != null ? opened.describe() : absolute(file);
        }
    }

    /** Several nodes' files (show's cluster view): -f may repeat. */
    public static final class Several {
        // No defaultValue: the environment's file is shown only when no file is named at all.
        @Option(names = {SHORT, LONG}, paramLabel = "FILE",
                description = "A node's term file; repeat it for a cluster view. Default (when no file is named): "
                        + "the TERMCTL_FILE environment variable.")
        public List<String> files;
    }

    /** A file named on the command line (with -f, or as an argument of show). */
    public static Path path(String file) {
        return Paths.of(file, LONG);
    }

    /** history's filter: the writes to one term file. */
    public static final class Journaled {
        @Option(names = {SHORT, LONG}, paramLabel = "FILE",
                description = "The writes to this term file: from its journal (FILE.journal), or from --journal.")
        public String file;

        public Path path() {
            return file == null ? null : FileOptions.path(file);
        }
    }

    /** The term of a node with no file: for the commands that read a term, not for repair or history. */
    public static final class DefaultTerm {
        @Option(names = "--default-term", paramLabel = "N", converter = TermConverter.class,
                description = "The term of a node whose term file does not exist (default: ${DEFAULT-VALUE}).")
        public Term defaultTerm = Term.DEFAULT;
    }
}
