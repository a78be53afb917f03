package dev.termctl.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.termctl.testing.Cli;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attacks of docs/security.md, run for real: root runs the packaged command on files of a
 * service account ({@value #DB}) that the test creates and then acts as, the way an attacker who
 * owns that account would. Each attack is repeated where it is a race, and must succeed 0 times;
 * "succeed" is judged from bytes, owners, modes and the names present in a root-only directory,
 * before and after. Races are decided by the fault plan's pause points (the command says where it
 * stopped and waits; the test attacks, then lets it go on), never by a sleep. Skips, saying why,
 * where it is not root or cannot act as another account.
 */
class HostileHostIT {
    static final String DB = "termctl-db";
    static final String GRP = "termctl-grp";
    /** Runs beside an attacker looping as fast as it can: each run may meet the swap at another moment. */
    static final int TRIES = 40;

    Path base;
    /** A root-only directory, 0700, with a secret in it: nothing in it may change, nothing may leak. */
    Path vault;
    Path secret;
    /** The service account's home: it owns this directory and everything below. */
    Path home;
    Path node;
    Path term;

    @BeforeAll
    static void accounts() throws Exception {
        assumeTrue((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0,
                "needs root: the claims are about root on another account's files");
        assumeTrue(sh("command -v setpriv && command -v useradd").code == 0, "needs setpriv and useradd");
        if (sh("id -u " + DB).code != 0) {
            assumeTrue(sh("useradd --system --user-group --no-create-home --shell /usr/sbin/nologin " + DB).code == 0,
                    "cannot create the account " + DB);
        }
        if (sh("id -u " + GRP).code != 0) {
            assumeTrue(sh("useradd --system --user-group --no-create-home --shell /usr/sbin/nologin -G " + DB + " "
                    + GRP).code == 0, "cannot create the account " + GRP);
        }
        assumeTrue(sh("setpriv --reuid=" + DB + " --regid=" + DB + " --init-groups -- test -x '" + Cli.LAUNCHER + "'").code
                == 0, "the account " + DB + " cannot run " + Cli.LAUNCHER + " (a parent directory is private)");
    }

    @BeforeEach
    void host() throws Exception {
        base = Files.createTempDirectory("termctl-hostile");
        vault = base.resolve("vault");
        secret = vault.resolve("secret.json");
        home = base.resolve("home");
        node = home.resolve("node");
        term = node.resolve("term.json");
        Files.createDirectories(vault);
        // Valid-looking, so that a write through a link would succeed if it were followed.
        Files.writeString(secret, "{\"term\":3,\"reason\":\"hunter2 root password\"}");
        Files.writeString(vault.resolve("notes"), "root:hunter2:19000:0:99999:7:::\n");
        Files.createDirectories(node);
        Files.writeString(term, "{\"term\":7}");
        sh("chmod 755 '" + base + "' && chmod 700 '" + vault + "' && chmod 600 '" + secret + "' '" + vault + "/notes'"
                + " && chown -R " + DB + ":" + DB + " '" + home + "' && chmod 755 '" + home + "' '" + node + "'"
                + " && chmod 600 '" + term + "'").expect(0);
    }

    @AfterEach
    void clean() throws Exception {
        sh("rm -rf '" + base + "'");
    }

    // ---- 1. links out of the account's directory

    @Test
    void a_term_file_linked_to_a_root_file_is_refused_by_every_command_and_nothing_is_made_beside_either() throws Exception {
        Map<String, String> before = snapshot(base);
        asDb("rm '" + term + "' && ln -s '" + secret + "' '" + term + "'");
        before = snapshot(base);
        List<List<String>> commands = List.of(List.of("show", "-f", term.toString()),
                List.of("classify", "-f", term.toString(), "9"),
                List.of("adopt", "-f", term.toString(), "9"),
                List.of("admit-record", "-f", term.toString(), "9"),
                List.of("repair", "--reason", "INC-1", "-f", term.toString(), "9"));
        for (List<String> command : commands) {
            Cli.Result r = new Cli().run(command).expect(74);
            assertTrue(r.err().contains(term.toString()) && r.err().contains(DB) && r.err().contains("root"),
                    "the refusal names the link and both owners: " + r);
            assertFalse(r.out().contains("hunter2") || r.err().contains("hunter2"), r::toString);
        }
        assertEquals(before, snapshot(base), "a refused command changed something");
    }

    @Test
    void a_link_to_the_accounts_own_file_in_its_own_directory_is_still_written_through() throws Exception {
        Path v2 = node.resolve("term-v2.json");
        asDb("mv '" + term + "' '" + v2 + "' && ln -s term-v2.json '" + term + "'");
        new Cli().run("adopt", "-f", term.toString(), "9").expect(10);
        assertEquals("9", Cli.term(v2));
        assertTrue(Files.isSymbolicLink(term));
        assertEquals(DB + ":" + DB + " 600", stat(v2));
        assertEquals(DB + ":" + DB + " 600", stat(node.resolve("term-v2.json.lock")));
        assertEquals(DB + ":" + DB + " 600", stat(node.resolve("term-v2.json.journal")));
    }

    @Test
    void a_directory_on_the_way_linked_to_a_root_directory_is_refused() throws Exception {
        asDb("mv '" + node + "' '" + home + "/old' && ln -s '" + vault + "' '" + node + "'");
        Map<String, String> before = snapshot(base);
        new Cli().run("adopt", "--create", "-f", node.resolve("secret.json").toString(), "9").expect(74);
        new Cli().run("adopt", "--create", "-f", node.resolve("new.json").toString(), "9").expect(74);
        new Cli().run("show", "-f", node.resolve("secret.json").toString()).expect(74);
        assertEquals(before, snapshot(base));
    }

    // ---- 2. swapping the directory while root writes

    @Test
    void swapping_the_node_directory_at_every_pause_point_never_lands_in_the_root_directory() throws Exception {
        String[] points = {"resolved", "locked", "create_temp", "rename"};
        int landed = 0;
        // Each try stops at its pause point and swaps there: the same attack at the same moment every
        // time, so one try per point proves what repeating it would (the looping attack is below).
        for (int i = 0; i < points.length; i++) {
            String point = points[i % points.length];
            resetNode("{\"term\":7}");
            Map<String, String> vaultBefore = snapshot(vault);
            Paused root = Paused.start(point, List.of("adopt", "-f", term.toString(), Integer.toString(100 + i)));
            asDb("mv '" + node + "' '" + home + "/away' && ln -s '" + vault + "' '" + node + "'");
            Cli.Result r = root.resume();
            if (!vaultBefore.equals(snapshot(vault))) {
                landed++;
            }
            // It acted on the directory it opened (now renamed away), or failed cleanly.
            assertTrue(r.code() == 10 || r.code() == 74, r::toString);
            if (r.code() == 10) {
                assertEquals(Integer.toString(100 + i), Cli.term(home.resolve("away/term.json")), r::toString);
                assertEquals(DB + ":" + DB + " 600", stat(home.resolve("away/term.json")));
            }
            sh("rm -rf '" + home + "/away' '" + node + "'").expect(0);
        }
        assertEquals(0, landed, "root wrote into the root-only directory");
    }

    @Test
    void swapping_the_directory_in_a_loop_while_root_writes_never_lands_in_the_root_directory() throws Exception {
        resetNode("{\"term\":7}");
        Map<String, String> vaultBefore = snapshot(vault);
        // The account swaps its directory for a link to the vault and back, as fast as it can.
        Process attacker = new ProcessBuilder("setpriv", "--reuid=" + DB, "--regid=" + DB, "--init-groups", "--", "bash",
                "-c", "cd '" + home + "' && for i in $(seq 1 200000); do mv node real && ln -s '" + vault + "' node"
                + " && rm node && mv real node; done").redirectErrorStream(true).start();
        try {
            for (int i = 0; i < TRIES; i++) {
                Cli.Result r = new Cli().run("adopt", "-q", "--create", "-f", term.toString(), Integer.toString(100 + i));
                assertTrue(r.code() == 10 || r.code() == 74 || r.code() == 66, r::toString);
                assertEquals(vaultBefore, snapshot(vault), "root changed the root-only directory on try " + i + ": " + r);
            }
        } finally {
            attacker.destroyForcibly().waitFor();
        }
    }

    // ---- 3. swapping the term file while root waits for the lock

    @Test
    void swapping_the_term_file_for_a_link_while_root_waits_never_copies_or_writes_a_root_file() throws Exception {
        String[][] commands = {{"repair", "--reason", "INC-2"}, {"adopt"}, {"admit-handshake"}, {"show"}};
        int leaked = 0;
        // One try per command: each is stopped at its pause point and attacked there, the same every time.
        for (int i = 0; i < commands.length; i++) {
            String[] c = commands[i % commands.length];
            resetNode(c[0].equals("repair") ? "{\"term\":" : "{\"term\":7}");
            Map<String, String> vaultBefore = snapshot(vault);
            List<String> args = new ArrayList<>(List.of(c));
            args.addAll(List.of("-f", term.toString()));
            if (!c[0].equals("show")) {
                args.add("9");
            }
            Paused root = Paused.start(c[0].equals("show") ? "read" : "resolved", args);
            asDb("rm '" + term + "' && ln -s '" + secret + "' '" + term + "'");
            Cli.Result r = root.resume();
            assertEquals(74, r.code(), r::toString);
            try (Stream<Path> s = Files.list(node)) {
                for (Path p : s.toList()) {
                    if (!Files.isSymbolicLink(p) && Files.readString(p).contains("hunter2")) {
                        leaked++;
                    }
                }
            }
            assertFalse(r.out().contains("hunter2") || r.err().contains("hunter2"), r::toString);
            assertEquals(vaultBefore, snapshot(vault));
        }
        assertEquals(0, leaked, "a root-only file's bytes reached the account's directory");
    }

    // ---- 4. journals that are not termctl's

    @Test
    void a_journal_that_is_not_a_termctl_journal_is_never_appended_truncated_or_given_away() throws Exception {
        Path notes = vault.resolve("notes");
        Map<String, String> before = snapshot(vault);
        Cli.Result r = new Cli().run("adopt", "--journal", notes.toString(), "-f", term.toString(), "8").expect(74);
        assertTrue(r.err().contains("not a termctl journal"), r::toString);
        new Cli().env("TERMCTL_JOURNAL", notes.toString()).run("adopt", "-f", term.toString(), "8").expect(74);
        // The account's own file, not a journal either.
        Path own = node.resolve("data.rdb");
        asDb("printf 'pages' > '" + own + "' && chmod 640 '" + own + "'");
        new Cli().run("adopt", "--journal", own.toString(), "-f", term.toString(), "8").expect(74);
        assertEquals("pages", Files.readString(own));
        assertEquals(DB + ":" + DB + " 640", stat(own));
        assertEquals(before, snapshot(vault), "a refused journal changed something");
        assertEquals("7", Cli.term(term));
        // A journal termctl creates in another directory belongs to that directory's owner (root's,
        // for one root keeps for many nodes); one that exists is appended to but never given away
        // or chmodded.
        Path rootJournal = vault.resolve("term.journal");
        new Cli().run("adopt", "--journal", rootJournal.toString(), "-f", term.toString(), "8").expect(10);
        assertEquals("root:root 600", stat(rootJournal));
        sh("chmod 640 '" + rootJournal + "'").expect(0);
        new Cli().run("adopt", "--journal", rootJournal.toString(), "-f", term.toString(), "9").expect(10);
        assertEquals(2, Files.readAllLines(rootJournal).size());
        assertEquals("root:root 640", stat(rootJournal));
    }

    @Test
    void a_root_file_renamed_into_the_accounts_directory_is_never_used_as_lock_or_journal() throws Exception {
        for (String side : List.of("term.json.lock", "term.json.journal")) {
            resetNode("{\"term\":7}");
            // An administrator's file the account cannot read, in (or moved into) the account's directory.
            Path planted = node.resolve("tls.key");
            Files.writeString(planted, "{\"time\":\"ROOT-SECRET-KEY-MATERIAL\n");
            sh("chown root:root '" + planted + "' && chmod 600 '" + planted + "'").expect(0);
            asDb("mv '" + planted + "' '" + node.resolve(side) + "'");
            Map<String, String> before = snapshot(node);
            Cli.Result r = new Cli().run("adopt", "--lock-timeout", "1s", "-f", term.toString(), "8").expect(74);
            assertTrue(r.err().contains("neither the term file's owner"), r::toString);
            assertEquals(before.get(side), snapshot(node).get(side), side + ": root changed, gave away or truncated a"
                    + " root file");
            assertEquals("7", Cli.term(term));
        }
    }

    @Test
    void history_never_follows_the_accounts_link_to_a_root_file() throws Exception {
        Path link = node.resolve("t2.json");
        asDb("ln -s '" + secret + "' '" + link + "'");
        Path journal = node.resolve("j.journal");
        // A journal whose entry names the root file's real path, with an "after" that tells whether
        // the root file holds less.
        asDb("printf '%s\\n' '{\"time\":\"2026-11-26T05:10:00Z\",\"user\":\"x\",\"host\":\"h\",\"file\":\"" + secret
                + "\",\"command\":\"adopt\",\"before\":2,\"after\":6,\"reason\":null}' > '" + journal + "'");
        Cli.Result r = new Cli().run("history", "--journal", journal.toString(), "-f", link.toString());
        assertEquals(74, r.code(), r::toString);
        assertFalse(r.out().contains("completed") || r.out().contains(secret.toString()), r::toString);
        // Without -f, an entry about a file elsewhere is shown but that file is never read.
        Cli.Result all = new Cli().run("history", "--journal", journal.toString()).expect(0);
        assertFalse(all.out().contains("not completed"), all::toString);
    }

    // ---- 5. @file

    @Test
    void an_argument_starting_with_at_is_a_file_name_never_a_file_of_arguments() throws Exception {
        Cli.Result r = new Cli().in(base).run("show", "@" + vault.resolve("notes")).expect(74);
        assertTrue(r.err().contains(base.resolve("@") + " does not exist"), r::toString);
        assertFalse(r.err().contains("hunter2"), r::toString);
        new Cli().in(base).run("show", "-f", "@/dev/zero").expect(74);
    }

    // ---- 8. the lock is for writers only

    @Test
    void a_member_of_the_files_group_cannot_open_the_lock_so_cannot_block_root() throws Exception {
        sh("chmod 640 '" + term + "'").expect(0);
        new Cli().run("adopt", "-f", term.toString(), "8").expect(10);
        Path lock = node.resolve("term.json.lock");
        Result grab = sh("setpriv --reuid=" + GRP + " --regid=" + GRP + " --init-groups -- flock -s -n '" + lock + "' true");
        assertTrue(grab.code != 0 && grab.out.contains("Permission denied"), "a reader could open the lock: " + grab.out);
        // It still reads the term file, as the group may.
        assertEquals(0, sh("setpriv --reuid=" + GRP + " --regid=" + GRP + " --init-groups -- cat '" + term + "'").code);
        new Cli().run("adopt", "--lock-timeout", "1s", "-f", term.toString(), "9").expect(10);
    }

    // ---- 9. repair of a huge file

    @Test
    void repair_refuses_a_file_too_large_to_keep_a_copy_of_and_leaves_nothing_behind() throws Exception {
        asDb("truncate -s 20G '" + term + "'");
        Map<String, String> before = snapshot(home);
        Cli.Result r = new Cli().run("repair", "--reason", "INC-3", "-f", term.toString(), "9").expect(74);
        assertTrue(r.err().contains("21474836480 bytes") && r.err().contains("mv"), r::toString);
        assertEquals(before, snapshot(home));
        assertEquals(21474836480L, Files.size(term));
    }

    // ---- 10. reads that could hang

    @Test
    void a_kernel_file_that_claims_no_size_is_not_read_and_a_fifo_swapped_in_cannot_hang_a_read() throws Exception {
        new Cli().run("show", "-f", "/proc/kmsg").expect(65);
        // With --json: the watchdog's halt still leaves stdout one error object (the JSON contract).
        Paused show = Paused.start("read", List.of("show", "--json", "-f", term.toString()));
        asDb("rm '" + term + "' && mkfifo -m 600 '" + term + "'");
        Cli.Result r = show.resume();
        assertEquals(74, r.code(), r::toString);
        assertTrue(r.err().contains("gave up after 10s opening " + term), r::toString);
        assertEquals(74, r.json().get("exit_code").asInt(), r::toString);
        assertEquals(term.toString(), r.json().get("file").asText(), r::toString);
    }

    // ---- 11. messages never quote a file's content

    @Test
    void refusals_describe_where_a_file_is_wrong_but_never_quote_it() throws Exception {
        for (Path p : List.of(vault.resolve("notes"), secret)) {
            Files.writeString(p, "hunter2:root:19000\n");
            Cli.Result r = new Cli().run("show", "-f", p.toString()).expect(65);
            assertFalse(r.err().contains("hunter2") || r.err().contains("19000"), r::toString);
            assertTrue(r.err().contains("line 1"), r::toString);
        }
    }

    // ---- 13. messages that say what is wrong

    @Test
    void an_unsearchable_directory_is_permission_denied_not_a_missing_file() throws Exception {
        Path hidden = Files.createDirectories(vault.resolve("hidden"));
        Files.writeString(hidden.resolve("term.json"), "{\"term\":4}");
        Cli.Result r = new Cli().as(DB).env("TERMCTL_CDS", "off")
                .run("adopt", "-f", hidden.resolve("term.json").toString(), "9").expect(74);
        assertTrue(r.err().contains("permission denied") && r.err().contains(vault.toString()), r::toString);
        assertFalse(r.err().contains("--create"), r::toString);
    }

    @Test
    void a_path_longer_than_4096_bytes_is_read_and_written() throws Exception {
        String part = "d".repeat(200);
        StringBuilder rel = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            rel.append(part).append('/');
        }
        asDb("cd '" + node + "' && for i in $(seq 1 25); do mkdir " + part + " && cd " + part + "; done"
                + " && printf '{\"term\":5}' > term.json");
        String deep = node + "/" + rel + "term.json";
        assertTrue(deep.length() > 4096);
        assertEquals("5\n", new Cli().run("show", "--term-only", "-f", deep).expect(0).out());
        new Cli().run("adopt", "-q", "-f", deep, "6").expect(10);
        assertEquals("6\n", new Cli().run("show", "--term-only", "-f", deep).expect(0).out());
    }

    // ---- 14. long names

    @Test
    void a_name_too_long_for_the_files_beside_it_is_refused_before_anything_is_made() throws Exception {
        String longest = "t".repeat(227 - 5) + ".json";
        String tooLong = "t".repeat(240) + ".json";
        asDb("printf '{\"term\":7}' > '" + node + "/" + longest + "' && printf '{\"term\":7}' > '" + node + "/" + tooLong + "'");
        new Cli().run("adopt", "-f", node.resolve(longest).toString(), "8").expect(10);
        assertEquals("8", Cli.term(node.resolve(longest)));
        Map<String, String> before = snapshot(node);
        Cli.Result r = new Cli().run("adopt", "-f", node.resolve(tooLong).toString(), "8").expect(74);
        assertTrue(r.err().contains("at most 227 bytes"), r::toString);
        assertEquals(before, snapshot(node));
        assertEquals("7\n", new Cli().run("show", "--term-only", "-f", node.resolve(tooLong).toString()).expect(0).out());
    }

    // ---- positive controls

    @Test
    void root_still_adopts_repairs_and_reads_history_of_the_accounts_files_keeping_owner_and_mode() throws Exception {
        new Cli().run("adopt", "--reason", "INC-4", "-f", term.toString(), "8").expect(10);
        asDb("printf '{\"term\":' > '" + term + "'");
        Cli.Result r = new Cli().run("repair", "--reason", "INC-5", "-f", term.toString(), "9").expect(0);
        assertEquals("9", Cli.term(term));
        assertEquals(DB + ":" + DB + " 600", stat(term));
        assertEquals(DB + ":" + DB + " 600", stat(node.resolve("term.json.journal")));
        try (Stream<Path> s = Files.list(node)) {
            Path copy = s.filter(p -> p.getFileName().toString().startsWith("term.json.corrupt-")).findFirst().orElseThrow();
            assertEquals("{\"term\":", Files.readString(copy), r::toString);
            assertEquals(DB + ":" + DB + " 600", stat(copy));
        }
        String history = new Cli().run("history", "-f", term.toString()).expect(0).out();
        assertTrue(history.contains("INC-4") && history.contains("INC-5"), history);
        // And the account itself goes on using them.
        new Cli().as(DB).env("TERMCTL_CDS", "off").run("adopt", "-f", term.toString(), "10").expect(10);
    }

    // ---- helpers

    /** A root run stopped at a pause point of its fault plan, waiting for the test to attack and resume it. */
    static final class Paused {
        private final Process process;
        private final BufferedReader err;
        private final List<String> args;

        private Paused(Process process, List<String> args) {
            this.process = process;
            this.err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
            this.args = args;
        }

        static Paused start(String point, List<String> args) throws IOException {
            Process p = new Cli().env("TERMCTL_JAVA_OPTS", "-Dtermctl.faults=" + point + "=wait").input("").start(args);
            Paused paused = new Paused(p, args);
            String expected = "termctl: fault plan: paused at " + point;
            StringBuilder seen = new StringBuilder();
            for (String line = paused.err.readLine(); !expected.equals(line); line = paused.err.readLine()) {
                assertTrue(line != null, () -> "termctl " + args + " ended without pausing at " + point + ": " + seen);
                seen.append(line).append('\n');
            }
            return paused;
        }

        Cli.Result resume() throws Exception {
            try (OutputStream in = process.getOutputStream()) {
                in.write('\n');
            } catch (IOException e) {
                // It ended already.
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            StringBuilder rest = new StringBuilder();
            for (String line = err.readLine(); line != null; line = err.readLine()) {
                rest.append(line).append('\n');
            }
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            return new Cli.Result(args, process.exitValue(), out, rest.toString());
        }
    }

    private void resetNode(String content) throws Exception {
        sh("rm -rf '" + node + "' '" + home + "/away' '" + home + "/old' && mkdir '" + node + "' && printf '%s' '" + content
                + "' > '" + term + "' && chown -R " + DB + ":" + DB + " '" + node + "' && chmod 755 '" + node
                + "' && chmod 600 '" + term + "'").expect(0);
    }

    /** Every name below {@code dir} with its type, owner, mode and content digest (links: their target). */
    static Map<String, String> snapshot(Path dir) throws Exception {
        Map<String, String> state = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.toList()) {
                Map<String, Object> a = Files.readAttributes(p, "unix:uid,gid,mode,size", LinkOption.NOFOLLOW_LINKS);
                String what = a.get("uid") + ":" + a.get("gid") + " " + Integer.toOctalString((Integer) a.get("mode"));
                if (Files.isSymbolicLink(p)) {
                    what += " -> " + Files.readSymbolicLink(p);
                } else if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && (Long) a.get("size") < (1 << 20)) {
                    what += " " + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
                } else {
                    what += " size " + a.get("size");
                }
                state.put(dir.relativize(p).toString(), what);
            }
        }
        return state;
    }

    private static void asDb(String script) throws Exception {
        sh("setpriv --reuid=" + DB + " --regid=" + DB + " --init-groups -- bash -c " + quote(script)).expect(0);
    }

    private static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String stat(Path p) throws Exception {
        return sh("stat -c '%U:%G %a' '" + p + "'").expect(0).out.trim();
    }

    record Result(int code, String out) {
        Result expect(int expected) {
            assertEquals(expected, code, out);
            return this;
        }
    }

    static Result sh(String script) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), script);
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
