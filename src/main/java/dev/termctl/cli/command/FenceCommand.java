package dev.termctl.cli.command;

import dev.termctl.ExitCode;
import dev.termctl.cli.option.FileOptions;
import dev.termctl.cli.option.WriteOptions;
import dev.termctl.cli.render.Decided;
import dev.termctl.cli.render.Result;
import dev.termctl.cli.render.Unexpected;
import dev.termctl.core.Boundary;
import dev.termctl.core.Term;
import dev.termctl.fence.Outcome;
import dev.termctl.fence.TermFence;
import dev.termctl.fence.UnexpectedTerm;
import dev.termctl.store.FileTermStore;
import picocli.CommandLine.Mixin;

/** admit-record, admit-handshake and adopt: apply the fence at a boundary (none for adopt), writing a newer term. */
abstract class FenceCommand extends WritingCommand {

    @Mixin
    FileOptions.DefaultTerm node = new FileOptions.DefaultTerm();

    @Mixin
    WriteOptions.Create create = new WriteOptions.Create();

    /** Where the term arrives; null for adopt, which only moves the node forward. */
    abstract Boundary boundary();

    /** adopt's compare-and-set; null for the others. */
    Term expectCurrent() {
        return null;
    }

    @Override
    int[] exitCodes() {
        return new int[] {ExitCode.ADOPT, ExitCode.FENCED, ExitCode.NO_FILE, ExitCode.LOCKED};
    }

    @Override
    final Result run() {
        FileTermStore store = writingStore(node.defaultTerm, create.create);
        Outcome outcome;
        try {
            outcome = new TermFence(store).apply(boundary(), incoming.term, expectCurrent(), writes.dryRun);
        } catch (UnexpectedTerm e) {
            return new Unexpected(name(), store.describe(), incoming.term, e.expected(), e.current());
        }
        return new Decided(name(), store.describe(), outcome, writes.dryRun ? Decided.Probe.DRY_RUN : Decided.Probe.NONE);
    }
}
