package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termctl.testing.Cli;
import dev.termctl.testing.Flock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Where termctl finds RedDB's data file (beside the term file, above replication/, or where
 * TERMCTL_DATA_FILE says), and that an unchecked database is never silent; and one layout in every
 * word the operator reads (README, docs, help, man pages).
 */
@Execution(ExecutionMode.CONCURRENT)
class DataFileLayoutIT {
    @TempDir
    Path dir;

    /** RedDB's layout under a scratch root: ROOT/replication/term.json, ROOT/data.rdb. */
    private Path layout() throws Exception {
        Path replication = Files.createDirectories(dir.resolve("reddb/replication"));
        Files.writeString(dir.resolve("reddb/data.rdb"), "pages");
        return Files.writeString(replication.resolve("term.json"), "{\"term\":7}");
    }

    @Test
    void a_server_holding_the_data_file_above_replication_refuses_writes_and_show_names_it() throws Exception {
        Path term = layout();
        Path data = dir.resolve("reddb/data.rdb");
        byte[] before = Files.readAllBytes(term);
        try (Flock server = Flock.hold(data)) {
            Cli.Result dry = new Cli().run("adopt", "--dry-run", "-f", term.toString(), "9").expect(75);
            assertTrue(dry.err().contains("pid " + server.pid()) && dry.err().contains(data.toString()), dry::toString);
            new Cli().run("adopt", "-f", term.toString(), "9").expect(75);
            Cli.Result shown = new Cli().run("show", "-f", term.toString()).expect(0);
            assertTrue(shown.out().contains("database running: pid " + server.pid()), shown::toString);
            assertEquals(data.toString(), new Cli().run("show", "--json", "-f", term.toString()).expect(0).json()
                    .get("database_file").asText());
        }
        assertEquals(new String(before), Files.readString(term), "a refused write changed the file");
        Cli.Result stopped = new Cli().run("show", "-f", term.toString()).expect(0);
        assertTrue(stopped.out().contains("database: not running (no process holds " + data + " locked)"), stopped::toString);
        Cli.Result write = new Cli().run("adopt", "-f", term.toString(), "9").expect(10);
        assertFalse(write.err().contains("not checked"), write::toString);
    }

    @Test
    void termctl_data_file_names_the_data_file_for_show_and_writes() throws Exception {
        Path term = Files.writeString(dir.resolve("term.json"), "{\"term\":7}");
        Path data = Files.writeString(Files.createDirectories(dir.resolve("elsewhere")).resolve("pages.rdb"), "pages");
        try (Flock server = Flock.hold(data)) {
            new Cli().env("TERMCTL_DATA_FILE", data.toString()).run("adopt", "-f", term.toString(), "9").expect(75);
            Cli.Result shown = new Cli().env("TERMCTL_DATA_FILE", data.toString()).run("show", "-f", term.toString());
            assertTrue(shown.expect(0).out().contains("database running: pid " + server.pid()), shown::toString);
            // --data-file wins over the environment.
            Path other = Files.writeString(dir.resolve("other.rdb"), "");
            new Cli().env("TERMCTL_DATA_FILE", data.toString()).run("adopt", "-q", "--data-file", other.toString(), "-f",
                    term.toString(), "9").expect(10);
        }
        Cli.Result missing = new Cli().env("TERMCTL_DATA_FILE", dir.resolve("nope.rdb").toString())
                .run("adopt", "-f", term.toString(), "10").expect(74);
        assertTrue(missing.err().contains("no such data file " + dir.resolve("nope.rdb")), missing::toString);
    }

    @Test
    void an_unchecked_database_is_never_silent() throws Exception {
        Path term = Files.writeString(Files.createDirectories(dir.resolve("replication")).resolve("term.json"),
                "{\"term\":7}");
        Cli.Result shown = new Cli().run("show", "-f", term.toString()).expect(0);
        assertTrue(shown.out().contains("  database: not checked (no " + dir.resolve("replication/data.rdb") + " or "
                + dir.resolve("data.rdb") + "); name the data file with TERMCTL_DATA_FILE=FILE"), shown::toString);
        assertTrue(new Cli().run("show", "--json", "-f", term.toString()).expect(0).json().get("database_file").isNull());
        Cli.Result write = new Cli().run("adopt", "-f", term.toString(), "9").expect(10);
        assertEquals(1, write.err().lines().filter(l -> l.contains("not checked")).count(), write::toString);
        assertTrue(write.err().startsWith("termctl: note: database not checked (no "), write::toString);
        assertTrue(write.err().contains("--data-file FILE"), write::toString);
    }

    @Test
    void the_readme_docs_help_and_man_pages_give_one_layout() throws Exception {
        List<String> texts = new ArrayList<>();
        texts.add("README.md\n" + Files.readString(Cli.BASEDIR.resolve("README.md")));
        for (String tree : List.of("docs", "contrib", "examples")) {
            try (var files = Files.walk(Cli.BASEDIR.resolve(tree))) {
                for (Path p : files.filter(Files::isRegularFile).toList()) {
                    texts.add(p + "\n" + Files.readString(p));
                }
            }
        }
        try (var man = Files.list(Cli.BASEDIR.resolve("target/generated-docs/man"))) {
            for (Path p : man.toList()) {
                texts.add(p + "\n" + Files.readString(p).replace("\\-", "-").replace("\\&", ""));
            }
        }
        // Every help text, from the model that renders it (help wraps a long path at its dots).
        for (picocli.CommandLine c : CommandModel.commandLine(80).getSubcommands().values()) {
            StringBuilder help = new StringBuilder(c.getCommandName() + " --help\n");
            var usage = c.getCommandSpec().usageMessage();
            help.append(String.join("\n", usage.description())).append('\n').append(String.join("\n", usage.footer()));
            c.getCommandSpec().options().forEach(o -> help.append('\n').append(String.join(" ", o.description())));
            texts.add(help.toString());
        }
        Pattern path = Pattern.compile("/var/lib/reddb/[^\\s`'\"),;}]*");
        int seen = 0;
        List<String> wrong = new ArrayList<>();
        for (String text : texts) {
            Matcher m = path.matcher(text);
            while (m.find()) {
                seen++;
                String p = m.group().replaceAll("[.:]$", "");
                if (!List.of("/var/lib/reddb/replication/term.json", "/var/lib/reddb/data.rdb",
                        "/var/lib/reddb/replication/", "/var/lib/reddb/replication").contains(p)) {
                    wrong.add(text.lines().findFirst().orElse("") + ": " + p);
                }
            }
        }
        assertTrue(seen >= 6, "paths of the layout found: " + seen);
        assertTrue(texts.stream().anyMatch(t -> t.startsWith(Cli.BASEDIR.resolve("contrib").toString())
                && t.contains("/var/lib/reddb/replication/term.json")), "contrib/ was scanned");
        // Where data.rdb is said to be by default, the whole rule is said: beside the term file, one
        // level up for a term file under replication/, or TERMCTL_DATA_FILE.
        Pattern beside = Pattern.compile("data\\.rdb\\)?`?\\s+beside\\s+the\\s+term\\s+file");
        // (README and docs/ are being rewritten: the rule there is read by hand.)
        for (String text : texts.stream().filter(t -> !t.startsWith("README.md")
                && !t.startsWith(Cli.BASEDIR.resolve("docs").toString())).toList()) {
            Matcher m = beside.matcher(text);
            while (m.find()) {
                String around = text.substring(Math.max(0, m.start() - 300), Math.min(text.length(), m.end() + 300));
                if (!around.contains("replication/") || !around.contains("TERMCTL_DATA_FILE")) {
                    wrong.add(text.lines().findFirst().orElse("") + ": data.rdb 'beside the term file' alone: "
                            + text.substring(m.start(), m.end()));
                }
            }
        }
        assertEquals(List.of(), wrong, "one layout: /var/lib/reddb/replication/term.json and /var/lib/reddb/data.rdb,"
                + " and the whole rule where termctl looks for data.rdb");
        assertTrue(texts.stream().anyMatch(t -> t.startsWith("adopt --help")
                && t.contains("/var/lib/reddb/replication/term.json: /var/lib/reddb/data.rdb")), "adopt's help gives the layout");
    }
}
