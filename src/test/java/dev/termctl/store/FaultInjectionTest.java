package dev.termctl.store;

import dev.termctl.fs.Faults;
import dev.termctl.fs.FileFailure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termctl.ExitCode;
import dev.termctl.cli.render.Failures;
import dev.termctl.core.Term;
import dev.termctl.core.Verdict;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import dev.termctl.reliability.Figures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** An I/O failure at each step of a read or a write: exit 74, the old file intact, no temp file left. */
class FaultInjectionTest {
    @TempDir
    Path dir;

    /** A plan that injects nothing, for the writes and reads around an injected fault. */
    private static final String NO_FAULT = "read=pause:0";

    private static int faults;

    @AfterAll
    static void report() {
        Figures.record("FaultInjectionTest", "faults injected", faults);
    }

    private static final byte[] OLD = "{\n  \"term\": 5,\n  \"keep\": true\n}\n".getBytes(StandardCharsets.UTF_8);

    private FileTermStore store(Path file, String faults) {
        if (!faults.equals(NO_FAULT)) {
            FaultInjectionTest.faults++;
        }
        return new FileTermStore(file, Term.DEFAULT, Duration.ofSeconds(5), Faults.parse(faults));
    }

    private static Verdict adopt(FileTermStore store, long term) {
        return store.advance(current -> Verdict.decide(null, new Term(term), current));
    }

    private List<String> listing() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @ParameterizedTest
    @EnumSource(value = Faults.Step.class, names = {"LOCKED", "CREATE_TEMP", "WRITE_TEMP", "FSYNC_TEMP", "RENAME"})
    void a_failed_write_step_is_an_io_error_and_leaves_the_old_file(Faults.Step step) throws Exception {
        Path file = Files.write(dir.resolve("term.json"), OLD);
        FileFailure.Io e = assertThrows(FileFailure.Io.class,
                () -> adopt(store(file, step.name().toLowerCase() + "=fail"), 9));
        assertEquals(ExitCode.IO, Failures.exitCode(e));
        assertTrue(e.reason().contains("injected fault"), e::reason);
        assertArrayEquals(OLD, Files.readAllBytes(file));
        assertEquals(List.of("term.json", "term.json.lock"), listing());
        // The next writer is not hindered.
        assertTrue(adopt(store(file, NO_FAULT), 9).adopts());
    }

    @Test
    void a_failed_directory_fsync_is_reported_not_ignored() throws Exception {
        Path file = Files.write(dir.resolve("term.json"), OLD);
        FileFailure.Io e = assertThrows(FileFailure.Io.class, () -> adopt(store(file, "fsync_dir=fail"), 9));
        assertEquals(FileFailure.Io.Op.SYNC_DIRECTORY, e.op());
        assertEquals(ExitCode.IO, Failures.exitCode(e));
        assertTrue(Failures.message(e).contains("may not survive a crash"), () -> Failures.message(e));
        // The rename happened; only its durability is in doubt, and the user was told.
        assertEquals(new Term(9), store(file, NO_FAULT).read().term());
        assertEquals(List.of("term.json", "term.json.lock"), listing());
    }

    @Test
    void a_short_write_as_on_a_full_disk_leaves_the_old_file() throws Exception {
        Path file = Files.write(dir.resolve("term.json"), OLD);
        FileFailure.Io e = assertThrows(FileFailure.Io.class, () -> adopt(store(file, "write_temp=short"), 9));
        assertEquals(ExitCode.IO, Failures.exitCode(e));
        assertTrue(e.reason().contains("No space left"), e::reason);
        assertArrayEquals(OLD, Files.readAllBytes(file));
        assertEquals(List.of("term.json", "term.json.lock"), listing());
    }

    @Test
    void a_failed_read_is_an_io_error() throws Exception {
        Path file = Files.write(dir.resolve("term.json"), OLD);
        FileFailure.Io e = assertThrows(FileFailure.Io.class, () -> store(file, "read=fail").read());
        assertEquals(FileFailure.Io.Op.READ, e.op());
        assertEquals(file, e.path());
        assertEquals(ExitCode.IO, Failures.exitCode(e));
        assertTrue(Failures.message(e).startsWith("cannot read " + file), () -> Failures.message(e));
    }

    @Test
    void a_target_replaced_by_a_directory_between_read_and_write_is_an_io_error() throws Exception {
        Path file = Files.write(dir.resolve("term.json"), OLD);
        // The fault plan's "wait" says on stderr that it paused and reads a line from stdin: here both
        // are the test's, so the swap lands exactly at the pause, however slow the machine.
        CountDownLatch paused = new CountDownLatch(1);
        CountDownLatch resume = new CountDownLatch(1);
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(new OutputStream() {
            @Override
            public synchronized void write(int b) {
                said.write(b);
                if (b == '\n' && said.toString(StandardCharsets.UTF_8).contains("termctl: fault plan: paused at rename\n")) {
                    paused.countDown();
                }
            }
        }, true, StandardCharsets.UTF_8);
        InputStream in = new InputStream() {
            @Override
            public int read() {
                try {
                    resume.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return -1;
                }
                return '\n';
            }
        };
        PrintStream savedErr = System.err;
        InputStream savedIn = System.in;
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            System.setErr(err);
            System.setIn(in);
            // The store reads under the lock, writes its temp file, then pauses before the rename.
            Future<Verdict> adopted = writer.submit(() -> adopt(store(file, "rename=wait"), 9));
            // Safety net only: the pause comes when the writer gets there.
            assertTrue(paused.await(60, TimeUnit.SECONDS), "the write never paused before its rename");
            Files.delete(file);
            Files.createDirectory(file);
            resume.countDown();
            ExecutionException thrown = assertThrows(ExecutionException.class, () -> adopted.get(60, TimeUnit.SECONDS));
            FileFailure e = assertInstanceOf(FileFailure.class, thrown.getCause());
            assertEquals(ExitCode.IO, Failures.exitCode(e), () -> Failures.message(e));
        } finally {
            resume.countDown();
            writer.shutdownNow();
            System.setErr(savedErr);
            System.setIn(savedIn);
        }
        assertTrue(Files.isDirectory(file));
        assertEquals(List.of("term.json", "term.json.lock"), listing());
    }

    @Test
    void a_lock_file_replaced_by_a_symlink_is_never_followed() throws Exception {
        Path file = Files.write(dir.resolve("term.json"), OLD);
        Path victim = Files.writeString(dir.resolve("precious.txt"), "do not truncate");
        Files.createSymbolicLink(dir.resolve("term.json.lock"), victim.getFileName());
        FileFailure.Refused e = assertThrows(FileFailure.Refused.class, () -> adopt(store(file, NO_FAULT), 9));
        assertEquals(FileFailure.Refused.Why.SIDE_NOT_REGULAR, e.why());
        assertEquals(ExitCode.IO, Failures.exitCode(e));
        assertEquals("do not truncate", Files.readString(victim));
        assertArrayEquals(OLD, Files.readAllBytes(file));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rename", "bogus=fail", "rename=explode", "rename=pause:x"})
    void a_malformed_fault_plan_is_refused(String spec) {
        assertThrows(IllegalArgumentException.class, () -> Faults.parse(spec));
    }
}
