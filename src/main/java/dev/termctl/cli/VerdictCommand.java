package dev.termctl.cli;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Mixin;

/**
 * The commands given one node's file and an incoming TERM (classify and the writers): their shared
 * options, and failures reported in a verdict's JSON shape.
 */
abstract class VerdictCommand extends Subcommand {

    @Mixin
    FileOptions.One file = new FileOptions.One();

    @ArgGroup(exclusive = true)
    QuietOutput output;

    @Mixin
    TermArgument incoming = new TermArgument();

    @Override
    Renderer.Format format() {
        return OutputOptions.mode(output);
    }

    @Override
    boolean givesVerdicts() {
        return true;
    }

    @Override
    String target() {
        return file.describe();
    }
}
