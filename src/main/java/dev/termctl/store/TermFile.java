package dev.termctl.store;

import dev.termctl.core.Term;
import dev.termctl.format.AuditTrail;
import dev.termctl.format.TermFileFormat;
import dev.termctl.fs.Descriptors;
import dev.termctl.fs.Faults;
import dev.termctl.fs.FileFacts;
import dev.termctl.fs.FileFailure;
import dev.termctl.fs.NodeDir;
import dev.termctl.journal.Journal;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * A term file as read from its open directory: opened without following a link, checked to be a
 * regular file (the one that was looked at, and as root the directory owner's), and read no further
 * than its size and the format's bound, so a FIFO, a device or /proc/kmsg never hangs a run; and
 * the bytes a write puts in its place.
 */
final class TermFile {

    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);

    /** The term, or the default term for a missing file. */
    final StoredTerm stored;
    /** The parsed file, for a rewrite that keeps its other members; null for a missing file. */
    final TermFileFormat.Document format;
    /** What fstat says of the file read; null for a missing file. */
    final FileFacts facts;

    private TermFile(StoredTerm stored, TermFileFormat.Document format, FileFacts facts) {
        this.stored = stored;
        this.format = format;
        this.facts = facts;
    }

    /** Reads the term file {@code name} in {@code dir}; a missing one holds {@code defaultTerm}; an invalid one is refused. */
    static TermFile load(NodeDir dir, Path name, Term defaultTerm, Faults faults) {
        Path file = dir.path().resolve(name);
        Opened opened = open(dir, name, faults);
        if (opened == null) {
            return new TermFile(StoredTerm.missing(defaultTerm), null, null);
        }
        try {
            if (opened.facts.size() > TermFileFormat.MAX_BYTES) {
                throw StoreFailure.Damaged.of(StoreFailure.Damaged.Found.READING, file,
                        new TermFileFormat.InvalidTermFile(TermFileFormat.Reason.TOO_LARGE, "it is "
                        + opened.facts.size() + " bytes, larger than " + TermFileFormat.MAX_BYTES + " bytes; a term file"
                        + " is a few bytes, so find out what wrote it"), null);
            }
            byte[] bytes = opened.read(file, TermFileFormat.MAX_BYTES);
            TermFileFormat.Document format = TermFileFormat.parse(bytes);
            return new TermFile(new StoredTerm(format.term(), true, format.lastVote(), format.votedFor(), format.audit()),
                    format, opened.facts);
        } catch (TermFileFormat.InvalidTermFile e) {
            throw StoreFailure.Damaged.of(StoreFailure.Damaged.Found.READING, file, e, null);
        } finally {
            NodeDir.closeQuietly(opened.channel);
        }
    }

    /**
     * The bytes that replace this file, holding {@code term} and the audit members of {@code stamp}
     * (when not null), every other byte kept; a new file's when there was none.
     */
    byte[] rewrite(Path file, Term term, Journal.Stamp stamp) {
        Map<String, String> members = members(term, stamp);
        byte[] content = format == null ? TermFileFormat.fresh(members) : format.with(members);
        checkResult(file, content, term);
        return content;
    }

    /** A new term file holding {@code term} and the audit members of {@code stamp} (when not null). */
    static byte[] fresh(Path file, Term term, Journal.Stamp stamp) {
        byte[] content = TermFileFormat.fresh(members(term, stamp));
        checkResult(file, content, term);
        return content;
    }

    /** The members a write sets: the term, and the audit trail when the write records one. */
    private static Map<String, String> members(Term term, Journal.Stamp stamp) {
        Map<String, String> members = new LinkedHashMap<>();
        members.put("term", term.toString());
        if (stamp != null) {
            AuditTrail a = stamp.audit();
            for (Map.Entry<String, String> m : a.members().entrySet()) {
                members.put(m.getKey(), TermFileFormat.quote(m.getValue()));
            }
        }
        return members;
    }

    /**
     * The file a write would leave must be one that RedDB and termctl both read back as {@code term}:
     * a write that would push a file past the size limit (a long reason, a file near 64 KiB) is
     * refused here, before anything changes, rather than leaving a file every later run refuses.
     */
    private static void checkResult(Path target, byte[] content, Term term) {
        try {
            Term written = TermFileFormat.parse(content).term();
            if (!written.equals(term)) {
                throw new IllegalStateException("a rewrite of " + target + " would hold term " + written + ", not " + term);
            }
        } catch (TermFileFormat.InvalidTermFile e) {
            throw StoreFailure.Damaged.of(StoreFailure.Damaged.Found.WRITING, target, e, term);
        }
    }

    /**
     * Refuses to replace a file with several names: the other names would keep the old term, and
     * each name would take its own lock, so termctl reads such a file but never writes it.
     */
    void requireSingleLink(Path file) {
        if (facts != null) {
            singleLink(file, facts);
        }
    }

    static void singleLink(Path file, FileFacts facts) {
        if (facts.nlink() > 1) {
            throw FileFailure.Refused.hardLinks(file, facts.nlink());
        }
    }

    /** A term file open for reading, and what fstat says of it. */
    static final class Opened {
        final FileChannel channel;
        final FileFacts facts;

        Opened(FileChannel channel, FileFacts facts) {
            this.channel = channel;
            this.facts = facts;
        }

        /** At most {@code limit} bytes, and never more than the file's size: a file that claims 0 bytes is not read at all. */
        byte[] read(Path file, int limit) {
            int size = (int) Math.min(facts.size(), limit);
            ByteBuffer buf = ByteBuffer.allocate(size);
            try {
                while (buf.hasRemaining() && channel.read(buf) > 0) {
                    // read it all
                }
            } catch (IOException e) {
                throw FileFailure.Io.of(FileFailure.Io.Op.READ, file, e);
            }
            byte[] bytes = new byte[buf.position()];
            System.arraycopy(buf.array(), 0, bytes, 0, bytes.length);
            return bytes;
        }
    }

    /**
     * Opens the term file {@code name} in {@code dir} for reading: never through a link (one swapped
     * in is refused), only a regular file, and only the file that was looked at; as root, only one
     * the directory's owner owns (or any, in root's directory). Null when there is no such file.
     */
    static Opened open(NodeDir dir, Path name, Faults faults) {
        // A writer that renames a new file in between the look and the open is no attack: look again.
        for (int attempt = 1; ; attempt++) {
            try {
                return openOnce(dir, name, faults);
            } catch (NodeDir.Replaced e) {
                if (attempt == 3) {
                    throw FileFailure.Refused.of(FileFailure.Refused.Why.KEEPS_CHANGING, dir.path().resolve(name));
                }
            }
        }
    }

    private static Opened openOnce(NodeDir dir, Path name, Faults faults) throws NodeDir.Replaced {
        Path file = dir.path().resolve(name);
        FileFacts seen = dir.lstat(name);
        if (seen == null) {
            return null;
        }
        if (seen.link()) {
            throw FileFailure.Refused.of(FileFailure.Refused.Why.BECAME_LINK, file);
        }
        if (!seen.regular()) {
            throw notRegular(file, seen);
        }
        FileChannel ch;
        try {
            faults.at(Faults.Step.READ);
            // Whatever file is at the name by the open (a writer may have renamed a new one in) is
            // checked below, on what was opened.
            ch = dir.openAny(name, READ, seen);
        } catch (NodeDir.Replaced e) {
            throw e;
        } catch (FileSystemException e) {
            if (e.getReason() != null && e.getReason().contains("symbolic links")) {
                throw FileFailure.Refused.of(FileFailure.Refused.Why.BECAME_LINK_OPENING, file);
            }
            if (e instanceof NoSuchFileException) {
                throw new NodeDir.Replaced(file);
            }
            throw FileFailure.Io.of(FileFailure.Io.Op.READ, file, e);
        } catch (IOException e) {
            throw FileFailure.Io.of(FileFailure.Io.Op.READ, file, e);
        }
        try {
            FileFacts opened = Descriptors.stat(ch);
            if (!opened.regular()) {
                throw notRegular(file, opened);
            }
            dir.requireOwnedHere(file, opened);
            return new Opened(ch, opened);
        } catch (IOException e) {
            NodeDir.closeQuietly(ch);
            throw FileFailure.Io.of(FileFailure.Io.Op.INSPECT, file, e);
        } catch (RuntimeException e) {
            NodeDir.closeQuietly(ch);
            throw e;
        }
    }

    private static FileFailure notRegular(Path file, FileFacts f) {
        return FileFailure.Refused.notRegular(file, null, f.fileType());
    }
}
