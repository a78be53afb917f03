package dev.termctl.reliability;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.termctl.testing.Cli;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Real file systems that say no: a full disk and a read-only mount, on a small tmpfs. Needs root
 * and permission to mount; where the machine does not allow it the tests are skipped, with the
 * reason in the report.
 */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class FileSystemIT {
    private static final byte[] OLD = "{\"term\":5}".getBytes(StandardCharsets.US_ASCII);

    @TempDir
    Path dir;

    private Path mount;

    private static int sh(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor();
    }

    private Path mountTmpfs(String size) throws Exception {
        mount = Files.createDirectory(dir.resolve("fs"));
        int rc;
        try {
            rc = sh("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", mount.toString());
        } catch (IOException e) {
            rc = -1;
        }
        assumeTrue(rc == 0, "cannot mount a tmpfs here (needs root and CAP_SYS_ADMIN): disk-full and read-only "
                + "file-system tests skipped; the injected faults in FaultInjectionTest cover the same paths");
        return mount;
    }

    @AfterEach
    void unmount() throws Exception {
        if (mount != null) {
            sh("umount", mount.toString());
        }
    }

    private static List<String> listing(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void a_full_disk_is_an_io_error_and_the_old_term_stays() throws Exception {
        Path fs = mountTmpfs("64k");
        Path file = Files.write(fs.resolve("term.json"), OLD);
        Files.createFile(fs.resolve("term.json.lock"));
        try (OutputStream fill = Files.newOutputStream(fs.resolve("filler"))) {
            byte[] block = new byte[4096];
            while (true) {
                fill.write(block);
            }
        } catch (IOException full) {
            // The file system is full now.
        }
        Cli.Result r = new Cli().run("adopt", "-f", file.toString(), "9").expect(74);
        assertTrue(r.err().toLowerCase().contains("no space left"), r.toString());
        assertArrayEquals(OLD, Files.readAllBytes(file));
        assertEquals(List.of("filler", "term.json", "term.json.lock"), listing(fs), "a temp file was left behind");
        Files.delete(fs.resolve("filler"));
        new Cli().run("adopt", "-f", file.toString(), "9").expect(10);
        Figures.record("FileSystemIT", "disk-full writes refused", 1);
    }

    @Test
    void a_read_only_file_system_is_an_io_error_and_reads_still_work() throws Exception {
        Path fs = mountTmpfs("64k");
        Path file = Files.write(fs.resolve("term.json"), OLD);
        assumeTrue(sh("mount", "-o", "remount,ro", fs.toString()) == 0, "cannot remount read-only here");
        Cli cli = new Cli();
        Cli.Result r = cli.run("adopt", "-f", file.toString(), "9").expect(74);
        assertTrue(r.err().toLowerCase().contains("read-only file system"), r.toString());
        cli.run("show", "-f", file.toString()).expect(0);
        cli.run("admit-handshake", "-f", file.toString(), "5").expect(0);
        assertArrayEquals(OLD, Files.readAllBytes(file));
        Figures.record("FileSystemIT", "read-only writes refused", 1);
    }
}
