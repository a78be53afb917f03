package dev.termctl.reliability;

import dev.termctl.format.TermFileFormat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termctl.testing.Cli;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many termctl processes on one file at once, several rounds with random terms: every result must
 * fit one serial order, the final term is the largest adopted, and the file always parses.
 */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class ConcurrencyIT {
    private static final int PROCESSES = 20;
    private static final String[] COMMANDS = {"adopt", "admit-record", "admit-handshake", "classify", "show"};

    @TempDir
    Path dir;

    /**
     * One process: what it ran, when, and what it saw. {@code start} and {@code end} are ticks of
     * {@link #events}, not times: start is taken before the process is started, end after the test saw
     * it exit, so {@code a.end < b.start} means b was started after a had exited, on any machine.
     */
    record Run(String command, BigInteger incoming, long start, long end, int code, BigInteger before, BigInteger after,
            boolean changed) {
        boolean writer() {
            return !command.equals("classify") && !command.equals("show");
        }
    }

    /** A logical clock: the order in which the test started processes and saw them end. */
    private static final AtomicLong events = new AtomicLong();

    @Test
    void concurrent_processes_fit_a_serial_order_and_end_at_the_maximum() throws Exception {
        Path file = dir.resolve("term.json");
        Cli cli = new Cli();
        ObjectMapper json = new ObjectMapper();
        Random random = new Random(7);
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong reads = new AtomicLong();
        List<String> torn = new ArrayList<>();
        Thread reader = new Thread(() -> {
            while (!done.get()) {
                try {
                    TermFileFormat.parse(Files.readAllBytes(file));
                    reads.incrementAndGet();
                } catch (NoSuchFileException e) {
                    // Not created yet: the default term.
                } catch (Exception e) {
                    synchronized (torn) {
                        torn.add(e.toString());
                    }
                }
            }
        });
        reader.start();
        int rounds = Figures.scaled(4);
        BigInteger committed = BigInteger.ONE;
        long processes = 0;
        long adopts = 0;
        try {
            for (int round = 0; round < rounds; round++) {
                List<Run> runs = round(cli, json, file, random, 1 + 200L * round, 200L * (round + 2));
                processes += runs.size();
                committed = check(runs, committed);
                adopts += runs.stream().filter(Run::changed).count();
                TermFileFormat.Document onDisk = TermFileFormat.parse(Files.readAllBytes(file));
                assertEquals(committed.toString(), onDisk.term().toString());
            }
        } finally {
            done.set(true);
            reader.join();
        }
        assertEquals(List.of(), torn, "a concurrent reader saw a torn or invalid file");
        Figures.record("ConcurrencyIT", "rounds", rounds);
        Figures.record("ConcurrencyIT", "processes", processes);
        Figures.record("ConcurrencyIT", "adopts", adopts);
        Figures.record("ConcurrencyIT", "concurrent reads", reads.get());
    }

    /**
     * One round: PROCESSES runs, at most half of them at once. The first half starts together; each
     * later run starts right after an earlier one has ended, so every round has runs that overlap
     * and runs that strictly follow others (which the real-time check in {@link #check} needs).
     */
    private static List<Run> round(Cli cli, ObjectMapper json, Path file, Random random, long low, long high)
            throws Exception {
        int wave = PROCESSES / 2;
        List<String[]> plans = new ArrayList<>();
        List<Cli.Running> procs = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        try {
            for (int i = 0; i < PROCESSES; i++) {
                if (i >= wave) {
                    runs.add(finish(json, plans.get(i - wave), procs.get(i - wave), starts.get(i - wave)));
                }
                String command = COMMANDS[random.nextInt(COMMANDS.length)];
                String term = Long.toString(low + (long) (random.nextDouble() * (high - low)));
                List<String> args = new ArrayList<>(List.of(command, "--json", "-f", file.toString()));
                if (!command.equals("show") && !command.equals("classify")) {
                    // However long the queue for the lock on a busy machine, a writer waits its turn:
                    // the timeout is a safety net, never the outcome.
                    args.addAll(List.of("--create", "--lock-timeout", "10m"));
                }
                if (!command.equals("show")) {
                    args.add(term);
                }
                plans.add(new String[] {command, term});
                starts.add(events.incrementAndGet());
                procs.add(cli.launch(args.toArray(new String[0])));
            }
            for (int i = PROCESSES - wave; i < PROCESSES; i++) {
                runs.add(finish(json, plans.get(i), procs.get(i), starts.get(i)));
            }
        } finally {
            procs.forEach(Cli.Running::close);
        }
        return runs;
    }

    /** Waits for one run; its end is taken after it exited, its start before it was started. */
    private static Run finish(ObjectMapper json, String[] plan, Cli.Running p, long start) throws Exception {
        Cli.Result r = p.result();
        long end = events.incrementAndGet();
        String command = plan[0];
        if (r.code() != 0 && r.code() != 10 && r.code() != 20) {
            fail(command + " exited " + r.code() + ": " + r);
        }
        JsonNode j = json.readTree(r.out());
        if (command.equals("show")) {
            BigInteger t = j.get("term").bigIntegerValue();
            return new Run(command, null, start, end, r.code(), t, t, false);
        }
        return new Run(command, new BigInteger(plan[1]), start, end, r.code(), j.get("current_term").bigIntegerValue(),
                j.get("term").bigIntegerValue(), j.get("changed").asBoolean());
    }

    /** Checks one round against a serial order; returns the term committed at its end. */
    private static BigInteger check(List<Run> runs, BigInteger start) {
        // Writes happen under the lock, each on a fresh read: sorted, they form one chain.
        List<Run> writes = runs.stream().filter(Run::changed).sorted(Comparator.comparing(Run::after)).toList();
        Set<BigInteger> committed = new HashSet<>();
        committed.add(start);
        BigInteger last = start;
        for (Run w : writes) {
            assertEquals(last, w.before(), () -> "write " + w + " did not start from the last committed term");
            assertTrue(w.after().compareTo(w.before()) > 0);
            last = w.after();
            committed.add(last);
        }
        BigInteger max = start;
        for (Run r : runs) {
            assertTrue(committed.contains(r.before()), () -> r + " saw a term no write committed");
            if (r.writer()) {
                max = max.max(r.incoming());
            }
            int expected = r.incoming() == null ? 0 : r.incoming().compareTo(r.before());
            assertEquals(expected == 0 ? 0 : expected > 0 ? 10 : 20, r.code(), r::toString);
        }
        assertEquals(max, last, "the final term is the largest term any writer brought");
        // Real time: a process that started after another ended never sees an older term.
        int ordered = 0;
        for (Run a : runs) {
            for (Run b : runs) {
                if (a.end() < b.start()) {
                    ordered++;
                    assertTrue(b.before().compareTo(a.after()) >= 0, () -> b + " started after " + a + " but saw less");
                }
            }
        }
        // round() starts half of the runs after others ended: this check must have had pairs to check.
        assertTrue(ordered >= PROCESSES / 2, "only " + ordered + " runs strictly followed another");
        return last;
    }
}
