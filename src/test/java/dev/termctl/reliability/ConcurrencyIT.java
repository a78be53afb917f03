package dev.termctl.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termctl.store.TermFileFormat;
import dev.termctl.testing.Cli;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Many termctl processes on one file at once, several rounds with random terms: every result must
 * fit one serial order, the final term is the largest adopted, and the file always parses.
 */
class ConcurrencyIT {
    private static final int PROCESSES = 20;
    private static final String[] COMMANDS = {"adopt", "admit-record", "admit-handshake", "classify", "show"};

    @TempDir
    Path dir;

    /** One process: what it ran, when, and what it saw. */
    record Run(String command, BigInteger incoming, long start, long end, int code, BigInteger before, BigInteger after,
            boolean changed) {
        boolean writer() {
            return !command.equals("classify") && !command.equals("show");
        }
    }

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

    private static List<Run> round(Cli cli, ObjectMapper json, Path file, Random random, long low, long high)
            throws Exception {
        List<String[]> plans = new ArrayList<>();
        List<Process> procs = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            String command = COMMANDS[random.nextInt(COMMANDS.length)];
            String term = Long.toString(low + (long) (random.nextDouble() * (high - low)));
            List<String> args = new ArrayList<>(List.of(command, "--json", "-f", file.toString()));
            if (!command.equals("show") && !command.equals("classify")) {
                args.add("--create");
            }
            if (!command.equals("show")) {
                args.add(term);
            }
            plans.add(new String[] {command, term});
            starts.add(System.nanoTime());
            procs.add(cli.start(args));
        }
        List<Run> runs = new ArrayList<>();
        for (int i = 0; i < PROCESSES; i++) {
            Process p = procs.get(i);
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
            long end = System.nanoTime();
            String command = plans.get(i)[0];
            int code = p.exitValue();
            if (code != 0 && code != 10 && code != 20) {
                fail(command + " exited " + code + ": " + out + err);
            }
            JsonNode j = json.readTree(out);
            if (command.equals("show")) {
                BigInteger t = j.get("term").bigIntegerValue();
                runs.add(new Run(command, null, starts.get(i), end, code, t, t, false));
            } else {
                runs.add(new Run(command, new BigInteger(plans.get(i)[1]), starts.get(i), end, code,
                        j.get("current_term").bigIntegerValue(), j.get("term").bigIntegerValue(), j.get("changed").asBoolean()));
            }
        }
        return runs;
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
        for (Run a : runs) {
            for (Run b : runs) {
                if (a.end() < b.start()) {
                    assertTrue(b.before().compareTo(a.after()) >= 0, () -> b + " started after " + a + " but saw less");
                }
            }
        }
        return last;
    }
}
