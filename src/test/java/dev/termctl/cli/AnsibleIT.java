package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.termctl.testing.Cli;
import dev.termctl.testing.Flock;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The Ansible collection termctl.reddb (issue 27) with a real ansible-core: installed from the
 * release tarball as docs/runbooks.md says, its module run by ansible-playbook on an inventory of
 * local hosts (ansible_connection: local, a node directory each) against the packaged termctl, and
 * the after-failover playbook run twice, in check mode, and against a damaged file, a held lock, a
 * running database and a host that does not answer; ansible-lint on the collection and playbook.
 * Needs ansible-core and ansible-lint (Debian's packages; .ci/run installs them): skipped without
 * them, except under CI=true, where their absence fails. Everything Ansible writes (HOME, its temp
 * and collections) is under the test's own directory, never ~/.ansible.
 */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
@SuppressWarnings("try") // a held lock or server is held by its try block alone
class AnsibleIT {
    private static final String LARGEST = "18446744073709551615";
    private static final List<String> HOSTS = List.of("node-a", "node-b", "node-c", "node-d", "node-e");
    private static final Path PLAYBOOK = Cli.BASEDIR.resolve("examples/after-failover.yml");
    private static final Path COLLECTION = Cli.BASEDIR.resolve("contrib/ansible/termctl/reddb");
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    /** HOME, Ansible's temp and the installed collection: shared by the tests, made once. */
    @TempDir
    static Path ansibleHome;

    @TempDir
    Path dir;

    private Path inventory;

    private static boolean onPath(String tool) {
        return Stream.of(System.getenv("PATH").split(":")).anyMatch(p -> Files.isExecutable(Path.of(p, tool)));
    }

    private static void need(String... tools) {
        for (String tool : tools) {
            String why = tool + " is not installed (apt-get install ansible-core ansible-lint)";
            if ("true".equals(System.getenv("CI"))) {
                assertTrue(onPath(tool), why);
            }
            assumeTrue(onPath(tool), why);
        }
    }

    record Run(List<String> command, int code, String out) {
        @Override
        public String toString() {
            return String.join(" ", command) + "\n  exit: " + code + "\n  output:\n" + out;
        }

        /** The PLAY RECAP line of {@code host}, e.g. "ok=3 changed=1 unreachable=0 failed=0 ...". */
        String recap(String host) {
            int at = out.indexOf("PLAY RECAP");
            assertTrue(at >= 0, this::toString);
            return out.substring(at).lines().filter(l -> l.startsWith(host + " ")).findFirst()
                    .map(l -> l.substring(l.indexOf(':') + 1).trim().replaceAll(" +", " "))
                    .orElseThrow(() -> new AssertionError("no recap for " + host + ": " + this));
        }
    }

    /** Runs an Ansible command in {@code in}, with a UTF-8 locale and every file it writes under the test's directories. */
    private static Run ansible(Path in, Map<String, String> env, String... command) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).directory(in.toFile()).redirectErrorStream(true);
        Map<String, String> e = pb.environment();
        e.keySet().removeIf(k -> k.startsWith("ANSIBLE_") || k.startsWith("TERMCTL_"));
        e.put("HOME", ansibleHome.resolve("home").toString());
        e.put("LC_ALL", "C.UTF-8");
        e.put("ANSIBLE_LOCAL_TEMP", ansibleHome.resolve("home/local-tmp").toString());
        e.put("ANSIBLE_REMOTE_TEMP", ansibleHome.resolve("home/remote-tmp").toString());
        e.put("ANSIBLE_COLLECTIONS_PATH", ansibleHome.resolve("collections").toString());
        e.put("ANSIBLE_CONFIG", ansibleHome.resolve("home/no-ansible.cfg").toString());
        e.put("ANSIBLE_NOCOLOR", "1");
        e.put("ANSIBLE_HOST_KEY_CHECKING", "false");
        e.put("ANSIBLE_RETRY_FILES_ENABLED", "false");
        e.put("XDG_CACHE_HOME", Cli.CACHE.toString()); // termctl's startup archives, as the other ITs keep them
        e.putAll(env);
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "a safety net");
        return new Run(List.of(command), p.exitValue(), out);
    }

    /** The collection, installed as docs/runbooks.md says, from the release tarball's ansible/termctl/reddb. */
    @BeforeAll
    static void installTheCollectionFromTheTarball() throws Exception {
        need("ansible-playbook", "ansible-galaxy", "ansible-lint");
        Files.createDirectories(ansibleHome.resolve("home"));
        Path tarball = Cli.BASEDIR.resolve("target/termctl-" + System.getProperty("termctl.version", "0.1.0") + ".tar.gz");
        assertTrue(Files.isRegularFile(tarball), "no " + tarball + ": mvn -B verify builds it before the ITs");
        Path unpacked = Files.createDirectories(ansibleHome.resolve("unpacked"));
        Run tar = ansible(unpacked, Map.of(), "tar", "-xzf", tarball.toString());
        assertEquals(0, tar.code(), tar::toString);
        String relative = "termctl-" + System.getProperty("termctl.version", "0.1.0") + "/ansible/termctl/reddb";
        String docs = Files.readString(Cli.BASEDIR.resolve("docs/runbooks.md"));
        assertTrue(docs.contains("ansible-galaxy collection install " + relative + "\n"), "docs/runbooks.md's instruction");
        Path shipped = unpacked.resolve(relative);
        Run install = ansible(ansibleHome, Map.of(), "ansible-galaxy", "collection", "install", shipped.toString(), "-p",
                ansibleHome.resolve("collections").toString());
        assertEquals(0, install.code(), install::toString);
        assertTrue(install.out().contains("termctl.reddb:" + System.getProperty("termctl.version", "0.1.0")
                + " was installed successfully"), install::toString);
    }

    /** Five local hosts, node-a..node-e, each with its own node directory and term; {@code extra} adds host lines. */
    private void cluster(Map<String, String> terms, String... extra) throws Exception {
        StringBuilder inv = new StringBuilder("reddb:\n  vars:\n    ansible_connection: local\n"
                + "    ansible_python_interpreter: \"{{ ansible_playbook_python }}\"\n"
                + "    termctl_executable: " + Cli.LAUNCHER + "\n  hosts:\n");
        for (String host : HOSTS) {
            Path node = Files.createDirectories(dir.resolve(host));
            Files.writeString(node.resolve("term.json"), "{\"term\": " + terms.get(host) + "}\n");
            inv.append("    ").append(host).append(":\n      termctl_term_file: ").append(node.resolve("term.json")).append('\n');
        }
        for (String line : extra) {
            inv.append(line).append('\n');
        }
        inventory = Files.writeString(dir.resolve("inventory.yml"), inv.toString());
    }

    private Path term(String host) {
        return dir.resolve(host).resolve("term.json");
    }

    /** Every file under the test's node directories, name to bytes: what "nothing changed" is checked against. */
    private TreeMap<String, String> snapshot() throws Exception {
        TreeMap<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return files;
    }

    private Run playbook(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("ansible-playbook", "-i", inventory.toString(), PLAYBOOK.toString()));
        command.addAll(Arrays.asList(args));
        return ansible(dir, Map.of(), command.toArray(String[]::new));
    }

    /** Four nodes at the largest term, node-c one behind: a float sees five equal terms (both are 2^64 as doubles). */
    private static Map<String, String> oneStale() {
        Map<String, String> terms = new TreeMap<>();
        HOSTS.forEach(h -> terms.put(h, LARGEST));
        terms.put("node-c", "18446744073709551614");
        return terms;
    }

    @BeforeEach
    void tools() {
        need("ansible-playbook");
    }

    @Test
    void the_runbook_adopts_the_highest_term_on_the_stale_node_and_a_second_run_changes_nothing() throws Exception {
        cluster(oneStale());
        Run first = playbook("-e", "termctl_reason='INC-7: re-synced after failover'");
        assertEquals(0, first.code(), first::toString);
        assertTrue(first.out().contains("5 of 5 expected hosts answered; highest term " + LARGEST + "; stale: node-c"),
                first::toString);
        assertTrue(first.recap("node-c").contains(" changed=1 unreachable=0 failed=0 "), first::toString);
        for (String host : List.of("node-a", "node-b", "node-d", "node-e")) {
            assertTrue(first.recap(host).contains(" changed=0 "), first::toString);
            assertFalse(Files.exists(term(host).resolveSibling("term.json.journal")), "a current node is not written");
        }
        assertEquals(LARGEST, Cli.term(term("node-c")));
        String written = Files.readString(term("node-c"));
        assertTrue(written.contains("\"reason\":\"INC-7: re-synced after failover\""), written);
        String journal = Files.readString(term("node-c").resolveSibling("term.json.journal"));
        assertTrue(journal.contains("\"before\":18446744073709551614,\"after\":" + LARGEST), journal);
        // termctl's own cluster view, every node current and all five counted.
        assertTrue(first.out().contains("answered: 5 of 5 expected nodes"), first::toString);
        assertEquals(5, first.out().lines().filter(l -> l.contains("term.json") && l.contains(LARGEST + "  current")).count(),
                first::toString);

        TreeMap<String, String> after = snapshot();
        Run second = playbook();
        assertEquals(0, second.code(), second::toString);
        for (String host : HOSTS) {
            assertTrue(second.recap(host).contains(" changed=0 ") && second.recap(host).contains(" failed=0 "),
                    second::toString);
        }
        assertTrue(second.out().contains("stale: none"), second::toString);
        assertEquals(after, snapshot(), "the second run wrote nothing");
    }

    @Test
    void check_mode_shows_the_change_and_its_diff_and_writes_nothing_byte_for_byte() throws Exception {
        cluster(Map.of("node-a", "12", "node-b", "12", "node-c", "11", "node-d", "12", "node-e", "12"));
        TreeMap<String, String> before = snapshot();
        Run check = playbook("--check", "--diff");
        assertEquals(0, check.code(), check::toString);
        assertTrue(check.recap("node-c").contains(" changed=1 "), check::toString);
        assertTrue(check.out().contains("--- before: " + term("node-c") + "\n+++ after: " + term("node-c")
                + "\n@@ -1 +1 @@\n-term: 11\n+term: 12\n"), check::toString);
        assertTrue(check.out().contains("stale    behind by 1"), "the view after a check still shows node-c behind");
        assertEquals(before, snapshot(), "check mode created, changed or locked nothing");
    }

    @Test
    void a_damaged_term_file_fails_the_play_with_termctls_message_naming_the_file_before_anything_is_written()
            throws Exception {
        cluster(Map.of("node-a", "12", "node-b", "12", "node-c", "11", "node-d", "12", "node-e", "12"));
        Files.writeString(term("node-b"), "{\"term\": 1");
        TreeMap<String, String> before = snapshot();
        Run run = playbook();
        assertNotEquals(0, run.code(), run::toString);
        assertTrue(run.out().contains(term("node-b") + " is not a valid term file: it is not valid JSON"), run::toString);
        assertTrue(run.out().contains("\"rc\": 65"), run::toString);
        assertTrue(run.recap("node-b").contains(" failed=1 "), run::toString);
        assertEquals(before, snapshot(), "the stale node was not touched: the play stopped at the read");
    }

    @Test
    void a_held_lock_fails_the_adopt_with_75_naming_the_holder() throws Exception {
        cluster(Map.of("node-a", "12", "node-b", "12", "node-c", "11", "node-d", "12", "node-e", "12"));
        try (Cli.Running holder = new Cli().pausedAt("locked", "adopt", "--no-journal", "-f", term("node-c").toString(), "13")) {
            Run run = playbook("-e", "termctl_lock_timeout=1s");
            assertNotEquals(0, run.code(), run::toString);
            assertTrue(run.out().contains("\"rc\": 75"), run::toString);
            assertTrue(run.out().contains("waiting for the lock on " + term("node-c") + ".lock, held by pid " + holder.pid()),
                    run::toString);
            assertTrue(run.recap("node-c").contains(" failed=1 "), run::toString);
            holder.kill();
        }
        assertEquals("11", Cli.term(term("node-c")));
    }

    @Test
    void a_running_database_is_refused_with_75_and_nothing_changes() throws Exception {
        cluster(Map.of("node-a", "12", "node-b", "12", "node-c", "11", "node-d", "12", "node-e", "12"));
        Path data = Files.writeString(term("node-c").resolveSibling("data.rdb"), "pages");
        TreeMap<String, String> before = snapshot();
        try (Flock server = Flock.hold(data)) {
            Run run = playbook();
            assertNotEquals(0, run.code(), run::toString);
            assertTrue(run.out().contains("the database is running: pid " + server.pid() + " (flock) holds an exclusive lock on"
                    + " its data file " + data), run::toString);
            assertTrue(run.out().contains("\"rc\": 75"), run::toString);
            assertTrue(run.recap("node-c").contains(" failed=1 "), run::toString);
        }
        assertEquals(before, snapshot(), "no lock file, journal or temp file: nothing changed");
    }

    @Test
    void a_host_that_does_not_answer_or_is_left_out_stops_the_play_before_anything_is_written() throws Exception {
        need("ssh");
        cluster(Map.of("node-a", "12", "node-b", "12", "node-c", "11", "node-d", "12", "node-e", "12"),
                "    node-f:", "      ansible_connection: ssh", "      ansible_host: 127.0.0.1", "      ansible_port: 1",
                "      termctl_term_file: /nonexistent/term.json");
        TreeMap<String, String> before = snapshot();
        Run unreachable = playbook();
        assertNotEquals(0, unreachable.code(), unreachable::toString);
        assertTrue(unreachable.recap("node-f").contains(" unreachable=1 "), unreachable::toString);
        assertEquals(before, snapshot(), "nothing written while a node did not answer");

        Run limited = playbook("--limit", "all:!node-f:!node-e");
        assertNotEquals(0, limited.code(), limited::toString);
        assertTrue(limited.out().contains("no term from node-e, node-f: a node that did not answer may hold a higher term"),
                limited::toString);
        assertEquals(before, snapshot(), "nothing written while a node was left out");
    }

    /** The module alone, through a playbook of its own; ansible-playbook's JSON callback gives each task's result. */
    private JsonNode moduleResults(String tasks) throws Exception {
        Path play = Files.writeString(dir.resolve("module.yml"), "- hosts: localhost\n  connection: local\n"
                + "  gather_facts: false\n  vars:\n    ansible_python_interpreter: \"{{ ansible_playbook_python }}\"\n"
                + "  module_defaults:\n    termctl.reddb.termctl_term:\n      executable: " + Cli.LAUNCHER + "\n"
                + "  tasks:\n" + tasks);
        Run run = ansible(dir, Map.of("ANSIBLE_STDOUT_CALLBACK", "json"), "ansible-playbook", "-i", "localhost,",
                play.toString());
        JsonNode tree = MAPPER.readTree(run.out().substring(run.out().indexOf('{')));
        return tree.get("plays").get(0).get("tasks");
    }

    private static JsonNode result(JsonNode tasks, int i) {
        return tasks.get(i).get("hosts").get("localhost");
    }

    @Test
    void the_module_is_exact_over_the_whole_range_changes_only_when_termctl_wrote_and_fails_with_termctls_words()
            throws Exception {
        Path file = dir.resolve("node/term.json");
        Files.createDirectories(file.getParent());
        String adopt = "    - termctl.reddb.termctl_term: {path: " + file + ", state: adopted, create: true, reason: new node, ";
        JsonNode tasks = moduleResults(
                adopt + "term: \"" + LARGEST + "\"}\n      check_mode: true\n"
                + adopt + "term: \"" + LARGEST + "\"}\n"
                + adopt + "term: " + LARGEST + "}\n"
                + adopt + "term: \"18446744073709551614\"}\n      ignore_errors: true\n"
                + adopt + "term: 1.8446744073709552e+19}\n      ignore_errors: true\n"
                + adopt + "term: \"-1\"}\n      ignore_errors: true\n"
                + adopt + "term: \"" + LARGEST + "\", expect_current: 7}\n      ignore_errors: true\n"
                + "    - termctl.reddb.termctl_term: {path: " + file + ", term: 5, boundary: handshake}\n");
        JsonNode dry = result(tasks, 0);
        assertTrue(dry.get("changed").asBoolean() && dry.get("dry_run").asBoolean(), dry::toString);
        assertEquals(new BigInteger(LARGEST), dry.get("term").bigIntegerValue(), dry::toString);
        JsonNode wrote = result(tasks, 1);
        assertTrue(wrote.get("changed").asBoolean() && wrote.get("result").get("changed").asBoolean(), wrote::toString);
        assertEquals(10, wrote.get("exit_code").asInt(), wrote::toString);
        assertEquals(1, wrote.get("term_before").asInt(), wrote::toString);
        assertEquals(new BigInteger(LARGEST), wrote.get("term").bigIntegerValue(), wrote::toString);
        assertEquals(LARGEST, Cli.term(file));
        JsonNode again = result(tasks, 2);
        assertFalse(again.get("changed").asBoolean(), again::toString);
        assertEquals("admit", again.get("verdict").asText(), again::toString);

        JsonNode fenced = result(tasks, 3);
        assertTrue(fenced.get("failed").asBoolean(), fenced::toString);
        assertEquals(20, fenced.get("rc").asInt(), fenced::toString);
        // termctl's own words for a fenced adopt, as its text output gives them.
        String words = new Cli().run("adopt", "-f", file.toString(), "18446744073709551614").expect(20).out().strip();
        assertEquals(words, fenced.get("msg").asText());
        JsonNode floated = result(tasks, 4);
        assertEquals("term must be a term from 0 to " + LARGEST + ", as an integer or a string of ASCII digits, not a float"
                + " 1.8446744073709552e+19 (a float cannot hold every term exactly: quote the digits in YAML)",
                floated.get("msg").asText(), floated::toString);
        assertEquals("term must be a term from 0 to " + LARGEST + ", as an integer or a string of ASCII digits, not '-1'",
                result(tasks, 5).get("msg").asText());
        JsonNode mismatch = result(tasks, 6);
        assertEquals(30, mismatch.get("rc").asInt(), mismatch::toString);
        assertTrue(mismatch.get("msg").asText().contains("the current term is " + LARGEST + ", not the expected 7"),
                mismatch::toString);
        JsonNode probe = result(tasks, 7);
        assertFalse(probe.has("failed") && probe.get("failed").asBoolean(), probe::toString);
        assertFalse(probe.get("changed").asBoolean(), probe::toString);
        assertEquals("fenced", probe.get("verdict").asText(), probe::toString);
        assertEquals("handshake", probe.get("result").get("boundary").asText(), probe::toString);
        assertEquals(LARGEST, Cli.term(file), "only the second task wrote");
    }

    @Test
    void values_that_start_with_a_dash_stay_values_and_data_file_is_checked_with_every_state() throws Exception {
        Path file = Files.writeString(Files.createDirectories(dir.resolve("node")).resolve("term.json"), "{\"term\": 7}\n");
        Path data = Files.writeString(Files.createDirectories(dir.resolve("elsewhere")).resolve("pages.rdb"), "pages");
        String module = "    - termctl.reddb.termctl_term: {path: " + file + ", ";
        JsonNode running;
        try (Flock server = Flock.hold(data)) {
            running = moduleResults(module + "data_file: " + data + "}\n");
            assertEquals(server.pid(), result(running, 0).get("database_pid").asLong(), () -> result(running, 0).toString());
        }
        assertTrue(result(running, 0).get("database_running").asBoolean(), () -> result(running, 0).toString());
        JsonNode tasks = moduleResults(module + "data_file: " + data + "}\n"
                + module + "state: adopted, term: 9, reason: \"-- failover, -q\", data_file: " + data + "}\n");
        JsonNode stopped = result(tasks, 0);
        assertFalse(stopped.get("database_running").asBoolean(), stopped::toString);
        assertEquals(data.toString(), stopped.get("node").get("database_file").asText(), stopped::toString);
        JsonNode wrote = result(tasks, 1);
        assertTrue(wrote.get("changed").asBoolean(), wrote::toString);
        assertFalse(wrote.get("database_running").asBoolean(), wrote::toString);
        assertEquals("9", Cli.term(file));
        assertTrue(Files.readString(file).contains("\"reason\":\"-- failover, -q\""), Files.readString(file));
    }

    @Test
    void ansible_lint_passes_the_collection_and_the_playbook_with_its_module_arguments_checked() throws Exception {
        need("ansible-lint");
        Run collection = ansible(COLLECTION, Map.of(), "ansible-lint", "--strict", "--nocolor", "--offline");
        assertEquals(0, collection.code(), collection::toString);
        assertTrue(collection.out().contains("0 failure(s), 0 warning(s)"), collection::toString);
        // The playbook with the collection beside it (collections/), where ansible-lint resolves the module
        // and checks every task's arguments against its argument spec.
        Path project = Files.createDirectories(dir.resolve("lint"));
        Files.copy(PLAYBOOK, project.resolve("after-failover.yml"));
        Run copy = ansible(project, Map.of(), "cp", "-r", ansibleHome.resolve("collections").toString(), "collections");
        assertEquals(0, copy.code(), copy::toString);
        Run playbook = ansible(project, Map.of(), "ansible-lint", "--strict", "--nocolor", "--offline", "after-failover.yml");
        assertEquals(0, playbook.code(), playbook::toString);
        assertFalse(playbook.out().contains("Unable to load module"), playbook::toString);
        assertTrue(playbook.out().contains("0 failure(s), 0 warning(s)"), playbook::toString);
    }

    @Test
    void the_collection_is_termctls_version_and_its_documentation_renders() throws Exception {
        String galaxy = Files.readString(COLLECTION.resolve("galaxy.yml"));
        assertTrue(galaxy.contains("\nversion: " + System.getProperty("termctl.version", "0.1.0") + "\n"), galaxy);
        Run doc = ansible(dir, Map.of(), "ansible-doc", "termctl.reddb.termctl_term");
        assertEquals(0, doc.code(), doc::toString);
        for (String option : List.of("path", "term", "state", "boundary", "reason", "expect_current", "create", "journal",
                "while_running", "lock_timeout", "executable")) {
            assertTrue(doc.out().contains("- " + option + "\n") || doc.out().contains("= " + option + "\n"), option + ": " + doc);
        }
    }
}
