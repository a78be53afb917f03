package dev.termctl.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A picocli subcommand (standard help options, version, exit codes come from here): its fields make an {@link Invocation}, which {@link Actions} runs. */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
abstract class ModelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The parsed arguments as an invocation; throws a usage error for combinations picocli cannot express. */
    abstract Invocation invocation();

    @Override
    public Integer call() {
        return Actions.run(invocation(), spec.commandLine().getOut(), spec.commandLine().getErr());
    }
}
