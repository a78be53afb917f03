package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.termctl.testing.Cli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * termctl where it really runs: as root (sudo) on a database host, against a term file that belongs
 * to the database's service user, with another local user who is not trusted. The test creates both
 * accounts; it skips, saying why, where it is not root or cannot run a command as another user.
 */
public class ProductionHostIT {
    public static final String DB = "termctl-db";
    static final String OTHER = "termctl-other";

    Path base;
    Path node;
    Path term;

    @BeforeAll
    static void accounts() throws Exception {
        assumeTrue(uid(Path.of("/proc/self")) == 0, "needs root: the claims are about root on another user's files");
        assumeTrue(sh("command -v setpriv && command -v useradd").code() == 0, "needs setpriv and useradd (util-linux, passwd)");
        for (String user : List.of(DB, OTHER)) {
            if (sh("id -u " + user).code() != 0) {
                Result r = sh("useradd --system --user-group --no-create-home --shell /usr/sbin/nologin " + user);
                assumeTrue(r.code() == 0, "cannot create the account " + user + ": " + r.out());
            }
        }
        Result reach = sh("setpriv --reuid=" + DB + " --regid=" + DB + " --init-groups -- test -x '" + Cli.LAUNCHER
                + "' -a -r '" + Cli.BASEDIR.resolve("target/termctl.jar") + "'");
        assumeTrue(reach.code() == 0, "the account " + DB + " cannot run " + Cli.LAUNCHER
                + " (a parent directory is private); the checks as that account need a readable checkout");
    }

    @BeforeEach
    void node() throws Exception {
        base = Files.createTempDirectory("termctl-host");
        node = base.resolve("node");
        term = node.resolve("term.json");
        Files.createDirectory(node);
        Files.writeString(term, "{\"term\":7}");
        sh("chmod 755 '" + base + "' && chown " + DB + ":" + DB + " '" + node + "' '" + term + "' && chmod 755 '" + node
                + "' && chmod 600 '" + term + "'").expect(0);
    }

    @AfterEach
    void clean() throws Exception {
        sh("rm -rf '" + base + "'");
    }

    // ---- ownership and modes

    @Test
    void a_root_write_keeps_the_database_owning_and_reading_its_file() throws Exception {
        Path journal = node.resolve("term.json.journal");
        new Cli().run("adopt", "--journal", journal.toString(), "-f", term.toString(), "8").expect(10);
        assertEquals("termctl-db:termctl-db 600", stat(term));
        assertEquals("termctl-db:termctl-db 600", stat(node.resolve("term.json.lock")));
        assertEquals("termctl-db:termctl-db 600", stat(journal));
        // The database's own account still reads and writes it, lock and journal included.
        asDb().run("show", "-f", term.toString()).expect(0);
        asDb().run("adopt", "--journal", journal.toString(), "-f", term.toString(), "9").expect(10);
        assertEquals("9", Cli.term(term));
        assertEquals("termctl-db:termctl-db 600", stat(term));
    }

    @Test
    void a_group_readable_file_keeps_its_mode_and_only_writers_may_open_the_lock() throws Exception {
        sh("chmod 640 '" + term + "'").expect(0);
        new Cli().run("adopt", "-f", term.toString(), "8").expect(10);
        assertEquals("termctl-db:termctl-db 640", stat(term));
        // A reader of the term file could hold a shared lock on a lock file it may read, and so block
        // root's writes: the lock is for writers only.
        assertEquals("termctl-db:termctl-db 600", stat(node.resolve("term.json.lock")));
        sh("chmod 660 '" + term + "'").expect(0);
        new Cli().run("adopt", "-f", term.toString(), "9").expect(10);
        assertEquals("termctl-db:termctl-db 660", stat(node.resolve("term.json.lock")));
    }

    @Test
    void umask_000_makes_nothing_world_writable() throws Exception {
        Path fresh = node.resolve("new.json");
        Path journal = node.resolve("j");
        Result r = sh("umask 000 && '" + Cli.LAUNCHER + "' adopt -q --create --journal '" + journal + "' -f '" + fresh + "' 3");
        assertEquals(10, r.code(), r.out());
        for (Path p : List.of(fresh, node.resolve("new.json.lock"), journal)) {
            String mode = stat(p).split(" ")[1];
            assertFalse(mode.endsWith("2") || mode.endsWith("3") || mode.endsWith("6") || mode.endsWith("7"),
                    p + " is world-writable: " + mode);
            // A new file belongs to the directory's owner, like everything the database keeps there.
            assertTrue(stat(p).startsWith("termctl-db:termctl-db "), p + ": " + stat(p));
        }
    }

    @Test
    void another_local_user_cannot_hold_the_lock_to_block_root() throws Exception {
        new Cli().run("adopt", "-f", term.toString(), "8").expect(10);
        Path lock = node.resolve("term.json.lock");
        // The other user can reach the directory (0755) but cannot open the lock, so cannot hold it.
        Result grab = sh("setpriv --reuid=" + OTHER + " --regid=" + OTHER + " --init-groups -- flock -s -n '" + lock + "' true");
        assertTrue(grab.code() != 0 && grab.out().contains("Permission denied"), "the other user could open the lock: "
                + grab.out());
        // Nobody holds it: a single try (a timeout of zero) takes it.
        new Cli().run("adopt", "--lock-timeout", "0ms", "-f", term.toString(), "9").expect(10);
    }

    @Test
    void a_busy_lock_names_its_real_holder() throws Exception {
        new Cli().run("adopt", "-f", term.toString(), "8").expect(10);
        Path lock = node.resolve("term.json.lock");
        // A termctl paused by its fault plan while it holds the lock (POSIX locks, as termctl takes them).
        try (Cli.Running holder = new Cli().pausedAt("locked", "adopt", "-q", "-f", term.toString(), "9")) {
            Cli.Result held = new Cli().run("adopt", "--lock-timeout", "200ms", "-f", term.toString(), "10").expect(75);
            assertTrue(held.err().contains("held by pid " + holder.pid() + " (java)"), held::toString);
            assertEquals(10, holder.resume().code());
        }
        assertEquals("9", Cli.term(term));
    }

    // ---- paths and links

    @Test
    void dot_dot_after_a_symlinked_directory_is_resolved_as_the_kernel_does() throws Exception {
        // base/real/term.json is the node's file (term 9); base/real/inner is reached through base/alias.
        Path real = Files.createDirectory(base.resolve("real"));
        Files.createDirectory(real.resolve("inner"));
        Files.writeString(real.resolve("term.json"), "{\"term\":9}");
        Files.createSymbolicLink(base.resolve("alias"), real.resolve("inner"));
        Path decoy = Files.writeString(base.resolve("term.json"), "{\"term\":3}");
        Cli.Result r = new Cli().run("adopt", "-f", base.resolve("alias/../term.json").toString(), "5").expect(20);
        assertTrue(r.out().contains(real.resolve("term.json").toString()), r::toString);
        assertEquals("3", Cli.term(decoy));
        assertEquals("9", Cli.term(real.resolve("term.json")));
    }

    @Test
    void a_name_that_cannot_be_decoded_is_refused_never_replaced() throws Exception {
        sh("printf '{\"term\":9}' > \"$(printf '" + node + "/term-\\377.json')\"").expect(0);
        long before = count(node);
        for (String cmd : List.of("show", "adopt")) {
            Result r = runCli(cmd + " -f \"$(printf '" + node + "/term-\\377.json')\"" + (cmd.equals("adopt") ? " 12" : ""));
            assertEquals(2, r.code(), r.out());
            assertTrue(r.out().contains("cannot be named exactly"), r.out());
        }
        assertEquals(before, count(node), "a file was created next to the real one");
    }

    @Test
    void a_c_locale_reads_and_writes_non_ascii_paths_and_reasons() throws Exception {
        Path dir = Files.createDirectory(base.resolve("nœud-ß"));
        Path file = Files.writeString(dir.resolve("term.json"), "{\"term\":4}");
        for (Map<String, String> locale : List.of(Map.of("LC_ALL", "C"), Map.of("LANG", "POSIX"), Map.<String, String>of())) {
            Cli cli = new Cli().cleanEnv().env("PATH", "/usr/local/bin:/usr/bin:/bin").env("TERMCTL_CDS", "off");
            locale.forEach(cli::env);
            String next = Long.toString(Long.parseLong(Cli.term(file)) + 1);
            cli.run("adopt", "--reason", "réseau coupé ✓", "-f", file.toString(), next).expect(10);
            assertTrue(Files.readString(file).contains("\"reason\":\"réseau coupé ✓\""), Files.readString(file));
        }
    }

    @Test
    void a_hard_linked_term_file_is_read_but_never_written() throws Exception {
        Path other = node.resolve("other-name.json");
        Files.createLink(other, term);
        new Cli().run("show", "-f", term.toString()).expect(0);
        Cli.Result r = new Cli().run("adopt", "-f", other.toString(), "8").expect(74);
        assertTrue(r.err().contains("2 hard links"), r::toString);
        assertEquals("7", Cli.term(term));
        assertEquals(2, (Integer) Files.getAttribute(term, "unix:nlink"));
    }

    @Test
    void a_dangling_symlink_is_not_written_through() throws Exception {
        Path link = node.resolve("link.json");
        Path nowhere = node.resolve("elsewhere.json");
        Files.createSymbolicLink(link, nowhere.getFileName());
        sh("chown -h " + DB + ":" + DB + " '" + link + "'").expect(0);
        Cli.Result r = new Cli().run("adopt", "-f", link.toString(), "8").expect(74);
        assertTrue(r.err().contains("does not exist") && r.err().contains("symbolic link"), r::toString);
        assertFalse(Files.exists(nowhere, LinkOption.NOFOLLOW_LINKS));
    }

    @Test
    void planted_links_at_the_lock_and_the_journal_are_refused_and_their_targets_untouched() throws Exception {
        Path victim = Files.writeString(base.resolve("victim"), "precious\n");
        Path lock = node.resolve("term.json.lock");
        Files.createSymbolicLink(lock, victim);
        assertEquals(74, new Cli().run("adopt", "-f", term.toString(), "8").code());
        Files.delete(lock);
        Files.createLink(lock, victim);
        Cli.Result hard = new Cli().run("adopt", "-f", term.toString(), "8").expect(74);
        assertTrue(hard.err().contains("hard links"), hard::toString);
        Files.delete(lock);
        Path journal = node.resolve("journal");
        Files.createSymbolicLink(journal, victim);
        Cli.Result j = new Cli().run("adopt", "--journal", journal.toString(), "-f", term.toString(), "8").expect(74);
        assertTrue(j.err().contains("symbolic link"), j::toString);
        assertEquals("precious\n", Files.readString(victim));
        assertEquals("7", Cli.term(term));
        // A lock planted by another user is refused too.
        Files.delete(journal);
        Files.delete(lock);
        Files.createFile(lock);
        sh("chown " + OTHER + " '" + lock + "'").expect(0);
        Cli.Result planted = new Cli().run("adopt", "-f", term.toString(), "8").expect(74);
        assertTrue(planted.err().contains("another user may have planted it"), planted::toString);
        assertEquals("7", Cli.term(term));
    }

    // ---- what reaches the terminal

    @Test
    void control_characters_from_files_names_journal_and_input_are_shown_escaped() throws Exception {
        String evil = "\u001b]0;pwned\u0007\u001b[2J\nforged row\u202e";
        Files.writeString(term, "{\"term\":7,\"updated_by\":\"" + json(evil) + "\",\"reason\":\"" + json(evil) + "\"}");
        Path oddName = Files.writeString(node.resolve("odd\u001b[31m\nname.json"), "{\"term\":6}");
        Files.setOwner(oddName, term.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(DB));
        Path journal = node.resolve("journal");
        List<Cli.Result> runs = new ArrayList<>();
        runs.add(new Cli().run("show", "-f", term.toString()).expect(0));
        runs.add(new Cli().run("show", term.toString(), oddName.toString()).expect(20));
        runs.add(new Cli().run("adopt", "--reason", evil, "--journal", journal.toString(), "-f", oddName.toString(), "8")
                .expect(10));
        runs.add(new Cli().run("history", "--journal", journal.toString()).expect(0));
        runs.add(new Cli().input("{\"file\":\"" + json(evil) + "\",\"term\":3}\n").run("show", "-f", term.toString(),
                "--from-json", "-"));
        runs.add(new Cli().run("show", "-f", node.resolve("missing\u001b[2J/term.json").toString()).expect(74));
        for (Cli.Result r : runs) {
            for (String stream : List.of(r.out(), r.err())) {
                assertTrue(stream.chars().noneMatch(c -> c == 0x1b || c == 0x07 || c == 0x202e), () -> "raw control: " + r);
            }
        }
        assertTrue(runs.get(0).out().contains("\\x1b]0;pwned\\x07\\x1b[2J\\x0aforged row\\u202e"), runs.get(0)::toString);
        // One node, one row: a header line, the column titles and two rows.
        assertEquals(4, runs.get(1).out().split("\n").length, runs.get(1)::toString);
    }

    // ---- bounds

    @Test
    void endless_or_blocking_inputs_are_refused_quickly() throws Exception {
        Result zero = runCli("show -f '" + term + "' --from-json /dev/zero");
        assertEquals(74, zero.code(), zero.out());
        Path fifo = node.resolve("fifo");
        sh("mkfifo '" + fifo + "'").expect(0);
        Result fromFifo = runCli("show -f '" + term + "' --from-json '" + fifo + "'");
        assertEquals(74, fromFifo.code(), fromFifo.out());
        Result journalFifo = runCli("adopt --journal '" + fifo + "' -f '" + term + "' 8");
        assertEquals(74, journalFifo.code(), journalFifo.out());
        assertEquals("7", Cli.term(term));
        Result stdinZero = sh("head -c 200000 /dev/zero | '" + Cli.LAUNCHER + "' show -f '" + term + "' --from-json -");
        assertEquals(65, stdinZero.code(), stdinZero.out());
        assertTrue(stdinZero.out().contains("line 1 is longer than 65536 bytes"), stdinZero.out());
        Path big = node.resolve("big.journal");
        sh("head -c 3000000 /dev/zero | tr '\\0' x > '" + big + "' && chown " + DB + ":" + DB + " '" + big + "'").expect(0);
        Result history = runCli("history --journal '" + big + "'");
        assertEquals(65, history.code(), history.out());
        assertEquals(2, new Cli().run("adopt", "--lock-timeout", "2562048h", "-f", term.toString(), "8").code());
        assertEquals(2, new Cli().run("adopt", "--reason", "x".repeat(1025), "-f", term.toString(), "8").code());
        new Cli().run("adopt", "--reason", "é".repeat(512), "-f", term.toString(), "8").expect(10);
    }

    // ---- the journal

    @Test
    void a_torn_journal_line_is_skipped_with_a_warning_and_cut_off_by_the_next_write() throws Exception {
        Path journal = node.resolve("journal");
        new Cli().run("adopt", "--journal", journal.toString(), "-f", term.toString(), "8").expect(10);
        Files.writeString(journal, Files.readString(journal) + "{\"time\":\"2026-11-26T0", StandardCharsets.UTF_8);
        Cli.Result torn = new Cli().run("history", "--journal", journal.toString()).expect(0);
        assertTrue(torn.err().contains("line 2 is an incomplete entry"), torn::toString);
        assertTrue(torn.out().contains("7 -> 8"), torn::toString);
        new Cli().run("adopt", "--journal", journal.toString(), "-f", term.toString(), "9").expect(10);
        List<String> lines = Files.readAllLines(journal);
        assertEquals(2, lines.size(), lines::toString);
        assertTrue(lines.get(1).startsWith("{\"time\"") && lines.get(1).contains("\"after\":9"), lines::toString);
        Cli.Result clean = new Cli().run("history", "--json", "--journal", journal.toString()).expect(0);
        assertTrue(clean.err().isEmpty(), clean::toString);
        assertEquals(2, clean.json().get("entries").size());
        // A damaged line in the middle: reported with its number, the rest still shown, exit 65.
        Files.writeString(journal, lines.get(0) + "\nnot json\n" + lines.get(1) + "{\"x\":1}\n");
        Cli.Result bad = new Cli().run("history", "--journal", journal.toString()).expect(65);
        assertTrue(bad.err().contains("lines 2, 3 are not termctl journal entries"), bad::toString);
        assertTrue(bad.out().contains("7 -> 8"), bad::toString);
    }

    @Test
    void history_marks_an_entry_whose_write_did_not_complete() throws Exception {
        Path journal = node.resolve("journal");
        new Cli().run("adopt", "--journal", journal.toString(), "-f", term.toString(), "8").expect(10);
        String first = Files.readAllLines(journal).get(0);
        // As a crash between the journal append and the rename leaves it: an entry, and the term unmoved.
        Files.writeString(journal, first + "\n" + first.replace("\"before\":7", "\"before\":8").replace("\"after\":8", "\"after\":11") + "\n");
        Cli.Result r = new Cli().run("history", "--journal", journal.toString()).expect(0);
        assertTrue(r.out().contains("8 -> 11 (not completed)") && r.out().contains("7 -> 8\n"), r::toString);
        assertTrue(new Cli().run("history", "--json", "--journal", journal.toString()).json().get("entries").get(1).get("completed")
                .asBoolean(true) == false);
    }

    // ---- the launcher's archive

    @Test
    void root_never_opens_an_archive_in_another_users_cache() throws Exception {
        assumeTrue(sh("command -v strace").code() == 0, "needs strace to watch which files the JVM opens");
        Path home = Files.createDirectory(base.resolve("home"));
        Path cache = Files.createDirectories(home.resolve(".cache/termctl"));
        sh("chown -R " + OTHER + ":" + OTHER + " '" + home + "'").expect(0);
        // Plant an archive under the names the launcher looks for with the default java.
        String java = sh("readlink -f \"$(command -v java)\"").out().trim();
        String javaHome = java.substring(0, java.lastIndexOf("/bin/"));
        String jar = Cli.BASEDIR.resolve("target/termctl.jar").toString();
        String name = ("termctl-" + (javaHome + "|" + jar).replace('/', '_').replace("|", "__"));
        for (String ext : List.of(".jsa", ".aot")) {
            Files.writeString(cache.resolve(name + ext), "planted");
        }
        sh("chown -R " + OTHER + ":" + OTHER + " '" + home + "'").expect(0);
        Result r = sh("unset XDG_CACHE_HOME; HOME='" + home + "' strace -f -qq -e trace=open,openat -o '" + base + "/trace' '" + Cli.LAUNCHER
                + "' show -f '" + term + "'");
        assertEquals(0, r.code(), r.out());
        String trace = Files.readString(base.resolve("trace"));
        assertFalse(trace.contains(cache.toString() + "/termctl-"), "root opened a file in another user's cache");
        try (Stream<Path> s = Files.list(cache)) {
            assertEquals(2, s.count(), "root wrote into another user's cache");
        }
    }

    // ---- helpers

    private static Cli asDb() {
        return new Cli().as(DB).env("TERMCTL_CDS", "off");
    }

    private static String json(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
        }
        return b.toString();
    }

    private static long count(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    private static int uid(Path p) throws IOException {
        return (Integer) Files.getAttribute(p, "unix:uid");
    }

    private static String stat(Path p) throws Exception {
        return sh("stat -c '%U:%G %a' '" + p + "'").expect(0).out().trim();
    }

    /** The packaged command through a shell, for arguments a Java string cannot hold (raw bytes). */
    private static Result runCli(String args) throws Exception {
        return sh("'" + Cli.LAUNCHER + "' " + args);
    }

    record Result(int code, String out) {
        Result expect(int expected) {
            assertEquals(expected, code, out);
            return this;
        }
    }

    /** bash -c SCRIPT as root; stdout and stderr together. */
    static Result sh(String script) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true);
        pb.environment().put("XDG_CACHE_HOME", Cli.CACHE.toString());
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), script);
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
