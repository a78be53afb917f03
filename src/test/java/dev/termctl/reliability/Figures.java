package dev.termctl.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Figures of the reliability suite (trials, kills, faults, inputs, failures), one line per
 * record in target/reliability/figures.tsv, which scripts/reliability prints as a table.
 */
public final class Figures {
    private static final Path FILE = Path.of(System.getProperty("termctl.basedir", "."), "target", "reliability", "figures.tsv");

    private Figures() {
    }

    /** How many runs a long test makes: the default, scaled by -Dtermctl.reliability.scale=N. */
    public static int scaled(int base) {
        return base * Integer.getInteger("termctl.reliability.scale", 1);
    }

    public static synchronized void record(String test, String what, long count) {
        try {
            Files.createDirectories(FILE.getParent());
            Files.writeString(FILE, test + "\t" + what + "\t" + count + "\n", StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
