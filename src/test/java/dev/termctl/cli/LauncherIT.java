package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termctl.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.io.TempDir;

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
}
