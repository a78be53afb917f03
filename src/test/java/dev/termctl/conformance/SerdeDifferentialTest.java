package dev.termctl.conformance;

import dev.termctl.format.TermFileFormat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.termctl.core.Term;
import dev.termctl.format.Problem;
import dev.termctl.format.TermFileFormat.InvalidTermFile;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * termctl's reader against the real thing: serde_json, built from Debian's packaged sources into a
 * small program that reads term files as RedDB does (scripts/reddb-oracle), on seeded generated
 * files. The quick run here takes a few thousand files; scripts/conformance runs 60,000 or more
 * ({@code -Dtermctl.differential.files}). Without cargo and librust-serde-json-dev it is skipped,
 * except under CI=true, where it fails.
 */
class SerdeDifferentialTest {

    /** The only reasons termctl may refuse a file RedDB reads: both documented in docs/conformance.md. */
    static final Set<Problem> DOCUMENTED_STRICTER = EnumSet.of(Problem.DUPLICATE_MEMBER, Problem.TOO_LARGE);

    @Test
    void termctl_decides_every_generated_file_as_reddb_does() throws Exception {
        Path oracle = oracle();
        int count = Integer.getInteger("termctl.differential.files", 4000);
        long seed = Long.getLong("termctl.differential.seed", 17L);
        List<byte[]> files = new DifferentialCorpus(seed).files(count);
        List<String> verdicts = run(oracle, files);
        assertEquals(files.size(), verdicts.size());

        int sameTerm = 0;
        int bothRefuse = 0;
        List<String> violations = new ArrayList<>();
        Map<String, Integer> stricter = new TreeMap<>();
        Map<String, Integer> refusals = new TreeMap<>();
        for (int k = 0; k < files.size(); k++) {
            String reddb = verdicts.get(k);
            boolean reddbReads = reddb.startsWith("T ");
            try {
                Term term = TermFileFormat.parse(files.get(k)).term();
                if (!reddbReads) {
                    violations.add("file " + k + ": termctl reads term " + term + ", RedDB refuses (" + reddb + ")");
                } else if (!reddb.equals("T " + term)) {
                    violations.add("file " + k + ": termctl reads term " + term + ", RedDB " + reddb);
                } else {
                    sameTerm++;
                }
            } catch (InvalidTermFile e) {
                refusals.merge(e.problem().name(), 1, Integer::sum);
                if (e.getMessage().contains("\n") || e.getMessage().isBlank()) {
                    violations.add("file " + k + ": a message that is not one line: " + e.getMessage());
                }
                if (reddbReads) {
                    stricter.merge(e.problem().name(), 1, Integer::sum);
                    if (!DOCUMENTED_STRICTER.contains(e.problem()) || e.redDbRefuses()) {
                        violations.add("file " + k + ": RedDB reads " + reddb + ", termctl refuses (" + e.problem() + "): "
                                + e.getMessage());
                    }
                } else {
                    bothRefuse++;
                    if (!e.redDbRefuses() && e.problem() != Problem.TOO_LARGE) {
                        violations.add("file " + k + ": termctl says RedDB may read it (" + e.problem() + "), RedDB refuses: "
                                + reddb);
                    }
                }
            }
        }
        int stricterTotal = stricter.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder figures = new StringBuilder();
        figures.append(String.format("serde_json differential (seed %d): %d files, same term %d, both refuse %d,"
                + " different term %d, termctl reads / RedDB refuses %d, stricter %d %s%n", seed, files.size(), sameTerm,
                bothRefuse, violations.stream().filter(v -> v.contains("termctl reads term") && v.contains(", RedDB T"))
                        .count(), violations.stream().filter(v -> v.contains("RedDB refuses (")).count(), stricterTotal,
                stricter));
        figures.append("  refusals by class: ").append(refusals).append('\n');
        System.out.print(figures);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "differential-figures.txt"), figures);
        assertTrue(violations.isEmpty(), () -> violations.size() + " violations, the first:\n  "
                + String.join("\n  ", violations.subList(0, Math.min(20, violations.size()))));
        assertTrue(sameTerm > count / 10 && bothRefuse > count / 10, figures::toString);
    }

    /** Builds (or finds) the oracle; skips without cargo and serde_json's sources, fails so under CI. */
    static Path oracle() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("scripts/reddb-oracle").redirectErrorStream(false).start();
        byte[] out = p.getInputStream().readAllBytes();
        byte[] err = p.getErrorStream().readAllBytes();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("scripts/reddb-oracle did not finish in 300 s");
        }
        String why = new String(err, StandardCharsets.UTF_8).trim();
        if (p.exitValue() == 3) {
            if ("true".equals(System.getenv("CI"))) {
                fail("CI must run the differential test against serde_json: " + why);
            }
            Assumptions.assumeTrue(false, why);
        }
        assertEquals(0, p.exitValue(), () -> "scripts/reddb-oracle failed: " + why);
        return Path.of(new String(out, StandardCharsets.UTF_8).trim());
    }

    /** The oracle's verdict on each file, in order. */
    static List<String> run(Path oracle, List<byte[]> files) throws IOException, InterruptedException {
        Path corpus = Files.createTempFile(Path.of("target"), "differential", ".bin");
        try {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            for (byte[] f : files) {
                b.write(f.length >>> 24);
                b.write(f.length >>> 16);
                b.write(f.length >>> 8);
                b.write(f.length);
                b.write(f);
            }
            Files.write(corpus, b.toByteArray());
            Process p = new ProcessBuilder(oracle.toString()).redirectInput(corpus.toFile())
                    .redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, "the oracle failed");
            return out.isEmpty() ? List.of() : List.of(out.split("\n"));
        } finally {
            Files.deleteIfExists(corpus);
        }
    }
}
