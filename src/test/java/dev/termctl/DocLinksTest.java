package dev.termctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termctl.testing.Cli;
import dev.termctl.testing.DocText;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The docs point at each other: every relative link in the README, CONTRIBUTING, docs/ and
 * examples/README.md leads to a file that exists and, with an anchor, to one of its headings (as
 * GitHub makes anchors of them). A section moved or renamed breaks here, not for a reader.
 */
class DocLinksTest {
    private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

    /** GitHub's anchor for a heading: lower case, punctuation but hyphens dropped, spaces as hyphens. */
    static String anchor(String heading) {
        return heading.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
    }

    private static Set<String> anchors(Path file) {
        Set<String> anchors = new HashSet<>();
        boolean code = false;
        for (String line : DocText.read(file).lines().toList()) {
            if (line.strip().startsWith("```")) {
                code = !code;
            } else if (!code && line.matches("#{1,6} .*")) {
                anchors.add(anchor(line.replaceFirst("^#+ ", "")));
            }
        }
        return anchors;
    }

    @Test
    void every_relative_link_leads_to_a_file_and_a_heading_that_exist() {
        List<String> broken = new ArrayList<>();
        int links = 0;
        for (Path file : DocText.markdown()) {
            Matcher m = LINK.matcher(DocText.read(file));
            while (m.find()) {
                String target = m.group(1);
                if (target.matches("[a-z]+:.*")) {
                    continue; // https:, mailto:
                }
                links++;
                int hash = target.indexOf('#');
                String path = hash < 0 ? target : target.substring(0, hash);
                Path to = path.isEmpty() ? file : file.getParent().resolve(path).normalize();
                if (!Files.exists(to)) {
                    broken.add(Cli.BASEDIR.relativize(file) + ": " + target + " (no such file)");
                } else if (hash >= 0 && !anchors(to).contains(target.substring(hash + 1))) {
                    broken.add(Cli.BASEDIR.relativize(file) + ": " + target + " (no such heading)");
                }
            }
        }
        assertTrue(links >= 30, "links found: " + links);
        assertEquals(List.of(), broken);
    }

    @Test
    void anchors_are_made_as_github_makes_them() {
        assertEquals("exit-codes-and-set--e", anchor("Exit codes and `set -e`"));
        assertEquals("after-a-failover-bring-a-stale-node-back", anchor("After a failover: bring a stale node back"));
    }
}
