package dev.termctl.cli;

import dev.termctl.core.Boundary;
import dev.termctl.core.Term;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** admit-record, admit-handshake and adopt: the fence's writing calls, differing only in boundary. */
abstract class WritingCommand extends ModelCommand {

    @Mixin
    NodeOptions node;

    @Mixin
    WriteOptions writes;

    @Parameters(paramLabel = "TERM", converter = TermConverter.class,
            description = "The incoming term: ASCII digits, 0 to 18446744073709551615.")
    Term term;

    /** The boundary the term arrives at; null for an operator's direct adopt. */
    abstract Boundary boundary();

    /** adopt's --expect-current; null elsewhere. */
    Term expectCurrent() {
        return null;
    }

    @Override
    Invocation invocation() {
        return node.invocation(boundary(), term, new Invocation.Write(writes.lockTimeout, writes.dryRun, writes.reason,
                writes.journal == null || writes.journal.isEmpty() ? null : writes.journal, expectCurrent(), writes.create,
                writes.noJournal));
    }
}
