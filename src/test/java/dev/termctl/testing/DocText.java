package dev.termctl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The project's Markdown as tests read it. A passage a test pins is marked, never found by its
 * heading, so headings can be reworded and sections moved:
 *
 * <pre>
 * &lt;!-- termctl:NAME --&gt;
 * ...
 * &lt;!-- /termctl:NAME --&gt;
 * </pre>
 *
 * CONTRIBUTING.md lists the markers and the tests that read them.
 */
public final class DocText {
    private DocText() {
    }

    /** The README. */
    public static final Path README = Cli.BASEDIR.resolve("README.md");

    /** {@code docs/NAME}. */
    public static Path doc(String name) {
        return Cli.BASEDIR.resolve("docs").resolve(name);
    }

    /** Every Markdown file a reader is pointed at: README, CONTRIBUTING, docs/*.md, examples/README.md. */
    public static List<Path> markdown() {
        List<Path> files = new ArrayList<>(List.of(README, Cli.BASEDIR.resolve("CONTRIBUTING.md")));
        try (Stream<Path> docs = Files.list(Cli.BASEDIR.resolve("docs"))) {
            docs.filter(p -> p.toString().endsWith(".md")).sorted().forEach(files::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        files.add(Cli.BASEDIR.resolve("examples/README.md"));
        return files;
    }

    /** The lines between the markers of {@code name} in {@code file}, which must hold exactly one such pair. */
    public static String section(Path file, String name) {
        String text = read(file);
        String open = "<!-- termctl:" + name + " -->\n";
        String close = "<!-- /termctl:" + name + " -->";
        int from = text.indexOf(open);
        int to = text.indexOf(close);
        if (from < 0 || to < from) {
            throw new AssertionError(Cli.BASEDIR.relativize(file) + " has no passage marked " + open.strip() + " ... " + close
                    + ": a test reads it (CONTRIBUTING.md, \"Docs the tests pin\")");
        }
        if (text.indexOf(open, from + 1) >= 0) {
            throw new AssertionError(Cli.BASEDIR.relativize(file) + " marks " + name + " twice");
        }
        return text.substring(from + open.length(), to);
    }

    /** The line number (from 1) where the passage {@code name} starts in {@code file}: its first line after the marker. */
    public static int sectionLine(Path file, String name) {
        String text = read(file);
        int from = text.indexOf("<!-- termctl:" + name + " -->\n");
        return (int) text.substring(0, from).chars().filter(c -> c == '\n').count() + 2;
    }

    public static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
