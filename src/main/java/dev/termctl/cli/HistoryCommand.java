package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import dev.termctl.core.Term;
import dev.termctl.store.FileTermStore;
import dev.termctl.store.JsonLines;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "history", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {"Print the journal of term writes as a table, oldest first: who moved which term file from "
                + "which term to which, when and why.",
            "Every write of admit-record, admit-handshake, adopt and repair appends its entry to FILE.journal beside "
                + "the term file (or to --journal / TERMCTL_JOURNAL) before the term file changes. An entry whose "
                + "write did not complete (a crash between the two) is marked. A torn last line is skipped with a "
                + "warning; any other damaged line is named (exit 65) and the rest still shown."},
        footerHeading = "%nExamples:%n",
        footer = {"  termctl history -f /var/lib/reddb/term.json",
                  "  termctl history --journal /var/log/termctl.journal",
                  "  termctl history --journal /var/log/termctl.journal -f term.json --json"})
final class HistoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--journal", paramLabel = "FILE", defaultValue = "${env:TERMCTL_JOURNAL}",
            description = "The journal to read. Default: the TERMCTL_JOURNAL environment variable.")
    String journal;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE",
            description = "The writes to this term file: from its journal (FILE.journal), or from --journal.")
    String file;

    @Option(names = "--json", description = "Print the entries as one JSON array.")
    boolean json;

    @Override
    public Integer call() {
        boolean named = journal != null && !journal.isEmpty();
        if (!named && file == null) {
            throw new ParameterException(spec.commandLine(), "no journal named: give -f FILE (its journal, FILE.journal),"
                    + " --journal JOURNAL, or set TERMCTL_JOURNAL");
        }
        Path path = named ? Execute.path(journal, "--journal").toAbsolutePath()
                : new FileTermStore(Execute.path(file, "--file"), Term.DEFAULT, Duration.ZERO).defaultJournal();
        List<String> only = file == null ? null : names(Execute.path(file, "--file"));
        List<Entry> entries = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        String torn = null;
        try (JsonLines in = JsonLines.open(path, "the journal")) {
            for (JsonLines.Line line = in.next(); line != null; line = in.next()) {
                if (line.text().isBlank()) {
                    continue;
                }
                Map<String, String> fields = fields(line.text());
                if (fields == null && !line.terminated()) {
                    torn = in.name() + " line " + line.number();
                } else if (fields == null) {
                    malformed.add(Integer.toString(line.number()));
                } else if (only == null || only.contains(fields.get("file"))) {
                    entries.add(new Entry(line.text(), fields));
                }
            }
        }
        markIncomplete(entries);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            StringBuilder b = new StringBuilder("[");
            for (Entry e : entries) {
                b.append(b.length() == 1 ? "" : ",").append(e.completed ? e.line
                        : e.line.substring(0, e.line.lastIndexOf('}')) + ",\"completed\":false}");
            }
            out.println(b.append(']'));
        } else {
            table(out, entries);
        }
        PrintWriter err = spec.commandLine().getErr();
        if (torn != null) {
            err.println("termctl: warning: " + torn + " is an incomplete entry (an append cut off by a crash or a full"
                    + " disk); skipped. The next write cuts it off the journal");
        }
        if (!malformed.isEmpty()) {
            throw new TermctlException(ExitCode.INVALID_FILE, path + (malformed.size() == 1 ? " line " : " lines ")
                    + String.join(", ", malformed.subList(0, Math.min(10, malformed.size())))
                    + (malformed.size() > 10 ? " and " + (malformed.size() - 10) + " more" : "")
                    + " are not termctl journal entries (one JSON object a line, with \"file\" and \"after\");"
                    + " the other entries are shown. The journal is append-only: do not edit it by hand");
        }
        return ExitCode.ADMIT;
    }

    /** One journal entry: its line as written, its members, and whether its write completed. */
    private static final class Entry {
        final String line;
        final Map<String, String> fields;
        boolean completed = true;

        Entry(String line, Map<String, String> fields) {
            this.line = line;
            this.fields = fields;
        }
    }

    /**
     * An entry is written before its term is; a crash between the two leaves an entry whose write did
     * not complete. Terms only move forward, so that shows: the next write of the same file starts
     * from another term than this entry's "after", or, for the last entry, the file holds less.
     */
    private static void markIncomplete(List<Entry> entries) {
        Map<String, Entry> last = new HashMap<>();
        for (Entry e : entries) {
            Entry previous = last.put(e.fields.get("file"), e);
            // A repair's entry has no "before" (the file was unreadable): nothing to compare.
            if (previous != null && e.fields.get("before") != null
                    && !previous.fields.get("after").equals(e.fields.get("before"))) {
                previous.completed = false;
            }
        }
        for (Entry e : last.values()) {
            try {
                Term now = new FileTermStore(Path.of(e.fields.get("file")), Term.DEFAULT, Duration.ZERO).read().term();
                if (now.isBefore(Term.parse(e.fields.get("after")))) {
                    e.completed = false;
                }
            } catch (RuntimeException ignored) {
                // The file is gone or unreadable: nothing to compare with.
            }
        }
    }

    /** The members of a journal line, or null when it is not one JSON object with "file" and "after". */
    private static Map<String, String> fields(String line) {
        try {
            Map<String, String> f = Json.members(line);
            return f.get("after") == null || f.get("file") == null ? null : f;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The names an entry may give the file: as written, absolute, and with links resolved. */
    private static List<String> names(Path p) {
        List<String> names = new ArrayList<>();
        names.add(p.toAbsolutePath().normalize().toString());
        try {
            names.add(p.toRealPath().toString());
        } catch (IOException e) {
            // A file that no longer exists is matched by its path alone.
        }
        return names;
    }

    private static void table(PrintWriter out, List<Entry> entries) {
        Table table = new Table(new String[] {"TIME", "BY", "FILE", "COMMAND", "TERM", "REASON"});
        for (Entry entry : entries) {
            Map<String, String> e = entry.fields;
            table.add(e.get("time"), e.get("user") + "@" + e.get("host"), e.get("file"), e.get("command"),
                    (e.get("before") == null ? "?" : e.get("before")) + " -> " + e.get("after") + (entry.completed ? "" : " (not completed)"), e.get("reason") == null ? "" : e.get("reason"));
        }
        table.print(out, TerminalText.width());
        if (entries.isEmpty()) {
            out.println("(no writes recorded)");
        }
    }
}
