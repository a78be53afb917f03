package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.Version;
import dev.termctl.core.Boundary;
import dev.termctl.core.Term;
import dev.termctl.fence.ClusterVerdict;
import dev.termctl.fence.Outcome;
import dev.termctl.fence.TermFence;
import dev.termctl.fence.UnexpectedTerm;
import dev.termctl.store.FileTermStore;
import dev.termctl.store.Journal;
import dev.termctl.store.NodeReading;
import dev.termctl.store.StoreFailure;
import dev.termctl.store.StoredTerm;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * What each command does with a parsed command line: reads its options, asks the fence or the
 * store, and hands the result to {@link Report}. One method per command; no fence logic here.
 */
final class Actions {
    private Actions() {
    }

    /** The longest --reason, in UTF-8 bytes: it is stored in the term file and in every journal line. */
    static final int MAX_REASON_BYTES = 1024;

    static int run(Invocation inv, PrintWriter out, PrintWriter err) {
        Report report = new Report(out, err, mode(inv));
        try {
            switch (inv.command()) {
                case "show": return show(inv, report);
                case "classify": return classify(inv, report);
                case "admit-record": return write(inv, report, Boundary.APPLY);
                case "admit-handshake": return write(inv, report, Boundary.HANDSHAKE);
                case "adopt": return write(inv, report, null);
                case "repair": return repair(inv, report);
                case "history": return history(inv, report);
                default: throw new IllegalStateException("no action for " + inv.command());
            }
        } catch (TermctlException | StoreFailure failure) {
            TermctlException e = Failures.expected(failure);
            if (!inv.command().equals("show") && !inv.command().equals("history")) {
                // With --json a verdict-bearing command prints one JSON object on stdout whatever the exit code.
                report.failure(inv.command(), inv.text("--file"), e);
            }
            throw e;
        }
    }

    private static Report.Mode mode(Invocation inv) {
        boolean json = inv.has("--json");
        boolean quiet = inv.has("--quiet");
        boolean termOnly = inv.has("--term-only");
        if ((json ? 1 : 0) + (quiet ? 1 : 0) + (termOnly ? 1 : 0) > 1) {
            throw inv.usage("choose one of --json, --quiet" + (inv.command().equals("show") ? " and --term-only" : ""));
        }
        return quiet ? Report.Mode.QUIET : json ? Report.Mode.JSON : termOnly ? Report.Mode.TERM_ONLY : Report.Mode.TEXT;
    }

    /** The one term file a command works on: -f, else TERMCTL_FILE. */
    private static FileTermStore store(Invocation inv, Duration lockTimeout) {
        List<String> files = inv.all("--file");
        if (files.size() > 1) {
            throw inv.usage(inv.command() + " works on one term file, but -f was given " + files.size()
                    + " times; only show takes several");
        }
        if (files.isEmpty() || files.get(0).isEmpty()) {
            throw inv.usage("no term file named: give -f FILE, or set the TERMCTL_FILE environment variable");
        }
        return new FileTermStore(path(files.get(0), "--file"), inv.term("--default-term"), lockTimeout);
    }

    private static int show(Invocation inv, Report report) {
        List<String> named = new ArrayList<>(inv.has("--file") ? inv.all("--file") : List.of());
        named.addAll(inv.positionals());
        String fromJson = inv.text("--from-json");
        if (fromJson == null && named.size() <= 1) {
            FileTermStore store = named.isEmpty() ? store(inv, Duration.ZERO)
                    : new FileTermStore(path(named.get(0), "--file"), inv.term("--default-term"), Duration.ZERO);
            StoredTerm stored = store.read();
            return report.show(store.describe(), stored);
        }
        if (inv.has("--term-only")) {
            throw inv.usage("--term-only shows one node; it cannot be used with several");
        }
        String host = Host.name();
        NodeReading.Many nodes = new NodeReading.Many();
        for (String f : named) {
            nodes.add(NodeReading.of(f, path(f, "--file"), inv.term("--default-term"), host, Failures.words()));
        }
        if (fromJson != null) {
            NodeReading.fromShowJson(fromJson.equals("-") ? null : path(fromJson, "--from-json"), "--from-json", nodes,
                    Failures.words());
        }
        // A view of the kept nodes, not a copy: a million readings are never all objects at once.
        List<ClusterVerdict.Reading> readings = new java.util.AbstractList<>() {
            @Override
            public ClusterVerdict.Reading get(int i) {
                return new ClusterVerdict.Reading(nodes.term(i), nodes.exists(i));
            }

            @Override
            public int size() {
                return nodes.size();
            }
        };
        return report.cluster(nodes, new ClusterVerdict(readings));
    }

    private static int classify(Invocation inv, Report report) {
        FileTermStore store = store(inv, Duration.ZERO);
        Outcome outcome = new TermFence(store).classify(inv.boundary("--boundary"), inv.term());
        return report.verdict(inv.command(), store.describe(), outcome, Report.Probe.CLASSIFY);
    }

    /** A store that writes as this command line says: the lock timeout, --create, the journal and the audit stamp. */
    private static FileTermStore writingStore(Invocation inv) {
        FileTermStore store = store(inv, inv.duration("--lock-timeout"));
        String reason = inv.text("--reason");
        if (reason != null && reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
            throw inv.usage("invalid value for option '--reason': it is " + reason.getBytes(StandardCharsets.UTF_8).length
                    + " bytes long; a reason is at most " + MAX_REASON_BYTES + " bytes (name the incident or ticket,"
                    + " and keep the story elsewhere)");
        }
        Invoker who = Invoker.current();
        Journal.Stamp stamp = new Journal.Stamp(System.currentTimeMillis() / 1000, who.user(), who.effectiveUser(),
                Host.name(), inv.command(), Version.VERSION, reason);
        boolean create = inv.has("--create");
        if (!create) {
            store.requireFile();
        }
        String journal = inv.text("--journal");
        Path journalPath = inv.has("--no-journal") ? null
                : journal != null && !journal.isEmpty() ? path(journal, "--journal") : store.defaultJournal();
        return store.recording(stamp, journalPath, create);
    }

    private static int write(Invocation inv, Report report, Boundary boundary) {
        FileTermStore store = writingStore(inv);
        boolean dryRun = inv.has("--dry-run");
        Outcome outcome;
        try {
            outcome = new TermFence(store).apply(boundary, inv.term(), inv.term("--expect-current"), dryRun);
        } catch (UnexpectedTerm e) {
            String message = store.describe() + ": the current term is " + e.current() + ", not the expected "
                    + e.expected() + "; nothing was changed. Inspect the node again (termctl show) and decide anew";
            report.unexpected(inv.command(), store.describe(), inv.term(), e.expected(), e.current(), message);
            throw new TermctlException(ExitCode.UNEXPECTED, message);
        }
        return report.verdict(inv.command(), store.describe(), outcome, dryRun ? Report.Probe.DRY_RUN : Report.Probe.NONE);
    }

    private static int repair(Invocation inv, Report report) {
        for (String option : new String[] {"--create", "--default-term"}) {
            if (inv.has(option)) {
                throw inv.usage(option + " does not apply to repair, which replaces an existing damaged file with one"
                        + " holding TERM");
            }
        }
        String reason = inv.text("--reason");
        if (reason == null || reason.isBlank()) {
            throw inv.usage("repair needs --reason TEXT: say why the file is replaced (an incident or ticket); it is"
                    + " kept in the new file and the journal");
        }
        FileTermStore store;
        try {
            store = writingStore(inv);
        } catch (StoreFailure e) {
            throw Failures.forRepair(e, inv.text("--file"));
        }
        boolean dryRun = inv.has("--dry-run");
        return report.repaired(store.describe(), inv.term(), store.repair(inv.term(), dryRun), dryRun);
    }

    private static int history(Invocation inv, Report report) {
        String journal = inv.text("--journal");
        String file = inv.text("--file");
        boolean named = journal != null && !journal.isEmpty();
        if (!named && (file == null || !inv.has("--file"))) {
            throw inv.usage("no journal named: give -f FILE (its journal, FILE.journal), --journal JOURNAL, or set"
                    + " TERMCTL_JOURNAL");
        }
        Path path = named ? path(journal, "--journal").toAbsolutePath()
                : new FileTermStore(path(file, "--file"), Term.DEFAULT, Duration.ZERO).defaultJournal();
        List<String> only = null;
        if (inv.has("--file")) {
            Path p = path(file, "--file");
            only = new ArrayList<>(List.of(p.toAbsolutePath().normalize().toString()));
            // Resolved as every term file is (never by the kernel alone): as root, a link of one
            // account's must not lead history to another account's file; such a link is refused.
            only.add(new FileTermStore(p, Term.DEFAULT, Duration.ZERO).resolve().toString());
        }
        return report.history(path, only);
    }

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
