package dev.termctl.store;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.core.Term;
import dev.termctl.core.Verdict;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A node's term in its JSON term file. Every step happens relative to the term file's directory,
 * opened once by {@link NodeDir#chase} (safe from links and swaps by the directory's owner):
 *
 * <ul>
 *   <li>reads open the file without following a link, check what they opened (a regular file, the
 *       one they looked at) and read no more than its size and the format's bound, so a FIFO, a
 *       device or /proc/kmsg never hangs a run;
 *   <li>writes happen under {@link TermLock}, which makes read-decide-write one step across
 *       processes, and go through {@link AtomicReplace};
 *   <li>the journal entry is durable before the term file changes.
 * </ul>
 */
public final class FileTermStore implements TermStore {

    private static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    private static final Set<OpenOption> NEW_COPY = Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
            LinkOption.NOFOLLOW_LINKS);

    /** The term file as given, made absolute but not normalised: ".." is resolved by the kernel, never as text. */
    private final Path given;
    private final Term defaultTerm;
    private final Duration lockTimeout;
    private final Faults faults;
    private final Journal.Stamp stamp;
    private final Path journal;
    private final boolean create;
    /** Where the last resolution of the path led: what messages and reports name. */
    private Path resolved;

    public FileTermStore(Path path, Term defaultTerm, Duration lockTimeout) {
        this(path, defaultTerm, lockTimeout, Faults.fromSystemProperty(), null, null, true);
    }

    FileTermStore(Path path, Term defaultTerm, Duration lockTimeout, Faults faults) {
        this(path, defaultTerm, lockTimeout, faults, null, null, true);
    }

    private FileTermStore(Path path, Term defaultTerm, Duration lockTimeout, Faults faults, Journal.Stamp stamp,
            Path journal, boolean create) {
        this.given = path.toAbsolutePath();
        this.defaultTerm = defaultTerm;
        this.lockTimeout = lockTimeout;
        this.faults = faults;
        this.stamp = stamp;
        this.journal = journal;
        this.create = create;
    }

    /**
     * The same store, recording every write: the audit members of {@code stamp} in the file, and a
     * line in {@code journal} (when not null); creating a missing file only when {@code create}.
     */
    public FileTermStore recording(Journal.Stamp stamp, Path journal, boolean create) {
        return new FileTermStore(given, defaultTerm, lockTimeout, faults, stamp, journal, create);
    }

    /** The journal a write uses unless told otherwise: FILE.journal beside the file it writes (links followed). */
    public Path defaultJournal() {
        NodeDir.Leaf leaf = chase();
        leaf.dir().close();
        return leaf.dir().path().resolve(journalName(leaf.name()));
    }

    private static Path journalName(Path termName) {
        return Path.of(termName + ".journal");
    }

    /**
     * Refuses (66) when there is no term file: a writing command that would start a new node from a
     * mistyped path creates nothing (no file, no lock, no journal) unless the caller said --create.
     */
    public void requireFile() {
        NodeDir.Leaf leaf = chase();
        leaf.dir().close();
        if (leaf.facts() == null) {
            if (leaf.throughLink()) {
                throw danglingLink(leaf);
            }
            throw noFile(leaf.path());
        }
    }

    private NodeDir.Leaf chase() {
        NodeDir.Leaf leaf = NodeDir.chase(given);
        resolved = leaf.path();
        return leaf;
    }

    private TermctlException noFile(Path p) {
        return new TermctlException(ExitCode.NO_FILE, "no such term file " + p + "; check the path, or pass --create"
                + " to start a new node at the default term " + defaultTerm + "; nothing was created");
    }

    private static TermctlException danglingLink(NodeDir.Leaf leaf) {
        return new TermctlException(ExitCode.IO, "cannot write through a symbolic link to " + leaf.path() + ", which does"
                + " not exist; termctl does not create files through links. Point -f at the real term file, or remove the"
                + " dangling link; nothing was changed");
    }

    /** The file's path as resolved safely (see {@link NodeDir#chase}); throws what the resolution refuses. */
    public Path resolve() {
        NodeDir.Leaf leaf = chase();
        leaf.dir().close();
        return leaf.path();
    }

    /** The file's resolved path for messages and reports, or the path as given when it cannot be resolved. */
    @Override
    public String describe() {
        if (resolved != null) {
            return resolved.toString();
        }
        try {
            NodeDir.Leaf leaf = chase();
            leaf.dir().close();
            return leaf.path().toString();
        } catch (TermctlException e) {
            return given.normalize().toString();
        }
    }

    @Override
    public StoredTerm read() {
        NodeDir.Leaf leaf = chase();
        try {
            return load(leaf.dir(), leaf.name()).stored;
        } finally {
            leaf.dir().close();
        }
    }

    /** Who owns what a write creates: uid and gid, and the term file's mode (from which the others derive). */
    record Owner(int uid, int gid, int termMode) {
    }

    /** A new term file: read and written by its owner, read by others (as RedDB creates it), never writable by them. */
    static final int NEW_FILE_MODE = 0644;

    /** A step run under the file's lock, in its open directory, with the owner of what it creates. */
    private interface Locked<T> {
        T run(NodeDir dir, Path name, Owner owner) throws IOException;
    }

    /**
     * Runs {@code step} with every other termctl writer of this file excluded, in the directory
     * opened once for the whole step, with temp files a killed writer left removed first.
     */
    @SuppressWarnings("try") // the lock is held by the try block alone, never referenced in it
    private <T> T underLock(Locked<T> step) {
        NodeDir.Leaf leaf = chase();
        NodeDir dir = leaf.dir();
        try {
            if (leaf.facts() == null && leaf.throughLink()) {
                throw danglingLink(leaf);
            }
            Path name = leaf.name();
            int nameBytes = name.toString().getBytes(StandardCharsets.UTF_8).length;
            if (nameBytes > Limits.MAX_WRITABLE_NAME_BYTES) {
                throw new TermctlException(ExitCode.IO, "cannot write " + leaf.path() + ": its name is " + nameBytes
                        + " bytes long, and termctl keeps NAME.lock, NAME.journal and NAME.corrupt-TIME beside it, which"
                        + " need a name of at most " + Limits.MAX_WRITABLE_NAME_BYTES + " bytes; rename it; nothing was"
                        + " changed");
            }
            // Files termctl creates beside the term file belong to its owner (the directory's, for a new file).
            FileFacts f = leaf.facts();
            FileFacts ownerFacts = f != null ? f : dir.facts();
            Owner owner = new Owner(ownerFacts.uid(), ownerFacts.gid(), f != null ? f.mode() : NEW_FILE_MODE);
            try {
                faults.at(Faults.Step.RESOLVED);
            } catch (IOException e) {
                throw NodeDir.io("cannot lock " + leaf.path(), e);
            }
            try (TermLock lock = TermLock.acquire(dir, name, owner, lockTimeout)) {
                faults.at(Faults.Step.LOCKED);
                AtomicReplace.removeStale(dir, name);
                return step.run(dir, name, owner);
            } catch (IOException e) {
                throw NodeDir.io("cannot write " + leaf.path(), e);
            }
        } finally {
            dir.close();
        }
    }

    /** Appends the journal entry of a write, durably, before the term file changes (when journaling). */
    private void journal(NodeDir dir, Path name, Owner owner, Term before, Term after) {
        if (journal == null) {
            return;
        }
        // The entry is durable before the term moves: a crash between the two leaves an entry
        // that history marks as not completed, never a term move with no entry.
        Path target = dir.path().resolve(name);
        if (journal.equals(dir.path().resolve(journalName(name)))) {
            try (Journal log = Journal.open(dir, journalName(name), owner)) {
                log.append(stamp, target, before, after);
            }
            return;
        }
        NodeDir.Leaf at = NodeDir.chase(journal);
        try {
            if (at.facts() == null && at.throughLink()) {
                throw new TermctlException(ExitCode.IO, "cannot create the journal " + at.path() + " through a symbolic"
                        + " link; name the journal itself with --journal; nothing was changed");
            }
            // A journal elsewhere (one for many nodes, say) belongs to its own directory's owner.
            FileFacts d = at.dir().facts();
            Owner journalOwner = d.same(dir.facts()) ? owner : new Owner(d.uid(), d.gid(), owner.termMode());
            try (Journal log = Journal.open(at.dir(), at.name(), journalOwner)) {
                log.append(stamp, target, before, after);
            }
        } finally {
            at.dir().close();
        }
    }

    @Override
    public Verdict advance(Function<Term, Verdict> rule) {
        return underLock(new Locked<Verdict>() {
            @Override
            public Verdict run(NodeDir dir, Path name, Owner owner) {
                Loaded current = load(dir, name);
                if (!current.stored.exists() && !create) {
                    throw noFile(dir.path().resolve(name));
                }
                Verdict verdict = rule.apply(current.stored.term());
                if (verdict.adopts()) {
                    checkWritable(current.stored);
                    current.requireSingleLink(dir.path().resolve(name));
                    Map<String, String> members = members(verdict.incoming());
                    byte[] content = current.format == null
                            ? TermFileFormat.fresh(members)
                            : current.format.with(members);
                    checkResult(dir.path().resolve(name), content, verdict.incoming());
                    journal(dir, name, owner, current.stored.term(), verdict.incoming());
                    AtomicReplace.replace(dir, name, content, owner, faults);
                }
                return verdict;
            }
        });
    }

    /**
     * What {@link #repair} did, or would do.
     *
     * @param damage why the file was not a valid term file
     * @param copy   where its bytes were kept (null for a dry run)
     */
    public record Repair(String damage, Path copy) {
    }

    /**
     * Replaces a term file that exists but is not valid with a new one holding {@code term}, under
     * the lock, after keeping a byte-exact copy {@code FILE.corrupt-TIME} (created new, never over
     * another file, with the file's owner and mode). Refuses a valid file (use adopt: 2), any
     * last-vote record (65) and a file too large to copy, and changes nothing then.
     */
    public Repair repair(Term term, boolean dryRun) {
        // Decided once before the lock too, so a refusal leaves nothing behind, not even a lock file.
        NodeDir.Leaf leaf = chase();
        Damage seen;
        try {
            seen = damage(leaf.dir(), leaf.name());
        } finally {
            leaf.dir().close();
        }
        if (dryRun) {
            return new Repair(seen.why, null);
        }
        return underLock(new Locked<Repair>() {
            @Override
            public Repair run(NodeDir dir, Path name, Owner owner) throws IOException {
                Damage now = damage(dir, name);
                Path copy = keepCopy(dir, name, now.bytes, owner);
                byte[] content = TermFileFormat.fresh(members(term));
                checkResult(dir.path().resolve(name), content, term);
                journal(dir, name, owner, null, term);
                AtomicReplace.replace(dir, name, content, owner, faults);
                return new Repair(now.why, copy);
            }
        });
    }

    /** Why a file needs repair, and its bytes (all of them, to be kept). */
    private record Damage(String why, byte[] bytes) {
    }

    /** Why the file needs repair; throws when it does not (valid: 2, missing: 66, a last vote: 65, too large: 74). */
    private Damage damage(NodeDir dir, Path name) {
        Path file = dir.path().resolve(name);
        Opened opened = openFile(dir, name);
        if (opened == null) {
            throw noFile(file);
        }
        try {
            opened.requireSingleLink(file);
            if (opened.facts.size() > Limits.MAX_BACKUP_BYTES) {
                throw new TermctlException(ExitCode.IO, "cannot repair " + file + ": it is " + opened.facts.size()
                        + " bytes, and repair keeps a copy of what it replaces only up to " + Limits.MAX_BACKUP_BYTES
                        + " bytes; nothing was changed. Move it aside yourself (mv), then start the node anew with"
                        + " termctl adopt --create");
            }
            byte[] bytes = read(opened, file, Limits.MAX_BACKUP_BYTES);
            try {
                TermFileFormat.Document valid = TermFileFormat.parse(bytes);
                if (valid.lastVote()) {
                    throw lastVoteRefusal(file);
                }
                throw new TermctlException(ExitCode.USAGE, file + " is a valid term file (term " + valid.term()
                        + "); repair replaces only a damaged one. To move it forward, use termctl adopt");
            } catch (TermFileFormat.InvalidTermFile e) {
                if (new String(bytes, StandardCharsets.ISO_8859_1).contains("voted_for")) {
                    throw new TermctlException(ExitCode.INVALID_FILE, file + " is, or was, a durable last-vote record (it"
                            + " mentions \"voted_for\"); repair never writes one, since a wrong vote could let the node"
                            + " vote twice in one term. Restore it from the node's peers or a backup");
                }
                if (!e.redDbRefuses()) {
                    throw new TermctlException(ExitCode.INVALID_FILE, file + " is not a valid term file for termctl ("
                            + e.getMessage() + "), but RedDB reads it, so the node runs with it: repair replaces only"
                            + " files RedDB cannot read. Fix it by hand; nothing was changed");
                }
                return new Damage(e.getMessage(), bytes);
            }
        } finally {
            NodeDir.closeQuietly(opened.channel);
        }
    }

    /** Writes {@code bytes}, exactly, to a new FILE.corrupt-TIME beside the file, durably, with the file's owner and mode. */
    private Path keepCopy(NodeDir dir, Path name, byte[] bytes, Owner owner) throws IOException {
        String base = name + ".corrupt-" + compactTime(stamp == null ? System.currentTimeMillis() / 1000 : stamp.time());
        for (int n = 0; ; n++) {
            Path copy = Path.of(n == 0 ? base : base + "-" + n);
            FileChannel out;
            try {
                out = dir.open(copy, NEW_COPY, null);
            } catch (FileAlreadyExistsException e) {
                if (n == 99) {
                    throw e;
                }
                continue;
            }
            boolean done = false;
            try {
                ByteBuffer buf = ByteBuffer.wrap(bytes);
                while (buf.hasRemaining()) {
                    out.write(buf);
                }
                NodeDir.setOwner(out, owner.uid(), owner.gid(), owner.termMode());
                out.force(true);
                done = true;
            } finally {
                NodeDir.closeQuietly(out);
                if (!done) {
                    dir.delete(copy);
                }
            }
            dir.sync();
            return dir.path().resolve(copy);
        }
    }

    /** 20261126T051000Z: a time for a file name. */
    private static String compactTime(long seconds) {
        return Journal.Stamp.rfc3339(seconds).replace("-", "").replace(":", "");
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
            throw new TermctlException(ExitCode.INVALID_FILE, "cannot write term " + term + " to " + target
                    + ": the result would not be a valid term file (" + e.getMessage() + "); nothing was changed"
                    + (e.reason() == TermFileFormat.Reason.TOO_LARGE ? ". Give a shorter --reason, or remove members"
                            + " the file does not need" : ""));
        }
    }

    @Override
    public void checkWritable(StoredTerm found) {
        if (found.lastVote()) {
            throw lastVoteRefusal(Path.of(describe()));
        }
    }

    /** The members a write sets: the term, and the audit trail when this store records one. */
    private Map<String, String> members(Term term) {
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

    /** What a load found: the term and, for a present file, its parsed form for rewriting and its facts. */
    private static final class Loaded {
        final StoredTerm stored;
        final TermFileFormat.Document format;
        final FileFacts facts;

        Loaded(StoredTerm stored, TermFileFormat.Document format, FileFacts facts) {
            this.stored = stored;
            this.format = format;
            this.facts = facts;
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
    }

    private static void singleLink(Path file, FileFacts facts) {
        if (facts.nlink() > 1) {
            throw new TermctlException(ExitCode.IO, "cannot write " + file + ": it has " + facts.nlink() + " hard links."
                    + " Replacing it would leave the other names on the old term, and each name would take its own lock,"
                    + " so termctl reads such a file but never writes it. Make it one file first (cp it aside, then mv the"
                    + " copy over it) and point every user at one name; nothing was changed");
        }
    }

    private Loaded load(NodeDir dir, Path name) {
        Path file = dir.path().resolve(name);
        Opened opened = openFile(dir, name);
        if (opened == null) {
            return new Loaded(StoredTerm.missing(defaultTerm), null, null);
        }
        try {
            if (opened.facts.size() > TermFileFormat.MAX_BYTES) {
                throw invalid(file, new TermFileFormat.InvalidTermFile(TermFileFormat.Reason.TOO_LARGE, "it is "
                        + opened.facts.size() + " bytes, larger than " + TermFileFormat.MAX_BYTES + " bytes; a term file"
                        + " is a few bytes, so find out what wrote it"));
            }
            byte[] bytes = read(opened, file, TermFileFormat.MAX_BYTES);
            TermFileFormat.Document format = TermFileFormat.parse(bytes);
            return new Loaded(new StoredTerm(format.term(), true, format.lastVote(), format.votedFor(), format.audit()),
                    format, opened.facts);
        } catch (TermFileFormat.InvalidTermFile e) {
            throw invalid(file, e);
        } finally {
            NodeDir.closeQuietly(opened.channel);
        }
    }

    /** A term file open for reading, and what fstat says of it. */
    private static final class Opened {
        final FileChannel channel;
        final FileFacts facts;

        Opened(FileChannel channel, FileFacts facts) {
            this.channel = channel;
            this.facts = facts;
        }

        void requireSingleLink(Path file) {
            singleLink(file, facts);
        }
    }

    /**
     * Opens the term file {@code name} in {@code dir} for reading: never through a link (one swapped
     * in is refused), only a regular file, and only the file that was looked at; as root, only one
     * the directory's owner owns (or any, in root's directory). Null when there is no such file.
     */
    private Opened openFile(NodeDir dir, Path name) {
        // A writer that renames a new file in between the look and the open is no attack: look again.
        for (int attempt = 1; ; attempt++) {
            try {
                return openOnce(dir, name);
            } catch (NodeDir.Replaced e) {
                if (attempt == 3) {
                    throw new TermctlException(ExitCode.IO, "refusing " + dir.path().resolve(name) + ": it was replaced"
                            + " each time termctl opened it; nothing was changed. Check who changes that directory, and"
                            + " try again");
                }
            }
        }
    }

    private Opened openOnce(NodeDir dir, Path name) throws NodeDir.Replaced {
        Path file = dir.path().resolve(name);
        FileFacts seen = dir.lstat(name);
        if (seen == null) {
            return null;
        }
        if (seen.link()) {
            throw new TermctlException(ExitCode.IO, "refusing " + file + ": it became a symbolic link while termctl was"
                    + " working on it; nothing was changed. Check who changes that directory, and try again");
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
                throw new TermctlException(ExitCode.IO, "refusing " + file + ": it became a symbolic link while termctl"
                        + " was opening it; nothing was changed. Check who changes that directory, and try again");
            }
            if (e instanceof java.nio.file.NoSuchFileException) {
                throw new NodeDir.Replaced(file);
            }
            throw NodeDir.io("cannot read " + file, e);
        } catch (IOException e) {
            throw NodeDir.io("cannot read " + file, e);
        }
        try {
            FileFacts opened = NodeDir.stat(ch);
            if (!opened.regular()) {
                throw notRegular(file, opened);
            }
            NodeDir.requireOwnedHere(dir, file, opened);
            return new Opened(ch, opened);
        } catch (IOException e) {
            NodeDir.closeQuietly(ch);
            throw NodeDir.io("cannot inspect " + file, e);
        } catch (RuntimeException e) {
            NodeDir.closeQuietly(ch);
            throw e;
        }
    }

    private static TermctlException notRegular(Path file, FileFacts f) {
        return new TermctlException(ExitCode.IO, file + " is not a regular file (" + f.kind() + "); a term file is a"
                + " small regular JSON file");
    }

    /** At most {@code limit} bytes, and never more than the file's size: a file that claims 0 bytes is not read at all. */
    private static byte[] read(Opened opened, Path file, int limit) {
        int size = (int) Math.min(opened.facts.size(), limit);
        ByteBuffer buf = ByteBuffer.allocate(size);
        try {
            while (buf.hasRemaining() && opened.channel.read(buf) > 0) {
                // read it all
            }
        } catch (IOException e) {
            throw NodeDir.io("cannot read " + file, e);
        }
        byte[] bytes = new byte[buf.position()];
        System.arraycopy(buf.array(), 0, bytes, 0, bytes.length);
        return bytes;
    }

    private static TermctlException lastVoteRefusal(Path file) {
        return new TermctlException(ExitCode.INVALID_FILE, file + " is not a valid term file: it is a durable last-vote"
                + " record (it has \"voted_for\"), not a term file. Moving its term"
                + " without clearing the vote could let the node vote twice in one term, so termctl never writes it,"
                + " and it must not be edited by hand either. Point -f at the node's term file (RedDB keeps it beside"
                + " the last vote)");
    }

    /**
     * A file termctl refuses to read. Only where RedDB refuses it too is repair the advice; a file
     * RedDB reads (a repeated member) is one the node runs with, so it is edited, not replaced.
     */
    private static TermctlException invalid(Path file, TermFileFormat.InvalidTermFile e) {
        return new TermctlException(ExitCode.INVALID_FILE, file + " is not a valid term file: " + e.getMessage()
                + (e.redDbRefuses() ? ". RedDB cannot read it either. To replace it with a valid one (keeping a copy),"
                        + " see 'termctl repair --help'" : ". RedDB reads it (termctl is stricter here, see"
                        + " docs/conformance.md), so fix it by hand rather than with repair"));
    }
}
