package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.termctl.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** termctl repair: the way out of a damaged term file, through the packaged command. */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class RepairIT {
    @TempDir
    Path dir;

    private final Cli cli = new Cli();

    private List<Path> copies() throws Exception {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().contains(".corrupt-")).sorted().toList();
        }
    }

    @Test
    void a_damaged_file_is_replaced_after_a_byte_exact_copy_and_the_repair_is_journaled() throws Exception {
        Path f = Files.writeString(dir.resolve("term.json"), "{\"term\":4, \"node\":");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r-----"));
        byte[] damaged = Files.readAllBytes(f);
        Cli.Result refused = cli.run("show", "-f", f.toString()).expect(65);
        assertTrue(refused.err().contains("see 'termctl repair --help'"), refused::toString);

        Cli.Result dry = cli.run("repair", "--dry-run", "--reason", "INC-1 truncated", "-f", f.toString(), "12").expect(0);
        assertTrue(dry.out().contains("dry run: nothing written"), dry::toString);
        assertArrayEquals(damaged, Files.readAllBytes(f));
        assertEquals(List.of(), copies());

        JsonNode done = cli.run("repair", "--json", "--reason", "INC-1 truncated", "-f", f.toString(), "12").expect(0).json();
        assertEquals(12, done.get("term").asInt());
        assertTrue(done.get("damage").asText().contains("ends before the JSON is complete"), done::toString);
        assertEquals("12", Cli.term(f));
        List<Path> copies = copies();
        assertEquals(1, copies.size());
        assertEquals(copies.get(0).toString(), done.get("copy").asText());
        assertArrayEquals(damaged, Files.readAllBytes(copies.get(0)));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(copies.get(0))));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        assertTrue(Files.readString(f).contains("\"reason\":\"INC-1 truncated\""));
        Cli.Result history = cli.run("history", "-f", f.toString()).expect(0);
        assertTrue(history.out().contains("repair") && history.out().contains("? -> 12"), history::toString);
    }

    @Test
    void repair_refuses_a_valid_file_a_last_vote_and_a_missing_reason_and_changes_nothing() throws Exception {
        Path valid = Files.writeString(dir.resolve("term.json"), "{\"term\":7}");
        Cli.Result r = cli.run("repair", "--reason", "x", "-f", valid.toString(), "9").expect(2);
        assertTrue(r.err().contains("use termctl adopt"), r::toString);
        Path vote = Files.writeString(dir.resolve("vote.json"), "{\"term\":3,\"voted_for\":");
        cli.run("repair", "--reason", "x", "-f", vote.toString(), "9").expect(65);
        Path validVote = Files.writeString(dir.resolve("valid-vote.json"), "{\"term\":3,\"voted_for\":\"a\"}");
        assertTrue(cli.run("repair", "--reason", "x", "-f", validVote.toString(), "9").expect(65).err()
                .contains("last-vote record"));
        assertEquals("{\"term\":3,\"voted_for\":\"a\"}", Files.readString(validVote));
        Path damaged = Files.writeString(dir.resolve("bad.json"), "");
        assertTrue(cli.run("repair", "-f", damaged.toString(), "9").expect(2).err().contains("--reason"));
        cli.run("repair", "--reason", "x", "-f", dir.resolve("missing.json").toString(), "9").expect(66);
        assertEquals("{\"term\":7}", Files.readString(valid));
        assertEquals("{\"term\":3,\"voted_for\":", Files.readString(vote));
        assertEquals("", Files.readString(damaged));
        assertEquals(List.of(), copies());
    }

    @Test
    void a_second_repair_in_the_same_second_never_overwrites_the_first_copy() throws Exception {
        Path f = dir.resolve("term.json");
        Files.writeString(f, "garbage one");
        cli.run("repair", "--reason", "a", "-f", f.toString(), "5").expect(0);
        Files.writeString(f, "garbage two");
        cli.run("repair", "--reason", "b", "-f", f.toString(), "6").expect(0);
        List<Path> copies = copies();
        assertEquals(2, copies.size(), copies::toString);
        assertTrue(Files.readString(copies.get(0)).startsWith("garbage")
                && Files.readString(copies.get(1)).startsWith("garbage"));
        assertTrue(!Files.readString(copies.get(0)).equals(Files.readString(copies.get(1))));
    }
}
