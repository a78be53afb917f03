package dev.termctl.cli;

import dev.termctl.store.FileTermStore;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "show", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "Print the node's current term. Reads only: never creates, locks or changes anything.",
        footerHeading = "%nExamples:%n",
        footer = {"  termctl show -f /var/lib/reddb/replication/term.json",
                  "  termctl show --json -f term.json"})
final class ShowCommand implements Callable<Integer> {

    @Mixin
    NodeOptions node;

    @Override
    public Integer call() {
        Report report = node.report();
        FileTermStore store = node.store(Duration.ZERO);
        return report.show(store.describe(), store.read());
    }
}
