package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termctl.testing.Cli;
import dev.termctl.testing.Console;
import dev.termctl.testing.DocText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The README's "After a failover" procedure, run word for word on a local node: node-c's RedDB
 * directory holds term 11 and a data file that a running server (flock, named reddb) holds
 * locked; "systemctl stop reddb" releases it and "systemctl start reddb" takes it again
 * ({@link Console}). Each step must print what the README shows, and the node must end as the
 * procedure promises.
 */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class FailoverProcedureIT {

    @TempDir
    Path scratch;

    private static List<Console.Example> procedure() {
        return Console.examples(DocText.README, DocText.section(DocText.README, "failover"),
                DocText.sectionLine(DocText.README, "failover"));
    }

    @Test
    void the_readmes_failover_procedure_run_word_for_word_brings_the_stale_node_back() throws Exception {
        List<Console.Example> steps = procedure();
        List<String> commands = steps.stream().map(Console.Example::command).toList();
        // The procedure's shape: the server is stopped before the adopt, which is a compare-and-set
        // with a reason, and started after it.
        int stop = commands.indexOf("systemctl stop reddb");
        int start = commands.indexOf("systemctl start reddb");
        int adopt = indexOf(commands, "termctl adopt ");
        assertTrue(stop >= 0 && adopt > stop && start > adopt, "stop, adopt, start in that order: " + commands);
        assertTrue(commands.get(adopt).contains("--expect-current 11") && commands.get(adopt).contains("--reason "),
                commands.get(adopt));
        assertTrue(indexOf(commands, "termctl history ") > adopt, "history verifies the adopt: " + commands);

        Path node;
        byte[] data;
        try (Console console = new Console(scratch)) {
            node = console.node(Console.LOCAL);
            data = Files.readAllBytes(node.resolve("data.rdb"));
            assertTrue(console.serverRunning());
            // The row of "if you see 75": the adopt of step 5, run before stopping the server, is refused and changes nothing.
            String early = console.run(commands.get(adopt));
            assertTrue(early.contains("termctl: error: the database is running: pid ") && early.contains("(reddb)")
                    && early.strip().endsWith("exit 75"), early);
            assertEquals("{\"term\":11}", Files.readString(node.resolve("replication/term.json")));
            assertFalse(Files.exists(node.resolve("replication/term.json.journal")) || Files.exists(node.resolve("replication/term.json.lock")),
                    "a refused write made nothing");

            assertEquals("", console.check(steps));
            assertTrue(console.serverRunning(), "the procedure ends with RedDB started again");
        }
        // The node ends at term 12, with who, why and the journal's one entry; the data file untouched.
        String term = Files.readString(node.resolve("replication/term.json"));
        assertTrue(term.startsWith("{\"term\":12,") && term.contains("\"reason\":\"INC-4711 re-sync after failover to node-a\""),
                term);
        List<String> journal = Files.readAllLines(node.resolve("replication/term.json.journal"));
        assertEquals(1, journal.size(), journal::toString);
        assertTrue(journal.get(0).contains("\"command\":\"adopt\",\"before\":11,\"after\":12,"), journal::toString);
        assertEquals(new String(data, java.nio.charset.StandardCharsets.ISO_8859_1),
                new String(Files.readAllBytes(node.resolve("data.rdb")), java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals("12", Cli.term(node.resolve("replication/term.json")));
    }

    @Test
    void the_procedure_says_what_to_do_on_each_exit_code_it_can_meet() {
        String readme = DocText.section(DocText.README, "failover");
        // The "if you see" table gives 75 its next step: stop and confirm, never --while-running.
        String row = readme.lines().filter(l -> l.startsWith("| 75 |")).findFirst().orElseThrow();
        assertTrue(row.contains("stop RedDB") && row.contains("Never `--while-running`"), row);
        for (String code : List.of("| 75 |", "| 30 |", "| 20 |", "| 65 |", "| 66 |")) {
            assertTrue(readme.contains("\n" + code), "the procedure says what to do on " + code);
        }
    }

    private static int indexOf(List<String> commands, String prefix) {
        for (int i = 0; i < commands.size(); i++) {
            if (commands.get(i).startsWith(prefix)) {
                return i;
            }
        }
        return -1;
    }
}
