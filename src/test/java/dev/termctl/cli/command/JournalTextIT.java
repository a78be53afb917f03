package dev.termctl.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termctl.cli.ProductionHostIT;
import dev.termctl.testing.Cli;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** What history and the cluster view print, through the packaged command: valid JSON, unambiguous text, who wrote. */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class JournalTextIT {

    @TempDir
    Path dir;

    private Path term(String content) throws Exception {
        return Files.writeString(dir.resolve("term.json"), content);
    }

    @Test
    void history_json_is_valid_json_whatever_the_reasons_hold() throws Exception {
        Path f = term("{\"term\":7}");
        List<String> reasons = List.of("tab\there", "cr\rthere", "lf \\n typed", "\"quoted\"", "back\\slash \\x1b typed",
                "line\u2028separator", "esc\u001b[31m bell\u0007 del\u007f c1\u0085", "bidi\u202eevil", "é ✓ 😀");
        int t = 8;
        for (String r : reasons) {
            new Cli().run("adopt", "--reason", r, "-f", f.toString(), Integer.toString(t++)).expect(10);
        }
        // Lines another writer may leave: JSON whitespace (tab, CR) around the members, an unpaired surrogate.
        Path journal = dir.resolve("term.json.journal");
        Files.writeString(journal, "{\"file\":\"" + f + "\",\t\"before\":" + (t - 1) + ",\"after\":" + t
                + ",\"reason\":\"lone \\ud800 surrogate\"}\t\r\n", StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(f, "{\"term\":" + t + "}");
        Cli.Result r = new Cli().run("history", "--json", "-f", f.toString()).expect(0);
        JsonNode entries = r.json().get("entries");
        assertEquals(reasons.size() + 1, entries.size(), r::toString);
        for (int i = 0; i < reasons.size(); i++) {
            assertEquals(reasons.get(i), entries.get(i).get("reason").asText(), r::toString);
            assertTrue(entries.get(i).get("completed").asBoolean(), r::toString);
        }
        assertEquals("lone \ud800 surrogate", entries.get(reasons.size()).get("reason").asText(), r::toString);
        assertTrue(r.out().chars().noneMatch(c -> c == 0x1b || c == 0x2028 || c == 0x202e || c == '\t' || c == '\r'),
                r::toString);
    }

    @Test
    void text_shows_a_typed_backslash_escape_and_a_real_control_character_differently() throws Exception {
        Path f = term("{\"term\":7}");
        new Cli().run("adopt", "--reason", "typed \\x1b", "-f", f.toString(), "8").expect(10);
        new Cli().run("adopt", "--reason", "typed \u001b", "-f", f.toString(), "9").expect(10);
        Cli.Result history = new Cli().run("history", "-f", f.toString()).expect(0);
        assertTrue(history.out().contains("typed \\\\x1b\n"), history::toString);
        assertTrue(history.out().contains("typed \\x1b\n"), history::toString);
        Cli.Result show = new Cli().run("show", "-f", f.toString()).expect(0);
        assertTrue(show.out().lines().anyMatch(l -> l.endsWith(": typed \\x1b")), show::toString);
        Files.writeString(f, "{\"term\":9,\"reason\":\"typed \\\\x1b\"}");
        Cli.Result typed = new Cli().run("show", "-f", f.toString()).expect(0);
        assertNotEquals(show.out(), typed.out());
        assertTrue(typed.out().lines().anyMatch(l -> l.endsWith(": typed \\\\x1b")), typed::toString);
    }

    @Test
    void through_sudo_as_root_the_journal_names_the_sudo_user_and_the_account() throws Exception {
        assumeTrue(Invoker.effectiveUid() == 0, "runs termctl as root, as sudo does");
        Path f = term("{\"term\":7}");
        String root = System.getProperty("user.name");
        new Cli().env("SUDO_USER", "nobody").env("SUDO_UID", "65534").run("adopt", "-f", f.toString(), "8").expect(10);
        // A SUDO_UID that is not the account's: not sudo's word, so not believed.
        new Cli().env("SUDO_USER", "nobody").env("SUDO_UID", "4242").run("adopt", "-f", f.toString(), "9").expect(10);
        // A journal line written before effective_user was recorded still reads.
        Files.writeString(dir.resolve("term.json.journal"), "{\"time\":\"2026-11-26T05:10:00Z\",\"user\":\"ops\",\"host\":"
                + "\"db-1\",\"file\":\"" + f + "\",\"command\":\"adopt\",\"before\":9,\"after\":10,\"reason\":null}\n",
                StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.APPEND);
        Files.writeString(f, "{\"term\":10}");
        JsonNode j = new Cli().run("history", "--json", "-f", f.toString()).expect(0).json().get("entries");
        assertEquals("nobody", j.get(0).get("user").asText());
        assertEquals(root, j.get(0).get("effective_user").asText());
        assertEquals(root, j.get(1).get("user").asText());
        assertEquals(root, j.get(1).get("effective_user").asText());
        assertEquals("ops", j.get(2).get("effective_user").asText());
        Cli.Result text = new Cli().run("history", "-f", f.toString()).expect(0);
        assertTrue(text.out().contains(" nobody@" + Host.name() + " (via sudo as " + root + ") "), text::toString);
        assertEquals(1, text.out().split("via sudo", -1).length - 1, text::toString);
        assertTrue(new Cli().run("show", "--json", "-f", f.toString()).json().has("updated_by"));
    }

    @Test
    void a_caller_that_is_not_root_cannot_name_another_user_with_sudo_user() throws Exception {
        assumeTrue(Invoker.effectiveUid() == 0, "needs root to run termctl as another account");
        String account = ProductionHostIT.DB;
        if (new ProcessBuilder("id", "-u", account).start().waitFor() != 0) {
            assumeTrue(new ProcessBuilder("useradd", "--system", "--user-group", "--no-create-home", "--shell",
                    "/usr/sbin/nologin", account).start().waitFor() == 0, "cannot create the account " + account);
        }
        Cli.Result reach = new Cli().as(account).run("--version");
        assumeTrue(reach.code() == 0, account + " cannot run the launcher here (a private checkout): " + reach);
        Path node = Files.createDirectory(dir.resolve("node"));
        Path f = Files.writeString(node.resolve("term.json"), "{\"term\":7}");
        dir.toFile().setExecutable(true, false);
        new ProcessBuilder("chown", "-R", account + ":" + account, node.toString()).start().waitFor();
        new Cli().as(account).env("SUDO_USER", "alice").env("SUDO_UID", "0").run("adopt", "-f", f.toString(), "8")
                .expect(10);
        JsonNode j = new Cli().run("history", "--json", "-f", f.toString()).expect(0).json().get("entries");
        assertEquals(account, j.get(0).get("user").asText(), j::toString);
        assertEquals(account, j.get(0).get("effective_user").asText(), j::toString);
    }

    @Test
    void a_file_of_secrets_is_described_never_quoted() throws Exception {
        String secret = "$6$s3cr3tSALT$hashhashhash";
        Path shadow = Files.writeString(dir.resolve("shadow"), "root:" + secret + ":19000:0:99999:7:::\n"
                + "{\"file\":\"/t\",\"after\":\"" + secret + "\"}\n{\"x\":1} " + secret + "\n");
        Cli.Result history = new Cli().run("history", "--journal", shadow.toString()).expect(65);
        assertFalse(history.out().contains("s3cr3t") || history.err().contains("s3cr3t"), history::toString);
        assertTrue(history.err().contains("lines 1, 2, 3 are not termctl journal entries")
                && history.err().contains("line 1: it is not valid JSON at column "), history::toString);
        Cli.Result view = new Cli().run("show", "--from-json", shadow.toString()).expect(65);
        Cli.Result json = new Cli().run("show", "--json", "--from-json", shadow.toString()).expect(65);
        for (Cli.Result r : List.of(view, json)) {
            assertFalse(r.out().contains("s3cr3t") || r.err().contains("s3cr3t"), r::toString);
        }
        assertTrue(view.out().contains("line 1 ") && view.out().contains("not valid JSON at column"), view::toString);
        assertTrue(json.json().get("nodes").get(2).get("error").asText().contains("not valid JSON at column 35"),
                json::toString);
    }

    @Test
    void the_cluster_view_in_json_is_one_valid_document_of_every_node() throws Exception {
        StringBuilder lines = new StringBuilder();
        for (int i = 0; i < 50; i++) {
            lines.append("{\"file\":\"/t\",\"host\":\"h\\u2028").append(i).append("\\\\\",\"term\":").append(i % 5).append("}\n");
        }
        Cli.Result r = new Cli().input(lines.toString()).run("show", "--json", "--from-json", "-").expect(20);
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(50, j.get("nodes").size());
        assertEquals("h\u20287\\", j.get("nodes").get(7).get("host").asText());
        assertEquals(10, j.get("summary").get("current").asInt());
        assertEquals(1, r.out().lines().count());
    }
}
