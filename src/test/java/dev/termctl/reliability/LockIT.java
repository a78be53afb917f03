package dev.termctl.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termctl.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The write lock between termctl processes: timeouts, hand-over, readers, and locks of dead processes. */
class LockIT {
    @TempDir
    Path dir;

    private Path file;

    /** Starts an adopt that holds the lock for {@code millis} once it has it, and waits until it does. */
    private Process holder(long term, long millis) throws Exception {
        file = file == null ? Files.writeString(dir.resolve("term.json"), "{\"term\":1}") : file;
        Path lock = dir.resolve("term.json.lock");
        Files.deleteIfExists(lock);
        Process p = new Cli().env("TERMCTL_JAVA_OPTS", "-Dtermctl.faults=locked=pause:" + millis)
                .start(List.of("adopt", "-q", "-f", file.toString(), Long.toString(term)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!(Files.exists(lock) && Files.readString(lock).equals("pid " + p.pid() + "\n"))) {
            assertTrue(System.nanoTime() < deadline && p.isAlive(), "the holder never took the lock");
            Thread.sleep(5);
        }
        return p;
    }

    @Test
    void a_held_lock_times_out_with_75_naming_the_holder_while_readers_go_on() throws Exception {
        Process holder = holder(5, 4000);
        Cli cli = new Cli();
        Cli.Result r = cli.run("adopt", "--lock-timeout", "300ms", "-f", file.toString(), "9").expect(75);
        assertTrue(r.err().contains("pid " + holder.pid()), r.toString());
        // Readers and verdicts that write nothing never wait for the lock.
        cli.run("show", "-f", file.toString()).expect(0);
        cli.run("classify", "-f", file.toString(), "9").expect(10);
        cli.run("admit-record", "-f", file.toString(), "1").expect(0);
        assertTrue(holder.isAlive(), "the reads must have finished while the lock was held");
        holder.destroyForcibly().waitFor();
        Figures.record("LockIT", "lock timeouts", 1);
    }

    @Test
    void a_lock_released_while_waiting_is_taken() throws Exception {
        Process holder = holder(5, 700);
        Cli.Result r = new Cli().run("adopt", "--json", "--lock-timeout", "20s", "-f", file.toString(), "9").expect(10);
        assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
        assertEquals(10, holder.exitValue());
        // The waiter decided on a fresh read under the lock: it saw the holder's term 5, not 1.
        assertEquals(5, r.json().get("current_term").asInt(), r.toString());
        assertEquals("9", Cli.term(file));
    }

    @Test
    void the_lock_of_a_killed_process_never_blocks_anyone() throws Exception {
        Process holder = holder(5, 60_000);
        holder.destroyForcibly();
        assertTrue(holder.waitFor(10, TimeUnit.SECONDS));
        assertTrue(Files.exists(dir.resolve("term.json.lock")), "the lock file stays behind");
        long start = System.nanoTime();
        new Cli().run("adopt", "--lock-timeout", "2s", "-f", file.toString(), "9").expect(10);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) < 2000, "waited for a dead process");
        assertEquals("9", Cli.term(file));
        Figures.record("LockIT", "stale lock files taken over", 1);
    }
}
