package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.termctl.testing.Cli;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * history streams the journal: 250,000 entries, through the packaged command, in a 32 MiB heap,
 * where holding them all (as termctl once did: 1.2 GB a million, so ~300 MB here, nine times the
 * heap) ends in an OutOfMemoryError; beyond the declared bound on term files followed, a one-line
 * refusal.
 */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class HistoryBoundsIT {
    /** Enough entries that holding them would need nine times the heap, few enough to run in seconds. */
    static final int ENTRIES = 250_000;

    /** docs/files.md (README before): "more than 1,000 term files in one read (-f FILE follows one) are refused (65)". */
    static final int DOCUMENTED_MAX_FILES = 1000;

    @TempDir
    Path dir;

    /** A journal of {@code n} writes of one file, 1 -> 2 -> ... -> n + 1, and the file at n + 1. */
    private Path journal(int n) throws IOException {
        Path term = Files.writeString(dir.resolve("term.json"), "{\"term\":" + (n + 1) + "}");
        Path journal = dir.resolve("term.json.journal");
        try (BufferedWriter w = Files.newBufferedWriter(journal)) {
            for (int i = 1; i <= n; i++) {
                w.write("{\"time\":\"2026-11-26T05:10:00Z\",\"user\":\"ops\",\"host\":\"db-1\",\"file\":\"" + term
                        + "\",\"command\":\"adopt\",\"before\":" + i + ",\"after\":" + (i + 1)
                        + ",\"reason\":\"INC-" + i + "\"}\n");
            }
        }
        return journal;
    }

    @Test
    void history_json_of_250_000_entries_streams_in_a_32_MiB_heap() throws Exception {
        Path journal = journal(ENTRIES);
        Cli small = new Cli().heap("32m", dir);
        Cli.Result json = small.run("history", "--json", "--journal", journal.toString()).expect(0);
        assertTrue(json.err().isEmpty(), json.err());
        int entries = 0;
        try (JsonParser p = new JsonFactory().createParser(json.out())) {
            assertEquals(JsonToken.START_OBJECT, p.nextToken());
            assertEquals("file", p.nextFieldName());
            p.nextToken();
            assertEquals("journal", p.nextFieldName());
            assertEquals(journal.toAbsolutePath().toString(), p.nextTextValue());
            assertEquals("entries", p.nextFieldName());
            assertEquals(JsonToken.START_ARRAY, p.nextToken());
            for (JsonToken t = p.nextToken(); t == JsonToken.START_OBJECT; t = p.nextToken()) {
                entries++;
                p.skipChildren();
            }
            assertEquals(JsonToken.END_OBJECT, p.nextToken(), "the array ends the object");
            assertEquals(null, p.nextToken(), "one object, nothing after it");
        }
        assertEquals(ENTRIES, entries);
        assertTrue(json.out().endsWith("\"reason\":\"INC-" + ENTRIES + "\",\"completed\":true}]}\n"),
                () -> json.out().substring(json.out().length() - 200));

    }

    @Test
    void the_history_table_is_streamed_too_and_marks_the_last_write_that_did_not_complete() throws Exception {
        int n = ENTRIES;
        Path journal = journal(n);
        Files.writeString(dir.resolve("term.json"), "{\"term\":" + n + "}");
        Cli.Result text = new Cli().heap("32m", dir).run("history", "--journal", journal.toString())
                .expect(0);
        String out = text.out();
        assertEquals(n + 1, out.chars().filter(c -> c == '\n').count());
        assertTrue(out.endsWith(n + " -> " + (n + 1) + " (not completed)  INC-" + n + "\n"),
                () -> out.substring(out.length() - 200));
        assertEquals(1, out.split(" \\(not completed\\)", -1).length - 1, "only the last write is incomplete");
    }

    @Test
    void a_journal_naming_more_term_files_than_a_read_follows_is_refused_in_one_line() throws Exception {
        // More term files than one read follows: the documented 1,000, written here rather than read from
        // the code, so a changed bound fails this test instead of moving it along.
        Path journal = dir.resolve("journal");
        try (BufferedWriter w = Files.newBufferedWriter(journal)) {
            for (int i = 0; i <= DOCUMENTED_MAX_FILES; i++) {
                w.write("{\"file\":\"" + dir.resolve("t" + i) + "\",\"before\":1,\"after\":2}\n");
            }
        }
        Cli.Result files = new Cli().run("history", "--journal", journal.toString()).expect(65);
        assertTrue(files.err().contains("names more than " + DOCUMENTED_MAX_FILES + " term files"), files::toString);
        assertEquals(1, files.err().lines().count(), files::toString);
        // -f FILE follows one, however many the journal names.
        new Cli().run("history", "--journal", journal.toString(), "-f", dir.resolve("t5").toString()).expect(0);
    }
}
