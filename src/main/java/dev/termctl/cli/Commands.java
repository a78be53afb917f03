package dev.termctl.cli;

/**
 * Every termctl command, registered once: picocli's model, the help, the man pages, the completion
 * scripts and the fast parser's table all come from this list. Adding a command is one class and
 * one line here.
 */
final class Commands {
    private Commands() {
    }

    /** A fresh instance of each command, in the order help lists them. */
    static Subcommand[] all() {
        return new Subcommand[] {
            new ShowCommand(),
            new ClassifyCommand(),
            new AdmitRecordCommand(),
            new AdmitHandshakeCommand(),
            new AdoptCommand(),
            new RepairCommand(),
            new HistoryCommand(),
        };
    }
}
