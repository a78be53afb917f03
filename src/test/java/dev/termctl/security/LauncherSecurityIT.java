package dev.termctl.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.termctl.testing.Cli;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The launcher as root (sudo, cron) against an account that reads our source and owns what it can:
 * its home, its cache, files it planted, the environment a sudo rule keeps. Each attack is run for
 * real, as root, with the account's code ready to leave a marker if it ever runs as root; strace
 * shows which files root's processes touch. Skips, saying why, where it is not root.
 */
class LauncherSecurityIT {
    static final String EVIL = "termctl-evil";
    static final List<String> TOUCHING = List.of("open", "openat", "openat2", "creat", "mkdir", "mkdirat", "rename",
            "renameat", "renameat2", "link", "linkat", "symlink", "symlinkat", "unlink", "unlinkat", "truncate",
            "chmod", "fchmodat", "chown", "fchownat", "lchown");

    /** Everything of this class: 0755, so that the account can reach its own home in it. */
    static Path base;
    /** The account's home: everything in it is the account's. */
    static Path home;
    /** A root-owned installation (scripts/install.sh --prefix, as root), with its startup archive. */
    static Path prefix;
    static Path term;
    static String javaHome = System.getProperty("java.home");
    /** The account's code, each leaving its marker when it runs. */
    static Path evilJar;
    static Path agentJar;
    static Path fakeJdk;
    /**
     * How the launcher reads files: "on", with bash's loadable stat and realpath where installed (no
     * program started); "off", with the stat and readlink programs, as on a host without them
     * ({@link LauncherSecurityWithoutBuiltinsIT}). Every attack here is run both ways.
     */
    static String builtins = "on";

    @BeforeAll
    static void setUp() throws Exception {
        assumeTrue((Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0,
                "needs root: these are attacks on root's termctl by another account");
        assumeTrue(sh(Map.of(), "command -v setpriv && command -v useradd && command -v strace && command -v flock")
                .code == 0, "needs setpriv, useradd, strace and flock");
        if (sh(Map.of(), "id -u " + EVIL).code != 0) {
            Run r = sh(Map.of(), "useradd --system --user-group --no-create-home --shell /usr/sbin/nologin " + EVIL);
            assumeTrue(r.code == 0, "cannot create the account " + EVIL + ": " + r.out);
        }
        base = Files.createTempDirectory("termctl-launcher-security");
        sh(Map.of(), "chmod 755 '" + base + "'").expect(0);
        term = Files.writeString(base.resolve("term.json"), "{\"term\":7}");
        home = Files.createDirectory(base.resolve("home"));
        prefix = base.resolve("opt/termctl");
        sh(Map.of(), "'" + Cli.BASEDIR + "/scripts/install.sh' --prefix '" + prefix + "'").expect(0);

        evilJar = jar(home.resolve("evil.jar"), "dev.termctl.cli.Main", """
                package dev.termctl.cli;
                public class Main {
                    public static void main(String[] a) throws Exception {
                        java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "the account's jar ran");
                    }
                }
                """.formatted(marker("jar")), null);
        agentJar = jar(home.resolve("agent.jar"), "Agent", """
                public class Agent {
                    public static void premain(String args) throws Exception {
                        java.nio.file.Files.writeString(java.nio.file.Path.of("%s"), "the account's agent ran");
                    }
                }
                """.formatted(marker("agent")), "Agent");
        fakeJdk = Files.createDirectories(home.resolve("jdk/bin")).getParent();
        Files.writeString(fakeJdk.resolve("release"), "JAVA_VERSION=\"17.0.9\"\n");
        Files.writeString(fakeJdk.resolve("bin/java"), "#!/bin/sh\necho ran > '" + marker("java") + "'\n");
        sh(Map.of(), "chmod 755 '" + fakeJdk.resolve("bin/java") + "' && chown -R " + EVIL + ":" + EVIL + " '" + home
                + "'").expect(0);

        // The account's code is live: run by the account itself, each leaves its marker.
        asEvil(Map.of(), javaHome + "/bin/java -cp '" + evilJar + "' dev.termctl.cli.Main").expect(0);
        asEvil(Map.of(), javaHome + "/bin/java -javaagent:'" + agentJar + "' -version").expect(0);
        asEvil(Map.of(), "'" + fakeJdk + "/bin/java'").expect(0);
        for (String kind : List.of("jar", "agent", "java")) {
            assertTrue(Files.exists(marker(kind)), "the planted " + kind + " does not work: the test would prove nothing");
        }
        clearMarkers();
    }

    /** Each attack starts with no marker, so that none can be another's leftover. */
    @BeforeEach
    void noMarkers() throws IOException {
        clearMarkers();
    }

    @AfterAll
    static void clean() throws Exception {
        if (base != null) {
            Path done = base;
            base = null;
            sh(Map.of(), "rm -rf '" + done + "'");
        }
    }

    // ---- finding 6: root's cache

    @Test
    void root_with_the_accounts_home_neither_writes_its_cache_nor_maps_its_archive_while_it_swaps_them() throws Exception {
        // The release tarball, unpacked by root: no archive yet, so an older launcher looked in HOME.
        Path unpacked = Files.createDirectory(base.resolve("tarball"));
        String version = System.getProperty("termctl.version", "0.1.0");
        sh(Map.of(), "tar --no-same-owner -xzf '" + Cli.BASEDIR.resolve("target/termctl-" + version + ".tar.gz") + "' -C '"
                + unpacked + "'").expect(0);
        Path top = unpacked.resolve("termctl-" + version);
        Path installed = top.resolve("bin/termctl");
        sh(Map.of("TERMCTL_BUILD_ARCHIVE", top.resolve("lib/archive").toString()), "'" + installed + "'").expect(0);
        Path archive = onlyArchive(top.resolve("lib/archive"));
        // The account's cache: its own directory holding a copy of root's archive (valid, so the JVM
        // would map it) under the very name, and a link it swaps in to a directory of root's.
        Path cache = Files.createDirectories(home.resolve(".cache"));
        Path own = Files.createDirectory(cache.resolve("own"));
        Files.copy(archive, own.resolve(archive.getFileName()));
        sh(Map.of(), "rm -r '" + top.resolve("lib/archive") + "'").expect(0);
        Path victim = Files.createDirectory(base.resolve("victim"));
        Files.createSymbolicLink(cache.resolve("link"), victim);
        Files.createSymbolicLink(cache.resolve("termctl"), own.getFileName());
        sh(Map.of(), "chown -hR " + EVIL + ":" + EVIL + " '" + cache + "'").expect(0);
        List<String> before = tree(cache);
        List<String> victimBefore = tree(victim);
        Process swapper = startAsEvil("cd '" + cache + "' && echo swapping && while :; do ln -sfn own termctl.new && mv -T "
                + "termctl.new termctl; ln -sfn link termctl.new && mv -T termctl.new termctl; done");
        try {
            awaitLine(swapper, "swapping");
            // 40 runs, half with HOME (sudo without -H), half with XDG_CACHE_HOME (sudo -E) the account's.
            Path trace = base.resolve("trace-cache");
            Run r = strace(trace, Map.of("HOME", home.toString()), "for i in $(seq 20); do '" + installed + "' show --term-only -f '"
                    + term + "' || exit 1; XDG_CACHE_HOME='" + cache + "' '" + installed + "' show --term-only -f '" + term
                    + "' || exit 1; done");
            List<String> lines = Files.readAllLines(trace);
            assertEquals(List.of(), lines.stream().filter(l -> l.contains(home.toString())).toList(),
                    "root touched the account's home");
            assertEquals(0, r.code, r.out);
            assertEquals("7\n".repeat(40), r.out);
            List<String> mapped = lines.stream().filter(l -> l.matches(".*\\.(jsa|aot)\".*") && !l.contains(" = -1 ")).toList();
            assertTrue(mapped.stream().allMatch(l -> l.contains("\"" + top + "/lib/archive/") || l.contains("\"" + javaHome + "/")),
                    () -> "root opened an archive other than its installation's: " + mapped);
            // The first run made the installation's archive again, beside the jar; every run used it.
            assertTrue(mapped.stream().filter(l -> l.contains("\"" + archive + "\"") && l.contains("O_RDONLY")).count() >= 40,
                    () -> "root's runs did not use the installation's archive: " + mapped);
        } finally {
            swapper.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        asEvil(Map.of(), "cd '" + cache + "' && rm -f termctl.new && ln -sfn own termctl").expect(0);
        assertEquals(before, tree(cache), "the account's cache changed");
        assertEquals(victimBefore, tree(victim), "root wrote through the account's link");
    }

    // ---- finding 7: what root runs

    @Test
    void root_refuses_a_jar_java_or_jvm_flag_another_account_can_change_and_never_runs_it() throws Exception {
        Path installed = prefix.resolve("bin/termctl");
        String t = "'" + installed + "' show -f '" + term + "'";
        refused(sh(Map.of("TERMCTL_JAR", evilJar.toString()), t), "TERMCTL_JAR names " + evilJar, "belongs to " + EVIL);
        refused(sh(Map.of("JAVA_HOME", fakeJdk.toString()), t), "JAVA_HOME gives " + fakeJdk + "/bin/java",
                "belongs to " + EVIL);
        refused(sh(Map.of("PATH", fakeJdk + "/bin:/usr/bin:/bin"), "unset JAVA_HOME; " + t),
                "the java on PATH is " + fakeJdk + "/bin/java", "belongs to " + EVIL);
        for (String flag : List.of("-javaagent:" + agentJar, "-agentpath:" + home.resolve("agent.so"), "-cp " + evilJar,
                "@" + home.resolve("args"), "-XX:Flags=" + home.resolve("flags"), "-Xlog:gc:" + home.resolve("log"),
                "-Djava.security.properties=" + home.resolve("p"), "-Dtermctl.faults=ok -javaagent:" + agentJar)) {
            Run r = sh(Map.of("TERMCTL_JAVA_OPTS", flag), t);
            refused(r, "TERMCTL_JAVA_OPTS may hold only -Dtermctl.* properties", "unset TERMCTL_JAVA_OPTS");
        }
        // A root-owned jar, but in a directory others can write to (not sticky): its name can be swapped.
        Path open = Files.createDirectory(base.resolve("open"));
        Files.copy(Cli.BASEDIR.resolve("target/termctl.jar"), open.resolve("termctl.jar"));
        sh(Map.of(), "chmod 777 '" + open + "'").expect(0);
        refused(sh(Map.of("TERMCTL_JAR", open.resolve("termctl.jar").toString()), t), "can be written by others (mode 777)");
        // A clone that belongs to the account, run by root: refused, with the way out.
        Path clone = Files.createDirectories(home.resolve("clone/scripts"));
        Files.copy(Cli.LAUNCHER, clone.resolve("termctl"));
        Files.createDirectories(home.resolve("clone/target"));
        Files.copy(Cli.BASEDIR.resolve("target/termctl.jar"), home.resolve("clone/target/termctl.jar"));
        sh(Map.of(), "chown -R " + EVIL + ":" + EVIL + " '" + home.resolve("clone") + "' && chmod 755 '"
                + clone.resolve("termctl") + "'").expect(0);
        refused(sh(Map.of(), "'" + clone.resolve("termctl") + "' show -f '" + term + "'"), "belongs to " + EVIL,
                "install termctl root-owned (the Debian package, or scripts/install.sh run as root)");
        for (String kind : List.of("jar", "agent", "java")) {
            assertFalse(Files.exists(marker(kind)), "the account's " + kind + " ran as root");
        }
        // What the tests themselves pass is still allowed as root.
        Run ok = sh(Map.of("TERMCTL_JAVA_OPTS", "-Dtermctl.faults=rename=pause:1 -Xlog:disable -Xlog:gc:stderr"),
                "'" + installed + "' adopt -q -f '" + base.resolve("allowed.json") + "' --create 3");
        assertEquals(10, ok.code, ok.out);
    }

    @Test
    void root_drops_the_jvms_own_option_variables_and_runs() throws Exception {
        Path installed = prefix.resolve("bin/termctl");
        for (String variable : List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS")) {
            Run r = sh(Map.of(variable, "-javaagent:" + agentJar), "'" + installed + "' show --term-only -f '" + term + "'");
            assertEquals(0, r.code, variable + ": " + r.out);
            assertEquals("7\n", r.out, variable);
            assertFalse(Files.exists(marker("agent")), "the account's agent ran as root through " + variable);
        }
        // For an account running termctl for itself, they are its own business, and kept.
        Path userHome = Files.createDirectory(base.resolve("user-home-tool-options"));
        sh(Map.of(), "chown " + EVIL + ":" + EVIL + " '" + userHome + "'").expect(0);
        Run mine = asEvil(Map.of("HOME", userHome.toString(), "JAVA_TOOL_OPTIONS", "-javaagent:" + agentJar),
                "'" + installed + "' show --term-only -f '" + term + "'");
        assertEquals(0, mine.code, mine.out);
        assertTrue(Files.exists(marker("agent")), "JAVA_TOOL_OPTIONS is dropped for users too: " + mine.out);
        clearMarkers();
    }

    // ---- finding 15: the cache lock

    @Test
    void an_account_holding_the_cache_lock_cannot_send_root_anywhere() throws Exception {
        // A root-owned jar of its own (the archive is made stale below), as unpacked from a tarball.
        Path lib = Files.createDirectory(base.resolve("lock-install"));
        Path jar = Files.copy(Cli.BASEDIR.resolve("target/termctl.jar"), lib.resolve("termctl.jar"));
        Map<String, String> env = Map.of("TERMCTL_JAR", jar.toString(), "HOME", home.toString());
        String run = "'" + Cli.LAUNCHER + "' show --term-only -f '" + term + "'";
        sh(env, run).expect(0);
        Path archiveDir = lib.resolve("archive");
        Path archive = onlyArchive(archiveDir);
        Path lock = archiveDir.resolve(".lock");
        assertEquals("root:root 600", stat(lock), "the lock must be root's alone");

        // An older launcher's lock was 0644: the account opens it and holds it.
        Files.delete(lock);
        Files.createFile(lock);
        sh(Map.of(), "chmod 644 '" + lock + "'").expect(0);
        Process holder = startAsEvil("exec 9<'" + lock + "' && flock -s 9 && echo held && exec sleep 60");
        try {
            awaitLine(holder, "held");
            makeStale(archive, jar);
            Path trace = base.resolve("trace-lock");
            Run r = strace(trace, env, run);
            assertEquals("7\n", r.out, r.out);
            // Root replaced the lock, made its archive beside the jar, and wrote nowhere else.
            assertEquals("root:root 600", stat(lock));
            assertTrue(Files.getLastModifiedTime(onlyArchive(archiveDir)).compareTo(Files.getLastModifiedTime(jar)) >= 0,
                    "the archive was not remade");
            assertEquals(List.of(), writesOutside(trace, archiveDir), "root wrote outside its archive directory");
        } finally {
            holder.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        // The new lock cannot even be opened by the account.
        Run grab = asEvil(Map.of(), "flock -s -n '" + lock + "' true");
        assertTrue(grab.code != 0 && grab.out.contains("Permission denied"), "the account could open the lock: " + grab.out);

        // A busy lock (root's own run making the archive): root runs at once, without the archive, and
        // goes nowhere else for one.
        Process busy = start(Map.of(), "exec 9<'" + lock + "' && flock 9 && echo held && exec sleep 60");
        try {
            awaitLine(busy, "held");
            makeStale(onlyArchive(archiveDir), jar);
            Path trace = base.resolve("trace-busy");
            Run r = strace(trace, env, run);
            assertEquals("7\n", r.out, r.out);
            List<String> lines = Files.readAllLines(trace);
            assertEquals(List.of(), lines.stream().filter(l -> l.contains(home.toString())).toList(),
                    "root looked for a cache in the account's home");
            assertEquals(List.of(), writesOutside(trace, archiveDir), "root wrote outside its archive directory");
            assertEquals(List.of(), lines.stream().filter(l -> l.contains("mkdir") || l.contains("rename")).toList(),
                    "root made an archive while another run holds the lock");
            assertFalse(lines.stream().anyMatch(l -> l.contains("\"" + archive + "\"") && l.contains("open")),
                    "root used a stale archive");
        } finally {
            busy.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    // ---- issue 23: root builds a clone that only root can change

    /**
     * A fresh clone's copy as root makes one (umask 022): the launcher, install.sh, the pom, sources,
     * .mvn/jvm.config and the monitoring files, no jar; and beside it a Maven of its own, root-owned,
     * whose mvn records its arguments and environment in the clone's maven-ran and "builds" by copying
     * this build's jar and generated docs (a real build takes minutes; the newcomer stage runs one).
     */
    static Path rootClone(String name) throws Exception {
        Path clone = base.resolve(name);
        Path maven = base.resolve(name + "-maven");
        Path built = Cli.BASEDIR.resolve("target");
        sh(Map.of(), "umask 022 && mkdir -p '" + clone + "'/scripts '" + clone + "'/docs '" + clone + "'/src/main/java '"
                + clone + "'/.mvn '" + maven + "'/bin '" + maven + "'/conf '" + maven + "'/boot && touch '" + maven
                + "/boot/plexus-classworlds-2.x.jar' && cp '" + Cli.LAUNCHER + "' '"
                + Cli.BASEDIR.resolve("scripts/install.sh") + "' '" + clone + "/scripts/' && cp -r '"
                + Cli.BASEDIR.resolve("docs/monitoring") + "' '" + clone + "/docs/' && cp '" + Cli.BASEDIR.resolve("pom.xml")
                + "' '" + clone + "/' && echo 'class A {}' > '" + clone + "/src/main/java/A.java' && echo -Xmx1g > '" + clone
                + "/.mvn/jvm.config' && echo '<settings/>' > '" + maven + "/conf/settings.xml' && printf '%s\\n' '#!/bin/sh' "
                + "'{ echo \"args: $*\"; env; } > maven-ran' "
                + "'mkdir -p target && cp " + built.resolve("termctl.jar") + " target/ && cp -r " + built.resolve("generated-docs")
                + " target/' > '" + maven + "/bin/mvn' && chmod 755 '" + maven + "/bin/mvn'").expect(0);
        return clone;
    }

    /** The PATH that finds {@code clone}'s own Maven first, as a root shell's PATH would find /usr/bin/mvn. */
    static Map<String, String> withMaven(Path clone, String... more) {
        Map<String, String> env = new HashMap<>(Map.of("PATH", base.resolve(clone.getFileName() + "-maven/bin") + ":/usr/bin:/bin"));
        for (int i = 0; i < more.length; i += 2) {
            env.put(more[i], more[i + 1]);
        }
        return env;
    }

    @Test
    void root_builds_a_clone_only_root_can_change_without_the_callers_maven_environment_and_says_so() throws Exception {
        Path clone = rootClone("clone-root");
        // What a sudo rule or a login may keep: the account's HOME and Maven's own variables.
        Run r = sh(withMaven(clone, "HOME", home.toString(), "MAVEN_OPTS", "-javaagent:" + agentJar, "MAVEN_ARGS",
                "-s " + home.resolve("settings.xml"), "MAVEN_CONFIG", "-Dx=1", "MAVEN_DEBUG_OPTS", "-javaagent:" + agentJar),
                "'" + clone + "/scripts/termctl' show --term-only -f '" + term + "'");
        assertEquals(0, r.code, r.out);
        List<String> lines = r.out.lines().toList();
        assertEquals(3, lines.size(), r.out);
        assertTrue(lines.get(0).startsWith("termctl: running as root, building " + clone + "/target/termctl.jar with Maven: root "
                + "owns the clone, Maven and "), r.out);
        assertTrue(lines.get(1).matches("termctl: built " + java.util.regex.Pattern.quote(clone + "/target/termctl.jar")
                + " in \\d+ s"), r.out);
        assertEquals("7", lines.get(2));
        String rootHome = sh(Map.of(), "getent passwd 0 | cut -d: -f6").expect(0).out.strip();
        List<String> ran = Files.readAllLines(clone.resolve("maven-ran"));
        assertTrue(ran.get(0).contains("-Dmaven.repo.local=" + rootHome + "/.m2/repository") && ran.get(0).contains("package"),
                ran::toString);
        assertTrue(ran.contains("HOME=" + rootHome) && ran.contains("MAVEN_BASEDIR=" + clone), ran::toString);
        assertEquals(List.of(), ran.stream().filter(l -> l.matches("(MAVEN_OPTS|MAVEN_ARGS|MAVEN_CONFIG|MAVEN_DEBUG_OPTS)=.*")
                || l.contains(home.toString())).toList(), "the caller's Maven environment reached root's build");
        assertFalse(Files.exists(marker("agent")), "the account's agent ran as root");
        // The next run finds the jar: no build, nothing said.
        Files.delete(clone.resolve("maven-ran"));
        Run again = sh(withMaven(clone), "'" + clone + "/scripts/termctl' show --term-only -f '" + term + "'");
        assertEquals("7\n", again.out);
        assertFalse(Files.exists(clone.resolve("maven-ran")));
    }

    @Test
    void root_refuses_to_build_a_clone_or_maven_another_account_could_change_and_builds_nothing() throws Exception {
        Files.writeString(home.resolve("Evil.java"), "class Evil {}");
        sh(Map.of(), "chown " + EVIL + " '" + home.resolve("Evil.java") + "'").expect(0);
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        // what to change in a fresh root-owned clone (CLONE) or its Maven (MAVEN) -> what the refusal names
        cases.put("chown " + EVIL + " CLONE/src", "CLONE/src belongs to " + EVIL);
        cases.put("chmod g+w CLONE/pom.xml", "CLONE/pom.xml can be written by others (mode 664)");
        cases.put("chown " + EVIL + " CLONE/.mvn/jvm.config", "CLONE/.mvn/jvm.config belongs to " + EVIL);
        cases.put("mkdir -p CLONE/target/classes && chown " + EVIL + " CLONE/target/classes",
                "CLONE/target/classes belongs to " + EVIL);
        cases.put("ln -s " + home.resolve("Evil.java") + " CLONE/src/main/java/Evil.java",
                "CLONE/src/main/java/Evil.java belongs to " + EVIL);
        cases.put("chown " + EVIL + " MAVEN/conf/settings.xml", "MAVEN/conf/settings.xml belongs to " + EVIL);
        cases.put("chmod g+w MAVEN/bin", "MAVEN/bin can be written by others (mode 775)");
        // A link inside a linked directory (found only with links followed) to a root-owned file in a
        // directory of the account's, which can swap it: the directory the link leads to is checked.
        cases.put("mkdir CLONE-evil CLONE-lib && echo x > CLONE-evil/f && chown " + EVIL + " CLONE-evil && ln -s CLONE-evil/f "
                + "CLONE-lib/f && ln -s CLONE-lib CLONE/src/lib", "CLONE-evil belongs to " + EVIL);
        // A chain through the account's directory to a root-owned file: the final target is root's, but
        // the middle hop is the account's to re-point while Maven reads it: every hop's directory is checked.
        cases.put("mkdir CLONE-hop && chown " + EVIL + " CLONE-hop && ln -s /etc/hostname CLONE-hop/h && chown -h " + EVIL
                + " CLONE-hop/h && ln -s CLONE-hop/h CLONE/src/hop.txt", "CLONE-hop belongs to " + EVIL);
        // A dangling link: the account could make its target.
        cases.put("mkdir CLONE-evil && chown " + EVIL + " CLONE-evil && ln -s CLONE-evil/later CLONE/src/later",
                "CLONE-evil belongs to " + EVIL);
        // An mvn that is not in a Maven installation (a wrapper script could run anything).
        cases.put("rm -r MAVEN/boot", "MAVEN/bin/mvn is not in a Maven installation (no MAVEN/boot/plexus-classworlds-*.jar");
        int n = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path clone = rootClone("clone-refused-" + n++);
            String maven = clone + "-maven";
            sh(Map.of(), c.getKey().replace("CLONE", clone.toString()).replace("MAVEN", maven)).expect(0);
            Run r = sh(withMaven(clone), "'" + clone + "/scripts/termctl' show -f '" + term + "'");
            refused(r, "running as root, termctl does not build " + clone + "/target/termctl.jar: another account can change what "
                    + "the build reads (" + c.getValue().replace("CLONE", clone.toString()).replace("MAVEN", maven),
                    "build it as the clone's owner (mvn package), or install termctl root-owned");
            assertFalse(Files.exists(clone.resolve("maven-ran")), () -> c.getKey() + ": Maven ran");
            assertFalse(Files.exists(clone.resolve("target/termctl.jar")), c.getKey());
            assertEquals(1, r.out.lines().count(), r.out);
        }
        // Maven runs on the JDK that runs termctl (JAVA_HOME): its whole tree is checked, not only java.
        Path jdk = base.resolve("jdk-tree");
        sh(Map.of(), "umask 022 && mkdir -p '" + jdk + "/bin' '" + jdk + "/include' && cp '" + javaHome + "/bin/java' '" + jdk
                + "/bin/' && cp '" + javaHome + "/release' '" + jdk + "/' && echo '#define X' > '" + jdk + "/include/jni.h' && chown "
                + EVIL + " '" + jdk + "/include/jni.h'").expect(0);
        Path clone = rootClone("clone-refused-jdk");
        Run r = sh(withMaven(clone, "JAVA_HOME", jdk.toString()), "'" + clone + "/scripts/termctl' show -f '" + term + "'");
        refused(r, "running as root, termctl does not build " + clone + "/target/termctl.jar: another account can change what "
                + "the build reads (" + jdk + "/include/jni.h belongs to " + EVIL);
        assertFalse(Files.exists(clone.resolve("maven-ran")), r.out);
    }

    @Test
    void root_refuses_to_build_with_a_maven_repository_or_settings_another_account_can_change() throws Exception {
        assumeTrue(sh(Map.of(), "unshare -m true").code == 0, "needs unshare -m (a private mount namespace) to give root "
                + "another home; this machine's ~/.m2 is not the test's to change");
        String rootHome = sh(Map.of(), "getent passwd 0 | cut -d: -f6").expect(0).out.strip();
        Path fake = base.resolve("root-home");
        sh(Map.of(), "umask 022 && mkdir -p '" + fake + "/.m2/repository/org' && echo '<settings/>' > '" + fake
                + "/.m2/settings.xml'").expect(0);
        // Root's own home, as the JVM's user.home and Maven see it, is mounted over for this run alone.
        java.util.function.Function<Path, Run> build = clone -> {
            try {
                Map<String, String> env = withMaven(clone);
                return sh(env, "exec unshare -m bash -c " + quote("mount --bind '" + fake + "' '" + rootHome + "' && '" + clone
                        + "/scripts/termctl' show --term-only -f '" + term + "'"));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        };
        sh(Map.of(), "chown " + EVIL + " '" + fake + "/.m2/repository/org'").expect(0);
        Path clone = rootClone("clone-m2-repository");
        refused(build.apply(clone), rootHome + "/.m2/repository/org belongs to " + EVIL, "build it as the clone's owner");
        assertFalse(Files.exists(clone.resolve("maven-ran")));
        sh(Map.of(), "chown root '" + fake + "/.m2/repository/org' && chmod g+w '" + fake + "/.m2/settings.xml'").expect(0);
        clone = rootClone("clone-m2-settings");
        refused(build.apply(clone), rootHome + "/.m2/settings.xml can be written by others (mode 664)");
        assertFalse(Files.exists(clone.resolve("maven-ran")));
        // Made root's alone again, the same home builds.
        sh(Map.of(), "chmod g-w '" + fake + "/.m2/settings.xml'").expect(0);
        clone = rootClone("clone-m2-ok");
        Run ok = build.apply(clone);
        assertEquals(0, ok.code, ok.out);
        assertTrue(ok.out.endsWith("\n7\n"), ok.out);
    }

    @Test
    void install_sh_as_root_builds_a_root_owned_clone_and_refuses_another_accounts_installing_nothing() throws Exception {
        Path clone = rootClone("clone-install");
        Path prefix = base.resolve("opt-install");
        Run r = sh(withMaven(clone), "'" + clone + "/scripts/install.sh' --prefix '" + prefix + "'");
        assertEquals(0, r.code, r.out);
        assertTrue(r.out.contains("termctl: running as root, building " + clone + "/target/termctl.jar with Maven: root owns"), r.out);
        assertTrue(Files.exists(clone.resolve("maven-ran")));
        assertEquals("7\n", sh(Map.of(), "'" + prefix + "/bin/termctl' show --term-only -f '" + term + "'").out);

        Path theirs = rootClone("clone-install-refused");
        sh(Map.of(), "chown -R " + EVIL + " '" + theirs + "/src'").expect(0);
        Path nowhere = base.resolve("opt-install-refused");
        Run refused = sh(withMaven(theirs), "'" + theirs + "/scripts/install.sh' --prefix '" + nowhere + "'");
        assertEquals(1, refused.code, refused.out);
        assertTrue(refused.out.contains("running as root, termctl does not build " + theirs + "/target/termctl.jar: another account "
                + "can change what the build reads (" + theirs + "/src belongs to " + EVIL + " (mode 755))")
                && refused.out.contains("build it as the clone's owner (mvn package)")
                && refused.out.contains("install.sh: nothing was installed"), refused.out);
        assertFalse(Files.exists(theirs.resolve("maven-ran")));
        assertFalse(Files.exists(nowhere), "install.sh made its prefix");
    }

    @Test
    void install_sh_as_root_refuses_a_prebuilt_clone_another_account_can_change_before_making_its_prefix() throws Exception {
        Path built = Cli.BASEDIR.resolve("target");
        Map<String, String> cases = new java.util.LinkedHashMap<>();
        // what to change in a root-owned clone with its jar, man pages and completion scripts built -> what is named
        cases.put("chown -R " + EVIL + ":" + EVIL + " CLONE", "another account can change this launcher CLONE/scripts/termctl (CLONE belongs"
                + " to " + EVIL);
        cases.put("chown -R " + EVIL + " CLONE/target/generated-docs/man", "another account can change it (CLONE/target/"
                + "generated-docs/man belongs to " + EVIL);
        cases.put("chmod g+w CLONE/docs/monitoring/termctl-metrics", "(CLONE/docs/monitoring/termctl-metrics can be written by "
                + "others (mode 775)");
        int n = 0;
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path clone = rootClone("clone-prebuilt-" + n++);
            sh(Map.of(), "cd '" + clone + "' && mkdir target && cp '" + built.resolve("termctl.jar") + "' target/ && cp -r '"
                    + built.resolve("generated-docs") + "' target/ && " + c.getKey().replace("CLONE", clone.toString())).expect(0);
            Path nowhere = base.resolve("opt-prebuilt-" + n);
            Run r = sh(withMaven(clone), "'" + clone + "/scripts/install.sh' --prefix '" + nowhere + "'");
            refused(r, c.getValue().replace("CLONE", clone.toString()), "install from a clone that root owns",
                    "install.sh: nothing was installed");
            assertFalse(Files.exists(nowhere), c.getKey() + ": install.sh made its prefix");
            assertFalse(Files.exists(clone.resolve("maven-ran")), r.out);
        }
    }

    // ---- positive controls

    @Test
    void root_runs_a_root_owned_installation_with_its_archive() throws Exception {
        Run r = sh(Map.of("TERMCTL_JAVA_OPTS", "-Xlog:class+load=info"),
                "unset HOME XDG_CACHE_HOME; '" + prefix.resolve("bin/termctl") + "' show -f '" + term + "'");
        assertEquals(0, r.code, r.out);
        assertTrue(r.out.lines().anyMatch(l -> l.contains("dev.termctl.cli.Main ") && l.contains("shared objects file")),
                "the installation's archive was not used: " + r.out);
    }

    @Test
    void root_starts_no_program_but_java_where_bash_has_its_loadable_builtins() throws Exception {
        boolean loadables = Files.isRegularFile(Path.of("/usr/lib/bash/stat")) && Files.isRegularFile(Path.of("/usr/lib/bash/realpath"));
        Path trace = base.resolve("trace-exec-" + builtins);
        Run r = sh(Map.of(), "strace -f -qq -e trace=execve -o '" + trace + "' '" + prefix.resolve("bin/termctl") + "' show --term-only -f '"
                + term + "'");
        assertEquals(0, r.code, r.out);
        assertEquals("7\n", r.out);
        List<String> programs = Files.readAllLines(trace).stream().filter(l -> l.contains("execve(") && !l.contains(" = -1 "))
                .map(l -> l.replaceAll(".*execve\\(\"([^\"]*)\".*", "$1")).toList();
        List<String> expected = new ArrayList<>(List.of(prefix.resolve("bin/termctl").toString()));
        if (builtins.equals("off") || !loadables) {
            expected.addAll(List.of("/usr/bin/readlink", "/usr/bin/stat"));
        }
        assertTrue(!programs.isEmpty() && programs.get(programs.size() - 1).endsWith("/bin/java"), () -> "java last: " + programs);
        assertEquals(expected, programs.subList(0, programs.size() - 1), "the programs one run as root started (bash's loadables "
                + (loadables ? "installed" : "not installed: apt-get install bash-builtins") + ", TERMCTL_BASH_BUILTINS=" + builtins + ")");
    }

    @Test
    void root_follows_a_link_in_its_installation_and_refuses_one_into_another_accounts_directory() throws Exception {
        // An installation whose lib/termctl is a link: to a directory of root's it runs, to the
        // account's (holding the very jar, the account's copy) it is refused, naming the real place.
        Path top = base.resolve("linked");
        sh(Map.of(), "cp -a '" + prefix + "' '" + top + "' && rm -rf '" + top + "/lib/termctl/archive'").expect(0);
        Path roots = Files.createDirectory(base.resolve("linked-lib"));
        Path accounts = Files.createDirectory(home.resolve("linked-lib"));
        for (Path dir : List.of(roots, accounts)) {
            Files.copy(top.resolve("lib/termctl/termctl.jar"), dir.resolve("termctl.jar"));
        }
        sh(Map.of(), "chown -R " + EVIL + ":" + EVIL + " '" + accounts + "' && rm -rf '" + top + "/lib/termctl'").expect(0);
        Files.createSymbolicLink(top.resolve("lib/termctl"), roots);
        Run ok = sh(Map.of(), "'" + top.resolve("bin/termctl") + "' show --term-only -f '" + term + "'");
        assertEquals(0, ok.code, ok.out);
        assertEquals("7\n", ok.out);
        Files.delete(top.resolve("lib/termctl"));
        Files.createSymbolicLink(top.resolve("lib/termctl"), accounts);
        refused(sh(Map.of(), "'" + top.resolve("bin/termctl") + "' show --term-only -f '" + term + "'"),
                "another account can change termctl's jar " + accounts.resolve("termctl.jar"), home + " belongs to " + EVIL);
        // The launcher itself reached through the account's link: refused the same way.
        Files.copy(top.resolve("bin/termctl"), accounts.resolve("termctl"));
        sh(Map.of(), "chown " + EVIL + " '" + accounts.resolve("termctl") + "' && chmod 755 '" + accounts.resolve("termctl")
                + "' && ln -s '" + accounts.resolve("termctl") + "' '" + base.resolve("linked-launcher") + "'").expect(0);
        refused(sh(Map.of(), "'" + base.resolve("linked-launcher") + "' show --term-only -f '" + term + "'"),
                "another account can change this launcher " + accounts.resolve("termctl"), "belongs to " + EVIL);
        for (String kind : List.of("jar", "agent", "java")) {
            assertFalse(Files.exists(marker(kind)), "the account's " + kind + " ran as root");
        }
    }

    @Test
    void root_runs_no_program_the_accounts_path_entry_leads_to_and_only_a_jdk_found_where_root_alone_writes() throws Exception {
        // A root-owned program that is not java, which would leave a marker if root ran it.
        Path tools = Files.createDirectory(base.resolve("root-tools"));
        Files.writeString(tools.resolve("not-java"), "#!/bin/sh\necho ran > '" + marker("java") + "'\n");
        sh(Map.of(), "chmod 755 '" + tools.resolve("not-java") + "'").expect(0);
        // The account's directory on root's PATH: a link named java to that program, then to root's real java.
        Path bin = Files.createDirectory(home.resolve("path-bin"));
        sh(Map.of(), "chown " + EVIL + " '" + bin + "'").expect(0);
        asEvil(Map.of(), "ln -s '" + tools.resolve("not-java") + "' '" + bin + "/java'").expect(0);
        String run = "unset JAVA_HOME; '" + prefix.resolve("bin/termctl") + "' show --term-only -f '" + term + "' </dev/null";
        refused(sh(Map.of("PATH", bin + ":/usr/bin:/bin"), run), "which is not a JDK's bin/java", tools.resolve("not-java").toString());
        asEvil(Map.of(), "ln -sfn '" + Path.of(javaHome).toRealPath() + "/bin/java' '" + bin + "/java'").expect(0);
        refused(sh(Map.of("PATH", bin + ":/usr/bin:/bin"), run), "the java on PATH is " + bin + "/java, found through " + bin
                + "/java, which another account can change", bin + "/java belongs to " + EVIL);
        // The account's link to root's JDK bin/ as the PATH entry, or to root's JDK as JAVA_HOME: what
        // runs would be the account's choice among root's JDKs.
        asEvil(Map.of(), "ln -s '" + Path.of(javaHome).toRealPath() + "/bin' '" + home + "/jbin' && ln -s '"
                + Path.of(javaHome).toRealPath() + "' '" + home + "/jdk-link'").expect(0);
        refused(sh(Map.of("PATH", home + "/jbin:/usr/bin:/bin"), run), "the java on PATH is " + home + "/jbin/java, found through "
                + home + "/jbin,", home + "/jbin belongs to " + EVIL);
        refused(sh(Map.of("JAVA_HOME", home + "/jdk-link"), "'" + prefix.resolve("bin/termctl") + "' show --term-only -f '" + term + "'"),
                "JAVA_HOME gives " + home + "/jdk-link/bin/java, reached through " + home + "/jdk-link,", home + "/jdk-link belongs to " + EVIL);
        // The same links made root's, in the account's directory: refused for the directory they are in.
        sh(Map.of(), "chown -h root:root '" + home + "/jbin' '" + home + "/jdk-link'").expect(0);
        refused(sh(Map.of("PATH", home + "/jbin:/usr/bin:/bin"), run), "found through " + home + "/jbin,", home + " belongs to " + EVIL);
        // The same link in a directory only root can write: runs.
        Path rootBin = Files.createDirectory(base.resolve("root-bin"));
        Files.createSymbolicLink(rootBin.resolve("java"), Path.of(javaHome).toRealPath().resolve("bin/java"));
        Run ok = sh(Map.of("PATH", rootBin + ":/usr/bin:/bin"), run);
        assertEquals(0, ok.code, ok.out);
        assertEquals("7\n", ok.out);
        assertFalse(Files.exists(marker("java")), "root ran the program the account's link chose");
    }

    @Test
    void root_refuses_a_colon_in_the_jars_name_which_the_jvm_would_split_into_the_accounts_jar() throws Exception {
        // An installation under a name with a ':'; `-cp /x/tc:evil/lib/...` would be two entries, the
        // second relative to the current directory: the account's home, holding its jar there.
        Path top = base.resolve("tc:evil");
        sh(Map.of(), "cp -a '" + prefix + "' '" + top + "'").expect(0);
        Path planted = Files.createDirectories(home.resolve("evil/lib/termctl"));
        Files.copy(evilJar, planted.resolve("termctl.jar"));
        sh(Map.of(), "chown -R " + EVIL + ":" + EVIL + " '" + home.resolve("evil") + "'").expect(0);
        Run r = sh(Map.of(), "cd '" + home + "' && '" + top.resolve("bin/termctl") + "' show --term-only -f '" + term + "'");
        refused(r, "has a ':' in its name", "install termctl where no directory name holds a ':'");
        assertFalse(Files.exists(marker("jar")), "the account's jar ran as root");
    }

    @Test
    void a_colon_in_the_jdks_name_is_refused_before_java_runs_as_root_and_as_a_user() throws Exception {
        // The JVM would split the library path it makes from its own place at the ':', part of it
        // then relative to the current directory (the account's, holding its libjimage.so).
        Path jdk = Files.createDirectories(base.resolve("jdk:17/bin")).getParent();
        Files.writeString(jdk.resolve("release"), "JAVA_VERSION=\"17.0.9\"\n");
        Files.writeString(jdk.resolve("bin/java"), "#!/bin/sh\necho ran > '" + marker("java") + "'\n");
        sh(Map.of(), "chmod 755 '" + jdk.resolve("bin/java") + "'").expect(0);
        String run = "cd '" + home + "' && '" + prefix.resolve("bin/termctl") + "' show --term-only -f '" + term + "'";
        refused(sh(Map.of("JAVA_HOME", jdk.toString()), run), "whose name holds a ':'", "use a JDK where no directory name holds a ':'");
        refused(asEvil(Map.of("JAVA_HOME", jdk.toString()), run), "whose name holds a ':'");
        assertFalse(Files.exists(marker("java")), "java in a directory with a ':' ran");
    }

    @Test
    void root_words_its_refusals_without_the_control_characters_of_a_name_the_account_chose() throws Exception {
        // The account's link on PATH leads to its java under a name holding a terminal escape.
        Path bin = Files.createDirectory(home.resolve("escape-bin"));
        Path odd = Files.createDirectory(bin.resolve("x\u001b]0;owned\u0007"));
        Files.writeString(odd.resolve("java"), "#!/bin/sh\necho ran > '" + marker("java") + "'\n");
        Files.createSymbolicLink(bin.resolve("java"), odd.resolve("java"));
        sh(Map.of(), "chmod 755 '" + odd.resolve("java") + "' && chown -hR " + EVIL + ":" + EVIL + " '" + bin + "'").expect(0);
        Run r = sh(Map.of("PATH", bin + ":/usr/bin:/bin"), "unset JAVA_HOME; '" + prefix.resolve("bin/termctl") + "' show -f '" + term + "'");
        assertEquals(69, r.code, r.out);
        assertFalse(r.out.chars().anyMatch(c -> c < 0x20 && c != '\n'), () -> "a control character reached the terminal: " + r.out);
        assertEquals(1, r.out.lines().count(), r.out);
        assertTrue(r.out.contains("x?]0;owned?/java"), r.out);
        assertFalse(Files.exists(marker("java")), "the account's java ran as root");
    }

    @Test
    void a_tilde_on_path_is_the_home_directory_as_bash_has_it_not_a_directory_named_tilde_here() throws Exception {
        Path tildeHome = Files.createDirectories(base.resolve("tilde-home/bin")).getParent();
        Files.createSymbolicLink(tildeHome.resolve("bin/java"), Path.of(javaHome).toRealPath().resolve("bin/java"));
        Path here = Files.createDirectories(base.resolve("tilde-cwd/~/bin")).getParent().getParent();
        Files.writeString(here.resolve("~/bin/java"), "#!/bin/sh\necho ran > '" + marker("java") + "'\n");
        sh(Map.of(), "chmod 755 '" + here.resolve("~/bin/java") + "'").expect(0);
        Run r = sh(Map.of("HOME", tildeHome.toString(), "PATH", "~/bin:/usr/bin:/bin"), "unset JAVA_HOME; cd '" + here + "' && '"
                + prefix.resolve("bin/termctl") + "' show --term-only -f '" + term + "'");
        assertEquals(0, r.code, r.out);
        assertEquals("7\n", r.out);
        assertFalse(Files.exists(marker("java")), "the launcher ran ./~/bin/java");
    }

    @Test
    void a_tmout_in_roots_environment_changes_nothing() throws Exception {
        Run r = sh(Map.of("TMOUT", "0.000001"), "'" + prefix.resolve("bin/termctl") + "' show --term-only -f '" + term + "'");
        assertEquals(0, r.code, r.out);
        assertEquals("7\n", r.out);
    }

    @Test
    void a_user_still_gets_a_private_archive_in_their_own_cache() throws Exception {
        Path userHome = Files.createDirectory(base.resolve("user-home"));
        sh(Map.of(), "chown " + EVIL + ":" + EVIL + " '" + userHome + "'").expect(0);
        // A root-owned jar with no installation archive beside it.
        Path lib = Files.createDirectory(base.resolve("user-jar"));
        Path jar = Files.copy(Cli.BASEDIR.resolve("target/termctl.jar"), lib.resolve("termctl.jar"));
        sh(Map.of(), "chmod 755 '" + lib + "'").expect(0);
        Map<String, String> env = Map.of("HOME", userHome.toString(), "TERMCTL_JAR", jar.toString());
        asEvil(env, "'" + Cli.LAUNCHER + "' show -f '" + term + "'").expect(0);
        Path cache = userHome.resolve(".cache/termctl");
        assertEquals(EVIL + ":" + EVIL + " 700", stat(cache));
        Path archive = onlyArchive(cache);
        assertTrue(stat(archive).startsWith(EVIL + ":" + EVIL + " "), stat(archive));
        Map<String, String> logged = new HashMap<>(env);
        logged.put("TERMCTL_JAVA_OPTS", "-Xlog:class+load=info");
        Run r = asEvil(logged, "'" + Cli.LAUNCHER + "' show -f '" + term + "'");
        assertTrue(r.out.lines().anyMatch(l -> l.contains("dev.termctl.cli.Main ") && l.contains("shared objects file")),
                "the user's own archive was not used: " + r.out);
        assertFalse(Files.exists(lib.resolve("archive")), "a user made an installation archive");
    }

    // ---- helpers

    static Path marker(String kind) {
        return home.resolve("marker-" + kind);
    }

    static void clearMarkers() throws IOException {
        for (String kind : List.of("jar", "agent", "java")) {
            Files.deleteIfExists(marker(kind));
        }
    }

    private static void refused(Run r, String... says) {
        assertEquals(69, r.code, r.out);
        for (String s : says) {
            assertTrue(r.out.contains(s), () -> "expected '" + s + "' in: " + r.out);
        }
    }

    private static void makeStale(Path archive, Path jar) throws IOException {
        Files.setLastModifiedTime(archive, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 60_000));
    }

    private static Path onlyArchive(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> found = s.filter(p -> p.toString().endsWith(".jsa") || p.toString().endsWith(".aot")).toList();
            assertEquals(1, found.size(), () -> dir + ": " + found);
            return found.get(0);
        }
    }

    private static final java.util.regex.Pattern NAMED = java.util.regex.Pattern.compile(
            "(?:\\d+|AT_FDCWD)<([^>]*)>, \"([^\"]*)\"|\\(\"([^\"]*)\"");

    /**
     * Lines of the trace (strace -y) that create, write, rename, link, remove or chmod something
     * outside {@code dir} (and /dev, and the JVM's own /proc/self/coredump_filter): every name in the call, made absolute from its directory's fd.
     */
    private static List<String> writesOutside(Path trace, Path dir) throws IOException {
        List<String> out = new ArrayList<>();
        for (String l : Files.readAllLines(trace)) {
            boolean open = l.contains("open");
            boolean writes = !open || l.contains("O_WRONLY") || l.contains("O_RDWR") || l.contains("O_CREAT");
            if (!writes || l.contains(" = -1 ")) {
                continue;
            }
            var m = NAMED.matcher(l);
            while (m.find()) {
                String name = m.group(3) != null ? m.group(3) : m.group(2);
                String from = m.group(1) != null ? m.group(1) : base.toString();
                String path = name.startsWith("/") ? name : from + "/" + name;
                if (!path.startsWith(dir + "/") && !path.equals(dir.toString()) && !path.startsWith("/dev/")
                        && !path.startsWith("/proc/self/")) {
                    out.add(l);
                    break;
                }
            }
        }
        return out;
    }

    private static List<String> tree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.map(p -> {
                try {
                    return root.relativize(p) + " " + Files.getAttribute(p, "unix:uid", java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            + " " + Files.size(p);
                } catch (IOException e) {
                    return root.relativize(p) + " ?";
                }
            }).sorted().toList();
        }
    }

    private static String stat(Path p) throws Exception {
        return sh(Map.of(), "stat -c '%U:%G %a' '" + p + "'").expect(0).out.trim();
    }

    /** A jar holding one class compiled from {@code source}, with a Premain-Class if {@code agent} is set. */
    private static Path jar(Path jar, String className, String source, String agent) throws Exception {
        Path src = Files.createTempDirectory(base, "src");
        Path java = src.resolve(className.substring(className.lastIndexOf('.') + 1) + ".java");
        Files.writeString(java, source);
        Path classes = Files.createDirectory(src.resolve("classes"));
        int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, "--release", "17", "-d", classes.toString(),
                java.toString());
        assertEquals(0, rc, "javac " + java);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        if (agent != null) {
            manifest.getMainAttributes().put(new Attributes.Name("Premain-Class"), agent);
        }
        String entry = className.replace('.', '/') + ".class";
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(out, manifest)) {
            j.putNextEntry(new JarEntry(entry));
            j.write(Files.readAllBytes(classes.resolve(entry)));
            j.closeEntry();
        }
        return jar;
    }

    record Run(int code, String out) {
        Run expect(int expected) {
            assertEquals(expected, code, out);
            return this;
        }
    }

    /** bash -c SCRIPT as root, from the class's directory, with {@code env} added; stdout and stderr together. */
    static Run sh(Map<String, String> env, String script) throws Exception {
        Process p = start(env, script);
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), script);
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    /** The same as the account, through setpriv (as sudo -u does). */
    static Run asEvil(Map<String, String> env, String script) throws Exception {
        return sh(env, "exec setpriv --reuid=" + EVIL + " --regid=" + EVIL + " --init-groups -- bash -c " + quote(script));
    }

    static Process startAsEvil(String script) {
        return start(Map.of(), "exec setpriv --reuid=" + EVIL + " --regid=" + EVIL + " --init-groups -- bash -c " + quote(script));
    }

    /** {@code script} as root under strace, following children, recording what it opens, makes or renames. */
    static Run strace(Path trace, Map<String, String> env, String script) throws Exception {
        return sh(env, "strace -f -qq -y --seccomp-bpf -e trace=" + String.join(",", TOUCHING) + " -o '" + trace + "' bash -c "
                + quote(script));
    }

    static Process start(Map<String, String> env, String script) {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        if (base != null) {
            pb.directory(base.toFile());
        }
        pb.environment().remove("XDG_CACHE_HOME");
        pb.environment().remove("TERMCTL_FILE");
        pb.environment().put("TERMCTL_BASH_BUILTINS", builtins);
        pb.environment().putAll(env);
        try {
            return pb.start();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Waits until {@code p} prints {@code line}: it then holds what it was started to hold. */
    static void awaitLine(Process p, String line) throws IOException {
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        String got = in.readLine();
        assertEquals(line, got, "the helper process did not start");
    }

    static String quote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
