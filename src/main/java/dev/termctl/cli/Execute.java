package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.Version;
import dev.termctl.fence.Outcome;
import dev.termctl.fence.TermFence;
import dev.termctl.fence.UnexpectedTerm;
import dev.termctl.store.FileTermStore;
import dev.termctl.store.WriteStamp;
import java.io.PrintWriter;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/** Runs a parsed command: asks the fence and hands the result to the renderer. No fence logic here. */
final class Execute {
    private Execute() {
    }

    static int run(Invocation inv, PrintWriter out, PrintWriter err) {
        Report report = new Report(out, err, inv.mode());
        Invocation.Write w = inv.write();
        FileTermStore store = new FileTermStore(path(inv.file(), "--file"), inv.defaultTerm(),
                w == null ? Duration.ZERO : w.lockTimeout());
        if (inv.term() == null) {
            return report.show(store.describe(), store.read());
        }
        if (w == null) {
            return report.verdict(inv.command(), store.describe(), new TermFence(store).classify(inv.boundary(), inv.term()),
                    Report.Probe.CLASSIFY);
        }
        WriteStamp stamp = new WriteStamp(System.currentTimeMillis() / 1000, System.getProperty("user.name"), Host.name(),
                inv.command(), Version.VERSION, w.reason());
        store = store.recording(stamp, w.journal() == null ? null : path(w.journal(), "--journal"));
        Outcome outcome;
        try {
            outcome = new TermFence(store).apply(inv.boundary(), inv.term(), w.expectCurrent(), w.dryRun());
        } catch (UnexpectedTerm e) {
            throw new TermctlException(ExitCode.UNEXPECTED, store.describe() + ": the current term is " + e.current()
                    + ", not the expected " + e.expected() + "; nothing was changed. Inspect the node again (termctl show)"
                    + " and decide anew");
        }
        return report.verdict(inv.command(), store.describe(), outcome,
                w.dryRun() ? Report.Probe.DRY_RUN : Report.Probe.NONE);
    }

    static Path path(String file, String option) {
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            throw new TermctlException(ExitCode.USAGE, "invalid value for option '" + option + "': '" + file + "': "
                    + e.getReason());
        }
    }
}
