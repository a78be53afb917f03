package dev.termctl.cli;

import dev.termctl.core.Term;
import java.util.List;
import picocli.CommandLine.Option;

/** Options every command shares: which node's file, its default term, and the output form. */
final class NodeOptions {

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", defaultValue = "${env:TERMCTL_FILE}",
            description = "The node's term file. Default: the TERMCTL_FILE environment variable.")
    List<String> files;

    @Option(names = "--default-term", paramLabel = "N", defaultValue = "1", converter = TermConverter.class,
            description = "The term of a node whose term file does not exist (default: ${DEFAULT-VALUE}).")
    Term defaultTerm;

    @Option(names = "--json", description = "Print one JSON object on stdout instead of text; errors as JSON on stderr.")
    boolean json;

    @Option(names = {"-q", "--quiet"}, description = "Print nothing on stdout: the exit code alone speaks.")
    boolean quiet;
}
