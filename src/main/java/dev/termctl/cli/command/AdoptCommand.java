package dev.termctl.cli.command;

import dev.termctl.ExitCode;
import dev.termctl.cli.option.TermConverter;
import dev.termctl.core.Boundary;
import dev.termctl.core.Term;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "adopt",
        description = "Move the node forward to TERM after it re-synced under it. Never moves backwards: "
                + "exit 10 when the term moved, 0 when the node was already at TERM, 20 (file untouched) "
                + "when it is already past TERM.",
        footerHeading = "%nExamples:%n",
        footer = {"  termctl adopt -f term.json 12",
                  "  termctl adopt --expect-current 11 --reason 're-synced from node-a' -f term.json 12",
                  "  TERMCTL_FILE=term.json termctl adopt --dry-run --json 12"})
public final class AdoptCommand extends FenceCommand {

    @Option(names = "--expect-current", paramLabel = "N", converter = TermConverter.class,
            description = "Compare-and-set: adopt only if the node's current term is exactly N, checked under the "
                    + "lock; otherwise change nothing and exit 30. Lets a runbook act on what it inspected.")
    Term expectCurrent;

    @Override
    int[] exitCodes() {
        return new int[] {ExitCode.ADOPT, ExitCode.FENCED, ExitCode.UNEXPECTED, ExitCode.NO_FILE, ExitCode.LOCKED};
    }

    /** adopt's 20 is no refused message but a node already past TERM: said so, not "fenced". */
    @Override
    public String meaning(int code) {
        return code == ExitCode.FENCED ? "already past: the node's current term is newer than TERM; the file is untouched"
                : super.meaning(code);
    }

    @Override
    Boundary boundary() {
        return null;
    }

    @Override
    Term expectCurrent() {
        return expectCurrent;
    }
}
