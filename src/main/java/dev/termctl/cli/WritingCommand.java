package dev.termctl.cli;

import dev.termctl.core.Boundary;
import dev.termctl.core.Term;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** admit-record, admit-handshake and adopt: the fence's writing calls, differing only in boundary. */
abstract class WritingCommand extends Parsed {

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
    Invocation invocation() {
        return node.invocation(boundary(), lock.lockTimeout, term);
    }
}
