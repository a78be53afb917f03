package dev.termctl.journal;

import dev.termctl.core.Term;
import dev.termctl.format.AuditTrail;
import dev.termctl.format.TermFileFormat;
import dev.termctl.fs.JsonLines;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.BitSet;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The append-only journal of term writes: one JSON line per write, appended and fsynced under the
 * term file's lock ({@link JournalWriter}), so its order is the order of the writes; and read back
 * ({@link #read}). The format's field names live here and in {@link JournalReader}, nowhere else.
 */
public final class Journal {

    private Journal() {
    }

    /** Lines longer than this are not termctl's: readers refuse them, so no line can exhaust memory. */
    public static final int MAX_LINE = JsonLines.MAX_LINE;

    /**
     * The most term files one read of a journal follows (to mark writes that did not complete):
     * a host has a few; {@code history -f FILE} follows one, however many the journal names.
     */
    public static final int MAX_FILES = 1000;

    /** The longest "file" an entry can name, in UTF-8 bytes: Linux's PATH_MAX. */
    static final int MAX_PATH = 4096;

    /**
     * What a write records about itself, in the term file's audit members and in the journal.
     *
     * @param time    seconds since the epoch
     * @param user    who ran the command: the account, or through sudo as root the sudo user
     * @param effectiveUser the account the command ran as (root through sudo); the same as user otherwise
     * @param host    the host name
     * @param command the termctl command that wrote
     * @param version termctl's version
     * @param reason  the reason the operator gave, or null
     */
    public record Stamp(long time, String user, String effectiveUser, String host, String command, String version,
            String reason) {

        /** A write by {@code user} running as itself. */
        public Stamp(long time, String user, String host, String command, String version, String reason) {
            this(time, user, user, host, command, version, reason);
        }

        /** The time as RFC 3339 in UTC, e.g. 2026-11-26T05:10:00Z (written by hand: java.time's formatters cost ~10 ms to load). */
        public String rfc3339() {
            return rfc3339(time);
        }

        /** {@code seconds} since the epoch as RFC 3339 in UTC. */
        public static String rfc3339(long seconds) {
            LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
            StringBuilder b = new StringBuilder(20);
            pad(b, t.getYear(), 4).append('-');
            pad(b, t.getMonthValue(), 2).append('-');
            pad(b, t.getDayOfMonth(), 2).append('T');
            pad(b, t.getHour(), 2).append(':');
            pad(b, t.getMinute(), 2).append(':');
            return pad(b, t.getSecond(), 2).append('Z').toString();
        }

        /** The audit members this write leaves in the term file. */
        public AuditTrail audit() {
            return new AuditTrail(rfc3339(), user + "@" + host, reason, "termctl " + version + " " + command);
        }

        private static StringBuilder pad(StringBuilder b, int value, int width) {
            String s = Integer.toString(value);
            for (int i = s.length(); i < width; i++) {
                b.append('0');
            }
            return b.append(s);
        }
    }

    /**
     * One journal entry, as read: the format's field names live here and nowhere else.
     *
     * @param user          who ran the write (through sudo as root: the sudo user)
     * @param effectiveUser the account it ran as; for lines written before it was recorded, {@code user}
     * @param before        the term before the write; null for a repair (the file was unreadable)
     * @param completed     false when the write it records did not reach the term file (see {@link #read})
     */
    public record Entry(String time, String user, String effectiveUser, String host, String file, String command,
            Term before, Term after, String reason, boolean completed) {

        /** Whether the write ran as another account than the user who ran it (sudo). */
        public boolean elevated() {
            return user != null && effectiveUser != null && !user.equals(effectiveUser);
        }
    }

    /** The journal line for one write. */
    static String line(Stamp stamp, Path file, Term before, Term after) {
        return "{\"time\":" + TermFileFormat.quote(stamp.rfc3339())
                + ",\"user\":" + TermFileFormat.quote(stamp.user())
                + ",\"effective_user\":" + TermFileFormat.quote(stamp.effectiveUser())
                + ",\"host\":" + TermFileFormat.quote(stamp.host())
                + ",\"file\":" + TermFileFormat.quote(file.toString())
                + ",\"command\":" + TermFileFormat.quote(stamp.command())
                + ",\"before\":" + before
                + ",\"after\":" + after
                + ",\"reason\":" + TermFileFormat.quote(stamp.reason())
                + "}\n";
    }

    /**
     * A journal as read once through: what it holds, in a few numbers, and its entries streamed on
     * demand from the same open file, so that memory does not grow with the journal.
     */
    public static final class Contents implements AutoCloseable {
        private final JsonLines in;
        private final List<String> files;
        private final long end;
        private final int entries;
        private final BitSet incomplete;
        private final String torn;
        private final List<Integer> damaged;
        private final int damagedCount;
        private final String firstDamage;

        Contents(JsonLines in, List<String> files, long end, int entries, BitSet incomplete, String torn,
                List<Integer> damaged, int damagedCount, String firstDamage) {
            this.in = in;
            this.files = files;
            this.end = end;
            this.entries = entries;
            this.incomplete = incomplete;
            this.torn = torn;
            this.damaged = damaged;
            this.damagedCount = damagedCount;
            this.firstDamage = firstDamage;
        }

        /** How many entries {@link #forEach} gives. */
        public int entries() {
            return entries;
        }

        /** Where a torn last line stands ("the journal X line N"), or null. */
        public String torn() {
            return torn;
        }

        /** The numbers of the first (at most 10) other lines that are not entries. */
        public List<Integer> damaged() {
            return damaged;
        }

        /** How many lines other than a torn last one are not entries. */
        public int damagedCount() {
            return damagedCount;
        }

        /** What is wrong with the first damaged line, and where in it ("it is not valid JSON at column 3"); or null. */
        public String firstDamage() {
            return firstDamage;
        }

        /** Gives the entries, oldest first, each marked completed or not; reads the journal again, as far as before. */
        public void forEach(Consumer<Entry> sink) {
            in.rewind(end);
            int ordinal = 0;
            for (JsonLines.Line line = in.next(); line != null; line = in.next()) {
                Entry e = line.blank() ? null : JournalReader.entry(line.bytes(), null);
                if (e != null && (files == null || files.contains(e.file()))) {
                    sink.accept(incomplete.get(ordinal++) ? JournalReader.withCompleted(e, false) : e);
                }
            }
        }

        @Override
        public void close() {
            in.close();
        }
    }

    /**
     * Reads a journal once through (bounded: {@link JsonLines#MAX_INPUT}, {@link #MAX_FILES}),
     * keeping the entries about {@code files} (all when null); {@link Contents#forEach} then streams
     * them. A last line cut off by a crash or a full disk is torn, not damaged: it never was an
     * entry. An entry is written before its term is, so a crash between the two leaves an entry
     * whose write did not complete; terms only move forward, so that shows: the next entry of the
     * same file starts from another term than this one's "after", or, for the last, the file holds
     * less. Only the last entry of each file is pending at any time, so memory grows with the
     * files followed, not with the entries.
     *
     * @param observer when not null, is given every entry kept, once, as soon as it is known to be
     *                 completed or not: in the journal's order, but for each file's last entry, which
     *                 comes at the end (enough to measure them, for instance)
     * @param current  the term a term file holds now (read by the store; any exception: unknown),
     *                 to tell whether each file's last entry completed
     */
    public static Contents read(Path path, List<String> files, Consumer<Entry> observer, Function<Path, Term> current) {
        return JournalReader.read(path, files, observer, current);
    }

    /** The name of the journal kept beside the term file {@code termName}: FILE.journal. */
    public static Path besideName(Path termName) {
        return Path.of(termName + ".journal");
    }
}
