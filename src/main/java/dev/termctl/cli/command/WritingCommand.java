package dev.termctl.cli.command;

import dev.termctl.ExitCode;
import dev.termctl.Version;
import dev.termctl.cli.option.DatabaseOptions;
import dev.termctl.cli.option.JournalOptions;
import dev.termctl.cli.option.WriteOptions;
import dev.termctl.cli.render.Decided;
import dev.termctl.cli.render.Repaired;
import dev.termctl.cli.render.Result;
import dev.termctl.core.Term;
import dev.termctl.journal.Journal;
import dev.termctl.store.FileTermStore;
import picocli.CommandLine.Mixin;

/** The commands that write a term file (admit-record, admit-handshake, adopt, repair): their shared options. */
abstract class WritingCommand extends VerdictCommand {

    @Mixin
    WriteOptions writes = new WriteOptions();

    @Mixin
    JournalOptions.ToWrite journal = new JournalOptions.ToWrite();

    @Mixin
    DatabaseOptions database = new DatabaseOptions();

    @Override
    int[] exitCodes() {
        return new int[] {ExitCode.NO_FILE, ExitCode.LOCKED};
    }

    /** A write, or a dry run of one, whose database was not checked says so, once, after its result. */
    @Override
    String note(Result result) {
        boolean writes = result instanceof Repaired || result instanceof Decided
                && ((Decided) result).outcome().verdict().adopts();
        return writes ? database.notCheckedNote() : null;
    }

    /**
     * A store that writes as this command line says: the lock timeout, --create, the journal and the
     * audit stamp; refused (exit 75) while the database runs, unless --while-running.
     */
    final FileTermStore writingStore(Term defaultTerm, boolean create) {
        FileTermStore store = file.store(name(), defaultTerm, writes.lockTimeout);
        String reason = writes.reason(name());
        Invoker who = Invoker.current();
        Journal.Stamp stamp = new Journal.Stamp(System.currentTimeMillis() / 1000, who.user(), who.effectiveUser(),
                Host.name(), name(), Version.VERSION, reason);
        if (!create) {
            store.requireFile();
        }
        // Before anything is locked or made: a refusal leaves the directory as it was, dry run or not.
        database.check(name(), java.nio.file.Path.of(store.describe()), progress);
        return store.recording(stamp, journal.path(store.defaultJournal()), create)
                .tellingWaits(new LockWaitNotice(progress));
    }
}
