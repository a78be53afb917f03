package dev.termctl.cli.render;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.cluster.ClusterFailure;
import dev.termctl.fs.FileFailure.Refused;
import dev.termctl.fs.FileFailure;
import dev.termctl.fs.Watchdog;
import dev.termctl.journal.JournalFailure;
import dev.termctl.probe.DataFile;
import dev.termctl.probe.LockTable;
import dev.termctl.probe.ProbeFailure;
import dev.termctl.store.StoreFailure;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.Function;

/**
 * The one place that turns a failure of the layers below (facts: which path, what was wrong) into
 * an exit status and one line for the user, with the advice that helps here: the option to pass,
 * the command to run, the file to look at. Those facts are the sealed kinds of {@link FileFailure}
 * (the file layer), {@link StoreFailure} (the term file), {@link JournalFailure},
 * {@link ProbeFailure} (the database check) and {@link ClusterFailure} (a cluster view's input).
 */
public final class Failures {
    private Failures() {
    }

    /**
     * The data file's option names and environment variable, which the advice below names: declared
     * here, below the options (DatabaseOptions declares its options with them).
     */
    public static final String DATA_FILE = "--data-file";
    public static final String WHILE_RUNNING = "--while-running";
    /** The environment's name for the data file, for every command (show has no --data-file). */
    public static final String ENV = "TERMCTL_DATA_FILE";

    /** A usage error found after parsing (a combination, not a single value) of the command named {@code command}: exit 2. */
    public static TermctlException usage(String command, String message) {
        return new TermctlException(ExitCode.USAGE, message + "; see 'termctl " + command + " --help'");
    }

    /** The message of a failure that is a termctl bug. */
    public static String internal(Exception ex) {
        return "internal error (a termctl bug; please report it with this output): " + ex;
    }

    /** A failure in words, for a node of a cluster view (a class, not a method reference: no indy at startup). */
    public static Function<RuntimeException, String> words() {
        return new Words();
    }

    private static final class Words implements Function<RuntimeException, String> {
        @Override
        public String apply(RuntimeException f) {
            return message(f);
        }
    }

    /** Whether {@code e} is a failure this class puts in words: one of the layers' facts. */
    public static boolean isFact(Throwable e) {
        return e instanceof FileFailure || e instanceof StoreFailure || e instanceof JournalFailure
                || e instanceof ProbeFailure || e instanceof ClusterFailure;
    }

    /** An expected failure as the command ends with it: a {@link TermctlException} as it is, a fact in words. */
    public static TermctlException expected(RuntimeException e) {
        if (isFact(e)) {
            return new TermctlException(exitCode(e), message(e), e);
        }
        return (TermctlException) e;
    }

    /**
     * A failure of repair before it starts: no term file ({@code given}) is nothing to repair, since a
     * node without a file is at the default term already; any other failure is as for every command.
     */
    public static TermctlException forRepair(RuntimeException e, String given) {
        if (!(e instanceof StoreFailure.NotFound)) {
            return expected(e);
        }
        return new TermctlException(ExitCode.NO_FILE, "no such term file " + given + "; repair replaces"
                + " an existing damaged file: check the path (a node with no file is at the default term already)");
    }

    /**
     * Installs what ends the run when an open hangs: this process's one line and exit status. {@code json}:
     * the command line when it asked for JSON (stdout then holds the error's object too), else null;
     * {@code file}: the file it names, absolute, for that object.
     */
    public static void onHang(String[] json, String file) {
        Watchdog.onHang(new Hang(json, file));
    }

    private static final class Hang implements Watchdog.Handler {
        /** The command line, when it asked for JSON: stdout then holds the error's object too. */
        private final String[] json;
        /** The file the command line names, for the JSON object. */
        private final String file;

        Hang(String[] json, String file) {
            this.json = json;
            this.file = file;
        }

        @Override
        public void hung(FileFailure failure) {
            String message = printable(message(failure));
            if (json != null) {
                PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
                // Terminal-safe JSON, as every object termctl prints (TerminalText is not in this path).
                out.println(TerminalText.escapeJson(Json.object().put("file", file)
                        .put("command", json.length > 0 ? printable(json[0]) : null).put("error", message)
                        .put("exit_code", exitCode(failure)).end().toString()));
                out.flush();
            }
            PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
            err.println("termctl: error: " + message);
            Runtime.getRuntime().halt(exitCode(failure));
        }
    }

    /** The exit status a command ends with on {@code f}, one of the facts ({@link #isFact}). */
    public static int exitCode(RuntimeException f) {
        if (f instanceof StoreFailure.NotFound) {
            return ExitCode.NO_FILE;
        }
        if (f instanceof StoreFailure.Damaged || f instanceof StoreFailure.LastVote
                || f instanceof ClusterFailure.BadLine) {
            return ExitCode.INVALID_FILE;
        }
        if (f instanceof StoreFailure.NotDamaged) {
            return ExitCode.USAGE;
        }
        if (f instanceof StoreFailure.Busy || f instanceof ProbeFailure) {
            return ExitCode.LOCKED;
        }
        if (f instanceof FileFailure.TooLarge || f instanceof JournalFailure.TooManyFiles
                || f instanceof ClusterFailure.TooLarge) {
            return ExitCode.INVALID_FILE;
        }
        if (f instanceof JournalFailure.NotJournal) {
            return ((JournalFailure.NotJournal) f).why() == JournalFailure.NotJournal.Why.NO_LINE_BREAK
                    ? ExitCode.INVALID_FILE : ExitCode.IO;
        }
        // The store's TooLarge (NAME, BACKUP); NotFound (a directory, an input), Refused, Io, Hung; NotAppended.
        return ExitCode.IO;
    }

    /** What a user reads of {@code f}, one of the facts ({@link #isFact}): one line, with what to do about it. */
    public static String message(RuntimeException f) {
        if (f instanceof FileFailure) {
            return file((FileFailure) f);
        }
        if (f instanceof StoreFailure) {
            return store((StoreFailure) f);
        }
        if (f instanceof JournalFailure) {
            return journal((JournalFailure) f);
        }
        if (f instanceof ProbeFailure) {
            return probe((ProbeFailure) f);
        }
        return cluster((ClusterFailure) f);
    }

    private static String file(FileFailure f) {
        Path p = f.path();
        if (f instanceof FileFailure.NotFound) {
            FileFailure.NotFound n = (FileFailure.NotFound) f;
            if (n.what() == FileFailure.NotFound.What.DIRECTORY) {
                return "the directory " + p + " does not exist; check the path (termctl creates a missing term"
                        + " file, never its directory)";
            }
            return n.label() + " " + p + " does not exist; check the path";
        }
        if (f instanceof Refused) {
            return refused((Refused) f);
        }
        if (f instanceof FileFailure.TooLarge) {
            return tooLarge((FileFailure.TooLarge) f);
        }
        if (f instanceof FileFailure.Hung) {
            return "gave up after " + ((FileFailure.Hung) f).seconds() + "s opening "
                    + (((FileFailure.Hung) f).directory() ? "the directory " : "") + p + ": it did not open (a FIFO"
                    + " or device put in a file's place?); nothing was changed. Check who changes that directory";
        }
        return io((FileFailure.Io) f);
    }

    private static String store(StoreFailure f) {
        Path p = f.path();
        if (f instanceof StoreFailure.NotFound) {
            return "no such term file " + p + "; check the path, or pass --create to start a new node at the"
                    + " default term " + ((StoreFailure.NotFound) f).defaultTerm() + "; nothing was created";
        }
        if (f instanceof StoreFailure.Damaged) {
            return damaged((StoreFailure.Damaged) f);
        }
        if (f instanceof StoreFailure.LastVote) {
            return ((StoreFailure.LastVote) f).damaged()
                    ? p + " is, or was, a durable last-vote record (it mentions \"voted_for\"); repair never writes one,"
                            + " since a wrong vote could let the node vote twice in one term. Restore it from the node's"
                            + " peers or a backup"
                    : p + " is not a valid term file: it is a durable last-vote record (it has \"voted_for\"), not a term"
                            + " file. Moving its term without clearing the vote could let the node vote twice in one term,"
                            + " so termctl never writes it, and it must not be edited by hand either. Point -f at the"
                            + " node's term file (RedDB keeps it beside the last vote)";
        }
        if (f instanceof StoreFailure.NotDamaged) {
            return p + " is a valid term file (term " + ((StoreFailure.NotDamaged) f).term() + "); repair replaces only"
                    + " a damaged one. To move it forward, use termctl adopt";
        }
        if (f instanceof StoreFailure.Busy) {
            return busy((StoreFailure.Busy) f);
        }
        StoreFailure.TooLarge t = (StoreFailure.TooLarge) f;
        if (t.bound() == StoreFailure.TooLarge.Bound.NAME) {
            return "cannot write " + p + ": its name is " + t.actual() + " bytes long, and termctl keeps NAME.lock,"
                    + " NAME.journal and NAME.corrupt-TIME beside it, which need a name of at most " + t.limit()
                    + " bytes; rename it; nothing was changed";
        }
        return "cannot repair " + p + ": it is " + t.actual() + " bytes, and repair keeps a copy of what it"
                + " replaces only up to " + t.limit() + " bytes; nothing was changed. Move it aside yourself (mv),"
                + " then start the node anew with termctl adopt --create";
    }

    private static String journal(JournalFailure f) {
        Path p = f.path();
        if (f instanceof JournalFailure.NotJournal) {
            JournalFailure.NotJournal j = (JournalFailure.NotJournal) f;
            if (j.why() == JournalFailure.NotJournal.Why.NO_LINE_BREAK) {
                return "refusing to append to the journal " + p + ": its last " + j.limit() + " bytes hold no line"
                        + " break, so it is not a termctl journal; nothing was changed";
            }
            return "refusing to append to " + p + ": it is not a termctl journal (" + (j.why()
                    == JournalFailure.NotJournal.Why.EMPTY ? "it is empty" : "its first line is not a journal entry")
                    + "); nothing was changed. Name another journal with --journal, or none with --no-journal";
        }
        if (f instanceof JournalFailure.TooManyFiles) {
            JournalFailure.TooManyFiles t = (JournalFailure.TooManyFiles) f;
            return t.where() + " names more than " + t.limit() + " term files (line " + t.line() + "); termctl"
                    + " follows at most that many in one read: give -f FILE to read the writes of one";
        }
        JournalFailure.NotAppended a = (JournalFailure.NotAppended) f;
        return "cannot append the journal entry to " + p + ": " + a.io().reason() + "; the term was not written ("
                + a.file() + " still holds term " + a.before() + ")";
    }

    private static String probe(ProbeFailure f) {
        if (f instanceof ProbeFailure.Running) {
            ProbeFailure.Running r = (ProbeFailure.Running) f;
            return "the database is running: " + holder(r.holderPid(), r.holderCommand()) + " holds an exclusive lock on"
                    + " its data file " + f.path() + "; nothing was changed. RedDB rewrites its term file without termctl's"
                    + " lock, so stop the database first (or pass " + WHILE_RUNNING + " to write anyway)";
        }
        return untold((ProbeFailure.Untold) f);
    }

    private static String cluster(ClusterFailure f) {
        if (f instanceof ClusterFailure.BadLine) {
            return "not a 'termctl show --json' object: " + ((ClusterFailure.BadLine) f).detail();
        }
        ClusterFailure.TooLarge t = (ClusterFailure.TooLarge) f;
        if (t.bound() == ClusterFailure.TooLarge.Bound.VIEW_NODES) {
            return t.where() + ": the cluster view would hold more than " + t.limit() + " nodes, the most termctl"
                    + " shows at once; split the input";
        }
        return t.where() + ": the nodes read so far hold more than " + (t.limit() >> 20) + " MiB of names and"
                + " audit text, the most termctl keeps for one view; split the input";
    }

    /** Only where RedDB refuses the file too is repair the advice: a file RedDB reads is one the node runs with. */
    private static String damaged(StoreFailure.Damaged d) {
        Path p = d.path();
        switch (d.found()) {
            case REPAIRING:
                return p + " is not a valid term file for termctl (" + d.detail() + "), but RedDB reads it, so the node"
                        + " runs with it: repair replaces only files RedDB cannot read. Fix it by hand; nothing was"
                        + " changed";
            case WRITING:
                return "cannot write term " + d.term() + " to " + p + ": the result would not be a valid term file ("
                        + d.detail() + "); nothing was changed" + (d.tooLarge() ? ". Give a shorter --reason, or remove"
                        + " members the file does not need" : "");
            default:
                return p + " is not a valid term file: " + d.detail() + (d.redDbRefuses() ? ". RedDB cannot read it"
                        + " either. To replace it with a valid one (keeping a copy), see 'termctl repair --help'"
                        : ". RedDB reads it (termctl is stricter here, see docs/conformance.md), so fix it by hand"
                        + " rather than with repair");
        }
    }

    private static String busy(StoreFailure.Busy b) {
        Path p = b.path();
        if (b.interrupted()) {
            return "interrupted while waiting for the lock on " + p;
        }
        String who = holder(b.holderPid(), b.holderCommand());
        return "timed out after " + Durations.format(b.waited()) + " waiting for the lock on " + p + ", held by " + who
                + "; nothing was changed. Find the holder with 'fuser -v " + p + "', wait for it, or retry with a longer"
                + " --lock-timeout";
    }

    /** Why the check of a data file could not finish: the kernel's lock table ran past its budget. */
    static String untold(ProbeFailure.Untold u) {
        return "the check of " + u.path() + " could not finish: " + (u.timedOut()
                ? "the kernel's lock table (/proc/locks) was not read to its end in " + LockTable.MILLIS + " ms ("
                        + u.bytes() + " bytes read)"
                : "the kernel's lock table (/proc/locks) is longer than the " + LockTable.BYTES / 1024 + " KiB"
                        + " termctl reads (read in " + u.millis() + " ms)")
                + ", and no lock on it was in what was read (a host with that many locks, or an account filling the"
                + " table)";
    }

    /** A write refused because the check could not finish (exit 75). */
    public static String untoldWrite(ProbeFailure.Untold u) {
        return "cannot tell whether the database is running: " + untold(u) + "; nothing was changed. Make sure the"
                + " database is stopped, then pass " + WHILE_RUNNING + " to write (see docs/security.md,"
                + " \"Cannot tell\")";
    }

    /** An explicitly named data file that does not exist (exit 74). */
    public static String noDataFile(Path p) {
        return "no such data file " + p + " (" + DATA_FILE + " or " + ENV + "); check"
                + " the path, or leave both out to check " + DataFile.NAME + " where RedDB keeps it; nothing was changed";
    }

    /**
     * No data file where the layouts put it ({@code lookedAt}): whether the database runs was not
     * checked (beside "running", "not running" and "could not tell", a database's fourth state).
     * {@code write}: a write's note, which can name --data-file.
     */
    public static String notChecked(java.util.List<Path> lookedAt, boolean write) {
        StringBuilder where = new StringBuilder();
        for (Path p : lookedAt) {
            where.append(where.length() == 0 ? "" : " or ").append(p);
        }
        return "not checked (no " + where + "); name the data file with " + ENV + "=FILE or "
                + (write ? DATA_FILE + " FILE" : "a write's " + DATA_FILE);
    }

    /** The data file ({@code named} with --data-file, or the default one) cannot be checked, so nothing is written (74). */
    public static String uncheckedDataFile(RuntimeException f, boolean named) {
        return "cannot check whether the database is running: " + message(f) + ". termctl does not write without that"
                + " check: " + (named ? "name another data file with " : "name the database's data file with ")
                + DATA_FILE + ", or pass " + WHILE_RUNNING + " to write without it;"
                + " nothing was changed";
    }

    /** --while-running's warning when the data file cannot be checked. */
    public static String writingUnchecked(RuntimeException f) {
        return "cannot check whether the database is running (" + message(f) + "); writing anyway ("
                + WHILE_RUNNING + ")";
    }

    /** --while-running's warning while the database runs. */
    public static String writingWhileRunning(DataFile.Holder h) {
        return "the database is running: " + holder(h.pid(), h.command()) + " holds an exclusive lock on its data file "
                + h.file() + "; writing anyway (" + WHILE_RUNNING + "). RedDB rewrites its term file"
                + " without termctl's lock and may undo this write: check the term after";
    }

    /** A lock's holder as the kernel names it: "pid 1234 (termctl)", or "another process" when it does not. */
    public static String holder(long pid, String command) {
        return pid < 0 ? "another process" : "pid " + pid + (command == null ? "" : " (" + command + ")");
    }

    private static String refused(Refused r) {
        Path p = r.path();
        String retry = "; nothing was changed. Check who changes that directory, and try again";
        switch (r.why()) {
            case DIRECTORY:
                return p + " is a directory, not a term file; name the JSON file inside it";
            case NOT_A_DIRECTORY:
                return "cannot resolve " + r.other() + ": " + p + " is not a directory";
            case TOO_MANY_LINKS:
                return "cannot resolve " + p + ": too many levels of symbolic links";
            case EMPTY_LINK:
                return "cannot resolve " + p + ": it is an empty symbolic link";
            case UNSAFE_STEP:
                return "refusing " + p + ": it is " + kind(r.type()) + " owned by " + owner(r.uid()) + ", reached"
                        + " through " + r.other() + ", " + kind(r.otherType()) + " owned by " + owner(r.otherUid())
                        + ". As root, termctl never follows what one account owns to a file of another, so that account"
                        + " cannot lead root to files it does not own; nothing was changed. Name the real file, and"
                        + " give files and their directories one owner";
            case FOREIGN_FILE:
                return "refusing " + p + ": it belongs to " + owner(r.uid()) + ", but its directory " + r.other()
                        + " belongs to " + owner(r.otherUid()) + ". As root, termctl never acts on a file of one account"
                        + " in a directory another account owns; nothing was changed. Give the file and its directory"
                        + " one owner";
            case REPLACED:
                return "refusing " + p + ": it was replaced while termctl was resolving it" + retry;
            case KEEPS_CHANGING:
                return "refusing " + p + ": it was replaced each time termctl opened it" + retry;
            case BECAME_LINK:
                return "refusing " + p + ": it became a symbolic link while termctl was working on it" + retry;
            case BECAME_LINK_OPENING:
                return "refusing " + p + ": it became a symbolic link while termctl was opening it" + retry;
            case NOT_REGULAR:
                return r.label() == null
                        ? p + " is not a regular file (" + kind(r.type()) + "); a term file is a small regular JSON file"
                        : r.label() + " " + p + " is not a regular file (" + kind(r.type()) + "), so termctl does not"
                                + " read it";
            case DANGLING_LINK:
                return "cannot write through a symbolic link to " + p + ", which does not exist; termctl does not"
                        + " create files through links. Point -f at the real term file, or remove the dangling link;"
                        + " nothing was changed";
            case JOURNAL_LINK:
                return "cannot create the journal " + p + " through a symbolic link; name the journal itself with"
                        + " --journal; nothing was changed";
            case HARD_LINKS:
                return "cannot write " + p + ": it has " + r.count() + " hard links. Replacing it would leave the other"
                        + " names on the old term, and each name would take its own lock, so termctl reads such a file"
                        + " but never writes it. Make it one file first (cp it aside, then mv the copy over it) and"
                        + " point every user at one name; nothing was changed";
            default:
                return "refusing to use " + r.label() + " " + p + ": " + side(r) + "; nothing was changed. Remove it"
                        + " (rm " + p + ") if no termctl is running, and check who made it";
        }
    }

    /** What is wrong with a file termctl keeps beside the term file (its lock, its journal). */
    private static String side(Refused r) {
        switch (r.why()) {
            case SIDE_NOT_REGULAR:
                return "it is " + kind(r.type());
            case SIDE_REPLACED:
                return "it was replaced while termctl was opening it";
            case SIDE_HARD_LINKS:
                return "it has " + r.count() + " hard links, so writing it would change another file";
            default:
                return "it belongs to " + owner(r.uid()) + ", neither the term file's owner (" + owner(r.otherUid())
                        + ") nor its directory's, so another user may have planted it";
        }
    }

    private static String tooLarge(FileFailure.TooLarge t) {
        if (t.bound() == FileFailure.TooLarge.Bound.INPUT) {
            return t.where() + " is larger than " + (t.limit() >> 20) + " MiB" + (t.actual() > 0 ? " (" + t.actual()
                    + " bytes)" : "") + "; termctl reads at most that much, so that it answers within seconds. For a"
                    + " journal, move it aside: the next write starts a new one";
        }
        return t.where() + " line " + t.line() + " is longer than " + t.limit() + " bytes; it is not termctl's"
                + " JSON (one short object a line)";
    }

    private static String io(FileFailure.Io e) {
        Path p = e.path();
        String subject = e.label() == null ? String.valueOf(p) : p == null ? e.label() : e.label() + " " + p;
        String what;
        switch (e.op()) {
            case INSPECT: what = "cannot inspect " + subject; break;
            case LOOK_INTO: what = "cannot look into the directory " + p; break;
            case READ_LINK: what = "cannot read the symbolic link " + p; break;
            case OPEN_DIRECTORY: what = "cannot open the directory " + p; break;
            case INSPECT_DIRECTORY: what = "cannot inspect the directory " + p; break;
            case OPEN:
                what = "cannot open " + subject + (e.denied() && e.label() != null ? " (was it left by a termctl run as"
                        + " another user? As root, chown it to the term file's owner or remove it)" : "");
                break;
            case READ: what = "cannot read " + subject; break;
            case LOCK: what = "cannot lock " + p; break;
            case WRITE: what = "cannot write " + p; break;
            case USE: what = "cannot use " + subject; break;
            case SET_MODE: what = "cannot set the mode of " + subject; break;
            case CREATE_TEMP: what = "cannot create the temp file " + p; break;
            case WRITE_TEMP: what = "cannot write the temp file " + p; break;
            case RENAME: what = "cannot rename " + p + " over " + e.other(); break;
            case SYNC_DIRECTORY:
                what = "wrote " + e.other() + " but cannot fsync its directory " + p + ", so the new term may not"
                        + " survive a crash";
                break;
            case CLEAN_UP: what = "cannot clean up old temp files beside " + p; break;
            case PREPARE_APPEND: what = "cannot prepare the journal " + p + " for appending; nothing was changed"; break;
            default: what = "cannot append to " + subject; break;
        }
        boolean asWhom = e.denied() && (e.op() == FileFailure.Io.Op.LOOK_INTO
                || e.op() == FileFailure.Io.Op.OPEN_DIRECTORY);
        return what + ": " + e.reason() + (asWhom ? " (as " + owner(e.euid()) + "); run termctl as a user who may read"
                + " it" : "");
    }

    /** "uid 1001 (reddb)". */
    private static String owner(int uid) {
        String name = FileFailure.userName(uid);
        return "uid " + uid + (name == null ? "" : " (" + name + ")");
    }

    private static String kind(FileFailure.FileType type) {
        switch (type) {
            case REGULAR: return "a regular file";
            case LINK: return "a symbolic link";
            case DIRECTORY: return "a directory";
            default: return "a FIFO, socket or device";
        }
    }

    /**
     * Anything but printable ASCII and letters or digits as '?': the watchdog's line bypasses the
     * terminal escaping, and a path can hold control, bidi or other format characters.
     */
    private static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            b.append((c >= 0x20 && c < 0x7f) || (c >= 0xa0 && Character.isLetterOrDigit(c)) ? c : '?');
        }
        return b.toString();
    }
}
