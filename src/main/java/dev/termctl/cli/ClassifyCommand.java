package dev.termctl.cli;

import dev.termctl.core.Boundary;
import dev.termctl.core.Term;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "classify",
        description = "Say what the fence would do with TERM (admit, adopt or fenced) without doing it. "
                + "A pure probe: never creates, locks or changes anything.",
        footerHeading = "%nExamples:%n",
        footer = {"  termctl classify -f term.json 8 ; echo $?    # 0 admit, 10 adopt, 20 fenced",
                  "  termctl classify --boundary handshake --json -f term.json 6"})
final class ClassifyCommand extends ModelCommand {

    @Mixin
    NodeOptions node;

    @Option(names = "--boundary", paramLabel = "BOUNDARY", defaultValue = "apply", converter = BoundaryConverter.class,
            completionCandidates = BoundaryConverter.class,
            description = "Where TERM arrives: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "The rule is the same at each; it names the boundary in the report.")
    Boundary boundary;

    @Parameters(paramLabel = "TERM", converter = TermConverter.class,
            description = "The incoming term: ASCII digits, 0 to " + Term.MAX_TEXT + ".")
    Term term;
}
