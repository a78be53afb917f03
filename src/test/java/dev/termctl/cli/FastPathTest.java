package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.termctl.core.Boundary;
import dev.termctl.core.Term;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/** The fast path must agree with picocli wherever it does not decline. */
class FastPathTest {
    private static final String ENV = System.getenv("TERMCTL_FILE");
    private static final String JOURNAL = System.getenv("TERMCTL_JOURNAL");

    /** What picocli makes of {@code args}: the invocation, or null when it reports a usage error. */
    private static Invocation viaPicocli(String[] args) {
        try {
            ParseResult pr = CommandModel.commandLine(80).parseArgs(args);
            if (!pr.hasSubcommand() || pr.subcommand().isUsageHelpRequested() || pr.subcommand().isVersionHelpRequested()
                    || !(pr.subcommand().commandSpec().userObject() instanceof ModelCommand)) {
                return null;
            }
            return ((ModelCommand) pr.subcommand().commandSpec().userObject()).invocation();
        } catch (CommandLine.ParameterException e) {
            return null;
        }
    }

    @Test
    void accepts_the_common_forms_exactly_as_picocli_parses_them() {
        String[][] common = {
            {"show", "-f", "t.json"},
            {"show", "--json", "--file=t.json"},
            {"classify", "-f", "t.json", "7"},
            {"classify", "--boundary", "lease", "-q", "-f", "t.json", "18446744073709551615"},
            {"admit-record", "7", "-f", "t.json"},
            {"admit-handshake", "--json", "-f", "t.json", "--lock-timeout=500ms", "8"},
            {"adopt", "--default-term", "3", "-f", "t.json", "--lock-timeout", "2m", "12"},
            {"adopt", "--dry-run", "--expect-current", "11", "--reason", "re-sync after failover", "-f", "t.json", "12"},
            {"admit-record", "--journal", "j.log", "--reason=", "-f", "t.json", "12"},
            {"show", "--term-only", "-f", "t.json"},
            {"adopt", "--create", "--no-journal", "-f", "t.json", "12"},
        };
        for (String[] args : common) {
            Invocation fast = FastPath.parse(args, ENV, JOURNAL);
            assertNotNull(fast, () -> "declined " + Arrays.toString(args));
            assertEquals(viaPicocli(args), fast, () -> Arrays.toString(args));
        }
        assertEquals(new Invocation("adopt", "t.json", new Term(3), Report.Mode.TEXT, null, new Term(12),
                new Invocation.Write(Duration.ofMinutes(2), false, null, JOURNAL, null, false, false)), FastPath.parse(common[6], ENV, JOURNAL));
        assertEquals(Boundary.HANDSHAKE, FastPath.parse(common[5], ENV, JOURNAL).boundary());
    }

    @Test
    void takes_the_file_from_the_environment_like_picocli() {
        Invocation inv = FastPath.parse(new String[] {"show"}, "/env/term.json", null);
        assertEquals("/env/term.json", inv.file());
        assertEquals("t.json", FastPath.parse(new String[] {"show", "-f", "t.json"}, "/env/term.json", null).file());
        assertNull(FastPath.parse(new String[] {"show"}, "", null));
        assertNull(FastPath.parse(new String[] {"show"}, null, null));
        assertEquals("/env/j.log", FastPath.parse(new String[] {"adopt", "-f", "t", "7"}, null, "/env/j.log").write().journal());
        assertEquals("j2", FastPath.parse(new String[] {"adopt", "--journal", "j2", "-f", "t", "7"}, null, "/env/j.log")
                .write().journal());
    }

    @Test
    void declines_what_it_is_not_sure_of() {
        String[][] declined = {
            {}, {"--help"}, {"show", "--help"}, {"adopt", "-h"}, {"--version"}, {"help", "show"}, {"shwo", "-f", "x"},
            {"show", "-f"}, {"show", "-fx"}, {"show", "-f=x"}, {"show", "-f", "x", "-f", "y"}, {"show", "-f", "x", "7"},
            {"adopt", "-f", "x"}, {"adopt", "-f", "x", "7", "8"}, {"adopt", "-f", "x", "--", "7"}, {"adopt", "-f", "x", "+7"},
            {"adopt", "-f", "x", "-7"}, {"adopt", "-f", "x", "7x"}, {"adopt", "-qf", "x", "7"}, {"show", "--json", "-q", "-f", "x"},
            {"classify", "--boundary", "write", "-f", "x", "7"}, {"adopt", "--boundary", "apply", "-f", "x", "7"},
            {"classify", "--lock-timeout", "1s", "-f", "x", "7"}, {"adopt", "--lock-timeout", "10", "-f", "x", "7"},
            {"show", "--default-term", "-1", "-f", "x"}, {"show", "--json=true", "-f", "x"}, {"show", "--file=", "x"},
            {"show", "--json", "--json", "-f", "x"}, {"show", "-f", "-q"}, {"show", "-f", "a", "b"},
            {"show", "--from-json", "-"}, {"show", "--term-only", "--json", "-f", "x"}, {"classify", "--dry-run", "-f", "x", "7"},
            {"admit-record", "--expect-current", "7", "-f", "x", "7"}, {"show", "--reason", "r", "-f", "x"},
            {"adopt", "--expect-current", "+7", "-f", "x", "7"}, {"history", "--journal", "j"},
        };
        for (String[] args : declined) {
            assertNull(FastPath.parse(args, null, null), () -> "accepted " + Arrays.toString(args));
        }
    }

    @Test
    void agrees_with_picocli_on_generated_command_lines() {
        String[] commands = {"show", "classify", "admit-record", "admit-handshake", "adopt", "help", "shwo", "history"};
        // Whole options (name and value) and single tokens, many of them wrong on purpose.
        String[][] units = {{"-f", "t.json"}, {"--file", "a b.json"}, {"--file=t.json"}, {"-f"}, {"--json"}, {"-q"},
            {"--quiet"}, {"--default-term", "5"}, {"--default-term=0"}, {"--default-term", "-1"}, {"--boundary", "lease"},
            {"--boundary=handshake"}, {"--boundary", "write"}, {"--lock-timeout", "10s"}, {"--lock-timeout=500ms"},
            {"--lock-timeout", "10"}, {"7"}, {"0"}, {"18446744073709551615"}, {"18446744073709551616"}, {"-7"}, {"+7"},
            {"--"}, {"-h"}, {"--help"}, {"-V"}, {"--bogus"}, {"-fx"}, {"-qf", "t.json"}, {"\u0667"}, {"7 "},
            {"--json=false"}, {""}, {"t.json"}, {"--dry-run"}, {"--reason", "why not"}, {"--reason="}, {"--journal", "j.log"},
            {"--journal="}, {"--expect-current", "7"}, {"--expect-current", "x"}, {"--term-only"}, {"--from-json", "-"}, {"--create"},
            {"--no-journal"}, {"--create=true"}};
        Random random = new Random(20261126L);
        int accepted = 0;
        int trials = 20_000;
        for (int i = 0; i < trials; i++) {
            List<String> args = new ArrayList<>();
            args.add(commands[random.nextInt(commands.length)]);
            if (random.nextInt(10) < 8) {
                args.addAll(List.of("-f", "t.json"));
            }
            if (random.nextBoolean()) {
                args.add(Long.toUnsignedString(random.nextLong()));
            }
            int n = random.nextInt(4);
            for (int k = 0; k < n; k++) {
                String[] unit = units[random.nextInt(units.length)];
                args.add(random.nextInt(args.size()) + 1, unit[0]);
                if (unit.length > 1) {
                    args.add(args.indexOf(unit[0]) + 1, unit[1]);
                }
            }
            String[] argv = args.toArray(new String[0]);
            Invocation fast = FastPath.parse(argv, ENV, JOURNAL);
            if (fast == null) {
                continue;
            }
            accepted++;
            Invocation slow = viaPicocli(argv);
            if (!fast.equals(slow)) {
                fail("fast path and picocli disagree on " + Arrays.toString(argv) + "\n fast: " + fast + "\n picocli: " + slow);
            }
        }
        // A fast path that declined everything would pass the loop vacuously.
        assertTrue(accepted > trials / 20, "only " + accepted + " of " + trials + " accepted");
    }
}
