package dev.termctl.store;

import dev.termctl.core.Term;
import dev.termctl.core.Verdict;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * A node's term in its JSON term file. Every step happens relative to the term file's directory,
 * opened once by {@link Chase#chase} (safe from links and swaps by the directory's owner):
 *
 * <ul>
 *   <li>reads go through {@link TermFile}: no link followed, only the regular file looked at, and
 *       a bounded read, so a FIFO, a device or /proc/kmsg never hangs a run;
 *   <li>writes happen under {@link TermLock}, which makes read-decide-write one step across
 *       processes, and go through {@link AtomicReplace};
 *   <li>the journal entry ({@link JournalWriter}) is durable before the term file changes;
 *   <li>repair keeps a byte-exact copy of what it replaces ({@link Backup}).
 * </ul>
 *
 * <p>Failures are {@link StoreFailure}s: facts, which the command line words.
 */
public final class FileTermStore implements TermStore {

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
        Chase.Leaf leaf = chase();
        leaf.dir().close();
        return leaf.dir().path().resolve(journalName(leaf.name()));
    }

    static Path journalName(Path termName) {
        return Path.of(termName + ".journal");
    }

    /**
     * Refuses ({@link StoreFailure.NotFound}) when there is no term file: a writing command that would
     * start a new node from a mistyped path creates nothing (no file, no lock, no journal) unless
     * the caller asked for a new node.
     */
    public void requireFile() {
        Chase.Leaf leaf = chase();
        leaf.dir().close();
        if (leaf.facts() == null) {
            if (leaf.throughLink()) {
                throw danglingLink(leaf);
            }
            throw noFile(leaf.path());
        }
    }

    private Chase.Leaf chase() {
        Chase.Leaf leaf = Chase.chase(given);
        resolved = leaf.path();
        return leaf;
    }

    private StoreFailure noFile(Path p) {
        return new StoreFailure.NotFound(StoreFailure.NotFound.What.TERM_FILE, p, defaultTerm, null);
    }

    private static StoreFailure danglingLink(Chase.Leaf leaf) {
        return new StoreFailure.Refused(StoreFailure.Refused.Why.DANGLING_LINK, leaf.path());
    }

    /** The file's path as resolved safely (see {@link Chase#chase}); throws what the resolution refuses. */
    public Path resolve() {
        Chase.Leaf leaf = chase();
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
            Chase.Leaf leaf = chase();
            leaf.dir().close();
            return leaf.path().toString();
        } catch (StoreFailure e) {
            return given.normalize().toString();
        }
    }

    @Override
    public StoredTerm read() {
        Chase.Leaf leaf = chase();
        try {
            return TermFile.load(leaf.dir(), leaf.name(), defaultTerm, faults).stored;
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
        Chase.Leaf leaf = chase();
        NodeDir dir = leaf.dir();
        try {
            if (leaf.facts() == null && leaf.throughLink()) {
                throw danglingLink(leaf);
            }
            Path name = leaf.name();
            int nameBytes = name.toString().getBytes(StandardCharsets.UTF_8).length;
            if (nameBytes > Limits.MAX_WRITABLE_NAME_BYTES) {
                throw new StoreFailure.TooLarge(StoreFailure.TooLarge.Bound.NAME, leaf.path(), null, nameBytes,
                        Limits.MAX_WRITABLE_NAME_BYTES, 0);
            }
            // Files termctl creates beside the term file belong to its owner (the directory's, for a new file).
            FileFacts f = leaf.facts();
            FileFacts ownerFacts = f != null ? f : dir.facts();
            Owner owner = new Owner(ownerFacts.uid(), ownerFacts.gid(), f != null ? f.mode() : NEW_FILE_MODE);
            try {
                faults.at(Faults.Step.RESOLVED);
            } catch (IOException e) {
                throw StoreFailure.Io.of(StoreFailure.Io.Op.LOCK, leaf.path(), e);
            }
            try (TermLock lock = TermLock.acquire(dir, name, owner, lockTimeout)) {
                faults.at(Faults.Step.LOCKED);
                AtomicReplace.removeStale(dir, name);
                return step.run(dir, name, owner);
            } catch (IOException e) {
                throw StoreFailure.Io.of(StoreFailure.Io.Op.WRITE, leaf.path(), e);
            }
        } finally {
            dir.close();
        }
    }

    /** Appends the journal entry of a write, durably, before the term file changes (when journaling). */
    private void journal(NodeDir dir, Path name, Owner owner, Term before, Term after) {
        if (journal != null) {
            JournalWriter.record(dir, name, owner, journal, stamp, before, after);
        }
    }

    @Override
    public Verdict advance(Function<Term, Verdict> rule) {
        return underLock(new Locked<Verdict>() {
            @Override
            public Verdict run(NodeDir dir, Path name, Owner owner) {
                TermFile current = TermFile.load(dir, name, defaultTerm, faults);
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
     * another file, with the file's owner and mode). Refuses a missing or valid file, any last-vote
     * record, one RedDB reads and one too large to copy (see {@link Backup#examine}), and changes
     * nothing then.
     */
    public Repair repair(Term term, boolean dryRun) {
        // Decided once before the lock too, so a refusal leaves nothing behind, not even a lock file.
        Chase.Leaf leaf = chase();
        Backup seen;
        try {
            seen = damaged(leaf.dir(), leaf.name());
        } finally {
            leaf.dir().close();
        }
        if (dryRun) {
            return new Repair(seen.why, null);
        }
        return underLock(new Locked<Repair>() {
            @Override
            public Repair run(NodeDir dir, Path name, Owner owner) throws IOException {
                Backup now = damaged(dir, name);
                Path copy = now.keep(dir, name, owner, stamp == null ? System.currentTimeMillis() / 1000 : stamp.time());
                byte[] content = TermFileFormat.fresh(members(term));
                checkResult(dir.path().resolve(name), content, term);
                journal(dir, name, owner, null, term);
                AtomicReplace.replace(dir, name, content, owner, faults);
                return new Repair(now.why, copy);
            }
        });
    }

    private Backup damaged(NodeDir dir, Path name) {
        Backup b = Backup.examine(dir, name, faults);
        if (b == null) {
            throw noFile(dir.path().resolve(name));
        }
        return b;
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
            throw new StoreFailure.Damaged(StoreFailure.Damaged.Found.WRITING, target, e, term);
        }
    }

    @Override
    public void checkWritable(StoredTerm found) {
        if (found.lastVote()) {
            throw new StoreFailure.LastVote(Path.of(describe()), false);
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
}
