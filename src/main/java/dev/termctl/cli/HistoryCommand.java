package dev.termctl.cli;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "history", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Print the journal of term writes (written by admit-record, admit-handshake and adopt with "
                + "--journal or TERMCTL_JOURNAL) as a table, oldest first.",
        footerHeading = "%nExamples:%n",
        footer = {"  termctl history --journal /var/log/termctl.journal",
                  "  termctl history --journal /var/log/termctl.journal -f term.json --json"})
final class HistoryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--journal", paramLabel = "FILE", defaultValue = "${env:TERMCTL_JOURNAL}",
            description = "The journal to read. Default: the TERMCTL_JOURNAL environment variable.")
    String journal;

    @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Only the writes to this term file.")
    String file;

    @Option(names = "--json", description = "Print the entries as one JSON array.")
    boolean json;

    @Override
    public Integer call() {
        if (journal == null || journal.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "no journal named: give --journal FILE, or set TERMCTL_JOURNAL");
        }
        Path path = Execute.path(journal, "--journal");
        List<String> only = file == null ? null : names(Execute.path(file, "--file"));
        List<String> lines = new ArrayList<>();
        List<Map<String, String>> entries = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                Map<String, String> entry = entry(line, path, number);
                if (only == null || only.contains(entry.get("file"))) {
                    entries.add(entry);
                    lines.add(line);
                }
            }
        } catch (NoSuchFileException e) {
            throw new TermctlException(ExitCode.IO, "the journal " + path.toAbsolutePath() + " does not exist; writes "
                    + "are journaled only with --journal or TERMCTL_JOURNAL");
        } catch (IOException e) {
            throw new TermctlException(ExitCode.IO, "cannot read the journal " + path.toAbsolutePath() + ": " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println("[" + String.join(",", lines) + "]");
        } else {
            table(out, entries);
        }
        return ExitCode.ADMIT;
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

    private static Map<String, String> entry(String line, Path path, int number) {
        Map<String, String> entry;
        try {
            entry = Json.members(line);
        } catch (IOException | RuntimeException e) {
            throw new TermctlException(ExitCode.INVALID_FILE, path.toAbsolutePath() + " line " + number
                    + " is not a termctl journal entry: " + e.getMessage() + ". The journal is append-only: do not edit it"
                    + " by hand");
        }
        if (entry.get("after") == null || entry.get("file") == null) {
            throw new TermctlException(ExitCode.INVALID_FILE, path.toAbsolutePath() + " line " + number
                    + " is not a termctl journal entry: it has no \"file\" or no \"after\"");
        }
        return entry;
    }

    private static void table(PrintWriter out, List<Map<String, String>> entries) {
        Table table = new Table(new String[] {"TIME", "BY", "FILE", "COMMAND", "TERM", "REASON"});
        for (Map<String, String> e : entries) {
            table.add(e.get("time"), e.get("user") + "@" + e.get("host"), e.get("file"), e.get("command"),
                    e.get("before") + " -> " + e.get("after"), e.get("reason") == null ? "" : e.get("reason"));
        }
        table.print(out);
        if (entries.isEmpty()) {
            out.println("(no writes recorded)");
        }
    }
}
