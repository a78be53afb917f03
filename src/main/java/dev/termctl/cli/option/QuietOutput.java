package dev.termctl.cli.option;

import picocli.CommandLine.Option;

/** JSON, text or nothing: the output forms of the commands that give a verdict (an exclusive group). */
public final class QuietOutput {
    @Option(names = OutputOptions.JSON, description = OutputOptions.JSON_TEXT)
    boolean json;

    @Option(names = {OutputOptions.Q, OutputOptions.QUIET}, description = OutputOptions.QUIET_TEXT)
    boolean quiet;
}
