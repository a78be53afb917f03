package dev.termctl.cli;

import dev.termctl.core.Term;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** admit-record, admit-handshake, adopt and repair: the commands that write, declared once for the four. */
abstract class WritingCommand extends ModelCommand {

    @Mixin
    NodeOptions node;

    @Mixin
    WriteOptions writes;

    @Parameters(paramLabel = "TERM", converter = TermConverter.class,
            description = "The incoming term: ASCII digits, 0 to " + Term.MAX_TEXT + ".")
    Term term;
}
