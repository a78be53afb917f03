package dev.termctl.reliability;

import dev.termctl.format.TermFileFormat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.termctl.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of an adopting termctl across the whole write path, hundreds of times: a hidden fault plan
 * (termctl.faults) stops each run at a step drawn at random, and the kill lands there. After every
 * kill the file holds the old or the new term, never anything else, and the next run succeeds.
 */
class CrashIT {
    /** The fault plan's pause points, in the order a write meets them; a kill lands at one of them. */
    private static final String[] STEPS = {"resolved", "locked", "create_temp", "write_temp", "fsync_temp", "rename",
        "fsync_dir"};

    @TempDir
    Path dir;

    private long temps(Path file) throws Exception {
        String prefix = "." + file.getFileName() + ".termctl-";
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).count();
        }
    }

    @Test
    void a_kill_anywhere_leaves_the_old_or_the_new_term_and_never_a_damaged_file() throws Exception {
        Path file = Files.writeString(dir.resolve("term.json"), "{\n  \"term\": 100,\n  \"node\": \"b\"\n}\n");
        Path journal = dir.resolve("journal");
        long journaled = 0;
        Cli cli = new Cli();
        Random random = new Random(835);
        int kills = Figures.scaled(150);
        long oldKept = 0;
        long newWritten = 0;
        long tempsLeft = 0;
        long current = 100;
        for (int i = 0; i < kills; i++) {
            String step = STEPS[random.nextInt(STEPS.length)];
            long next = current + 1 + random.nextInt(5);
            // The run says where it stopped and waits; the kill lands exactly there, however busy
            // the machine is (a kill timed by the clock lands wherever a slow JVM start happens to be).
            // Every pause point comes after the run's first read of the file: a run that reaches its
            // pause point has read what the previous kill left (one that could not would exit 65
            // first, and pausedAt fails), so no separate run is needed to prove the file readable.
            try (Cli.Running run = cli.pausedAt(step, "adopt", "-q", "--journal", journal.toString(), "-f",
                    file.toString(), Long.toString(next))) {
                run.kill();
            }

            byte[] bytes = Files.readAllBytes(file);
            TermFileFormat.Document parsed = TermFileFormat.parse(bytes);
            long now = Long.parseLong(parsed.term().toString());
            String text = new String(bytes, StandardCharsets.UTF_8);
            final long before = current;
            assertTrue(now == before || now == next, () -> "after a kill the file holds " + text);
            assertTrue(text.contains("\"node\": \"b\""), () -> "lost another member: " + text);
            if (now == next) {
                // The entry goes to the journal, fsynced, before the rename: a term that reached the
                // file is always in the journal.
                String entries = Files.exists(journal) ? Files.readString(journal) : "";
                assertTrue(entries.contains("\"after\":" + next + ","), () -> "term " + next + " written but not"
                        + " journaled:\n" + entries);
                journaled++;
                newWritten++;
            } else {
                oldKept++;
            }
            current = now;
            tempsLeft += temps(file);

            // Now and then a write runs to the end: it removes any temp file the kills left.
            if (i % 10 == 9) {
                current++;
                cli.run("adopt", "-q", "--journal", journal.toString(), "-f", file.toString(), Long.toString(current))
                        .expect(10);
                assertEquals(0, temps(file), "a writer left or kept a temp file");
            }
        }
        // After the last kill: show reads the term the file holds, and history reads every journal
        // line the killed runs and the completed ones appended (a kill at a pause point never tears one).
        assertEquals(current, cli.run("show", "--json", "-f", file.toString()).expect(0).json().get("term").asLong());
        long lines = Files.readAllLines(journal).size();
        JsonNode history = cli.run("history", "--json", "--journal", journal.toString()).expect(0).json().get("entries");
        assertEquals(lines, history.size(), history::toString);
        Figures.record("CrashIT", "kills", kills);
        Figures.record("CrashIT", "old term kept", oldKept);
        Figures.record("CrashIT", "new term written", newWritten);
        Figures.record("CrashIT", "temp files left by kills, removed by the next writer", tempsLeft);
        Figures.record("CrashIT", "terms written by a killed run and found in the journal", journaled);
        // A run of kills that never reached the rename, or always passed it, would prove little.
        assertTrue(oldKept > 0 && newWritten > 0, "kills landed only on one side of the rename");
    }
}
