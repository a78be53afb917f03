package dev.termctl.cli;

import dev.termctl.cli.command.VersionProvider;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "termctl",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = {
            "Inspect and administer a database node's durable replication term.",
            "",
            "After a failover the cluster serves a new, higher term. A former primary that returns on its "
                    + "old term is fenced: its records and stream handshakes are refused until it re-syncs and "
                    + "adopts the new term. termctl applies that rule to a node's term file ({\"term\": N}; "
                    + "a missing file means the default term, 1).",
            ""})
final class TermctlCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(),
                "no command given; choose one of: " + String.join(", ", spec.subcommands().keySet()));
    }
}
