package dev.termctl.store;

import dev.termctl.cluster.ClusterFailure;
import dev.termctl.format.TermFileFormat;
import dev.termctl.fs.FileFailure;
import dev.termctl.journal.JournalFailure;
import dev.termctl.probe.DataFile;
import dev.termctl.probe.ProbeFailure;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termctl.ExitCode;
import dev.termctl.cli.render.Failures;
import dev.termctl.core.Term;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Every kind of store failure has an exit status and words, from cli/render/Failures alone: the store's
 * failures carry facts, and never an option, a command or an exit code.
 */
class StoreFailureTest {
    private static final Path FILE = Path.of("/srv/node/term.json");

    private static void expect(int code, String words, RuntimeException f) {
        assertEquals(code, Failures.exitCode(f), () -> Failures.message(f));
        assertTrue(Failures.message(f).contains(words), () -> Failures.message(f));
        assertFalse(f.getMessage().contains("--"), f::getMessage);
    }

    @Test
    void each_kind_keeps_the_exit_status_of_its_throw_site() {
        expect(ExitCode.NO_FILE, "pass --create to start a new node at the default term 1",
                StoreFailure.NotFound.termFile(FILE, Term.DEFAULT));
        expect(ExitCode.IO, "the directory /srv/node does not exist", FileFailure.NotFound.directory(FILE.getParent()));
        expect(ExitCode.IO, "the journal /x does not exist", FileFailure.NotFound.input("the journal", Path.of("/x")));
        expect(ExitCode.INVALID_FILE, "is a durable last-vote record", StoreFailure.LastVote.of(FILE, false));
        expect(ExitCode.INVALID_FILE, "it mentions \"voted_for\"", StoreFailure.LastVote.of(FILE, true));
        expect(ExitCode.USAGE, "use termctl adopt", StoreFailure.NotDamaged.of(FILE, new Term(7)));
        expect(ExitCode.LOCKED, "held by pid 42 (reddb); nothing was changed",
                StoreFailure.Busy.timedOut(FILE, Duration.ofSeconds(5), 42, "reddb"));
        expect(ExitCode.LOCKED, "timed out after 5s", StoreFailure.Busy.timedOut(FILE, Duration.ofSeconds(5), -1, null));
        expect(ExitCode.LOCKED, "the database is running: pid 42 (reddb) holds an exclusive lock on its data file"
                + " /srv/node/data.rdb; nothing was changed", new DataFile.Holder(Path.of("/srv/node/data.rdb"), 42,
                "reddb").running());
        expect(ExitCode.LOCKED, "interrupted", StoreFailure.Busy.interrupted(FILE, Duration.ofSeconds(5)));
        expect(ExitCode.IO, "is a directory, not a term file", FileFailure.Refused.of(FileFailure.Refused.Why.DIRECTORY,
                FILE));
        expect(ExitCode.IO, "Point -f at the real term file",
                FileFailure.Refused.of(FileFailure.Refused.Why.DANGLING_LINK, FILE));
        expect(ExitCode.IO, "name the journal itself with --journal",
                FileFailure.Refused.of(FileFailure.Refused.Why.JOURNAL_LINK, FILE));
        expect(ExitCode.IO, "it has 2 hard links", FileFailure.Refused.hardLinks(FILE, 2));
        expect(ExitCode.IO, "refusing to use the lock file /srv/node/term.json.lock: it is a symbolic link",
                FileFailure.Refused.sideNotRegular(Path.of(FILE + ".lock"), "the lock file", FileFailure.FileType.LINK));
        expect(ExitCode.IO, "which need a name of at most 227 bytes",
                StoreFailure.TooLarge.of(StoreFailure.TooLarge.Bound.NAME, FILE, 230, 227));
        expect(ExitCode.IO, "termctl adopt --create", StoreFailure.TooLarge.of(StoreFailure.TooLarge.Bound.BACKUP, FILE,
                2 << 20, 1 << 20));
        expect(ExitCode.INVALID_FILE, "the journal /x is larger than 1024 MiB",
                FileFailure.TooLarge.in(FileFailure.TooLarge.Bound.INPUT, "the journal /x", 0, 1L << 30, 0));
        expect(ExitCode.INVALID_FILE, "give -f FILE", JournalFailure.TooManyFiles.of(
                "the journal /x", 1000, 1001));
        expect(ExitCode.INVALID_FILE, "split the input", ClusterFailure.TooLarge.of(ClusterFailure.TooLarge.Bound.VIEW_NODES,
                "n", 0, 1_000_000));
        expect(ExitCode.IO, "or none with --no-journal",
                JournalFailure.NotJournal.of(JournalFailure.NotJournal.Why.EMPTY, FILE, 0));
        expect(ExitCode.INVALID_FILE, "hold no line break",
                JournalFailure.NotJournal.of(JournalFailure.NotJournal.Why.NO_LINE_BREAK, FILE, 65536));
        expect(ExitCode.INVALID_FILE, "not a 'termctl show --json' object: it is not valid JSON at column 3",
                ClusterFailure.BadLine.of("--from-json x line 2", "it is not valid JSON at column 3"));
        expect(ExitCode.IO, "gave up after 10s opening the directory /srv/node",
                FileFailure.Hung.of(FILE.getParent(), true, 10));
        expect(ExitCode.IO, "cannot rename /a over /b: disk on fire",
                FileFailure.Io.of(FileFailure.Io.Op.RENAME, Path.of("/a"), Path.of("/b"), new IOException("disk on fire")));
        // Kinds no output corpus reaches (a full disk under the journal, a flooded lock table): worded and coded as
        // before the split into fs, store, journal, probe and cluster (the old StoreFailure.Io APPEND_JOURNAL,
        // PREPARE_JOURNAL, Untold, TooLarge LINE and VIEW_BYTES).
        expect(ExitCode.IO, "cannot append the journal entry to /srv/node/term.json.journal: No space left on device;"
                + " the term was not written (/srv/node/term.json still holds term 7)", JournalFailure.NotAppended.of(
                Path.of(FILE + ".journal"), FILE, new Term(7), new IOException("No space left on device")));
        expect(ExitCode.IO, "cannot prepare the journal /srv/node/term.json.journal for appending; nothing was changed:"
                + " disk on fire", FileFailure.Io.of(FileFailure.Io.Op.PREPARE_APPEND, Path.of(FILE + ".journal"),
                new IOException("disk on fire")));
        expect(ExitCode.LOCKED, "the check of /srv/node/data.rdb could not finish: the kernel's lock table (/proc/locks)"
                + " was not read to its end in 500 ms", ProbeFailure.Untold.of(Path.of("/srv/node/data.rdb"), true, 4096,
                500));
        expect(ExitCode.INVALID_FILE, "--from-json x line 3 is longer than 65536 bytes",
                FileFailure.TooLarge.in(FileFailure.TooLarge.Bound.LINE, "--from-json x", 0, 65536, 3));
        expect(ExitCode.INVALID_FILE, "hold more than 64 MiB of names and audit text",
                ClusterFailure.TooLarge.of(ClusterFailure.TooLarge.Bound.VIEW_BYTES, "n", 65L << 20, 64L << 20));
    }

    @Test
    void a_damaged_file_says_whether_repair_is_the_remedy() {
        TermFileFormat.InvalidTermFile syntax = invalid("{\"term\":7.5}");
        TermFileFormat.InvalidTermFile twice = invalid("{\"term\":7,\"term\":8}");
        StoreFailure.Damaged redDbRefuses = (StoreFailure.Damaged) StoreFailure.Damaged.of(
                StoreFailure.Damaged.Found.READING, FILE, syntax, null);
        assertTrue(redDbRefuses.redDbRefuses());
        expect(ExitCode.INVALID_FILE, "see 'termctl repair --help'", redDbRefuses);
        expect(ExitCode.INVALID_FILE, "fix it by hand rather than with repair",
                StoreFailure.Damaged.of(StoreFailure.Damaged.Found.READING, FILE, twice, null));
        expect(ExitCode.INVALID_FILE, "repair replaces only files RedDB cannot read",
                StoreFailure.Damaged.of(StoreFailure.Damaged.Found.REPAIRING, FILE, twice, null));
        expect(ExitCode.INVALID_FILE, "cannot write term 9 to /srv/node/term.json",
                StoreFailure.Damaged.of(StoreFailure.Damaged.Found.WRITING, FILE, syntax, new Term(9)));
    }

    @Test
    void permission_denied_on_a_directory_says_as_whom() {
        FileFailure f = FileFailure.Io.of(FileFailure.Io.Op.OPEN_DIRECTORY, FILE.getParent(),
                new AccessDeniedException(FILE.getParent().toString()));
        expect(ExitCode.IO, "cannot open the directory /srv/node: permission denied (as uid ", f);
        assertTrue(Failures.message(f).endsWith("); run termctl as a user who may read it"), () -> Failures.message(f));
    }

    private static TermFileFormat.InvalidTermFile invalid(String text) {
        try {
            TermFileFormat.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (TermFileFormat.InvalidTermFile e) {
            return e;
        }
        throw new AssertionError(text + " parsed");
    }
}
