package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.fence.Outcome;
import dev.termctl.fence.TermFence;
import dev.termctl.store.FileTermStore;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/** Runs a parsed command: asks the fence and hands the result to the renderer. No fence logic here. */
final class Execute {
    private Execute() {
    }

    static int run(Invocation inv, PrintWriter out) {
        Report report = new Report(out, inv.mode());
        FileTermStore store = new FileTermStore(path(inv.file()), inv.defaultTerm(),
                inv.lockTimeout() == null ? Duration.ZERO : inv.lockTimeout());
        if (inv.term() == null) {
            return report.show(store.describe(), store.read());
        }
        TermFence fence = new TermFence(store);
        Outcome outcome;
        boolean probe = inv.command().equals("classify");
        if (probe) {
            outcome = fence.classify(inv.boundary(), inv.term());
        } else if (inv.boundary() == null) {
            outcome = fence.adopt(inv.term());
        } else {
            outcome = fence.admit(inv.boundary(), inv.term());
        }
        return report.verdict(inv.command(), store.describe(), outcome, probe);
    }

    private static Path path(String file) {
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            throw new TermctlException(ExitCode.USAGE, "invalid value for option '--file': '" + file + "': " + e.getReason());
        }
    }
}
