package dev.termctl.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termctl.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The write lock between termctl processes: timeouts, hand-over, readers, and locks of dead processes.
 * A holder is an adopt paused by its fault plan at "locked": it has said so, so it holds the lock
 * for as long as the test wants, however slow the machine. No outcome here depends on the clock.
 */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class LockIT {
    @TempDir
    Path dir;

    private Path file;
    private Path lock;

    @BeforeEach
    void file() throws Exception {
        file = Files.writeString(dir.resolve("term.json"), "{\"term\":1}");
        lock = dir.resolve("term.json.lock");
    }

    /** An adopt to {@code term} that holds the lock until the test resumes or kills it. */
    private Cli.Running holder(long term) {
        return new Cli().pausedAt("locked", "adopt", "-q", "-f", file.toString(), Long.toString(term));
    }

    @Test
    void a_held_lock_times_out_with_75_naming_the_holder_while_readers_go_on() throws Exception {
        try (Cli.Running holder = holder(5)) {
            Cli cli = new Cli();
            // The holder has the lock: the timeout decides only how long the waiter waits, not whether.
            Cli.Result r = cli.run("adopt", "--lock-timeout", "300ms", "-f", file.toString(), "9").expect(75);
            assertTrue(r.err().contains("timed out after 300ms") && r.err().contains("pid " + holder.pid()), r::toString);
            assertEquals("1", Cli.term(file), "a timed-out writer changed the file");
            // Readers and verdicts that write nothing never wait for the lock: with a timeout of
            // zero they would fail with 75 if they tried to take it.
            cli.run("show", "-f", file.toString()).expect(0);
            cli.run("classify", "-f", file.toString(), "9").expect(10);
            cli.run("admit-record", "--lock-timeout", "0ms", "-f", file.toString(), "1").expect(0);
            assertTrue(holder.isAlive(), "the holder must still hold the lock");
            // Let the holder finish: its write lands after all of this.
            assertEquals(10, holder.resume().code());
            assertEquals("5", Cli.term(file));
        }
        Figures.record("LockIT", "lock timeouts", 1);
    }

    @Test
    void a_lock_released_while_waiting_is_taken() throws Exception {
        try (Cli.Running holder = holder(5);
             Cli.Running waiter = new Cli().launch("adopt", "--json", "--lock-timeout", "10m", "-f", file.toString(), "9")) {
            // The waiter read term 1 (the holder has not written yet) and now waits for the lock.
            waiter.awaitOpen(lock);
            assertTrue(holder.isAlive());
            Cli.Result held = holder.resume();
            assertEquals(10, held.code(), held::toString);
            Cli.Result r = waiter.result().expect(10);
            // The waiter decided on a fresh read under the lock: it saw the holder's term 5, not 1.
            assertEquals(5, r.json().get("current_term").asInt(), r::toString);
            assertEquals("9", Cli.term(file));
        }
    }

    @Test
    void a_write_waiting_for_the_lock_says_so_on_stderr_naming_the_holder() throws Exception {
        try (Cli.Running holder = holder(5);
             Cli.Running waiter = new Cli().launch("adopt", "--json", "--lock-timeout", "10m", "-f", file.toString(), "9")) {
            // Said while it waits (after a second of silence), not when it gives up.
            String line = waiter.awaitErrStartingWith("termctl: waiting for the lock ");
            assertTrue(line.contains(lock.toString()) && line.contains("held by pid " + holder.pid() + " (")
                    && line.contains("up to 10m"), line);
            assertTrue(waiter.isAlive(), "it is still waiting");
            assertEquals("1", Cli.term(file), "nothing is written while it waits");
            assertEquals(10, holder.resume().code());
            Cli.Result r = waiter.result().expect(10);
            // stdout stays one JSON object: the notice went to stderr only.
            assertEquals(5, r.json().get("current_term").asInt(), r::toString);
            assertEquals("9", Cli.term(file));
        }
    }

    @Test
    void the_lock_of_a_killed_process_never_blocks_anyone() throws Exception {
        try (Cli.Running holder = holder(5)) {
            holder.kill();
        }
        assertTrue(Files.exists(lock), "the lock file stays behind");
        assertEquals("1", Cli.term(file), "killed before it wrote");
        // A timeout of zero: one try. A lock the dead process still held would fail it with 75.
        Cli.Result r = new Cli().run("adopt", "--lock-timeout", "0ms", "-f", file.toString(), "9").expect(10);
        assertFalse(r.err().contains("timed out"), r::toString);
        assertEquals("9", Cli.term(file));
        Figures.record("LockIT", "stale lock files taken over", 1);
    }
}
