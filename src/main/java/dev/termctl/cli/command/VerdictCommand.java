package dev.termctl.cli.command;

import dev.termctl.ExitCode;
import dev.termctl.cli.option.FileOptions;
import dev.termctl.cli.option.OutputOptions;
import dev.termctl.cli.option.QuietOutput;
import dev.termctl.cli.option.TermArgument;
import dev.termctl.cli.render.Renderer;
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

    /** The README's words, TERM and all: these commands take one. */
    @Override
    public String meaning(int code) {
        return ExitCode.meaning(code).text();
    }

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
