package dev.termctl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termctl.testing.Cli;
import dev.termctl.testing.DocText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/architecture.md's statements that code can check: the packages as their package-info.java
 * files tell them (marked packages), and the scripts the project has (marked scripts). The rules
 * between packages are ArchitectureTest's (ArchUnit).
 */
class ArchitectureDocTest {
    private static final Path MAIN = Cli.BASEDIR.resolve("src/main/java/dev/termctl");
    private static final Path DOC = DocText.doc("architecture.md");

    /** The packages section as the package-info.java files say it: a heading and the javadoc of each. */
    static String packagesFromPackageInfo() throws Exception {
        List<Path> infos;
        try (Stream<Path> s = Files.walk(MAIN)) {
            infos = s.filter(p -> p.getFileName().toString().equals("package-info.java"))
                    .sorted(java.util.Comparator.comparing(p -> MAIN.relativize(p.getParent()).toString())).toList();
        }
        StringBuilder b = new StringBuilder();
        for (Path info : infos) {
            String text = Files.readString(info);
            Matcher pkg = Pattern.compile("(?m)^package ([a-z.]+);").matcher(text);
            Matcher doc = Pattern.compile("(?s)/\\*\\*(.*?)\\*/").matcher(text);
            if (!pkg.find() || !doc.find()) {
                throw new AssertionError(info + " has no javadoc or no package line");
            }
            b.append("\n### `").append(pkg.group(1)).append("`\n\n");
            for (String line : doc.group(1).strip().split("\n")) {
                String l = line.strip().replaceFirst("^\\* ?", "").replaceAll("\\{@code ([^}]*)}", "`$1`");
                if (l.startsWith("<p>")) {
                    b.append("\n");
                    l = l.substring(3);
                }
                b.append(l).append("\n");
            }
        }
        return b.toString().replaceAll("\n{3,}", "\n\n").strip();
    }

    @Test
    void every_package_has_a_package_info_and_the_doc_tells_them_as_they_do() throws Exception {
        List<Path> dirs;
        try (Stream<Path> s = Files.walk(MAIN)) {
            dirs = s.filter(Files::isDirectory).filter(d -> {
                try (Stream<Path> f = Files.list(d)) {
                    return f.anyMatch(p -> p.toString().endsWith(".java"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
        List<String> missing = new ArrayList<>();
        for (Path d : dirs) {
            if (!Files.exists(d.resolve("package-info.java"))) {
                missing.add(MAIN.relativize(d).toString());
            }
        }
        assertEquals(List.of(), missing, "packages with no package-info.java");
        String expected = packagesFromPackageInfo();
        assertEquals(expected, DocText.section(DOC, "packages").strip(),
                "docs/architecture.md's packages section (marked packages) is made from the package-info.java"
                        + " files: paste the expected text above into it");
    }

    @Test
    void the_scripts_list_names_every_script_and_no_other() throws Exception {
        TreeSet<String> listed = new TreeSet<>();
        Matcher m = Pattern.compile("`scripts/([^`/ ]+)`").matcher(DocText.section(DOC, "scripts"));
        while (m.find()) {
            listed.add(m.group(1));
        }
        TreeSet<String> present = new TreeSet<>();
        try (Stream<Path> s = Files.list(Cli.BASEDIR.resolve("scripts"))) {
            s.forEach(p -> present.add(p.getFileName().toString()));
        }
        assertEquals(present, listed, "docs/architecture.md's scripts (marked scripts) against ls scripts/");
    }
}
