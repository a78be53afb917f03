package dev.termctl.store;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.core.Term;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

    /**
     * The most nodes one cluster view holds: every node is kept until the highest term is known, so
     * a view is bounded, and refused beyond it rather than read into an OutOfMemoryError.
     */
    public static final int MAX_NODES = 1_000_000;

    /** The most bytes of names and audit text the nodes of one view keep (less when the heap is smaller). */
    public static final long MAX_VIEW_BYTES = 128L << 20;

    /** Adds the nodes of lines of 'termctl show --json' output in {@code source} (null: standard input) to {@code nodes}. */
    public static void fromShowJson(Path source, Many nodes) {
        try (JsonLines in = JsonLines.open(source, "--from-json")) {
            for (JsonLines.Line line = in.next(); line != null; line = in.next()) {
                if (line.blank()) {
                    continue;
                }
                String where = in.name() + " line " + line.number();
                NodeReading n;
                try {
                    n = fromShowJson(line.bytes(), where);
                } catch (JsonLines.Damage e) {
                    // Described by what and where, never quoted: the input may be a file of secrets.
                    n = new NodeReading(where, where, null, null, "not a 'termctl show --json' object: " + e.describe());
                }
                nodes.add(n, where);
            }
        }
    }

    private static NodeReading fromShowJson(byte[] line, String where) throws JsonLines.Damage {
        Map<String, String> fields = JsonLines.members(line);
        String file = fields.get("file");
        String host = fields.get("host");
        String label = (host == null ? "" : host + ":") + (file == null ? where : file);
        if (fields.containsKey("error")) {
            return new NodeReading(label, file, host, null, fields.get("error"));
        }
        if (file == null || fields.get("term") == null) {
            throw new JsonLines.Damage("it has no \"file\" or no \"term\"", 0);
        }
        Term term;
        try {
            term = Term.parse(fields.get("term"));
        } catch (IllegalArgumentException e) {
            throw new JsonLines.Damage("its \"term\" is not a term (a whole number from 0 to " + Term.MAX_TEXT + ")", 0);
        }
        StoredTerm stored = new StoredTerm(term, !"false".equals(fields.get("exists")),
                "true".equals(fields.get("last_vote")), null, AuditTrail.from(fields));
        return new NodeReading(label, file, host, stored, null);
    }

    /**
     * The nodes of a cluster view, kept compact: a term, a few flags and one small byte array of
     * text each (a million nodes from show --json lines take tens of MiB, not the ~860 MiB of one
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
        private static final int SHARED_PER_FIELD = 1024;
        private static final int SHARED_MAX_CHARS = 256;

        private long[] terms = new long[16];
        private byte[] flags = new byte[16];
        private byte[][] texts = new byte[16][];
        private int size;
        private long kept;
        private final long budget = Math.min(MAX_VIEW_BYTES, Runtime.getRuntime().maxMemory() / 2);
        private final List<Map<String, Integer>> sharedIndex = new ArrayList<>();
        private final List<List<String>> shared = new ArrayList<>();

        public Many() {
            for (int f = 0; f < FIELDS; f++) {
                sharedIndex.add(new HashMap<>());
                shared.add(new ArrayList<>());
            }
        }

        /** Adds a node; {@code where} names it in the refusal when the view is full. */
        public void add(NodeReading n, String where) {
            if (size == MAX_NODES) {
                throw new TermctlException(ExitCode.INVALID_FILE, where + ": the cluster view would hold more than "
                        + MAX_NODES + " nodes, the most termctl shows at once; split the input");
            }
            StoredTerm s = n.stored();
            AuditTrail a = s == null ? AuditTrail.NONE : s.audit();
            boolean derived = n.file() != null && n.label().equals((n.host() == null ? "" : n.host() + ":") + n.file());
            String[] values = {derived ? null : n.label(), n.file(), n.host(), s == null ? null : s.votedFor(),
                a.updatedAt(), a.updatedBy(), a.reason(), a.updatedWith(), n.error()};
            ByteArrayOutputStream b = new ByteArrayOutputStream(64);
            for (int f = 0; f < FIELDS; f++) {
                encode(b, f, values[f]);
            }
            byte[] text = b.toByteArray();
            kept += text.length + 32;
            if (kept > budget) {
                throw new TermctlException(ExitCode.INVALID_FILE, where + ": the nodes read so far hold more than "
                        + (budget >> 20) + " MiB of names and audit text, the most termctl keeps for one view; split"
                        + " the input");
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
                v[f] = decode(text, at, f);
            }
            int fl = flags[i];
            String label = (fl & LABEL_DERIVED) != 0 ? (v[2] == null ? "" : v[2] + ":") + v[1] : v[0];
            StoredTerm stored = (fl & READABLE) == 0 ? null : new StoredTerm(new Term(terms[i]), (fl & EXISTS) != 0,
                    (fl & LAST_VOTE) != 0, v[3], new AuditTrail(v[4], v[5], v[6], v[7]));
            return new NodeReading(label, v[1], v[2], stored, v[8]);
        }

        // A text is a varint v then its chars: 0 null; odd: shared text (v - 1) / 2 of its field;
        // 2 mod 4: (v - 2) / 4 chars of Latin-1, one byte each; 0 mod 4: (v - 4) / 4 UTF-16 chars, two
        // bytes each (exact, unpaired surrogates included).
        private void encode(ByteArrayOutputStream b, int field, String s) {
            if (s == null) {
                b.write(0);
                return;
            }
            Integer index = sharedIndex.get(field).get(s);
            if (index == null && s.length() <= SHARED_MAX_CHARS && shared.get(field).size() < SHARED_PER_FIELD) {
                index = shared.get(field).size();
                shared.get(field).add(s);
                sharedIndex.get(field).put(s, index);
            }
            if (index != null) {
                varint(b, 2L * index + 1);
                return;
            }
            boolean latin1 = true;
            for (int i = 0; i < s.length() && latin1; i++) {
                latin1 = s.charAt(i) < 256;
            }
            if (latin1) {
                varint(b, 4L * s.length() + 2);
                for (int i = 0; i < s.length(); i++) {
                    b.write(s.charAt(i));
                }
            } else {
                varint(b, 4L * s.length() + 4);
                for (int i = 0; i < s.length(); i++) {
                    b.write(s.charAt(i) >> 8);
                    b.write(s.charAt(i));
                }
            }
        }

        private String decode(byte[] text, int[] at, int field) {
            long v = 0;
            int shift = 0;
            int c;
            do {
                c = text[at[0]++] & 0xff;
                v |= (long) (c & 0x7f) << shift;
                shift += 7;
            } while ((c & 0x80) != 0);
            if (v == 0) {
                return null;
            }
            if ((v & 1) == 1) {
                return shared.get(field).get((int) (v >>> 1));
            }
            int length = (int) ((v - ((v & 3) == 2 ? 2 : 4)) >>> 2);
            char[] chars = new char[length];
            if ((v & 3) == 2) {
                for (int i = 0; i < length; i++) {
                    chars[i] = (char) (text[at[0]++] & 0xff);
                }
            } else {
                for (int i = 0; i < length; i++) {
                    chars[i] = (char) (((text[at[0]] & 0xff) << 8) | (text[at[0] + 1] & 0xff));
                    at[0] += 2;
                }
            }
            return new String(chars);
        }

        private static void varint(ByteArrayOutputStream b, long v) {
            while ((v & ~0x7fL) != 0) {
                b.write((int) ((v & 0x7f) | 0x80));
                v >>>= 7;
            }
            b.write((int) v);
        }
    }
}
