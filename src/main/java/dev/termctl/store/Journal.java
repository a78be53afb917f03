package dev.termctl.store;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.core.Term;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The append-only journal of term writes: one JSON line per write, appended and fsynced under the
 * term file's lock, so its order is the order of the writes.
 */
public final class Journal implements AutoCloseable {
    /** Every journal line starts so; a file that does not is not a journal. */
    private static final String ENTRY_START = "{\"time\":";

    private final Path path;
    private final FileChannel channel;
    /** The directory of a journal this run created (removed again if its first append fails), or null. */
    private final NodeDir createdIn;
    private final Path name;

    private Journal(Path path, FileChannel channel, NodeDir createdIn, Path name) {
        this.path = path;
        this.channel = channel;
        this.createdIn = createdIn;
        this.name = name;
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
     * Opens the journal {@code name} in {@code dir} for appending, under the term file's lock: never
     * through a link, checked once open. A journal this run creates gets the term file's owner and
     * the side mode, and its directory is fsynced; an existing file is appended to only if it is a
     * termctl journal (its first line is an entry), and is never given away or chmodded. A torn last
     * line (a crash or a full disk mid-append) is cut off first, so every entry starts on a line of
     * its own: the fragment never was an entry.
     */
    static Journal open(NodeDir dir, Path name, FileTermStore.Owner owner) {
        Path path = dir.path().resolve(name);
        PrivateFile.Opened opened = PrivateFile.open(dir, name, owner, FileFacts.sideMode(owner.termMode()), false,
                "the journal");
        FileChannel channel = opened.channel();
        try {
            long size = channel.size();
            if (!opened.created() && !isJournal(channel, size)) {
                throw new TermctlException(ExitCode.IO, "refusing to append to " + path + ": it is not a termctl journal"
                        + " (" + (size == 0 ? "it is empty" : "its first line is not a journal entry") + "); nothing was"
                        + " changed. Name another journal with --journal, or none with --no-journal");
            }
            long end = lineBoundary(channel, size);
            if (end < 0) {
                throw new TermctlException(ExitCode.INVALID_FILE, "refusing to append to the journal " + path + ": its last "
                        + MAX_LINE + " bytes hold no line break, so it is not a termctl journal; nothing was changed");
            }
            if (end < size) {
                channel.truncate(end);
            }
            channel.position(end);
            if (opened.created()) {
                dir.sync();
            }
            return new Journal(path, channel, opened.created() ? dir : null, name);
        } catch (IOException e) {
            abandon(channel, opened.created() ? dir : null, name);
            throw NodeDir.io("cannot prepare the journal " + path + " for appending; nothing was changed", e);
        } catch (RuntimeException e) {
            abandon(channel, opened.created() ? dir : null, name);
            throw e;
        }
    }

    /** Whether the file starts with a journal entry: the first bytes of every line termctl writes. */
    private static boolean isJournal(FileChannel channel, long size) throws IOException {
        byte[] mark = ENTRY_START.getBytes(StandardCharsets.US_ASCII);
        if (size < mark.length) {
            return false;
        }
        ByteBuffer head = ByteBuffer.allocate(mark.length);
        while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
            // read the whole mark
        }
        return java.util.Arrays.equals(head.array(), mark);
    }

    /** Closes a journal that failed to open; removes it if this run created it, so none is left empty. */
    private static void abandon(FileChannel channel, NodeDir createdIn, Path name) {
        close(channel);
        if (createdIn != null) {
            try {
                createdIn.delete(name);
            } catch (IOException ignored) {
                // An empty journal left behind is refused, not appended to, by the next run.
            }
        }
    }

    /** Where the last complete line ends: the size when the journal ends in a newline or is empty; -1 if none is near. */
    private static long lineBoundary(FileChannel channel, long size) throws IOException {
        if (size == 0) {
            return 0;
        }
        int n = (int) Math.min(size, MAX_LINE);
        ByteBuffer tail = ByteBuffer.allocate(n);
        while (tail.hasRemaining() && channel.read(tail, size - n + tail.position()) > 0) {
            // read the whole tail
        }
        byte[] b = tail.array();
        for (int i = n - 1; i >= 0; i--) {
            if (b[i] == '\n') {
                return size - n + i + 1;
            }
        }
        return size <= MAX_LINE ? 0 : -1;
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing was appended.
        }
    }

    /**
     * What a write records about itself, in the term file's audit members and in the journal.
     *
     * @param time    seconds since the epoch
     * @param user    who ran the command: the account, or through sudo as root the sudo user
     * @param effectiveUser the account the command ran as (root through sudo); the same as user otherwise
     * @param host    the host name
     * @param command the termctl command that wrote
     * @param version termctl's version
     * @param reason  the operator's --reason, or null
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
        static String rfc3339(long seconds) {
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

        private Contents(JsonLines in, List<String> files, long end, int entries, BitSet incomplete, String torn,
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
                Entry e = line.blank() ? null : entry(line.bytes(), null);
                if (e != null && (files == null || files.contains(e.file()))) {
                    sink.accept(incomplete.get(ordinal++) ? withCompleted(e, false) : e);
                }
            }
        }

        @Override
        public void close() {
            in.close();
        }
    }

    /** The last entry seen of one term file, not yet known to be completed, and where it stands. */
    private static final class Last {
        Entry entry;
        int ordinal;
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
     */
    public static Contents read(Path path, List<String> files, Consumer<Entry> observer) {
        Path besideJournal = path.toAbsolutePath().getParent();
        JsonLines in = JsonLines.open(path, "the journal");
        try {
            Map<String, Last> last = new HashMap<>();
            BitSet incomplete = new BitSet();
            List<Integer> damaged = new ArrayList<>();
            int damagedCount = 0;
            String firstDamage = null;
            String torn = null;
            int ordinal = 0;
            JsonLines.Damage[] why = new JsonLines.Damage[1];
            for (JsonLines.Line line = in.next(); line != null; line = in.next()) {
                if (line.blank()) {
                    continue;
                }
                Entry e = entry(line.bytes(), why);
                if (e == null && !line.terminated()) {
                    torn = in.name() + " line " + line.number();
                } else if (e == null) {
                    if (damaged.size() < 10) {
                        damaged.add(line.number());
                    }
                    if (damagedCount++ == 0) {
                        firstDamage = "line " + line.number() + ": " + why[0].describe();
                    }
                } else if (files == null || files.contains(e.file())) {
                    Last previous = last.get(e.file());
                    if (previous == null) {
                        if (last.size() == MAX_FILES) {
                            throw new TermctlException(ExitCode.INVALID_FILE, in.name() + " names more than " + MAX_FILES
                                    + " term files (line " + line.number() + "); termctl follows at most that many in one"
                                    + " read: give -f FILE to read the writes of one");
                        }
                        previous = new Last();
                        last.put(e.file(), previous);
                    } else {
                        // A repair's entry has no "before" (the file was unreadable): nothing to compare.
                        boolean completed = e.before() == null || previous.entry.after().equals(e.before());
                        if (!completed) {
                            incomplete.set(previous.ordinal);
                        }
                        if (observer != null) {
                            observer.accept(withCompleted(previous.entry, completed));
                        }
                    }
                    previous.entry = e;
                    previous.ordinal = ordinal++;
                }
            }
            for (Map.Entry<String, Last> l : last.entrySet()) {
                Entry e = l.getValue().entry;
                boolean completed = true;
                // Only a term file the caller named, or one beside the journal, is read: the journal's
                // lines are data, and as root a planted line must not make termctl read (and hint at)
                // a file nobody named.
                Path named = Path.of(l.getKey());
                if (files != null ? files.contains(l.getKey()) : besideJournal.equals(named.getParent())) {
                    try {
                        Term now = new FileTermStore(Path.of(l.getKey()), Term.DEFAULT, Duration.ZERO).read().term();
                        completed = !now.isBefore(e.after());
                    } catch (RuntimeException ignored) {
                        // The file is gone or unreadable: nothing to compare with.
                    }
                }
                if (!completed) {
                    incomplete.set(l.getValue().ordinal);
                }
                if (observer != null) {
                    observer.accept(withCompleted(e, completed));
                }
            }
            return new Contents(in, files, in.position(), ordinal, incomplete, torn, damaged, damagedCount, firstDamage);
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    /** The entry a line holds, or null (with why, when {@code why} is given). */
    private static Entry entry(byte[] line, JsonLines.Damage[] why) {
        try {
            Map<String, String> f = JsonLines.members(line);
            String file = f.get("file");
            if (f.get("after") == null || file == null) {
                throw new JsonLines.Damage("it has no \"file\" or no \"after\"", 0);
            }
            if (file.isEmpty() || file.length() > MAX_PATH || file.getBytes(StandardCharsets.UTF_8).length > MAX_PATH) {
                throw new JsonLines.Damage("its \"file\" is not a path (empty, or longer than " + MAX_PATH + " bytes)", 0);
            }
            Term after;
            Term before;
            try {
                after = Term.parse(f.get("after"));
                before = f.get("before") == null ? null : Term.parse(f.get("before"));
            } catch (IllegalArgumentException e) {
                throw new JsonLines.Damage("its \"before\" or \"after\" is not a term", 0);
            }
            String user = f.get("user");
            String effective = f.containsKey("effective_user") ? f.get("effective_user") : user;
            return new Entry(f.get("time"), user, effective, f.get("host"), file, f.get("command"), before, after,
                    f.get("reason"), true);
        } catch (JsonLines.Damage e) {
            if (why != null) {
                why[0] = e;
            }
            return null;
        }
    }

    private static Entry withCompleted(Entry e, boolean completed) {
        return new Entry(e.time(), e.user(), e.effectiveUser(), e.host(), e.file(), e.command(), e.before(), e.after(),
                e.reason(), completed);
    }

    void append(Stamp stamp, Path file, Term before, Term after) {
        ByteBuffer buf = ByteBuffer.wrap(line(stamp, file, before, after).getBytes(StandardCharsets.UTF_8));
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(true);
        } catch (IOException e) {
            if (createdIn != null) {
                abandon(channel, createdIn, name);
            }
            throw new TermctlException(ExitCode.IO, "cannot append the journal entry to " + path + ": "
                    + NodeDir.reason(e) + "; the term was not written (" + file + " still holds term " + before
                    + ")", e);
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Every appended line was already forced to disk.
        }
    }
}
