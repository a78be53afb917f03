package dev.termctl.store;

import dev.termctl.core.Term;
import dev.termctl.core.Verdict;
import dev.termctl.fs.AtomicReplace;
import dev.termctl.fs.Chase;
import dev.termctl.fs.Faults;
import dev.termctl.fs.FileFailure;
import dev.termctl.fs.NodeDir;
import dev.termctl.fs.Owner;
import dev.termctl.journal.Journal;
import dev.termctl.journal.JournalWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
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
    /** Told when a write waits long for the lock; null: nobody is told. */
    private LockWaits waits;

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

    /** Tells {@code waits} when a write of this store waits long for another writer's lock. */
    public FileTermStore tellingWaits(LockWaits waits) {
        this.waits = waits;
        return this;
    }

    /** The journal a write uses unless told otherwise: FILE.journal beside the file it writes (links followed). */
    public Path defaultJournal() {
        Chase.Leaf leaf = chase();
        leaf.dir().close();
        return leaf.dir().path().resolve(Journal.besideName(leaf.name()));
    }

    /**
     * The term each term file holds now, read as {@link #read} does (the default term where there is
     * none), for the journal's reader to tell completed writes; a class, not a lambda: no indy.
     */
    public static Function<Path, Term> currentTerms() {
        return new CurrentTerms();
    }

    private static final class CurrentTerms implements Function<Path, Term> {
        @Override
        public Term apply(Path file) {
            return new FileTermStore(file, Term.DEFAULT, Duration.ZERO).read().term();
        }
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

    private RuntimeException noFile(Path p) {
        return StoreFailure.NotFound.termFile(p, defaultTerm);
    }

    private static FileFailure danglingLink(Chase.Leaf leaf) {
        return FileFailure.Refused.of(FileFailure.Refused.Why.DANGLING_LINK, leaf.path());
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
        } catch (FileFailure e) {
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

    /**
     * Runs {@code step} with every other termctl writer of this file excluded, in the directory
     * opened once for the whole step (see {@link TermLock#run}).
     */
    private <T> T underLock(TermLock.Step<T> step) {
        return TermLock.run(chase(), lockTimeout, waits, faults, step);
    }

    /** Appends the journal entry of a write, durably, before the term file changes (when journaling). */
    private void journal(NodeDir dir, Path name, Owner owner, Term before, Term after) {
        if (journal != null) {
            JournalWriter.record(dir, name, owner, journal, stamp, before, after);
        }
    }

    @Override
    public Verdict advance(Function<Term, Verdict> rule) {
        return underLock(new TermLock.Step<Verdict>() {
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
                    byte[] content = current.rewrite(dir.path().resolve(name), verdict.incoming(), stamp);
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
        return underLock(new TermLock.Step<Repair>() {
            @Override
            public Repair run(NodeDir dir, Path name, Owner owner) throws IOException {
                Backup now = damaged(dir, name);
                Path copy = now.keep(dir, name, owner, stamp == null ? System.currentTimeMillis() / 1000 : stamp.time());
                byte[] content = TermFile.fresh(dir.path().resolve(name), term, stamp);
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

    @Override
    public void checkWritable(StoredTerm found) {
        if (found.lastVote()) {
            throw StoreFailure.LastVote.of(Path.of(describe()), false);
        }
    }
}
