package dev.termctl.store;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.core.Term;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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
    public static final int MAX_LINE = 64 * 1024;

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
     * @param user    the user name
     * @param host    the host name
     * @param command the termctl command that wrote
     * @param version termctl's version
     * @param reason  the operator's --reason, or null
     */
    public record Stamp(long time, String user, String host, String command, String version, String reason) {

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
     * One journal entry, as written and read: the format's field names live here and nowhere else.
     *
     * @param before    the term before the write; null for a repair (the file was unreadable)
     * @param line      the line as it stands in the journal
     * @param completed false when the write it records did not reach the term file (see {@link #read})
     */
    public record Entry(String time, String user, String host, String file, String command, String before, String after,
            String reason, String line, boolean completed) {

        Entry incomplete() {
            return new Entry(time, user, host, file, command, before, after, reason, line, false);
        }

        /** The entry as one JSON object, with "completed" added when its write did not complete. */
        public String json() {
            return completed ? line : line.substring(0, line.lastIndexOf('}')) + ",\"completed\":false}";
        }
    }

    /** The journal line for one write. */
    static String line(Stamp stamp, Path file, Term before, Term after) {
        return "{\"time\":" + TermFileFormat.quote(stamp.rfc3339())
                + ",\"user\":" + TermFileFormat.quote(stamp.user())
                + ",\"host\":" + TermFileFormat.quote(stamp.host())
                + ",\"file\":" + TermFileFormat.quote(file.toString())
                + ",\"command\":" + TermFileFormat.quote(stamp.command())
                + ",\"before\":" + before
                + ",\"after\":" + after
                + ",\"reason\":" + TermFileFormat.quote(stamp.reason())
                + "}\n";
    }

    /**
     * What a journal holds.
     *
     * @param entries the entries it could read, oldest first
     * @param torn    where a torn last line stands ("the journal X line N"), or null
     * @param damaged the numbers of other lines that are not entries
     */
    public record Contents(List<Entry> entries, String torn, List<Integer> damaged) {
    }

    /**
     * Reads a journal line by line (bounded), keeping the entries about {@code files} (all when null).
     * A last line cut off by a crash or a full disk is torn, not damaged: it never was an entry. An
     * entry is written before its term is, so a crash between the two leaves an entry whose write
     * did not complete; terms only move forward, so that shows: the next entry of the same file
     * starts from another term than this one's "after", or, for the last, the file holds less.
     */
    public static Contents read(Path path, List<String> files) {
        List<Entry> entries = new ArrayList<>();
        List<Integer> damaged = new ArrayList<>();
        String torn = null;
        try (JsonLines in = JsonLines.open(path, "the journal")) {
            for (JsonLines.Line line = in.next(); line != null; line = in.next()) {
                if (line.text().isBlank()) {
                    continue;
                }
                Entry e = entry(line.text());
                if (e == null && !line.terminated()) {
                    torn = in.name() + " line " + line.number();
                } else if (e == null) {
                    damaged.add(line.number());
                } else if (files == null || files.contains(e.file())) {
                    entries.add(e);
                }
            }
        }
        return new Contents(markIncomplete(entries), torn, damaged);
    }

    private static Entry entry(String line) {
        try {
            Map<String, String> f = JsonLines.members(line);
            if (f.get("after") == null || f.get("file") == null) {
                return null;
            }
            return new Entry(f.get("time"), f.get("user"), f.get("host"), f.get("file"), f.get("command"), f.get("before"),
                    f.get("after"), f.get("reason"), line, true);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static List<Entry> markIncomplete(List<Entry> entries) {
        List<Entry> marked = new ArrayList<>(entries);
        Map<String, Integer> last = new HashMap<>();
        for (int i = 0; i < marked.size(); i++) {
            Entry e = marked.get(i);
            Integer previous = last.put(e.file(), i);
            // A repair's entry has no "before" (the file was unreadable): nothing to compare.
            if (previous != null && e.before() != null && !marked.get(previous).after().equals(e.before())) {
                marked.set(previous, marked.get(previous).incomplete());
            }
        }
        for (int i : last.values()) {
            Entry e = marked.get(i);
            try {
                Term now = new FileTermStore(Path.of(e.file()), Term.DEFAULT, Duration.ZERO).read().term();
                if (now.isBefore(Term.parse(e.after()))) {
                    marked.set(i, e.incomplete());
                }
            } catch (RuntimeException ignored) {
                // The file is gone or unreadable: nothing to compare with.
            }
        }
        return marked;
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
