package dev.termctl.startup;

import dev.termctl.cli.Main;
import dev.termctl.cli.Runner;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's training run for the class-data archive (JDK 17-24) or AOT cache (JDK 25+): runs
 * every command once in a scratch directory the launcher names, so that the archive holds every
 * class a real run loads. Not a user command. The command lines are in the resource
 * {@value #RUNS}, beside this class, so that no option's name is written here. Reading it loads
 * ~40 JDK classes a run does not (URL handlers, a reader of the JDK's module image): free in a
 * JDK 17 archive until used, and loaded by every run from a JDK 25 AOT cache, where no cost showed
 * (three caches of each build, interleaved runs: the caches differed more among themselves).
 *
 * <p>It journals nothing but its own journal in DIR, and refuses to run with any TERMCTL_*, JAVA_*
 * or JDK_* variable set: the launcher runs it in an empty environment, in DIR, which it made private.
 *
 * <p>Usage: {@code Train DIR [picocli]}. With {@code picocli} it also runs help and a usage error,
 * for a JDK 17 class-data archive, where archived classes cost nothing until used. A JDK 25 AOT
 * cache loads and links every class it holds at startup, and picocli's (Java 5 bytecode) cannot be
 * cached, so there they would be read from the jar on every run: the launcher leaves them out.
 */
public final class Train {
    /** The training command lines: one a line; TERM, BAD and JOURNAL name files in DIR. */
    static final String RUNS = "train.args";

    /** Where the runs that go through picocli (help, usage errors) start in {@link #RUNS}. */
    private static final String PICOCLI = "[picocli]";

    private Train() {
    }

    public static void main(String[] args) throws IOException {
        for (String name : System.getenv().keySet()) {
            if (name.startsWith("TERMCTL_") || name.startsWith("JAVA_") || name.startsWith("JDK_")) {
                // The caller's journal or files would be the training's: the launcher runs it with none.
                System.err.println("Train: refusing to run with " + name + " set");
                System.exit(2);
            }
        }
        // Loaded here so that the archive holds the real entry point too.
        Class<?> entry = Main.class;
        PrintWriter sink = new PrintWriter(Writer.nullWriter(), false);
        train(Path.of(args[0]), args.length > 1 && args[1].equals("picocli"), sink);
        sink.print(entry.getName());
    }

    /** Runs the training command lines on files in {@code dir}; returns their exit codes, in order. */
    static int[] train(Path dir, boolean picocli, PrintWriter sink) throws IOException {
        String term = dir.resolve("term.json").toString();
        String bad = Files.writeString(dir.resolve("bad.json"), "{\"term\":7.5}").toString();
        String journal = dir.resolve("journal").toString();
        // As on a database host: the database's data file beside the term file (not running), checked by every run.
        Files.writeString(dir.resolve("data.rdb"), "");
        List<String[]> runs = runs(picocli);
        int[] codes = new int[runs.size()];
        for (int r = 0; r < codes.length; r++) {
            String[] run = runs.get(r);
            for (int i = 0; i < run.length; i++) {
                run[i] = run[i].equals("TERM") ? term : run[i].equals("BAD") ? bad
                        : run[i].equals("JOURNAL") ? journal : run[i];
            }
            codes[r] = Runner.run(sink, sink, run);
        }
        return codes;
    }

    /** The command lines of {@link #RUNS}, those after {@code [picocli]} only with {@code picocli}. */
    static List<String[]> runs(boolean picocli) throws IOException {
        List<String[]> runs = new ArrayList<>();
        try (InputStream in = Train.class.getResourceAsStream(RUNS)) {
            if (in == null) {
                throw new IOException("no " + RUNS + " beside " + Train.class.getName());
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.equals(PICOCLI) && !picocli) {
                    break;
                }
                if (!line.isBlank() && !line.startsWith("#") && !line.equals(PICOCLI)) {
                    runs.add(line.split(" "));
                }
            }
        }
        return runs;
    }
}
