package dev.termctl.cli;

import dev.termctl.cli.command.AdmitHandshakeCommand;
import dev.termctl.cli.command.AdmitRecordCommand;
import dev.termctl.cli.command.AdoptCommand;
import dev.termctl.cli.command.ClassifyCommand;
import dev.termctl.cli.command.HistoryCommand;
import dev.termctl.cli.command.RepairCommand;
import dev.termctl.cli.command.ShowCommand;
import dev.termctl.cli.command.Subcommand;

/**
 * Every termctl command, registered once: picocli's model, the help, the man pages, the completion
 * scripts and the fast parser's table all come from this list. Adding a command is one class and
 * one line here.
 */
public final class Commands {
    private Commands() {
    }

    /** A fresh instance of each command, in the order help lists them. */
    public static Subcommand[] all() {
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
