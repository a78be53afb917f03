package dev.termctl.cli.fast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.termctl.cli.CommandModel;
import dev.termctl.cli.command.AdmitHandshakeCommand;
import dev.termctl.cli.command.AdoptCommand;
import dev.termctl.cli.command.ClassifyCommand;
import dev.termctl.cli.command.Subcommand;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine;

/**
 * The fast parser must agree with picocli wherever it does not decline. It reads the table the build
 * writes from the picocli model (the very table that ships: the build writes it before the tests
 * run), and the command lines are drawn from the model: every option of every command in every form
 * picocli accepts (separate and attached values, clustered and attached short options, "--", @files),
 * with good and bad values.
 */
class FastPathTest {
    private static final Function<String, String> ENV = System::getenv;
    private static final Map<String, ModelTable.Command> TABLE = table();

    private static Map<String, ModelTable.Command> table() {
        Map<String, ModelTable.Command> table = ModelTable.load(null);
        assertNotNull(table, "no fast parser's table: the build writes it after compiling (mvn process-classes)");
        return table;
    }

    @TempDir
    static Path dir;

    /**
     * One model for most parses: building it costs ~1 ms, parsing a line microseconds. picocli resets
     * each option before a parse, but not an argument group's field (cleared here before each parse);
     * a run parses once, so the truth is a fresh model, and every disagreement is judged against one.
     */
    private static final CommandLine PICOCLI = CommandModel.commandLine(80);

    /** What picocli makes of {@code args}: the typed fields it set, or null when it reports a usage error or prints help. */
    private static Map<String, String> viaPicocli(String[] args) {
        return viaPicocli(PICOCLI, args);
    }

    /** The same, on a model built for this line alone: nothing an earlier parse left can leak into it. */
    private static Map<String, String> viaFreshPicocli(String[] args) {
        return viaPicocli(CommandModel.commandLine(80), args);
    }

    private static Map<String, String> viaPicocli(CommandLine model, String[] args) {
        try {
            // picocli leaves an absent argument group's field as the last parse set it: clear them.
            for (CommandLine sub : model.getSubcommands().values()) {
                for (picocli.CommandLine.Model.ArgGroupSpec group : sub.getCommandSpec().argGroups()) {
                    try {
                        group.setter().set(null);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
            ParseResult pr = model.parseArgs(args);
            if (!pr.hasSubcommand() || pr.subcommand().isUsageHelpRequested() || pr.subcommand().isVersionHelpRequested()
                    || !(pr.subcommand().commandSpec().userObject() instanceof Subcommand)) {
                return null;
            }
            return fields(args[0], pr.subcommand().commandSpec().userObject());
        } catch (CommandLine.ParameterException e) {
            return null;
        }
    }

    private static Subcommand fastCommand(String... args) {
        return FastPath.parse(TABLE, args, ENV);
    }

    /** What the fast path makes of {@code args}: the typed fields it set, or null when it declines. */
    private static Map<String, String> fast(String... args) {
        Subcommand c = fastCommand(args);
        return c == null ? null : fields(args[0], c);
    }

    /**
     * Every option and argument field of {@code command} the table knows, by its path: those that hold
     * a value (not null, false or an empty list), the value as text.
     */
    static Map<String, String> fields(String name, Object command) {
        Map<String, String> fields = new java.util.TreeMap<>();
        ModelTable.Command c = TABLE.get(name);
        List<String> paths = new ArrayList<>();
        c.options.stream().filter(o -> !o.type().equals("help")).forEach(o -> paths.add(o.field()));
        c.positionals.forEach(p -> paths.add(p.field()));
        for (String path : paths) {
            Object v = read(command, path);
            if (v != null && !Boolean.FALSE.equals(v) && !(v instanceof List && ((List<?>) v).isEmpty())) {
                fields.put(path, String.valueOf(v));
            }
        }
        return fields;
    }

    private static Object read(Object at, String path) {
        try {
            for (String name : path.split("\\.")) {
                if (at == null) {
                    return null;
                }
                java.lang.reflect.Field f = null;
                for (Class<?> k = at.getClass(); f == null && k != null; k = k.getSuperclass()) {
                    for (java.lang.reflect.Field each : k.getDeclaredFields()) {
                        if (each.getName().equals(name)) {
                            f = each;
                        }
                    }
                }
                f.setAccessible(true);
                at = f.get(at);
            }
            return at;
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void a_run_reads_its_own_commands_lines_of_the_table_and_gets_what_the_whole_table_holds() {
        for (Map.Entry<String, ModelTable.Command> e : TABLE.entrySet()) {
            Map<String, ModelTable.Command> one = ModelTable.load(e.getKey());
            assertEquals(java.util.Set.of(e.getKey()), one.keySet());
            ModelTable.Command c = one.get(e.getKey());
            assertEquals(e.getValue().className, c.className);
            assertEquals(e.getValue().byName.keySet(), c.byName.keySet());
            assertEquals(e.getValue().positionals, c.positionals);
            assertEquals(e.getValue().minPositionals, c.minPositionals);
            assertEquals(e.getValue().maxPositionals, c.maxPositionals);
        }
    }

    @Test
    void the_table_the_build_wrote_has_every_command_of_the_model_with_its_class_and_options() {
        List<String> names = new ArrayList<>();
        for (CommandLine sub : PICOCLI.getSubcommands().values()) {
            if (!(sub.getCommandSpec().userObject() instanceof Subcommand)) {
                continue;
            }
            String name = sub.getCommandName();
            names.add(name);
            ModelTable.Command c = TABLE.get(name);
            assertNotNull(c, () -> "the table has no " + name + ": it is older than the model");
            assertEquals(sub.getCommandSpec().userObject().getClass().getName(), c.className);
            // Help and version as picocli declares them: the fast path declines them whatever their names.
            java.util.Set<String> options = new java.util.TreeSet<>();
            sub.getCommandSpec().options().stream().filter(o -> !o.usageHelp() && !o.versionHelp())
                    .forEach(o -> options.addAll(Arrays.asList(o.names())));
            java.util.Set<String> inTable = new java.util.TreeSet<>();
            c.options.stream().filter(o -> !o.type().equals("help")).forEach(o -> c.byName.forEach((n, each) -> {
                if (each == o) {
                    inTable.add(n);
                }
            }));
            assertEquals(options, inTable, name);
            assertEquals(sub.getCommandSpec().positionalParameters().size(), c.positionals.size(), name);
        }
        assertEquals(new java.util.TreeSet<>(names), new java.util.TreeSet<>(TABLE.keySet()));
    }

    @Test
    void accepts_the_common_forms_exactly_as_picocli_parses_them() {
        String[][] common = {
            {"show", "-f", "t.json"},
            {"show", "--json", "--file=t.json"},
            {"show", "a.json", "b.json"},
            {"classify", "-f", "t.json", "7"},
            {"classify", "--boundary", "lease", "-q", "-f", "t.json", "18446744073709551615"},
            {"admit-record", "7", "-f", "t.json"},
            {"admit-handshake", "--json", "-f", "t.json", "--lock-timeout=500ms", "8"},
            {"adopt", "--default-term", "3", "-f", "t.json", "--lock-timeout", "2m", "12"},
            {"adopt", "--dry-run", "--expect-current", "11", "--reason", "re-sync after failover", "-f", "t.json", "12"},
            {"admit-record", "--journal", "j.log", "--reason=", "-f", "t.json", "12"},
            {"show", "--term-only", "-f", "t.json"},
            {"adopt", "--create", "--no-journal", "-f", "t.json", "12"},
            {"repair", "--reason", "INC-1", "-f", "t.json", "12"},
            {"history", "-f", "t.json"},
        };
        for (String[] args : common) {
            Map<String, String> fast = fast(args);
            assertNotNull(fast, () -> "declined " + Arrays.toString(args));
            assertEquals(viaFreshPicocli(args), fast, () -> Arrays.toString(args));
        }
        assertEquals(java.time.Duration.ofMinutes(2), read((AdoptCommand) fastCommand(common[7]), "writes.lockTimeout"));
        assertEquals(java.time.Duration.ofMillis(500), read((AdmitHandshakeCommand) fastCommand(common[6]), "writes.lockTimeout"));
        assertEquals(java.time.Duration.ofSeconds(10), read((AdoptCommand) fastCommand(common[11]), "writes.lockTimeout"),
                "the default from the model");
        assertEquals(dev.termctl.core.Boundary.APPLY, read((ClassifyCommand) fastCommand(common[3]), "boundary"));
    }

    @Test
    void takes_defaults_from_the_environment_like_picocli() {
        Function<String, String> env = name -> name.equals("TERMCTL_FILE") ? "/env/term.json"
                : name.equals("TERMCTL_JOURNAL") ? "/env/j.log" : null;
        assertEquals("/env/term.json", read((ClassifyCommand) FastPath.parse(TABLE, new String[] {"classify", "7"}, env),
                "file.file"));
        assertEquals("t.json", read((ClassifyCommand) FastPath.parse(TABLE, new String[] {"classify", "-f", "t.json", "7"},
                env), "file.file"));
        assertNull(read((ClassifyCommand) FastPath.parse(TABLE, new String[] {"classify", "7"}, name -> null), "file.file"));
        assertEquals("/env/j.log", read((AdoptCommand) FastPath.parse(TABLE, new String[] {"adopt", "-f", "t", "7"}, env),
                "journal.journal"));
        assertEquals("j2", read((AdoptCommand) FastPath.parse(TABLE,
                new String[] {"adopt", "--journal", "j2", "-f", "t", "7"}, env), "journal.journal"));
    }

    @Test
    void declines_help_files_clusters_and_bad_values_for_picocli_to_explain() {
        String[][] declined = {
            {}, {"--help"}, {"show", "--help"}, {"adopt", "-h"}, {"--version"}, {"help", "show"}, {"shwo", "-f", "x"},
            {"show", "-f"}, {"show", "-fx"}, {"show", "-f=x"}, {"adopt", "-f", "x"}, {"adopt", "-f", "x", "7", "8"},
            {"adopt", "-f", "x", "--", "7"}, {"adopt", "-f", "x", "+7"}, {"adopt", "-f", "x", "-7"}, {"adopt", "-qf", "x", "7"},
            {"classify", "--boundary", "write", "-f", "x", "7"}, {"adopt", "--boundary", "apply", "-f", "x", "7"},
            {"adopt", "--lock-timeout", "10", "-f", "x", "7"}, {"show", "--json=true", "-f", "x"},
            {"show", "--json", "--json", "-f", "x"}, {"show", "-f", "-q"}, {"show", "@args", "-f", "x"},
            {"adopt", "--lock-timeout", "25h", "-f", "x", "7"},
            // Options a command does not offer, a second -f where one file makes sense, two output forms.
            {"repair", "--create", "--reason", "r", "-f", "x", "7"}, {"repair", "--default-term", "3", "--reason", "r",
                "-f", "x", "7"}, {"adopt", "-f", "x", "-f", "y", "7"}, {"show", "--json", "-q", "-f", "x"},
            {"adopt", "--quiet", "--json", "-f", "x", "7"}, {"history", "-q", "-f", "x"},
        };
        for (String[] args : declined) {
            assertNull(fast(args), () -> "accepted " + Arrays.toString(args));
        }
    }

    @Test
    void agrees_with_picocli_on_command_lines_drawn_from_the_model() throws Exception {
        CommandLine model = PICOCLI;
        List<String> commands = new ArrayList<>(model.getSubcommands().keySet());
        commands.add("shwo");
        Path atFile = Files.writeString(dir.resolve("args"), "-f\nfrom-at-file.json\n");
        Random random = new Random(20261126L);
        int accepted = 0;
        int trials = 20_000;
        for (int i = 0; i < trials; i++) {
            String command = commands.get(random.nextInt(commands.size()));
            List<String> args = new ArrayList<>(List.of(command));
            CommandLine sub = model.getSubcommands().get(command);
            List<OptionSpec> options = sub == null ? List.of() : sub.getCommandSpec().options();
            int n = random.nextInt(5);
            for (int k = 0; k < n && !options.isEmpty(); k++) {
                OptionSpec o = options.get(random.nextInt(options.size()));
                String[] names = o.names();
                String name = names[random.nextInt(names.length)];
                if (o.arity().max() == 0) {
                    args.add(random.nextInt(12) == 0 ? name + "=true" : name);
                    continue;
                }
                String value = value(typeOf(o), random);
                switch (random.nextInt(6)) {
                    case 0: args.add(name + "=" + value); break;
                    case 1: args.add(name.startsWith("--") ? name + value : name + value); break;
                    case 2: args.add("-q"); args.set(args.size() - 1, "-q" + name.substring(1)); args.add(value); break;
                    default: args.add(name); args.add(value);
                }
            }
            if (random.nextInt(5) == 0) {
                args.add(random.nextInt(args.size()) + 1, random.nextBoolean() ? "--" : "@" + atFile);
            }
            // Most lines name a file and a term, as real ones do; the rest have any number of arguments.
            if (random.nextInt(10) < 8) {
                args.addAll(List.of("-f", "t.json", Integer.toString(random.nextInt(20))));
            } else {
                for (int k = random.nextInt(3); k > 0; k--) {
                    args.add(random.nextBoolean() ? value("Term", random) : value("text", random));
                }
            }
            String[] argv = args.toArray(new String[0]);
            Map<String, String> fast = fast(argv);
            if (fast == null) {
                continue;
            }
            accepted++;
            // The shared model on most lines; a fresh one (a run's own) on every disagreement and one line in 50.
            Map<String, String> shared = viaPicocli(argv);
            Map<String, String> slow = fast.equals(shared) && i % 50 != 0 ? shared : viaFreshPicocli(argv);
            if (!fast.equals(slow)) {
                fail("fast path and picocli disagree on " + Arrays.toString(argv) + "\n fast: " + fast + "\n picocli: " + slow);
            }
        }
        // A fast path that declined everything would pass the loop vacuously.
        assertTrue(accepted > trials / 10, "only " + accepted + " of " + trials + " accepted");
    }

    private static String typeOf(OptionSpec o) {
        return o.type() == dev.termctl.core.Term.class ? "Term" : o.type() == java.time.Duration.class ? "Duration"
                : o.type() == dev.termctl.core.Boundary.class ? "Boundary" : "text";
    }

    /** A value for a type: mostly good ones, some wrong on purpose. */
    private static String value(String type, Random random) {
        String[] pool;
        switch (type) {
            case "Term": pool = new String[] {"7", "0", "12", "18446744073709551615", "18446744073709551616", "-1", "+7",
                "x", "\u0667", ""}; break;
            case "Duration": pool = new String[] {"10s", "500ms", "2m", "1h", "10", "25h", "s"}; break;
            case "Boundary": pool = new String[] {"apply", "handshake", "lease", "write", ""}; break;
            default: pool = new String[] {"t.json", "a b.json", "", "-x", "why not", "-", "@x", "dir/t.json"};
        }
        return pool[random.nextInt(pool.length)];
    }
}
