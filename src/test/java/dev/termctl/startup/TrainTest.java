package dev.termctl.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.termctl.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The startup archive's training runs (train.args) are command lines today's model takes. */
class TrainTest {
    @TempDir
    Path dir;

    @Test
    void every_run_before_the_picocli_ones_is_a_command_line_termctl_takes() throws Exception {
        List<String[]> fast = Train.runs(false);
        List<String[]> all = Train.runs(true);
        assertTrue(fast.size() >= 10 && all.size() > fast.size(), () -> fast.size() + " and " + all.size() + " runs");
        StringWriter text = new StringWriter();
        int[] codes = Train.train(dir, true, new PrintWriter(text, true));
        assertEquals(all.size(), codes.length);
        // A usage error there means a line an option's rename left behind, training nothing a real run loads.
        for (int r = 0; r < fast.size(); r++) {
            int code = codes[r];
            String line = String.join(" ", fast.get(r));
            assertTrue(code != ExitCode.USAGE && code != ExitCode.INTERNAL, () -> line + " exited " + code + ":\n" + text);
        }
    }

    @Test
    void every_writing_run_names_its_journal_in_the_training_directory_or_none() throws Exception {
        // A run naming none would append to the caller's TERMCTL_JOURNAL, were the launcher ever to pass it on.
        for (String[] run : Train.runs(true)) {
            List<String> words = List.of(run);
            if (List.of("adopt", "admit-record", "admit-handshake", "repair").contains(run[0]) && !words.contains("--help")) {
                int at = words.indexOf("--journal");
                assertTrue(words.contains("--no-journal") || at >= 0 && words.get(at + 1).equals("JOURNAL"),
                        () -> String.join(" ", run));
            }
        }
    }
}
