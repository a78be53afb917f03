package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termctl.testing.Cli;
import dev.termctl.testing.DocText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The temp file a write makes is named as docs/files.md says (marked temp-name): a write paused
 * just before its rename shows the file it made, and its name must fit the doc's form with FILE,
 * PID and TIME filled in. No doc or man page gives another form.
 */
@Execution(ExecutionMode.CONCURRENT) // shares nothing with other classes: runs beside them (pom.xml)
class TempNameIT {
    @TempDir
    Path dir;

    /** The forms the doc gives, in its order: the usual one, then the one for long names. */
    private static List<String> documentedForms() {
        List<String> forms = new ArrayList<>();
        Matcher m = Pattern.compile("`(\\.[A-Za-z.-]*termctl-[A-Z-]*\\.tmp)`").matcher(DocText.section(DocText.doc("files.md"), "temp-name"));
        while (m.find()) {
            forms.add(m.group(1));
        }
        return forms;
    }

    /** The doc's form as a pattern for the temp file of {@code name} written by process {@code pid}. */
    private static String pattern(String form, String name, long pid) {
        CRC32 crc = new CRC32();
        crc.update(name.getBytes(StandardCharsets.UTF_8));
        return Pattern.quote(form).replace("FILE", "\\E" + Pattern.quote(name) + "\\Q")
                .replace("PID", "\\E" + pid + "\\Q").replace("TIME", "\\E[0-9]+\\Q")
                .replace("CRC", "\\E" + Long.toHexString(crc.getValue()) + "\\Q");
    }

    /** The temp file of a write of {@code name}, paused before its rename, and the writer's pid. */
    private String tempOfPausedWrite(String name) throws Exception {
        Path term = Files.writeString(dir.resolve(name), "{\"term\":7}");
        try (Cli.Running run = new Cli().pausedAt("rename", "adopt", "--no-journal", "-f", term.toString(), "9")) {
            List<String> temps;
            try (Stream<Path> s = Files.list(dir)) {
                temps = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList();
            }
            assertEquals(1, temps.size(), temps::toString);
            run.resume().expect(10);
            return run.pid() + "/" + temps.get(0);
        }
    }

    @Test
    void a_write_names_its_temp_file_as_the_doc_says_for_usual_and_long_names() throws Exception {
        List<String> forms = documentedForms();
        assertEquals(List.of(".FILE.termctl-PID-TIME.tmp", ".termctl-CRC-PID-TIME.tmp"), forms,
                "docs/files.md's temp names (marked temp-name)");
        String usual = tempOfPausedWrite("term.json");
        long pid = Long.parseLong(usual.substring(0, usual.indexOf('/')));
        String made = usual.substring(usual.indexOf('/') + 1);
        assertTrue(made.matches(pattern(forms.get(0), "term.json", pid)), made + " is not " + forms.get(0));

        String longName = "n".repeat(200) + ".json"; // too long for .NAME.termctl-PID-TIME.tmp within 255 bytes
        String long_ = tempOfPausedWrite(longName);
        long pid2 = Long.parseLong(long_.substring(0, long_.indexOf('/')));
        String made2 = long_.substring(long_.indexOf('/') + 1);
        assertTrue(made2.matches(pattern(forms.get(1), longName, pid2)), made2 + " is not " + forms.get(1));
    }

    @Test
    void no_doc_or_man_page_gives_another_temp_name() throws Exception {
        for (Path f : DocText.markdown()) {
            assertFalse(DocText.read(f).contains("-PID-N"), () -> f + " gives the old temp name .FILE.termctl-PID-N.tmp");
        }
        try (Stream<Path> pages = Files.list(Cli.BASEDIR.resolve("target/generated-docs/man"))) {
            for (Path page : pages.toList()) {
                assertFalse(DocText.read(page).contains("PID \\- N"), () -> page + " gives the old temp name");
            }
        }
        String man = DocText.read(Cli.BASEDIR.resolve("target/generated-docs/man/termctl.1"));
        assertTrue(man.contains(".IB .FILE .termctl\\- PID \\- TIME .tmp"), "termctl.1's FILES names the temp file as the code does");
    }
}
