package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.termctl.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The launcher's class-data archive (JDK 17-24) or AOT cache (JDK 25+): made when missing, used
 * when fresh, remade when stale, and never able to break a run. Runs on the JDK running the tests.
 * A user's archives live in their cache; root's beside the jar (archive/), never in a cache.
 */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class ArchiveIT {
    @TempDir
    Path dir;

    private Path cache;
    private Path jar;
    private Path term;

    @BeforeEach
    void setUp() throws Exception {
        cache = dir.resolve("cache");
        // A private copy of the jar, so that touching it does not disturb other tests.
        jar = Files.copy(Cli.BASEDIR.resolve("target/termctl.jar"), dir.resolve("termctl.jar"));
        term = Files.writeString(dir.resolve("term.json"), "{\"term\":7}");
    }

    private Cli cli(String javaHome) {
        return new Cli().env("XDG_CACHE_HOME", cache.toString()).env("TERMCTL_JAR", jar.toString())
                .env("JAVA_HOME", javaHome);
    }

    private Cli cli() {
        return cli(System.getProperty("java.home"));
    }

    private static final boolean ROOT = isRoot();

    private static boolean isRoot() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        } catch (java.io.IOException e) {
            return false;
        }
    }

    /** Where the launcher keeps this jar's archives for the account running the tests. */
    private Path archiveDir() {
        return ROOT ? dir.resolve("archive") : cache.resolve("termctl");
    }

    private List<Path> archives() throws Exception {
        if (!Files.isDirectory(archiveDir())) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(archiveDir())) {
            return s.filter(p -> p.toString().endsWith(".jsa") || p.toString().endsWith(".aot")).sorted().toList();
        }
    }

    private Path onlyArchive() throws Exception {
        List<Path> all = archives();
        assertEquals(1, all.size(), () -> "archives: " + all);
        return all.get(0);
    }

    /** True when the run loaded termctl's own classes from the archive. */
    private boolean usedArchive(Cli cli) {
        Cli.Result r = cli.env("TERMCTL_JAVA_OPTS", "-Xlog:class+load=info").run("show", "-f", term.toString()).expect(0);
        return r.out().lines().anyMatch(l -> l.contains("dev.termctl.cli.Main ") && l.contains("shared objects file"));
    }

    @Test
    void a_missing_archive_is_made_by_the_first_run_and_used_by_the_next() throws Exception {
        assertEquals(List.of(), archives());
        Cli.Result first = cli().run("show", "-f", term.toString()).expect(0);
        assertEquals(term + ": term 7", first.out().lines().findFirst().orElse(""));
        assertEquals("", first.err());
        String ext = Runtime.version().feature() >= 25 ? ".aot" : ".jsa";
        assertTrue(onlyArchive().toString().endsWith(ext), () -> "expected a " + ext + " archive");
        assertTrue(usedArchive(cli()), "the second run must load termctl from the archive");
    }

    @Test
    void a_stale_archive_is_remade_when_the_jar_changes() throws Exception {
        cli().run("show", "-f", term.toString()).expect(0);
        Path archive = onlyArchive();
        // Times relative to the archive's own: the jar is newer than the archive, both in the past, so
        // the outcome does not depend on the clock or on how long anything took.
        long made = Files.getLastModifiedTime(archive).toMillis();
        FileTime old = FileTime.fromMillis(made - 3_600_000);
        Files.setLastModifiedTime(archive, old);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(made - 60_000));
        cli().run("show", "-f", term.toString()).expect(0);
        assertTrue(Files.getLastModifiedTime(onlyArchive()).compareTo(old) > 0, "the stale archive was not remade");
        assertTrue(usedArchive(cli()));
    }

    @Test
    void the_training_run_touches_neither_the_callers_journal_nor_its_term_file() throws Exception {
        // The operator's environment, as the README documents it: a shared journal and a default file.
        Path journal = dir.resolve("ops.journal");
        Path other = Files.writeString(dir.resolve("other.json"), "{\"term\":2}");
        cli().env("TERMCTL_CDS", "off").run("adopt", "-q", "--journal", journal.toString(), "-f", other.toString(), "3")
                .expect(10);
        byte[] journalBefore = Files.readAllBytes(journal);
        byte[] otherBefore = Files.readAllBytes(other);
        Cli operator = cli().env("TERMCTL_JOURNAL", journal.toString()).env("TERMCTL_FILE", other.toString())
                .env("JAVA_TOOL_OPTIONS", "-Dtermctl.planted=1");
        // A missing archive is made, then a stale one remade: two training runs with that environment.
        operator.run("show", "-f", term.toString()).expect(0);
        Path archive = onlyArchive();
        long made = Files.getLastModifiedTime(archive).toMillis();
        FileTime old = FileTime.fromMillis(made - 3_600_000);
        Files.setLastModifiedTime(archive, old);
        Files.setLastModifiedTime(jar, FileTime.fromMillis(made - 60_000));
        operator.run("show", "-f", term.toString()).expect(0);
        assertTrue(Files.getLastModifiedTime(onlyArchive()).compareTo(old) > 0, "the stale archive was not remade");
        assertTrue(usedArchive(cli()), "the archive trained in an empty environment must still be used");
        assertEquals(new String(journalBefore, java.nio.charset.StandardCharsets.UTF_8),
                new String(Files.readAllBytes(journal), java.nio.charset.StandardCharsets.UTF_8), "the journal changed");
        assertTrue(java.util.Arrays.equals(otherBefore, Files.readAllBytes(other)), "TERMCTL_FILE's file changed");
        // Nothing of the training is left beside the archive, and nothing was made in the caller's directory.
        try (Stream<Path> left = Files.list(archiveDir())) {
            List<String> names = left.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".train")).toList();
            assertEquals(List.of(), names);
        }
    }

    @Test
    void a_damaged_archive_only_slows_the_run() throws Exception {
        cli().run("show", "-f", term.toString()).expect(0);
        Path archive = onlyArchive();
        archive.toFile().setWritable(true);
        Files.write(archive, new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        Cli.Result r = cli().run("show", "--json", "-f", term.toString()).expect(0);
        assertEquals(term.toString(), r.json().get("file").asText());
        assertEquals(7, r.json().get("term").asInt());
        assertEquals("", r.err());
        cli().run("adopt", "-f", term.toString(), "8").expect(10);
    }

    @Test
    void no_archive_when_disabled_or_when_the_cache_is_not_writable() throws Exception {
        cli().env("TERMCTL_CDS", "off").run("show", "-f", term.toString()).expect(0);
        assertEquals(List.of(), archives());
        Files.writeString(ROOT ? archiveDir() : cache, "a file where the cache directory should be");
        Cli.Result r = cli().run("show", "-f", term.toString()).expect(0);
        assertEquals("", r.err());
    }

    @Test
    void each_jdk_gets_its_own_archive() throws Exception {
        Path other = otherJdk();
        assumeTrue(other != null, "no second JDK (17 and 25+) under /usr/lib/jvm to compare with");
        cli().run("show", "-f", term.toString()).expect(0);
        cli(other.toString()).run("show", "-f", term.toString()).expect(0);
        List<Path> all = archives();
        assertEquals(2, all.size(), () -> "archives: " + all);
        assertTrue(usedArchive(cli()));
        assertTrue(usedArchive(cli(other.toString())));
    }

    /** A JDK of the other archive kind than the one running the tests, if one is installed. */
    private static Path otherJdk() throws Exception {
        boolean modern = Runtime.version().feature() >= 25;
        try (Stream<Path> homes = Files.list(Path.of("/usr/lib/jvm"))) {
            for (Path home : homes.sorted().toList()) {
                Path release = home.resolve("release");
                if (!Files.isRegularFile(release) || !Files.isExecutable(home.resolve("bin/java"))) {
                    continue;
                }
                String text = Files.readString(release);
                int at = text.indexOf("JAVA_VERSION=\"");
                if (at < 0) {
                    continue;
                }
                String v = text.substring(at + 14, text.indexOf('"', at + 14));
                int major = Integer.parseInt(v.split("[.]")[0]);
                if (major >= 17 && (major >= 25) != modern) {
                    return home;
                }
            }
        } catch (java.nio.file.NoSuchFileException e) {
            return null;
        }
        return null;
    }
}
