package dev.termctl.store;

import dev.termctl.TermctlException;
import dev.termctl.core.Term;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One node of a cluster view, as read: from its term file here, or from a line of another host's
 * 'termctl show --json' output.
 *
 * @param label  how the node is named in text: the path as given, or host:file
 * @param file   its absolute path
 * @param host   where it was read
 * @param stored what was read; null when unreadable
 * @param error  why not, when unreadable
 */
public record NodeReading(String label, String file, String host, StoredTerm stored, String error) {

    /** Reads one term file (given as {@code given}) on this host; an unreadable one is a reading with its error. */
    public static NodeReading of(String given, Path path, Term defaultTerm, String host) {
        FileTermStore store = new FileTermStore(path, defaultTerm, Duration.ZERO);
        try {
            return new NodeReading(given, store.describe(), host, store.read(), null);
        } catch (TermctlException e) {
            return new NodeReading(given, store.describe(), host, null, e.getMessage());
        }
    }

    /** Nodes from lines of 'termctl show --json' output in {@code source} (null: standard input), bounded. */
    public static List<NodeReading> fromShowJson(Path source) {
        List<NodeReading> nodes = new ArrayList<>();
        try (JsonLines in = JsonLines.open(source, "--from-json")) {
            for (JsonLines.Line line = in.next(); line != null; line = in.next()) {
                if (line.text().isBlank()) {
                    continue;
                }
                String where = in.name() + " line " + line.number();
                try {
                    nodes.add(fromShowJson(line.text(), where));
                } catch (IOException | RuntimeException e) {
                    nodes.add(new NodeReading(where, where, null, null, "not a 'termctl show --json' object: "
                            + e.getMessage()));
                }
            }
        }
        return nodes;
    }

    private static NodeReading fromShowJson(String line, String where) throws IOException {
        Map<String, String> fields = JsonLines.members(line);
        String file = fields.get("file");
        String host = fields.get("host");
        String label = (host == null ? "" : host + ":") + (file == null ? where : file);
        if (fields.containsKey("error")) {
            return new NodeReading(label, file, host, null, fields.get("error"));
        }
        if (file == null || fields.get("term") == null) {
            throw new IOException("it has no \"file\" or no \"term\"");
        }
        StoredTerm stored = new StoredTerm(Term.parse(fields.get("term")), !"false".equals(fields.get("exists")),
                "true".equals(fields.get("last_vote")), null, AuditTrail.from(fields));
        return new NodeReading(label, file, host, stored, null);
    }
}
