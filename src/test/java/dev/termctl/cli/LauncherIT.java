package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termctl.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** The launcher's own checks: it refuses a Java older than 17 and honours JAVA_HOME. */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class LauncherIT {
    @TempDir
    Path dir;

    private Path fakeJdk(String version) throws Exception {
        Path home = Files.createDirectories(dir.resolve("jdk-" + version));
        Path bin = Files.createDirectories(home.resolve("bin"));
        Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
        Path java = Files.writeString(bin.resolve("java"), "#!/bin/sh\necho fake java ran >&2\nexit 99\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return home;
    }

    @Test
    void a_java_older_than_17_is_refused_with_exit_69_and_a_remedy() throws Exception {
        for (String old : new String[] {"11.0.2", "1.8.0_392"}) {
            Cli.Result r = new Cli().env("JAVA_HOME", fakeJdk(old).toString()).run("--version").expect(69);
            assertTrue(r.err().contains("needs Java 17 or newer") && r.err().contains("JAVA_HOME"), r.toString());
            assertTrue(!r.err().contains("fake java ran"), "the old java must not be started: " + r);
        }
    }

    @Test
    void java_home_chooses_the_runtime() throws Exception {
        Cli.Result r = new Cli().env("JAVA_HOME", fakeJdk("21.0.1").toString()).run("--version");
        assertEquals(99, r.code(), r.toString());
        assertTrue(r.err().contains("fake java ran"), r.toString());
    }

    @Test
    void the_first_run_build_writes_plain_text_into_a_log_whatever_maven_prints() throws Exception {
        // A fresh clone (launcher and pom.xml, no jar) and a Maven that colours its output as 3.8 does
        // even in batch mode: the build's log must hold no ESC byte, and the build's status decides.
        Path clone = Files.createDirectories(dir.resolve("clone/scripts"));
        Files.copy(Cli.LAUNCHER, clone.resolve("termctl"));
        Files.writeString(dir.resolve("clone/pom.xml"), "<project/>\n");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\nprintf '\\033[0m\\033[1m[INFO] built\\033[m\\033[0m\\n'\n"
                + "mkdir -p target && cp '" + Cli.BASEDIR.resolve("target/termctl.jar") + "' target/termctl.jar\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.setPosixFilePermissions(clone.resolve("termctl"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path account = dir;
        ProcessBuilder pb = new ProcessBuilder(Cli.root()
                ? java.util.List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", clone.resolve("termctl").toString(), "--version")
                : java.util.List.of(clone.resolve("termctl").toString(), "--version"));
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("XDG_CACHE_HOME", dir.resolve("cache").toString());
        if (Cli.root()) {
            new ProcessBuilder("chown", "-R", "65534:65534", account.toString()).inheritIO().start().waitFor();
            account.toFile().setExecutable(true, false);
        }
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] err = p.getErrorStream().readAllBytes();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), () -> out + new String(err));
        String log = new String(err, java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(log.contains("[INFO] built"), log);
        assertTrue(log.indexOf('\u001b') < 0, () -> "ESC in the build's log: " + log.replace("\u001b", "<ESC>"));
        // A failed build is the launcher's 69, with the build's words.
        Files.writeString(mvn, "#!/bin/sh\nprintf '\\033[1;31m[ERROR] broken\\033[m\\n'\nexit 1\n");
        Files.delete(dir.resolve("clone/target/termctl.jar"));
        Process failed = pb.start();
        failed.getOutputStream().close();
        String failedLog = new String(failed.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(69, failed.waitFor(), failedLog);
        assertTrue(failedLog.contains("[ERROR] broken") && failedLog.indexOf('\u001b') < 0, failedLog);
    }
    @Test
    void the_first_run_build_shows_mavens_progress_on_a_terminal_and_a_start_and_an_end_line_in_a_log() throws Exception {
        // A fresh clone and a Maven that, like the real one, prints its download progress unless -q.
        Path clone = Files.createDirectories(dir.resolve("clone/scripts"));
        Files.copy(Cli.LAUNCHER, clone.resolve("termctl"));
        Files.setPosixFilePermissions(clone.resolve("termctl"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve("clone/pom.xml"), "<project/>\n");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path mvn = Files.writeString(bin.resolve("mvn"), "#!/bin/sh\ncase \" $* \" in *\" -q \"*) ;; *) "
                + "printf 'Downloading from central: plexus.jar\\nProgress (1): 16/43 kB\\r\\033[1mProgress (1): 43 kB\\033[m\\n' ;; esac\n"
                + "mkdir -p target && cp '" + Cli.BASEDIR.resolve("target/termctl.jar") + "' target/termctl.jar\n");
        Files.setPosixFilePermissions(mvn, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path jar = dir.resolve("clone/target/termctl.jar");
        java.util.List<String> as = new java.util.ArrayList<>();
        if (Cli.root()) {
            // As root the launcher builds only a root-owned clone with a root-owned Maven: this is about
            // what a build shows, so it runs as an account (nobody).
            new ProcessBuilder("chown", "-R", "65534:65534", dir.toString()).inheritIO().start().waitFor();
            as.addAll(java.util.List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
        }
        String path = bin + ":" + System.getenv("PATH");
        String cache = dir.resolve("cache").toString();

        // A log (stderr a pipe): the start line and the end line, nothing between, no escape byte.
        java.util.List<String> command = new java.util.ArrayList<>(as);
        command.addAll(java.util.List.of(clone.resolve("termctl").toString(), "--version"));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("PATH", path);
        pb.environment().put("XDG_CACHE_HOME", cache);
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        p.getInputStream().readAllBytes();
        assertEquals(0, p.waitFor(), err);
        java.util.List<String> lines = err.lines().toList();
        assertEquals(2, lines.size(), err);
        assertTrue(lines.get(0).startsWith("termctl: building " + jar + " with Maven (first run"), err);
        assertTrue(lines.get(1).matches("termctl: built " + java.util.regex.Pattern.quote(jar.toString()) + " in \\d+ s"), err);
        assertTrue(err.indexOf('\u001b') < 0, err);

        // A terminal (script(1)): Maven's own progress between the two.
        Files.delete(jar);
        StringBuilder line = new StringBuilder();
        for (String word : command) {
            line.append(" '").append(word.replace("'", "'\\''")).append("'");
        }
        ProcessBuilder tty = new ProcessBuilder("script", "-qec", "PATH='" + path + "' XDG_CACHE_HOME='" + cache + "'" + line,
                "/dev/null").redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        Process t;
        try {
            t = tty.start();
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "script(1) is not installed: cannot give the launcher a terminal");
            return;
        }
        String screen = new String(t.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, t.waitFor(), screen);
        assertTrue(screen.contains("termctl: building " + jar + " with Maven (first run)...")
                && screen.contains("Downloading from central: plexus.jar") && screen.contains("Progress (1): 16/43 kB")
                && screen.contains("termctl: built " + jar + " in "), screen);
        assertTrue(screen.indexOf("Progress (1)") < screen.indexOf("termctl: built "), screen);
    }
}
