package dev.termctl.cli.command;

import dev.termctl.ExitCode;
import dev.termctl.cli.render.Failures;
import dev.termctl.cli.render.Repaired;
import dev.termctl.cli.render.Result;
import dev.termctl.core.Term;
import dev.termctl.store.FileTermStore;
import picocli.CommandLine.Command;

@Command(name = "repair",
        description = {"Replace a damaged term file (one every other command refuses with exit 65: truncated, empty, "
                + "hand-edited into invalid JSON) with a valid one holding TERM. Under the lock, it first keeps a "
                + "byte-exact copy FILE.corrupt-TIME beside it (never over another file; same owner and mode), then "
                + "writes the new file and journals the repair. Exit 0.",
            "It refuses a valid file (exit 2: use adopt) and any last-vote record, valid or not (65), and needs "
                + "--reason. --dry-run says what it would do and writes nothing.",
            "Choosing TERM: the node must not come back below the cluster's term, or it could admit what it had "
                + "fenced. Take at least the highest term among the node's healthy peers, e.g. the 'highest term' of "
                + "'termctl show PEER-FILES...' (or 'ssh PEER termctl show --json ... | termctl show --from-json -'). "
                + "Never guess below it; if unsure, take the highest you can see: a term too high only makes the "
                + "node fence older records, which re-syncing settles."},
        footerHeading = "%nExamples:%n",
        footer = {"  termctl show node-a/term.json node-b/term.json         # the healthy peers: highest term 12",
                  "  termctl repair --dry-run --reason 'INC-1 truncated' -f node-c/term.json 12",
                  "  termctl repair --reason 'INC-1 truncated' -f node-c/term.json 12"})
public final class RepairCommand extends WritingCommand {

    @Override
    public String meaning(int code) {
        switch (code) {
            case ExitCode.ADMIT: return "repaired (with --dry-run: it would be)";
            case ExitCode.INVALID_FILE: return "a last-vote record, which termctl never writes";
            case ExitCode.NO_FILE: return "no such term file: repair replaces an existing damaged one";
            default: return super.meaning(code);
        }
    }

    @Override
    Result run() {
        if (writes.reason == null || writes.reason.isBlank()) {
            throw usage("repair needs --reason TEXT: say why the file is replaced (an incident or ticket); it is"
                    + " kept in the new file and the journal");
        }
        FileTermStore store;
        try {
            store = writingStore(Term.DEFAULT, false);
        } catch (RuntimeException e) {
            if (!Failures.isFact(e)) {
                throw e;
            }
            throw Failures.forRepair(e, file.file);
        }
        return new Repaired(store.describe(), incoming.term, store.repair(incoming.term, writes.dryRun), writes.dryRun);
    }
}
