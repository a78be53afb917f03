package dev.termctl.journal;

import dev.termctl.core.Term;
import dev.termctl.fs.Chase;
import dev.termctl.fs.FileFacts;
import dev.termctl.fs.FileFailure;
import dev.termctl.fs.NodeDir;
import dev.termctl.fs.Owner;
import dev.termctl.fs.PrivateFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Appends to the journal: one JSON line per write ({@link Journal#line}), appended and fsynced
 * under the term file's lock, before the term file changes, so its order is the order of the writes.
 */
public final class JournalWriter implements AutoCloseable {
    /** Every journal line starts so; a file that does not is not a journal. */
    private static final String ENTRY_START = "{\"time\":";

    private final Path path;
    private final FileChannel channel;
    /** The directory of a journal this run created (removed again if its first append fails), or null. */
    private final NodeDir createdIn;
    private final Path name;

    private JournalWriter(Path path, FileChannel channel, NodeDir createdIn, Path name) {
        this.path = path;
        this.channel = channel;
        this.createdIn = createdIn;
        this.name = name;
    }

    /**
     * Appends the entry of a write of the term file {@code name} in {@code dir} (from {@code before}
     * to {@code after}) to {@code journal}, durably: the journal FILE.journal beside it, owned as the
     * term file is, or a journal elsewhere (one for many nodes, say), owned by its directory's owner.
     */
    public static void record(NodeDir dir, Path name, Owner owner, Path journal, Journal.Stamp stamp, Term before,
            Term after) {
        // The entry is durable before the term moves: a crash between the two leaves an entry
        // that history marks as not completed, never a term move with no entry.
        Path target = dir.path().resolve(name);
        Path beside = Journal.besideName(name);
        if (journal.equals(dir.path().resolve(beside))) {
            try (JournalWriter log = open(dir, beside, owner)) {
                log.append(stamp, target, before, after);
            }
            return;
        }
        Chase.Leaf at = Chase.chase(journal);
        try {
            if (at.facts() == null && at.throughLink()) {
                throw FileFailure.Refused.of(FileFailure.Refused.Why.JOURNAL_LINK, at.path());
            }
            // A journal elsewhere (one for many nodes, say) belongs to its own directory's owner.
            FileFacts d = at.dir().facts();
            Owner journalOwner = d.same(dir.facts()) ? owner
                    : new Owner(d.uid(), d.gid(), owner.termMode());
            try (JournalWriter log = open(at.dir(), at.name(), journalOwner)) {
                log.append(stamp, target, before, after);
            }
        } finally {
            at.dir().close();
        }
    }

    /**
     * Opens the journal {@code name} in {@code dir} for appending, under the term file's lock: never
     * through a link, checked once open. A journal this run creates gets the term file's owner and
     * the side mode, and its directory is fsynced; an existing file is appended to only if it is a
     * termctl journal (its first line is an entry), and is never given away or chmodded. A torn last
     * line (a crash or a full disk mid-append) is cut off first, so every entry starts on a line of
     * its own: the fragment never was an entry.
     */
    static JournalWriter open(NodeDir dir, Path name, Owner owner) {
        Path path = dir.path().resolve(name);
        PrivateFile.Opened opened = PrivateFile.open(dir, name, owner, FileFacts.sideMode(owner.termMode()), false,
                "the journal");
        FileChannel channel = opened.channel();
        try {
            long size = channel.size();
            if (!opened.created() && !isJournal(channel, size)) {
                throw JournalFailure.NotJournal.of(size == 0 ? JournalFailure.NotJournal.Why.EMPTY
                        : JournalFailure.NotJournal.Why.NO_ENTRY, path, 0);
            }
            long end = lineBoundary(channel, size);
            if (end < 0) {
                throw JournalFailure.NotJournal.of(JournalFailure.NotJournal.Why.NO_LINE_BREAK, path, Journal.MAX_LINE);
            }
            if (end < size) {
                channel.truncate(end);
            }
            channel.position(end);
            if (opened.created()) {
                dir.sync();
            }
            return new JournalWriter(path, channel, opened.created() ? dir : null, name);
        } catch (IOException e) {
            abandon(channel, opened.created() ? dir : null, name);
            throw FileFailure.Io.of(FileFailure.Io.Op.PREPARE_APPEND, path, e);
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
        return Arrays.equals(head.array(), mark);
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
        int n = (int) Math.min(size, Journal.MAX_LINE);
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
        return size <= Journal.MAX_LINE ? 0 : -1;
    }

    private static void close(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // Nothing was appended.
        }
    }

    void append(Journal.Stamp stamp, Path file, Term before, Term after) {
        ByteBuffer buf = ByteBuffer.wrap(Journal.line(stamp, file, before, after).getBytes(StandardCharsets.UTF_8));
        try {
            while (buf.hasRemaining()) {
                channel.write(buf);
            }
            channel.force(true);
        } catch (IOException e) {
            if (createdIn != null) {
                abandon(channel, createdIn, name);
            }
            throw JournalFailure.NotAppended.of(path, file, before, e);
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
