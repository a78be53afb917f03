package dev.termctl.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.termctl.testing.DocText;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/reliability.md's fault seam (marked fault-seam) lists exactly the steps and actions of
 * {@link Faults}, in the code's order, and each action it gives is one the plan accepts.
 */
class FaultsDocTest {

    private static String seam() {
        return DocText.section(DocText.doc("reliability.md"), "fault-seam").replaceAll("\\s+", " ");
    }

    /** The backticked words of {@code text} followed by " (", or all of them when {@code all}. */
    private static List<String> words(String text, boolean all) {
        List<String> words = new ArrayList<>();
        Matcher m = Pattern.compile("`([a-z_:A-Z]+)`" + (all ? "" : " \\(")).matcher(text);
        while (m.find()) {
            words.add(m.group(1));
        }
        return words;
    }

    @Test
    void the_doc_lists_every_step_of_the_code_in_order() {
        String seam = seam();
        String steps = seam.substring(seam.indexOf("Steps:"), seam.indexOf("A write meets them"));
        List<String> code = Arrays.stream(Faults.Step.values()).map(s -> s.name().toLowerCase(Locale.ROOT)).toList();
        assertEquals(code, words(steps, true), "the steps in docs/reliability.md against Faults.Step");
    }

    @Test
    void the_doc_lists_every_action_of_the_code_and_each_is_accepted() {
        String seam = seam();
        List<String> documented = words(seam.substring(seam.indexOf("Actions:")), false);
        List<String> code = Arrays.stream(Faults.Action.values()).map(Faults.Action::syntax).toList();
        assertEquals(code, documented, "the actions in docs/reliability.md against Faults.Action");
        for (String action : documented) {
            Faults.parse("fsync_dir=" + action.replace("MILLIS", "5")); // throws on an action the plan refuses
        }
    }
}
