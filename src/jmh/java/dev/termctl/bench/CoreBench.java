package dev.termctl.bench;

import dev.termctl.core.Boundary;
import dev.termctl.core.Term;
import dev.termctl.core.Verdict;
import dev.termctl.format.TermFileFormat;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/** The pure parts: the rule, TERM parsing and term-file parsing, in ns/op. */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class CoreBench {
    Term current = Term.parse("9223372036854775808");
    Term incoming = Term.parse("9223372036854775809");
    String maxText = "18446744073709551615";
    byte[] reddbFile = "{\"term\":18446744073709551615}".getBytes(StandardCharsets.UTF_8);
    byte[] handEdited = "{\n  \"term\": 7,\n  \"note\": \"after failover\"\n}\n".getBytes(StandardCharsets.UTF_8);

    @Benchmark
    public Verdict classify() {
        return Verdict.decide(Boundary.APPLY, incoming, current);
    }

    @Benchmark
    public Term parseTermArgument() {
        return Term.parse(maxText);
    }

    @Benchmark
    public Term parseReddbFile() throws Exception {
        return TermFileFormat.parse(reddbFile).term();
    }

    @Benchmark
    public Term parseHandEditedFile() throws Exception {
        return TermFileFormat.parse(handEdited).term();
    }
}
