package dev.termctl.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.termctl.testing.Cli;
import dev.termctl.testing.Flock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The database-running check as root on the service account's directory (docs/security.md): the
 * account ({@value HostileHostIT#DB}, created here) may plant data.rdb as a link to a file of root's
 * that a root process holds locked; termctl never follows it, so it never reports that file or its
 * holder, and never takes it for the node's database. Its own data file, even through its own link,
 * is checked as for any user. Skips, saying why, where it is not root.
 */
class DataFileLinkIT {
    static final String DB = HostileHostIT.DB;

    Path base;
    /** Root's, 0700: a file in it, held by a root process, stands for root's own locked files. */
    Path vault;
    Path secret;
    Path node;
    Path term;
    Path data;

    @BeforeAll
    static void account() throws Exception {
        assumeTrue(Cli.root(), "needs root: the claims are about root on another account's files");
        assumeTrue(HostileHostIT.sh("command -v setpriv && command -v useradd && command -v flock").code() == 0,
                "needs setpriv, useradd and flock");
        if (HostileHostIT.sh("id -u " + DB).code() != 0) {
            assumeTrue(HostileHostIT.sh("useradd --system --user-group --no-create-home --shell /usr/sbin/nologin "
                    + DB).code() == 0, "cannot create the account " + DB);
        }
    }

    @BeforeEach
    void host() throws Exception {
        base = Files.createTempDirectory("termctl-datafile");
        vault = Files.createDirectories(base.resolve("vault"));
        secret = Files.writeString(vault.resolve("secret.rdb"), "root's pages");
        node = Files.createDirectories(base.resolve("home/node"));
        term = Files.writeString(node.resolve("term.json"), "{\"term\":7}");
        data = node.resolve("data.rdb");
        HostileHostIT.sh("chmod 755 '" + base + "' && chmod 700 '" + vault + "' && chmod 600 '" + secret + "'"
                + " && chown -R " + DB + ":" + DB + " '" + base + "/home' && chmod 755 '" + base + "/home' '" + node + "'"
                + " && chmod 600 '" + term + "'").expect(0);
    }

    @AfterEach
    void clean() throws Exception {
        HostileHostIT.sh("rm -rf '" + base + "'");
    }

    private static void asDb(String script) throws Exception {
        HostileHostIT.sh("setpriv --reuid=" + DB + " --regid=" + DB + " --init-groups -- bash -c '"
                + script.replace("'", "'\\''") + "'").expect(0);
    }

    private Map<String, String> snapshot() throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(base)) {
            for (Path p : s.toList()) {
                files.put(base.relativize(p).toString(), Files.isSymbolicLink(p) ? "-> " + Files.readSymbolicLink(p)
                        : Files.isRegularFile(p) ? new String(Files.readAllBytes(p)) : "dir");
            }
        }
        return files;
    }

    @Test
    void a_data_file_linked_to_a_locked_root_file_is_never_followed_by_show_or_a_write() throws Exception {
        for (String link : List.of(secret.toString(), "../../vault/secret.rdb")) {
            asDb("rm -f '" + data + "' && ln -s '" + link + "' '" + data + "'");
            try (Flock rootsFile = Flock.hold(secret)) {
                String pid = "pid " + rootsFile.pid();
                // show: cannot tell (null), never "running" with root's holder, and never root's file named.
                JsonNode j = new Cli().run("show", "--json", "-f", term.toString()).expect(0).json();
                assertTrue(j.get("database_running").isNull(), j::toString);
                assertFalse(j.has("database_pid"), j::toString);
                Cli.Result text = new Cli().run("show", "-f", term.toString()).expect(0);
                // Said, never silent: it could not tell (and never names root's holder).
                assertEquals(term + ": term 7", text.out().lines().findFirst().orElse(""), text::toString);
                assertEquals(2, text.out().lines().count(), text::toString);
                assertTrue(text.out().lines().toList().get(1).startsWith("  database: could not tell whether it runs: ")
                        && !text.out().contains(pid), text::toString);

                Map<String, String> before = snapshot();
                Cli.Result refused = new Cli().run("adopt", "-f", term.toString(), "9").expect(74);
                assertTrue(refused.err().startsWith("termctl: error: cannot check whether the database is running: "
                        + "refusing "), refused::toString);
                assertTrue(refused.err().contains(DB) && refused.err().contains("--data-file")
                        && refused.err().contains("--while-running"), refused::toString);
                assertFalse(refused.err().contains(pid) || refused.err().contains("secret"), refused::toString);
                assertEquals(before, snapshot(), "a refused write changed something");

                // --while-running writes, saying it could not check; root's holder is never named.
                Cli.Result anyway = new Cli().run("adopt", "--while-running", "-f", term.toString(), "9").expect(10);
                assertTrue(anyway.err().startsWith("termctl: warning: cannot check whether the database is running"),
                        anyway::toString);
                assertFalse(anyway.err().contains(pid) || anyway.err().contains("secret"), anyway::toString);
                assertEquals("9", Cli.term(term));
                asDb("printf '{\"term\":7}' > '" + term + "' && rm -f '" + term + ".journal'");
            }
        }
        assertEquals("root's pages", Files.readString(secret));
    }

    @Test
    void the_accounts_own_locked_data_file_is_checked_even_through_its_own_link() throws Exception {
        Path real = node.resolve("data-v2.rdb");
        asDb("printf pages > '" + real + "' && ln -s data-v2.rdb '" + data + "'");
        String[] asDb = {"setpriv", "--reuid=" + DB, "--regid=" + DB, "--init-groups", "--"};
        try (Flock server = Flock.hold(real, asDb)) {
            JsonNode j = new Cli().run("show", "--json", "-f", term.toString()).expect(0).json();
            assertTrue(j.get("database_running").asBoolean(), j::toString);
            assertEquals(server.pid(), j.get("database_pid").asLong(), j::toString);
            Map<String, String> before = snapshot();
            Cli.Result r = new Cli().run("adopt", "-f", term.toString(), "9").expect(75);
            assertTrue(r.err().contains("pid " + server.pid() + " (flock)") && r.err().contains(real.toString()),
                    r::toString);
            assertEquals(before, snapshot(), "a refused write changed something");
        }
        new Cli().run("adopt", "-q", "-f", term.toString(), "9").expect(10);
    }
}
