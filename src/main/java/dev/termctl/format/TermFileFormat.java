package dev.termctl.format;

import dev.termctl.core.Term;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * The term file's format: one JSON object whose {@code term} member is an integer literal in
 * 0..2^64-1. Other members are kept untouched, so files RedDB (or a later termctl) extends stay
 * intact. A file with a {@code voted_for} member is RedDB's durable last vote, not a term file.
 *
 * <p>Files are read by {@link TermReader}, which has RedDB's own grammar (serde_json's), so a file
 * termctl reads is one RedDB reads, with the same term. termctl is stricter in two documented
 * places only: a member name twice in one object, and files over {@link #MAX_BYTES}.
 */
public final class TermFileFormat {

    /** Files larger than this are refused unread: a term file is a few bytes. */
    public static final int MAX_BYTES = 64 * 1024;

    private TermFileFormat() {
    }

    /** Thrown for a file that is present but not a valid term file; the message says why and where. */
    public static final class InvalidTermFile extends Exception {
        private static final long serialVersionUID = 1L;

        private final transient Reason reason;
        private final transient Problem problem;
        private final transient Position position;

        public InvalidTermFile(Reason reason, String message) {
            this(reason == Reason.TOO_LARGE ? Problem.TOO_LARGE : reason == Reason.DUPLICATE_MEMBER
                    ? Problem.DUPLICATE_MEMBER : Problem.UNEXPECTED, null, message);
        }

        InvalidTermFile(Problem problem, Position position, String message) {
            super(message, null, false, false);
            this.problem = problem;
            this.position = position;
            this.reason = problem == Problem.TOO_LARGE ? Reason.TOO_LARGE
                    : problem == Problem.DUPLICATE_MEMBER ? Reason.DUPLICATE_MEMBER : Reason.SYNTAX;
        }

        /** Why, as a coarse class: the places where termctl is stricter than RedDB on purpose have their own. */
        public Reason reason() {
            return reason;
        }

        /** Why, as a fine class (docs/conformance.md has a table of them). */
        public Problem problem() {
            return problem;
        }

        /**
         * Whether RedDB's own reader refuses this file too. Only then is replacing it (repair) the
         * advice: a file RedDB reads (a repeated member, a file over 64 KiB) is one the node runs with.
         */
        public boolean redDbRefuses() {
            return problem.redDbRefuses();
        }

        /** Where in the file (line, column, byte offset); null for a fault of the whole file. */
        public Position position() {
            return position;
        }
    }

    /** Refusals in coarse classes: SYNTAX is everything RedDB refuses too; the others are termctl's own, documented rules. */
    public enum Reason {
        /** Not a term file RedDB could load (any {@link Problem} RedDB refuses). */
        SYNTAX,
        /** A member appears twice: RedDB takes the last one, termctl will not guess which was meant. */
        DUPLICATE_MEMBER,
        /** Over {@link #MAX_BYTES}: termctl reads a bounded amount, so a huge file cannot exhaust memory. */
        TOO_LARGE
    }

    /**
     * A parsed term file, remembering where each top-level member's value stands, so that a rewrite
     * replaces those values (or adds members) and leaves every other byte as it was.
     *
     * @param bytes        the file, exactly as read
     * @param spans        top-level member name to the [start, end) byte range of its value
     * @param lastValueEnd where the last member's value ends: new members go right after it
     */
    public record Document(Term term, byte[] bytes, Map<String, int[]> spans, int lastValueEnd, boolean lastVote,
            String votedFor, AuditTrail audit) {

        /** The same document with {@code newTerm} in place of the old term. */
        public byte[] withTerm(Term newTerm) {
            Map<String, String> members = new LinkedHashMap<>();
            members.put("term", newTerm.toString());
            return with(members);
        }

        /**
         * The same document with the given members set to the given raw JSON values: existing ones
         * are replaced in place, missing ones are added after the last member in the file's style.
         */
        public byte[] with(Map<String, String> rawValues) {
            String separator = memberSeparator();
            StringBuilder added = new StringBuilder();
            TreeMap<Integer, Edit> edits = new TreeMap<>();
            for (Map.Entry<String, String> m : rawValues.entrySet()) {
                int[] span = spans.get(m.getKey());
                if (span != null) {
                    edits.put(span[0], new Edit(span[1], m.getValue()));
                } else {
                    added.append(separator).append(quote(m.getKey())).append(separator.length() > 1 ? ": " : ":")
                            .append(m.getValue());
                }
            }
            edits.put(lastValueEnd, new Edit(lastValueEnd, added.toString()));
            ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 200);
            int pos = 0;
            for (Map.Entry<Integer, Edit> e : edits.entrySet()) {
                out.write(bytes, pos, e.getKey() - pos);
                out.writeBytes(e.getValue().with().getBytes(StandardCharsets.UTF_8));
                pos = e.getValue().end();
            }
            out.write(bytes, pos, bytes.length - pos);
            return out.toByteArray();
        }

        /** Replace the bytes from an edit's start up to {@code end} with {@code with}. */
        private record Edit(int end, String with) {
        }

        /** "," for a one-line file; ",\n" plus the first member's indent for a pretty one. */
        private String memberSeparator() {
            int open = indexOf('{', 0);
            int firstName = indexOf('"', open);
            String between = new String(bytes, open + 1, firstName - open - 1, StandardCharsets.US_ASCII);
            int newline = between.lastIndexOf('\n');
            return newline < 0 ? "," : ",\n" + between.substring(newline + 1);
        }

        private int indexOf(char c, int from) {
            for (int i = from; i < bytes.length; i++) {
                if (bytes[i] == c) {
                    return i;
                }
            }
            throw new IllegalStateException("a parsed term file without '" + c + "'");
        }
    }

    /** A JSON string literal that RedDB reads back as {@code s} (an unpaired surrogate becomes U+FFFD). */
    public static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\r': b.append("\\r"); break;
                case '\t': b.append("\\t"); break;
                case '\b': b.append("\\b"); break;
                case '\f': b.append("\\f"); break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                        b.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c)) {
                        // RedDB refuses an unpaired surrogate, and UTF-8 cannot hold one.
                        b.append('\uFFFD');
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }

    /** A new term file of the given members (raw JSON values), compact, on one line. */
    public static byte[] fresh(Map<String, String> rawValues) {
        StringBuilder b = new StringBuilder("{");
        for (Map.Entry<String, String> m : rawValues.entrySet()) {
            if (b.length() > 1) {
                b.append(',');
            }
            b.append(quote(m.getKey())).append(':').append(m.getValue());
        }
        return b.append("}\n").toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a term file's bytes with RedDB's grammar; the refusal says what is wrong, where, and what to do. */
    public static Document parse(byte[] bytes) throws InvalidTermFile {
        if (bytes.length > MAX_BYTES) {
            throw new InvalidTermFile(Problem.TOO_LARGE, null, "it is " + bytes.length + " bytes, larger than termctl's"
                    + " limit of " + MAX_BYTES + " bytes, so termctl does not read it (RedDB has no such limit and may);"
                    + " a term file is a few bytes: find out what wrote the rest");
        }
        TermReader.Parsed parsed;
        try {
            parsed = TermReader.read(bytes);
        } catch (Refusal r) {
            throw new InvalidTermFile(r.problem(), r.position(), r.getMessage());
        }
        TermReader.Value termValue = parsed.members().get("term");
        if (termValue == null) {
            throw new InvalidTermFile(Problem.NO_TERM, null, "it has no \"term\" member at the top level of its object;"
                    + " RedDB reads the term from there, as in {\"term\":7}");
        }
        Term term = term(bytes, termValue);
        TermReader.Value votedFor = parsed.members().get("voted_for");
        boolean lastVote = votedFor != null;
        if (lastVote && votedFor.type() != TermReader.Type.STRING && votedFor.type() != TermReader.Type.NULL) {
            Position at = Position.of(bytes, votedFor.start());
            throw new InvalidTermFile(Problem.BAD_VOTED_FOR, at, "its \"voted_for\" (at " + at.lineAndColumn() + ") is "
                    + votedFor.type().words() + ", so it is neither a term file nor a valid durable last-vote record (whose"
                    + " \"voted_for\" is a string or null); RedDB refuses it as a damaged last-vote record");
        }
        if (parsed.duplicate() != null) {
            Position at = parsed.duplicate();
            // Only a name of the term file's own format is quoted: any other is the file's content,
            // which a message never shows (sudo termctl show -f on a secret must not leak a word of it).
            String name = parsed.duplicateName();
            boolean known = name != null && (name.equals("term") || name.equals("voted_for")
                    || AuditTrail.isMember(name));
            throw new InvalidTermFile(Problem.DUPLICATE_MEMBER, at, (!known ? "a member name appears twice in one"
                    + " object" : "the member \"" + name + "\" appears twice") + " (the second time at " + at.lineAndColumn()
                    + "); RedDB's reader takes the last one, termctl will not guess which was meant: keep one");
        }
        Map<String, int[]> spans = new HashMap<>();
        Map<String, String> strings = new HashMap<>();
        for (Map.Entry<String, TermReader.Value> m : parsed.members().entrySet()) {
            spans.put(m.getKey(), new int[] {m.getValue().start(), m.getValue().end()});
            if (m.getValue().type() == TermReader.Type.STRING) {
                strings.put(m.getKey(), m.getValue().string());
            }
        }
        return new Document(term, bytes.clone(), spans, parsed.lastValueEnd(), lastVote, strings.get("voted_for"),
                AuditTrail.from(strings));
    }

    /** RedDB's {@code get("term").and_then(as_u64)}: an integer kept as a u64, nothing else. */
    private static Term term(byte[] bytes, TermReader.Value v) throws InvalidTermFile {
        Position at = Position.of(bytes, v.start());
        String where = " (at " + at.lineAndColumn() + ")";
        if (v.type() != TermReader.Type.NUMBER) {
            throw new InvalidTermFile(Problem.BAD_TERM, at, "its \"term\"" + where + " is " + v.type().words()
                    + ", not an integer from 0 to " + Term.MAX_TEXT + "; write the term as digits only, as in {\"term\":7}");
        }
        Numbers.Token n = v.number();
        if (n.kind() == Numbers.Kind.UNSIGNED) {
            return new Term(n.bits());
        }
        boolean plainDigits = true;
        for (int i = v.start(); i < v.end(); i++) {
            plainDigits &= bytes[i] >= '0' && bytes[i] <= '9';
        }
        String why = bytes[v.start()] == '-' ? "a negative number; terms are 0 to " + Term.MAX_TEXT
                : plainDigits ? "above the largest term " + Term.MAX_TEXT
                : "not an integer: it has a fraction or an exponent, and RedDB reads a term only as plain digits, as in"
                        + " {\"term\":7}";
        throw new InvalidTermFile(Problem.BAD_TERM, at, "its \"term\"" + where + " is " + why);
    }
}
