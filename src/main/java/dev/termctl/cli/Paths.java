package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/** File names from the command line, refused when they cannot name a file exactly. */
final class Paths {
    private Paths() {
    }

    static Path of(String file, String option) {
        if (file.indexOf('\uFFFD') >= 0) {
            // The JVM decodes arguments in the locale's encoding and replaces what it cannot decode:
            // the name would no longer be the file's, so termctl would read or create another file.
            throw new TermctlException(ExitCode.USAGE, "invalid value for option '" + option + "': '" + file
                    + "' cannot be named exactly: it holds bytes that are not valid in the locale's encoding ("
                    + System.getProperty("sun.jnu.encoding") + "); rename the file, or run termctl in a UTF-8 locale");
        }
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            throw new TermctlException(ExitCode.USAGE, "invalid value for option '" + option + "': '" + file + "': "
                    + e.getReason());
        }
    }
}
