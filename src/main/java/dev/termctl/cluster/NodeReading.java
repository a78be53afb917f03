package dev.termctl.cluster;

import dev.termctl.core.Term;
import dev.termctl.format.AuditTrail;
import dev.termctl.format.JsonMembers;
import dev.termctl.fs.FileFailure;
import dev.termctl.fs.JsonLines;
import dev.termctl.store.FileTermStore;
import dev.termctl.store.StoreFailure;
import dev.termctl.store.StoredTerm;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractList;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * One node of a cluster view, as read: from its term file here, or from a line of another host's
 * another host's show output (its JSON lines).
 *
 * @param label  how the node is named in text: the path as given, or host:file
 * @param file   its absolute path
 * @param host   where it was read
 * @param stored what was read; null when unreadable
 * @param error  why not, when unreadable
 */
public record NodeReading(String label, String file, String host, StoredTerm stored, String error) {

    /**
     * Reads one term file (given as {@code given}) on this host; an unreadable one is a reading with
     * its error, in the words {@code words} gives the failure.
     */
    public static NodeReading of(String given, Path path, Term defaultTerm, String host,
            Function<RuntimeException, String> words) {
        FileTermStore store = new FileTermStore(path, defaultTerm, Duration.ZERO);
        try {
            return new NodeReading(given, store.describe(), host, store.read(), null);
        } catch (StoreFailure | FileFailure e) {
            return new NodeReading(given, store.describe(), host, null, words.apply(e));
        }
    }

    /**
     * The most nodes one cluster view holds: every node is kept until the highest term is known, so
     * a view is bounded, and refused beyond it rather than read into an OutOfMemoryError.
     */
    public static final int MAX_NODES = 1_000_000;

    /** The most bytes of names and audit text the nodes of one view keep (less when the heap is smaller). */
    public static final long MAX_VIEW_BYTES = 128L << 20;

    /**
     * Adds the nodes of lines of show's JSON output in {@code source} (null: standard input) to
     * {@code nodes}; {@code label} names the input in failures and in the nodes' names, and a line
     * that is not a node's reading is an unreadable node, its error in the words {@code words} gives.
     */
    public static void fromShowJson(Path source, String label, Many nodes, Function<RuntimeException, String> words) {
        try (JsonLines in = JsonLines.open(source, label)) {
            for (JsonLines.Line line = in.next(); line != null; line = in.next()) {
                if (line.blank()) {
                    continue;
                }
                String where = in.name() + " line " + line.number();
                NodeReading n;
                try {
                    n = fromShowJson(line.bytes(), where);
                } catch (JsonMembers.Damage e) {
                    // Described by what and where, never quoted: the input may be a file of secrets.
                    String error = words.apply(ClusterFailure.BadLine.of(where, e.describe()));
                    n = new NodeReading(where, where, null, null, error);
                }
                nodes.add(n, where);
            }
        }
    }

    private static NodeReading fromShowJson(byte[] line, String where) throws JsonMembers.Damage {
        Map<String, String> fields = JsonMembers.members(line);
        String file = fields.get("file");
        String host = fields.get("host");
        String label = (host == null ? "" : host + ":") + (file == null ? where : file);
        if (fields.containsKey("error")) {
            return new NodeReading(label, file, host, null, fields.get("error"));
        }
        if (file == null || fields.get("term") == null) {
            throw new JsonMembers.Damage("it has no \"file\" or no \"term\"", 0);
        }
        Term term;
        try {
            term = Term.parse(fields.get("term"));
        } catch (IllegalArgumentException e) {
            throw new JsonMembers.Damage("its \"term\" is not a term (a whole number from 0 to " + Term.MAX_TEXT + ")", 0);
        }
        StoredTerm stored = new StoredTerm(term, !"false".equals(fields.get("exists")),
                "true".equals(fields.get("last_vote")), null, AuditTrail.from(fields));
        return new NodeReading(label, file, host, stored, null);
    }

    /**
     * The nodes of a cluster view, kept compact: a term, a few flags and one small byte array of
     * text each (a million nodes from lines of show's JSON take tens of MiB, not the ~860 MiB of one
     * object graph each), with texts that repeat across nodes (the path, the version) kept once.
     * Bounded by {@link #MAX_NODES} and {@link #MAX_VIEW_BYTES}. {@link #get} rebuilds a reading.
     */
    public static final class Many extends AbstractList<NodeReading> {
        private static final int READABLE = 1;
        private static final int EXISTS = 2;
        private static final int LAST_VOTE = 4;
        private static final int LABEL_DERIVED = 8;
        /** The texts of a node, in this order; the label is left out when it is host:file. */
        private static final int FIELDS = 9;

        private long[] terms = new long[16];
        private byte[] flags = new byte[16];
        private byte[][] texts = new byte[16][];
        private int size;
        private long kept;
        private final long budget = Math.min(MAX_VIEW_BYTES, Runtime.getRuntime().maxMemory() / 2);
        private final NodeTexts codec = new NodeTexts(FIELDS);

        /** Adds a node; {@code where} names it in the refusal when the view is full. */
        public void add(NodeReading n, String where) {
            if (size == MAX_NODES) {
                throw ClusterFailure.TooLarge.of(ClusterFailure.TooLarge.Bound.VIEW_NODES, where, 0, MAX_NODES);
            }
            StoredTerm s = n.stored();
            AuditTrail a = s == null ? AuditTrail.NONE : s.audit();
            boolean derived = n.file() != null && n.label().equals((n.host() == null ? "" : n.host() + ":") + n.file());
            String[] values = {derived ? null : n.label(), n.file(), n.host(), s == null ? null : s.votedFor(),
                a.updatedAt(), a.updatedBy(), a.reason(), a.updatedWith(), n.error()};
            ByteArrayOutputStream b = new ByteArrayOutputStream(64);
            for (int f = 0; f < FIELDS; f++) {
                codec.encode(b, f, values[f]);
            }
            byte[] text = b.toByteArray();
            kept += text.length + 32;
            if (kept > budget) {
                throw ClusterFailure.TooLarge.of(ClusterFailure.TooLarge.Bound.VIEW_BYTES, where, kept, budget);
            }
            if (size == terms.length) {
                int grown = Math.min(MAX_NODES, size + (size >> 1));
                terms = Arrays.copyOf(terms, grown);
                flags = Arrays.copyOf(flags, grown);
                texts = Arrays.copyOf(texts, grown);
            }
            terms[size] = s == null ? 0 : s.term().bits();
            flags[size] = (byte) ((s != null ? READABLE : 0) | (s != null && s.exists() ? EXISTS : 0)
                    | (s != null && s.lastVote() ? LAST_VOTE : 0) | (derived ? LABEL_DERIVED : 0));
            texts[size] = text;
            size++;
        }

        @Override
        public boolean add(NodeReading n) {
            add(n, n.label());
            return true;
        }

        @Override
        public int size() {
            return size;
        }

        /** Node {@code i}'s term; null when it was unreadable. */
        public Term term(int i) {
            Objects.checkIndex(i, size);
            return (flags[i] & READABLE) == 0 ? null : new Term(terms[i]);
        }

        /** Whether node {@code i}'s file exists (false for the default term, and for an unreadable node). */
        public boolean exists(int i) {
            Objects.checkIndex(i, size);
            return (flags[i] & EXISTS) != 0;
        }

        @Override
        public NodeReading get(int i) {
            Objects.checkIndex(i, size);
            String[] v = new String[FIELDS];
            byte[] text = texts[i];
            int[] at = {0};
            for (int f = 0; f < FIELDS; f++) {
                v[f] = codec.decode(text, at, f);
            }
            int fl = flags[i];
            String label = (fl & LABEL_DERIVED) != 0 ? (v[2] == null ? "" : v[2] + ":") + v[1] : v[0];
            StoredTerm stored = (fl & READABLE) == 0 ? null : new StoredTerm(new Term(terms[i]), (fl & EXISTS) != 0,
                    (fl & LAST_VOTE) != 0, v[3], new AuditTrail(v[4], v[5], v[6], v[7]));
            return new NodeReading(label, v[1], v[2], stored, v[8]);
        }
    }
}
