package dev.termctl.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.termctl.testing.Cli;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The conformance contract through the packaged command, as users run it: a sample of every class
 * of the corpus read by `termctl show` (several files per run, the cluster view), and a smaller
 * sample written by `termctl adopt`, each in its own process.
 */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class RedDbConformanceIT {

    private static final int PER_CLASS = 12;

    /** Up to PER_CLASS cases of each class, spread over the class. */
    private static List<RedDbCases.Case> sample() {
        Map<String, List<RedDbCases.Case>> byKind = new LinkedHashMap<>();
        for (RedDbCases.Case c : RedDbCases.all()) {
            byKind.computeIfAbsent(c.kind(), k -> new ArrayList<>()).add(c);
        }
        List<RedDbCases.Case> sample = new ArrayList<>();
        for (List<RedDbCases.Case> cases : byKind.values()) {
            int step = Math.max(1, cases.size() / PER_CLASS);
            for (int i = 0; i < cases.size() && i / step < PER_CLASS; i += step) {
                sample.add(cases.get(i));
            }
        }
        return sample;
    }

    private static Path write(Path dir, RedDbCases.Case c) throws IOException {
        return Files.write(dir.resolve("case-" + c.id() + ".json"), c.bytes());
    }

    /** termctl may refuse a file RedDB reads only for the documented reasons. */
    private static boolean documentedStricter(String message) {
        return message.contains("appears twice") || message.contains("larger than");
    }

    @Test
    void show_reads_what_reddb_reads_and_refuses_the_rest(@TempDir Path dir) throws IOException {
        List<RedDbCases.Case> sample = sample();
        assertTrue(sample.size() >= 250, "sample size " + sample.size());
        int read = 0;
        int refused = 0;
        for (int from = 0; from < sample.size(); from += 100) {
            List<RedDbCases.Case> batch = sample.subList(from, Math.min(sample.size(), from + 100));
            List<String> args = new ArrayList<>(List.of("show", "--json"));
            for (RedDbCases.Case c : batch) {
                args.add(write(dir, c).toString());
            }
            Cli.Result r = new Cli().run(args);
            JsonNode nodes = r.json().get("nodes");
            assertEquals(batch.size(), nodes.size(), r::toString);
            for (int i = 0; i < batch.size(); i++) {
                RedDbCases.Case c = batch.get(i);
                JsonNode node = nodes.get(i);
                String where = "case " + c.id() + " (" + c.kind() + "): " + node;
                if (node.has("error")) {
                    refused++;
                    assertTrue(!c.redDbReads() || documentedStricter(node.get("error").asText()), where);
                    assertTrue(node.get("error").asText().contains("is not a valid term file"), where);
                } else {
                    read++;
                    assertTrue(c.redDbReads(), where);
                    assertEquals(new BigInteger(c.redDbTerm()), node.get("term").bigIntegerValue(), where);
                }
            }
        }
        assertTrue(read > 50 && refused > 50, "read " + read + ", refused " + refused);
    }

    @Test
    void adopt_refuses_every_file_reddb_refuses_and_leaves_it_untouched(@TempDir Path dir) throws IOException {
        int refusedRuns = 0;
        int adoptedRuns = 0;
        List<RedDbCases.Case> sample = sample();
        for (int i = 0; i < sample.size(); i += 8) {
            RedDbCases.Case c = sample.get(i);
            Path file = write(dir, c);
            String next = c.redDbTerm() == null ? "5" : new BigInteger(c.redDbTerm()).add(BigInteger.ONE).min(
                    new BigInteger("18446744073709551615")).toString();
            Cli.Result r = new Cli().run("adopt", "--reason", "conformance",
                    "-f", file.toString(), next);
            if (!c.redDbReads()) {
                refusedRuns++;
                assertEquals(65, r.code(), r::toString);
                assertArrayEquals(c.bytes(), Files.readAllBytes(file), () -> "file changed: " + r);
            } else if (r.code() == 65) {
                assertTrue(documentedStricter(r.err()) || r.err().contains("durable last-vote record"), r::toString);
                assertArrayEquals(c.bytes(), Files.readAllBytes(file), () -> "file changed: " + r);
            } else {
                adoptedRuns++;
                assertTrue(r.code() == 10 || r.code() == 0, r::toString);
                assertEquals(next, Cli.term(file), r::toString);
            }
        }
        assertTrue(refusedRuns >= 10 && adoptedRuns >= 10, "refused " + refusedRuns + ", adopted " + adoptedRuns);
    }

    @Test
    void show_and_writes_warn_where_reddb_1_10_reads_another_term(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("term.json"), "{\"term\":9007199254740993}");
        Cli.Result text = new Cli().run("show", "-f", file.toString()).expect(0);
        assertTrue(text.out().contains("note: RedDB 1.10 would read term 9007199254740993 as 9007199254740992"), text::toString);
        JsonNode json = new Cli().run("show", "--json", "-f", file.toString()).expect(0).json();
        assertEquals(1, json.get("warnings").size(), json::toString);
        Cli.Result cluster = new Cli().run("show", file.toString(), file.toString()).expect(0);
        assertTrue(cluster.out().contains("as 9007199254740992"), cluster::toString);

        Cli.Result adopt = new Cli().run("adopt", "-f", file.toString(), "9223372036854775807").expect(10);
        assertTrue(adopt.err().contains("termctl: note: term 9223372036854775807 is the value RedDB 1.10 writes for any"
                + " term of 9223372036854775296 (2^63 - 512) or more; the node's real term may be higher"), adopt::toString);
        assertTrue(adopt.err().contains("would read term 9223372036854775807 as 9223372036854775808"), adopt::toString);
        assertEquals("9223372036854775807", Cli.term(file));

        Path plain = Files.writeString(dir.resolve("plain.json"), "{\"term\":9007199254740992}");
        Cli.Result quiet = new Cli().run("show", "-f", plain.toString()).expect(0);
        assertTrue(!quiet.out().contains("note") && quiet.err().isEmpty(), quiet::toString);
        assertEquals(0, new Cli().run("show", "--json", "-f", plain.toString()).json().get("warnings").size());
        Cli.Result plainAdopt = new Cli().run("adopt", "-f", plain.toString(), "9007199254740994").expect(10);
        assertTrue(plainAdopt.err().lines().allMatch(l -> l.startsWith("termctl: note: database not checked")),
                plainAdopt::toString);
    }

    @Test
    void a_write_that_would_leave_a_file_termctl_refuses_changes_nothing(@TempDir Path dir) throws IOException {
        String padding = "x".repeat(65_400);
        Path file = Files.writeString(dir.resolve("term.json"), "{\"term\":7,\"pad\":\"" + padding + "\"}");
        byte[] before = Files.readAllBytes(file);
        Cli.Result r = new Cli().run("adopt", "--reason", "r".repeat(200), "-f", file.toString(), "8").expect(65);
        assertTrue(r.err().contains("the result would not be a valid term file") && r.err().contains("shorter --reason"),
                r::toString);
        assertArrayEquals(before, Files.readAllBytes(file));
        assertEquals("7", Cli.term(file));
    }
}
