package dev.termctl.cli.command;

import dev.termctl.ExitCode;
import dev.termctl.cli.option.CountConverter;
import dev.termctl.cli.option.DatabaseOptions;
import dev.termctl.cli.option.FileOptions;
import dev.termctl.cli.option.OutputOptions;
import dev.termctl.cli.option.Paths;
import dev.termctl.cli.render.ClusterView;
import dev.termctl.cli.render.DistinctNodes;
import dev.termctl.cli.render.Failures;
import dev.termctl.cli.render.Renderer;
import dev.termctl.cli.render.Result;
import dev.termctl.cli.render.Shown;
import dev.termctl.cluster.NodeReading;
import dev.termctl.fence.ClusterVerdict;
import dev.termctl.fs.FileFailure;
import dev.termctl.probe.DataFile;
import dev.termctl.store.FileTermStore;
import dev.termctl.store.StoredTerm;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "show",
        description = {"Print the node's current term and who last wrote it, and whether its database runs (a "
                + "process holds its data file locked: data.rdb beside the term file, or in its parent directory for a "
                + "term file in replication/, or the file TERMCTL_DATA_FILE names), or that it was not checked. Reads "
                + "only: never creates, locks or changes anything.",
            "With several files (-f A -f B, or as arguments, e.g. a shell glob) or --from-json, print a cluster "
                + "view: one row per node with its term and state (current, stale, default, invalid) under the "
                + "highest term. A node is its host and path: one named twice is shown and counted once. Exit 0 when "
                + "every readable node is at the highest term, 20 when any is behind, 65 when any is invalid or "
                + "unreadable, when no node answered (no line on --from-json), when fewer nodes than "
                + "--expect-nodes answered, or when no node has a term file (each at the default term: a "
                + "mistyped path, or files that are gone); the worst wins.",
            "-o prometheus prints the view as metrics for node_exporter's textfile collector: termctl_term, "
                + "termctl_node_behind, termctl_node_valid and termctl_term_file_exists per node (docs/monitoring.md)."},
        footerHeading = "%nExamples:%n",
        footer = {"  termctl show -f /var/lib/reddb/replication/term.json",
                  "  termctl show --term-only -f term.json         # just the number, for $(...)",
                  "  termctl show cluster/*/term.json              # three nodes side by side",
                  "  for h in a b c; do",
                  "    ssh $h termctl show --json -f /var/lib/reddb/replication/term.json",
                  "  done | termctl show --expect-nodes 3 --from-json -",
                  "  termctl show -o prometheus cluster/*/term.json > termctl.prom.tmp"})
public final class ShowCommand extends Subcommand {

    @Mixin
    FileOptions.Several files = new FileOptions.Several();

    @Mixin
    FileOptions.DefaultTerm node = new FileOptions.DefaultTerm();

    @ArgGroup(exclusive = true)
    OutputOptions.TermOnly output;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "More term files: show them as a cluster.")
    List<String> more;

    private static final String FROM_JSON = "--from-json";

    @Option(names = FROM_JSON, paramLabel = "FILE|-",
            description = "Add nodes from lines of 'termctl show --json' output (from other hosts), read from FILE or "
                    + "standard input (-).")
    String fromJson;

    @Option(names = "--expect-nodes", paramLabel = "N", converter = CountConverter.class,
            description = "The cluster has N nodes: when fewer distinct nodes (host and path) are in the view, say how "
                    + "many answered and exit 65, even if every node present is current. Catches a host that gave no "
                    + "line (its ssh failed).")
    Integer expectNodes;

    @Override
    int[] exitCodes() {
        return new int[] {ExitCode.FENCED};
    }

    /** The one node's store, once made: a failure's JSON names its file. */
    private FileTermStore single;

    /** The one node's file; before it is read, or for a view, the file the line names (as a usage error's is found). */
    @Override
    String target() {
        if (single != null) {
            return single.describe();
        }
        String named = null;
        if (files.files != null) {
            for (String f : files.files) {
                named = f.isEmpty() ? named : f;
            }
        }
        if (named == null && more != null && !more.isEmpty()) {
            named = more.get(0);
        }
        return FileOptions.absolute(named != null ? named : FileOptions.fromEnvironment());
    }

    @Override
    public String meaning(int code) {
        switch (code) {
            case ExitCode.ADMIT: return "success: the node was read, or every node of the view is at its highest term";
            case ExitCode.FENCED: return "a node of the view is behind its highest term";
            case ExitCode.INVALID_FILE: return "a term file is not valid, no node answered, fewer nodes than "
                    + "--expect-nodes answered, or no node of the view has a term file";
            default: return super.meaning(code);
        }
    }

    @Override
    Renderer.Format format() {
        return OutputOptions.mode(output);
    }

    @Override
    Result run() {
        List<String> named = new ArrayList<>();
        if (files.files != null) {
            for (String f : files.files) {
                if (!f.isEmpty()) {
                    named.add(f);
                }
            }
        }
        if (more != null) {
            named.addAll(more);
        }
        if (expectNodes != null && expectNodes < 1) {
            throw usage("invalid value for option '--expect-nodes': " + expectNodes + "; give how many nodes the cluster"
                    + " has (1 or more)");
        }
        // Metrics always come from a view, one node or many: an unreadable node is a sample (valid 0), not an error.
        if (expectNodes == null && fromJson == null && named.size() <= 1 && format() != Renderer.Format.PROMETHEUS) {
            String fromEnvironment = FileOptions.fromEnvironment();
            if (named.isEmpty() && fromEnvironment != null) {
                named.add(fromEnvironment);
            }
            if (named.isEmpty()) {
                throw usage("no term file named: give -f FILE, or set the TERMCTL_FILE environment variable");
            }
            FileTermStore store = new FileTermStore(FileOptions.path(named.get(0)), node.defaultTerm, Duration.ZERO);
            single = store;
            StoredTerm stored = store.read();
            String file = store.describe();
            // Only text and JSON say it: -q and --term-only pay nothing for it.
            boolean tells = format() == Renderer.Format.TEXT || format() == Renderer.Format.JSON;
            DataFile.Holder holder = null;
            Boolean running = null;
            String cannotTell = null;
            Path fromEnv = tells ? DatabaseOptions.fromEnvironment() : null;
            java.util.List<Path> lookedAt = fromEnv != null ? java.util.List.of(fromEnv) : DataFile.candidates(Path.of(file));
            Path dataFile = !tells ? null : fromEnv == null ? DataFile.near(Path.of(file))
                    : java.nio.file.Files.exists(fromEnv, java.nio.file.LinkOption.NOFOLLOW_LINKS) ? fromEnv : null;
            if (dataFile != null) {
                try {
                    holder = DataFile.holder(dataFile);
                    running = holder != null;
                } catch (RuntimeException e) {
                    // Gone since it was seen: not checked. Refused (a link to another account's file, as root), no
                    // /proc, or a check that could not finish within the lock table's budget: cannot tell, and said.
                    // Caught as RuntimeException: a handler for FileFailure and ProbeFailure would load both on every show.
                    if (!Failures.isFact(e)) {
                        throw e;
                    }
                    if (e instanceof FileFailure.NotFound) {
                        dataFile = null;
                    } else {
                        cannotTell = Failures.message(e);
                    }
                }
            }
            return new Shown(file, Host.name(), stored, running, holder, dataFile, lookedAt, cannotTell);
        }
        if (named.isEmpty() && fromJson == null) {
            throw usage("no term file named: give the nodes' files (-f FILE or arguments) or --from-json");
        }
        if (format() == Renderer.Format.TERM_ONLY) {
            throw usage("--term-only shows one node; it cannot be used with several");
        }
        String host = Host.name();
        NodeReading.Many nodes = new NodeReading.Many();
        for (String f : named) {
            nodes.add(NodeReading.of(f, FileOptions.path(f), node.defaultTerm, host, Failures.words()));
        }
        if (fromJson != null) {
            NodeReading.fromShowJson(fromJson.equals("-") ? null : Paths.of(fromJson, FROM_JSON), FROM_JSON, nodes,
                    Failures.words());
        }
        DistinctNodes distinct = new DistinctNodes(nodes);
        // A view of the kept nodes, not a copy: a million readings are never all objects at once.
        List<ClusterVerdict.Reading> readings = new java.util.AbstractList<>() {
            @Override
            public ClusterVerdict.Reading get(int i) {
                return new ClusterVerdict.Reading(distinct.term(i), distinct.exists(i));
            }

            @Override
            public int size() {
                return distinct.size();
            }
        };
        return new ClusterView(distinct, new ClusterVerdict(readings, expectNodes == null ? 0 : expectNodes),
                expectNodes == null && fromJson == null && named.size() == 1);
    }
}
