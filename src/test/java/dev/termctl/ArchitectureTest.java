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
 * docs/architecture.md's statements that code can check: which way the arrows between packages
 * point (marked layers), and the scripts the project has (marked scripts).
 */
class ArchitectureTest {
    private static final Path MAIN = Cli.BASEDIR.resolve("src/main/java/dev/termctl");
    private static final Path DOC = DocText.doc("architecture.md");

    /** The layers as the doc names them, left to right: `startup` -> `cli` -> ... */
    private static List<String> layers() {
        List<String> layers = new ArrayList<>();
        Matcher m = Pattern.compile("`([a-z.]+)`").matcher(DocText.section(DOC, "layers"));
        while (m.find()) {
            layers.add(m.group(1).equals("dev.termctl") ? "" : m.group(1));
        }
        return layers;
    }

    /** The package of a main source file, relative to dev.termctl ("" for dev.termctl itself). */
    private static String packageOf(Path source) {
        Path rel = MAIN.relativize(source.getParent());
        return rel.toString().replace('/', '.');
    }

    @Test
    void every_reference_between_packages_points_the_way_the_layers_say() throws Exception {
        List<String> layers = layers();
        List<Path> sources;
        try (Stream<Path> s = Files.walk(MAIN)) {
            sources = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        TreeSet<String> packages = new TreeSet<>();
        List<String> wrong = new ArrayList<>();
        // dev.termctl.core.Term or dev.termctl.cli.render.Json (a subpackage, to its class), or
        // dev.termctl.ExitCode (the top package).
        Pattern reference = Pattern.compile("\\bdev\\.termctl\\.(?:((?:[a-z]+\\.)*?[a-z]+)\\.[A-Z]|([A-Z]))");
        for (Path source : sources) {
            String from = packageOf(source);
            packages.add(from);
            Matcher m = reference.matcher(Files.readString(source));
            while (m.find()) {
                String to = m.group(1) != null ? m.group(1) : "";
                if (!to.equals(from) && (!layers.contains(to) || layers.indexOf(to) < layers.indexOf(from))) {
                    wrong.add(MAIN.relativize(source) + " uses dev.termctl" + (to.isEmpty() ? "" : "." + to));
                }
            }
        }
        assertEquals(packages, new TreeSet<>(layers), "docs/architecture.md's layers name every package, and no other");
        assertEquals(List.of(), wrong, "references that point left of the layers " + layers);
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
