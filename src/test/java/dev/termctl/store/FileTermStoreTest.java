package dev.termctl.store;

import dev.termctl.fs.FileFailure;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.termctl.ExitCode;
import dev.termctl.cli.render.Failures;
import dev.termctl.core.Boundary;
import dev.termctl.core.Term;
import dev.termctl.core.Verdict;
import dev.termctl.core.Verdict.Kind;
import dev.termctl.fence.TermFence;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTermStoreTest {
    @TempDir
    Path dir;

    private FileTermStore store(Path file) {
        return new FileTermStore(file, Term.DEFAULT, Duration.ofSeconds(5));
    }

    /**
     * A store whose writes wait up to 5 minutes for the lock: under 8 contending threads each waits
     * for the writes queued before it, two fsyncs each, which a slow disk can stretch past 5 s. The
     * tests that use it assert the chain of terms, never a time.
     */
    private static FileTermStore patient(Path file) {
        return new FileTermStore(file, Term.DEFAULT, Duration.ofMinutes(5));
    }

    private static Verdict adopt(FileTermStore store, long term) {
        return store.advance(current -> Verdict.decide(null, new Term(term), current));
    }

    private List<String> dirListing() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void a_missing_file_reads_as_the_default_term_and_says_so() throws IOException {
        StoredTerm t = new FileTermStore(dir.resolve("term.json"), new Term(4), Duration.ZERO).read();
        assertEquals(new Term(4), t.term());
        assertFalse(t.exists());
        assertEquals(List.of(), dirListing(), "a read created a file");
    }

    @Test
    void adopting_creates_the_file_and_survives_a_reopen() throws Exception {
        Path file = dir.resolve("term.json");
        assertEquals(Kind.ADOPT, adopt(store(file), 6).kind());
        assertEquals("{\"term\":6}\n", Files.readString(file));
        TermFence reopened = new TermFence(store(file));
        assertEquals(new Term(6), reopened.current().term());
        assertFalse(reopened.admit(Boundary.APPLY, new Term(5)).verdict().isAdmitted());
    }

    @Test
    void a_rewrite_keeps_other_members_formatting_and_permission_bits() throws Exception {
        Path file = dir.resolve("term.json");
        String text = "{\n  \"term\": 7,\n  \"note\": \"kept\"\n}\n";
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        adopt(store(file), 18);
        assertEquals(text.replace("7", "18"), Files.readString(file));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }

    @Test
    void writes_through_a_symlink_to_the_file_it_names() throws Exception {
        Path real = Files.createDirectory(dir.resolve("data")).resolve("term.json");
        Files.writeString(real, "{\"term\":3}");
        Path link = Files.createSymbolicLink(dir.resolve("link.json"), Path.of("data/term.json"));
        adopt(store(link), 4);
        assertTrue(Files.isSymbolicLink(link), "the link must stay a link");
        assertEquals("{\"term\":4}", Files.readString(real));
    }

    @Test
    void leaves_no_temp_file_and_only_the_lock_file_beside_the_term() throws Exception {
        Path file = dir.resolve("term.json");
        adopt(store(file), 2);
        adopt(store(file), 3);
        assertEquals(List.of("term.json", "term.json.lock"), dirListing());
    }

    @Test
    void removes_temp_files_a_killed_writer_left_but_nothing_else() throws Exception {
        Path file = dir.resolve("term.json");
        Files.writeString(file, "{\"term\":2}");
        Files.writeString(dir.resolve(".term.json.termctl-123-456.tmp"), "{\"ter");
        Files.writeString(dir.resolve(".other.json.termctl-123-456.tmp"), "{}");
        Files.writeString(dir.resolve("term.json.bak"), "{}");
        adopt(store(file), 3);
        assertEquals(List.of(".other.json.termctl-123-456.tmp", "term.json", "term.json.bak", "term.json.lock"), dirListing());
    }

    @Test
    void a_missing_directory_is_an_io_error_and_is_not_created() {
        Path file = dir.resolve("nope").resolve("term.json");
        FileFailure.NotFound read = assertThrows(FileFailure.NotFound.class, () -> store(file).read());
        assertEquals(FileFailure.NotFound.What.DIRECTORY, read.what());
        assertEquals(ExitCode.IO, Failures.exitCode(read));
        FileFailure.NotFound write = assertThrows(FileFailure.NotFound.class, () -> adopt(store(file), 3));
        assertEquals(ExitCode.IO, Failures.exitCode(write));
        assertEquals(dir.resolve("nope"), write.path());
        assertTrue(Failures.message(write).contains(dir.resolve("nope").toString()), () -> Failures.message(write));
        assertFalse(Files.exists(dir.resolve("nope")));
    }

    @Test
    void a_directory_is_an_io_error() {
        FileFailure.Refused e = assertThrows(FileFailure.Refused.class, () -> store(dir).read());
        assertEquals(FileFailure.Refused.Why.DIRECTORY, e.why());
        assertEquals(ExitCode.IO, Failures.exitCode(e));
        assertTrue(Failures.message(e).contains("is a directory"), () -> Failures.message(e));
    }

    @Test
    void a_fifo_is_refused_at_once_instead_of_blocking() throws Exception {
        Path fifo = dir.resolve("term.json");
        Process mk = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
        assumeTrue(mk.waitFor() == 0, "mkfifo is not available on this machine");
        // The refusal is decided by what the file is; the timeout only turns a hang (a blocking open of a
        // FIFO no one writes) into a failure, so it is generous enough for any machine.
        FileFailure.Refused e = assertTimeoutPreemptively(Duration.ofSeconds(60),
                () -> assertThrows(FileFailure.Refused.class, () -> store(fifo).read()));
        assertEquals(FileFailure.Refused.Why.NOT_REGULAR, e.why());
        assertEquals(FileFailure.FileType.SPECIAL, e.type());
        assertEquals(ExitCode.IO, Failures.exitCode(e));
        assertTrue(Failures.message(e).contains("not a regular file"), () -> Failures.message(e));
    }

    @Test
    void an_invalid_file_is_reported_and_never_rewritten() throws Exception {
        Path file = dir.resolve("term.json");
        byte[] bad = "{\"term\":7.0}".getBytes(StandardCharsets.UTF_8);
        Files.write(file, bad);
        StoreFailure.Damaged e = assertThrows(StoreFailure.Damaged.class, () -> adopt(store(file), 9));
        assertEquals(file, e.path());
        assertTrue(e.redDbRefuses());
        assertEquals(ExitCode.INVALID_FILE, Failures.exitCode(e));
        assertTrue(Failures.message(e).startsWith(file.toString()), () -> Failures.message(e));
        assertArrayEquals(bad, Files.readAllBytes(file));
    }

    @Test
    void a_last_vote_record_is_never_written() throws Exception {
        Path file = dir.resolve("last-vote.json");
        byte[] vote = "{\"term\":9,\"voted_for\":\"replica-a\"}".getBytes(StandardCharsets.UTF_8);
        Files.write(file, vote);
        assertTrue(store(file).read().lastVote());
        StoreFailure.LastVote e = assertThrows(StoreFailure.LastVote.class, () -> adopt(store(file), 10));
        assertEquals(ExitCode.INVALID_FILE, Failures.exitCode(e));
        assertTrue(Failures.message(e).contains("last-vote"), () -> Failures.message(e));
        assertArrayEquals(vote, Files.readAllBytes(file));
        // Deciding without writing is still allowed.
        assertEquals(Kind.FENCED, adopt(store(file), 8).kind());
    }

    @Test
    void a_held_lock_times_out_with_exit_75_and_nothing_changed() throws Exception {
        Path file = dir.resolve("term.json");
        Files.writeString(file, "{\"term\":2}");
        try (FileChannel ch = FileChannel.open(dir.resolve("term.json.lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
             FileLock held = ch.lock()) {
            assertTrue(held.isValid());
            FileTermStore impatient = new FileTermStore(file, Term.DEFAULT, Duration.ofMillis(200));
            StoreFailure.Busy e = assertThrows(StoreFailure.Busy.class, () -> adopt(impatient, 3));
            assertEquals(dir.resolve("term.json.lock"), e.path());
            assertEquals(Duration.ofMillis(200), e.waited());
            assertEquals(ExitCode.LOCKED, Failures.exitCode(e));
            assertTrue(Failures.message(e).contains("--lock-timeout"), () -> Failures.message(e));
            // A reader does not wait for the lock.
            assertEquals(new Term(2), impatient.read().term());
        }
        assertEquals("{\"term\":2}", Files.readString(file));
        assertEquals(Kind.ADOPT, adopt(store(file), 3).kind());
    }

    /** The i-th of 200 terms spread over [2, 2 + mod), in a scrambled order. */
    private static long spread(int i, long prime, long mod) {
        return 2 + (i * prime) % mod;
    }

    private static long maxSpread(long prime, long mod) {
        return LongStream.range(0, 200).map(i -> spread((int) i, prime, mod)).max().orElseThrow();
    }

    /**
     * Runs 200 admits on 8 threads and checks that the adopts form one chain from the default term:
     * each started from the term the previous one wrote. Two writers deciding on the same read (a
     * lost update) would both start from one term, and the chain would break.
     */
    private static void admitConcurrently(IntFunction<Callable<Verdict>> admit) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Verdict>> results = new ArrayList<>();
            for (int i = 0; i < 200; i++) {
                results.add(pool.submit(admit.apply(i)));
            }
            List<Verdict> adopts = new ArrayList<>();
            for (Future<Verdict> r : results) {
                Verdict v = r.get();
                if (v.adopts()) {
                    adopts.add(v);
                }
            }
            adopts.sort((a, b) -> a.current().compareTo(b.current()));
            Term expected = Term.DEFAULT;
            for (Verdict v : adopts) {
                assertEquals(expected, v.current(), () -> "the writes do not form one chain: " + adopts);
                expected = v.incoming();
            }
        } finally {
            // A failed admit must not leave the others running into the next test's directory.
            pool.shutdownNow();
            assertTrue(pool.awaitTermination(60, TimeUnit.SECONDS), "admits still running after 60 s");
        }
    }

    @Test
    void one_fence_shared_by_many_threads_never_moves_the_term_backwards() throws Exception {
        TermFence shared = new TermFence(patient(dir.resolve("term.json")));
        admitConcurrently(i -> () -> shared.admit(Boundary.values()[i % 3], new Term(spread(i, 104729L, 193))).verdict());
        assertEquals(new Term(maxSpread(104729L, 193)), shared.current().term());
    }

    @Test
    void separate_store_instances_on_one_file_never_move_the_term_backwards() throws Exception {
        Path file = dir.resolve("term.json");
        admitConcurrently(i -> () -> new TermFence(patient(file)).admit(Boundary.APPLY, new Term(spread(i, 7919L, 191)))
                .verdict());
        assertEquals(new Term(maxSpread(7919L, 191)), store(file).read().term());
        assertEquals(List.of("term.json", "term.json.lock"), dirListing());
    }
}
