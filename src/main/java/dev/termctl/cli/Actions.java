package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.Version;
import dev.termctl.fence.Outcome;
import dev.termctl.fence.TermFence;
import dev.termctl.fence.UnexpectedTerm;
import dev.termctl.store.FileTermStore;
import dev.termctl.store.WriteStamp;
import dev.termctl.core.Term;
import dev.termctl.fence.ClusterVerdict;
import dev.termctl.store.NodeReading;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;

/** Runs a parsed command: asks the fence and hands the result to the renderer. No fence logic here. */
final class Actions {
    private Actions() {
    }

    static int run(Invocation inv, PrintWriter out, PrintWriter err) {
        Report report = new Report(out, err, inv.mode());
        try {
            return run(inv, report);
        } catch (TermctlException e) {
            if (inv.term() != null) {
                // With --json a verdict-bearing command prints one JSON object on stdout whatever the exit code.
                report.failure(inv.command(), inv.file(), e);
            }
            throw e;
        }
    }

    private static int run(Invocation inv, Report report) {
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
        if (w.reason() != null && w.reason().getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            throw new TermctlException(ExitCode.USAGE, "invalid value for option '--reason': it is "
                    + w.reason().getBytes(StandardCharsets.UTF_8).length + " bytes long; a reason is at most "
                    + MAX_REASON_BYTES + " bytes (name the incident or ticket, and keep the story elsewhere)");
        }
        WriteStamp stamp = new WriteStamp(System.currentTimeMillis() / 1000, System.getProperty("user.name"), Host.name(),
                inv.command(), Version.VERSION, w.reason());
        if (!w.create()) {
            store.requireFile();
        }
        Path journal = w.noJournal() ? null : w.journal() != null ? path(w.journal(), "--journal") : store.defaultJournal();
        store = store.recording(stamp, journal, w.create());
        if (inv.command().equals("repair")) {
            return report.repaired(store.describe(), inv.term(), store.repair(inv.term(), w.dryRun()), w.dryRun());
        }
        Outcome outcome;
        try {
            outcome = new TermFence(store).apply(inv.boundary(), inv.term(), w.expectCurrent(), w.dryRun());
        } catch (UnexpectedTerm e) {
            String message = store.describe() + ": the current term is " + e.current() + ", not the expected "
                    + e.expected() + "; nothing was changed. Inspect the node again (termctl show) and decide anew";
            report.unexpected(inv.command(), store.describe(), inv.term(), e.expected(), e.current(), message);
            throw new TermctlException(ExitCode.UNEXPECTED, message);
        }
        return report.verdict(inv.command(), store.describe(), outcome,
                w.dryRun() ? Report.Probe.DRY_RUN : Report.Probe.NONE);
    }

    /** show with several files or --from-json: the cluster view. */
    static int cluster(List<String> files, String fromJson, Term defaultTerm, Report.Mode mode, PrintWriter out,
            PrintWriter err) {
        String host = Host.name();
        List<NodeReading> nodes = new ArrayList<>();
        for (String f : files) {
            nodes.add(NodeReading.of(f, path(f, "--file"), defaultTerm, host));
        }
        if (fromJson != null) {
            nodes.addAll(NodeReading.fromShowJson(fromJson.equals("-") ? null : path(fromJson, "--from-json")));
        }
        List<ClusterVerdict.Reading> readings = new ArrayList<>();
        for (NodeReading n : nodes) {
            readings.add(new ClusterVerdict.Reading(n.stored() == null ? null : n.stored().term(),
                    n.stored() != null && n.stored().exists()));
        }
        return new Report(out, err, mode).cluster(nodes, new ClusterVerdict(readings));
    }

    /** The longest --reason, in UTF-8 bytes: it is stored in the term file and in every journal line. */
    static final int MAX_REASON_BYTES = 1024;

    static Path path(String file, String option) {
        if (file.indexOf('\uFFFD') >= 0) {
            // The JVM decodes arguments in the locale's encoding and replaces what it cannot decode:
            // the name would no longer be the file's, so termctl would read or create another file.
            throw new TermctlException(ExitCode.USAGE, "invalid value for option '" + option + "': '" + file
                    + "' cannot be named exactly: it holds bytes that are not valid in the locale's encoding ("
                    + System.getProperty("sun.jnu.encoding") + "); rename the file, or run termctl in a UTF-8 locale");
        }
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            throw new TermctlException(ExitCode.USAGE, "invalid value for option '" + option + "': '" + file + "': "
                    + e.getReason());
        }
    }
}
