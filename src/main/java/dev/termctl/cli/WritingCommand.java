package dev.termctl.cli;

import dev.termctl.core.Boundary;
import dev.termctl.core.Term;
import dev.termctl.fence.Outcome;
import dev.termctl.fence.TermFence;
import dev.termctl.store.FileTermStore;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** admit-record, admit-handshake and adopt: the fence's writing calls, differing only in boundary. */
abstract class WritingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    NodeOptions node;

    @Mixin
    LockOptions lock;

    @Parameters(paramLabel = "TERM", converter = TermConverter.class,
            description = "The incoming term: ASCII digits, 0 to 18446744073709551615.")
    Term term;

    /** The boundary the term arrives at; null for an operator's direct adopt. */
    abstract Boundary boundary();

    @Override
    public Integer call() {
        Report report = node.report();
        FileTermStore store = node.store(lock.lockTimeout);
        TermFence fence = new TermFence(store);
        Outcome outcome = boundary() == null ? fence.adopt(term) : fence.admit(boundary(), term);
        return report.verdict(spec.name(), store.describe(), outcome, false);
    }
}
