package dev.termctl.bench;

import dev.termctl.core.Term;
import dev.termctl.core.Verdict;
import dev.termctl.store.FileTermStore;
import dev.termctl.store.StoredTerm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The file store in-process, in us/op: a read, and an adopt (lock, re-read, temp file, fsync,
 * rename, directory fsync). Runs in a directory under target/ (disk, not tmpfs).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class StoreBench {
    Path dir;
    FileTermStore store;
    long next = 2;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        Path target = Files.createDirectories(Path.of("target"));
        dir = Files.createTempDirectory(target, "jmh-store");
        Path file = Files.writeString(dir.resolve("term.json"), "{\"term\":1}");
        store = new FileTermStore(file, Term.DEFAULT, Duration.ofSeconds(10));
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Benchmark
    public StoredTerm read() {
        return store.read();
    }

    @Benchmark
    public Verdict adopt() {
        Term incoming = new Term(next++);
        return store.advance(current -> Verdict.decide(null, incoming, current));
    }
}
