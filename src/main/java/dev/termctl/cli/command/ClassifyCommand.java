package dev.termctl.cli.command;

import dev.termctl.ExitCode;
import dev.termctl.cli.option.BoundaryConverter;
import dev.termctl.cli.option.FileOptions;
import dev.termctl.cli.render.Decided;
import dev.termctl.cli.render.Result;
import dev.termctl.core.Boundary;
import dev.termctl.fence.Outcome;
import dev.termctl.fence.TermFence;
import dev.termctl.store.FileTermStore;
import java.time.Duration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "classify",
        description = "Say what the fence would do with TERM (admit, adopt or fenced) without doing it. "
                + "A pure probe: never creates, locks or changes anything.",
        footerHeading = "%nExamples:%n",
        footer = {"  termctl classify -f term.json 8 ; echo $?    # 0 admit, 10 adopt, 20 fenced",
                  "  termctl classify --boundary handshake --json -f term.json 6"})
public final class ClassifyCommand extends VerdictCommand {

    @Mixin
    FileOptions.DefaultTerm node = new FileOptions.DefaultTerm();

    @Option(names = "--boundary", paramLabel = "BOUNDARY", defaultValue = "apply", converter = BoundaryConverter.class,
            completionCandidates = BoundaryConverter.class,
            description = "Where TERM arrives: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). "
                    + "The rule is the same at each; it names the boundary in the report.")
    Boundary boundary;

    @Override
    int[] exitCodes() {
        return new int[] {ExitCode.ADOPT, ExitCode.FENCED};
    }

    @Override
    Result run() {
        FileTermStore store = file.store(name(), node.defaultTerm, Duration.ZERO);
        Outcome outcome = new TermFence(store).classify(boundary, incoming.term);
        return new Decided(name(), store.describe(), outcome, Decided.Probe.CLASSIFY);
    }
}
