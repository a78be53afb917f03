package dev.termctl.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termctl.store.TermFileFormat;
import dev.termctl.testing.Cli;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of an adopting termctl at random moments across the whole write path, hundreds of times.
 * A hidden fault plan (termctl.faults) pauses at a chosen step to widen its window. After every
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
        ObjectMapper json = new ObjectMapper();
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
            Process p = new Cli().env("TERMCTL_JAVA_OPTS", "-Dtermctl.faults=" + step + "=wait").input("")
                    .start(List.of("adopt", "-q", "--journal", journal.toString(), "-f", file.toString(),
                            Long.toString(next)));
            BufferedReader err = new BufferedReader(new InputStreamReader(p.getErrorStream(), StandardCharsets.UTF_8));
            String line;
            do {
                line = err.readLine();
            } while (line != null && !line.equals("termctl: fault plan: paused at " + step));
            assertEquals("termctl: fault plan: paused at " + step, line, "the run ended before its pause point");
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));

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

            // The next run reads it, and the next writer removes any temp file the kill left.
            JsonNode shown = cli.run("show", "--json", "-f", file.toString()).expect(0).json();
            assertEquals(current, shown.get("term").asLong());
            if (i % 10 == 9) {
                current++;
                cli.run("adopt", "-q", "-f", file.toString(), Long.toString(current)).expect(10);
                assertEquals(0, temps(file), "a writer left or kept a temp file");
            }
        }
        Figures.record("CrashIT", "kills", kills);
        Figures.record("CrashIT", "old term kept", oldKept);
        Figures.record("CrashIT", "new term written", newWritten);
        Figures.record("CrashIT", "temp files left by kills, removed by the next writer", tempsLeft);
        Figures.record("CrashIT", "terms written by a killed run and found in the journal", journaled);
        // A run of kills that never reached the rename, or always passed it, would prove little.
        assertTrue(oldKept > 0 && newWritten > 0, "kills landed only on one side of the rename");
    }
}
