package dev.termctl.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * A subcommand of the picocli model. Its fields only declare options and arguments (for parsing,
 * help, man pages, completion and the fast parser's table); running it turns picocli's parse
 * result into the same {@link Invocation} the fast parser makes, which {@link Actions} runs.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class)
abstract class ModelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        return Actions.run(invocation(spec.commandLine().getParseResult()), spec.commandLine().getOut(),
                spec.commandLine().getErr());
    }

    /** The invocation picocli parsed: options by their longest name, flags as "true", defaults after ${env:...}. */
    static Invocation invocation(ParseResult pr) {
        CommandSpec spec = pr.commandSpec();
        Map<String, List<String>> given = new LinkedHashMap<>();
        Map<String, String> defaults = new LinkedHashMap<>();
        for (OptionSpec o : spec.options()) {
            if (o.usageHelp() || o.versionHelp()) {
                continue;
            }
            if (pr.hasMatchedOption(o)) {
                given.put(o.longestName(), o.arity().max() == 0 ? List.of("true") : new ArrayList<>(o.originalStringValues()));
            } else if (o.defaultValue() != null) {
                defaults.put(o.longestName(), o.defaultValue());
            }
        }
        List<String> positionals = new ArrayList<>();
        for (PositionalParamSpec p : spec.positionalParameters()) {
            positionals.addAll(p.originalStringValues());
        }
        return new Invocation(spec.name(), given, defaults, positionals);
    }
}
