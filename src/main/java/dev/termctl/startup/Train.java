package dev.termctl.startup;

import dev.termctl.cli.Main;
import dev.termctl.cli.Runner;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The launcher's training run for the class-data archive (JDK 17-24) or AOT cache (JDK 25+): runs
 * every command once in a scratch directory the launcher names, so that the archive holds every
 * class a real run loads. Not a user command.
 *
 * <p>Usage: {@code Train DIR [picocli]}. With {@code picocli} it also runs help and a usage error,
 * for a JDK 17 class-data archive, where archived classes cost nothing until used. A JDK 25 AOT
 * cache loads and links every class it holds at startup, and picocli's (Java 5 bytecode) cannot be
 * cached, so there they would be read from the jar on every run: the launcher leaves them out.
 */
public final class Train {
    private Train() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        String term = dir.resolve("term.json").toString();
        String bad = Files.writeString(dir.resolve("bad.json"), "{\"term\":7.5}").toString();
        String journal = dir.resolve("journal").toString();
        // As on a database host: the database's data file beside the term file (not running), checked by every run.
        Files.writeString(dir.resolve("data.rdb"), "");
        String[][] runs = {
            {"show", "-f", term},
            {"adopt", "--create", "-f", term, "5"},
            {"admit-record", "-f", term, "5"},
            {"admit-handshake", "--json", "-f", term, "6"},
            {"classify", "--boundary", "lease", "-f", term, "4"},
            {"classify", "-q", "-f", term, "9"},
            {"show", "--json", "-f", term},
            {"adopt", "--json", "-f", bad, "8"},
            {"show", "-f", bad},
            {"adopt", "--dry-run", "-f", term, "9"},
            {"adopt", "--no-journal", "-f", term, "6"},
            {"adopt", "--reason", "training", "--journal", journal, "--expect-current", "6", "-f", term, "7"},
            {"show", "--term-only", "-f", term},
        };
        String[][] picocli = {
            {"adopt", "--help"},
            {"classify", "-f", term, "+7"},
            {"show", term, bad},
            {"history", "--journal", journal},
            {"repair", "--reason", "training", "-f", bad, "9"},
        };
        // Loaded here so that the archive holds the real entry point too.
        Class<?> entry = Main.class;
        PrintWriter sink = new PrintWriter(Writer.nullWriter(), false);
        for (String[] run : runs) {
            Runner.run(sink, sink, run);
        }
        if (args.length > 1 && args[1].equals("picocli")) {
            for (String[] run : picocli) {
                Runner.run(sink, sink, run);
            }
        }
        sink.print(entry.getName());
    }
}
