package dev.termctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.termctl.testing.Cli;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * Every word an operator reads, through the packaged command: one style for every usage error
 * (picocli's and termctl's, on either parser), the JSON error object naming the file named, help
 * as JSON, and help's colours ending as terminals agree.
 */
@Execution(ExecutionMode.CONCURRENT)
class OperatorWordsIT {
    @TempDir
    Path dir;

    private String ok;

    @BeforeEach
    void file() throws Exception {
        ok = Files.writeString(dir.resolve("ok.json"), "{\"term\":7}").toString();
    }

    /** Usage errors, each from a different finder: picocli's parse, a converter, or a command's own check. */
    private List<List<String>> usageErrors() {
        return List.of(
                List.of("show", "--expect-nodes", "0", "-f", ok),
                List.of("show", "--expect-nodes", "x", "-f", ok),
                List.of("show", "--term-only", "-q", "-f", ok),
                List.of("show", "--expect-nodes", "0", ok),
                List.of("history", "-n", "x", "-f", ok),
                List.of("adopt", "--lock-timeout", "1", "-f", ok, "3"),
                List.of("adopt", "-f", ok, "3", "4"),
                List.of("adopt", "-f", ok, "--reason"),
                List.of("adopt", "-f", ok),
                List.of("classify", "--boundary", "x", "-f", ok, "3"),
                List.of("classify", "-f", ok, "-f", ok, "3"),
                List.of("adopt", "--jsno", "-f", ok, "3"));
    }

    @Test
    void every_usage_error_is_one_line_in_one_style_lower_case_with_what_to_do() {
        for (List<String> line : usageErrors()) {
            Cli.Result r = new Cli().run(line).expect(2);
            String err = r.err();
            assertEquals(1, err.lines().count(), r::toString);
            assertTrue(err.startsWith("termctl: error: "), r::toString);
            String message = err.substring("termctl: error: ".length()).strip();
            char first = message.charAt(0);
            assertTrue(Character.isLowerCase(first) || first == '\'', () -> "not lower case: " + r);
            assertFalse(message.contains("Error") || message.contains("Invalid") || message.contains("is not an int")
                    || message.contains("Missing") || message.contains("Unmatched") || message.contains("Did you"),
                    () -> "picocli's own words: " + r);
            assertTrue(message.endsWith("see 'termctl " + line.get(0) + " --help'"), () -> "says what to do: " + r);
        }
    }

    @Test
    void the_fast_path_and_picocli_word_a_usage_error_the_same() {
        // "--" makes the fast path decline the line: picocli parses it, and the command's check words it the same.
        for (List<String> line : List.of(List.of("show", "--expect-nodes", "0", "-f", ok),
                List.of("history", "-n", "x", "-f", ok), List.of("show", "--expect-nodes", "x", "-f", ok))) {
            List<String> viaPicocli = new ArrayList<>(line);
            viaPicocli.add("--");
            assertEquals(new Cli().run(line).expect(2).err(), new Cli().run(viaPicocli).expect(2).err(), line::toString);
        }
    }

    @Test
    void a_json_error_names_the_file_named_absolute_even_on_a_usage_error_picocli_finds() throws Exception {
        Path relative = Path.of(ok).getFileName();
        for (List<String> line : usageErrors()) {
            List<String> json = new ArrayList<>(line);
            json.add(1, "--json");
            JsonNode error = new Cli().run(json).expect(2).json();
            assertEquals(ok, error.get("file").asText(), error::toString);
            assertEquals(2, error.get("exit_code").asInt(), error::toString);
        }
        // Named relative to the working directory: still absolute.
        JsonNode error = new Cli().in(dir).run("show", "--json", "--expect-nodes", "0", "-f", relative.toString()).expect(2)
                .json();
        assertEquals(ok, error.get("file").asText(), error::toString);
        // None named: null.
        assertTrue(new Cli().input("").run("show", "--json", "--expect-nodes", "0", "--from-json", "-").expect(2).json()
                .get("file").isNull());
    }

    @Test
    void help_json_is_one_object_listing_every_command_with_its_summary_and_exit_codes() {
        Set<String> model = new TreeSet<>(CommandModel.commandLine(80).getSubcommands().keySet());
        JsonNode all = new Cli().run("help", "--json").expect(0).json();
        Set<String> listed = new TreeSet<>();
        for (JsonNode c : all.get("commands")) {
            listed.add(c.get("name").asText());
            String summary = c.get("summary").asText();
            assertFalse(summary.isEmpty() || summary.contains("%n"), c::toString);
        }
        assertEquals(model, listed);
        JsonNode show = new Cli().run("help", "show", "-o", "json").expect(0).json().get("commands");
        assertEquals(1, show.size(), show::toString);
        assertEquals("show", show.get(0).get("name").asText());
        assertTrue(show.get(0).get("exit_codes").get("65").asText().contains("no node answered"), show::toString);
        Cli.Result unknown = new Cli().run("help", "shwo", "--json").expect(2);
        assertTrue(unknown.json().get("error").asText().startsWith("unknown command 'shwo' (did you mean 'show'?)"),
                unknown::toString);
        assertEquals(2, unknown.json().get("exit_code").asInt());
    }

    /**
     * Each command's summary (help --json, the zsh and fish completion) is its own line in termctl
     * --help's command list, first sentence, no final period; and termctl --json help is help --json.
     */
    @Test
    void each_summary_is_the_line_termctl_help_lists_for_its_command() throws Exception {
        String help = new Cli().run("--help").expect(0).out();
        Map<String, String> listed = new java.util.LinkedHashMap<>();
        String name = null;
        java.util.regex.Pattern entry = java.util.regex.Pattern.compile("  (\\S+) +(\\S.*)");
        for (String line : help.substring(help.indexOf("\nCommands:\n") + "\nCommands:\n".length()).lines().toList()) {
            if (line.isBlank()) {
                break;
            }
            java.util.regex.Matcher m = entry.matcher(line);
            if (m.matches()) {
                name = m.group(1);
                listed.put(name, m.group(2));
            } else {
                listed.merge(name, " " + line.strip(), String::concat);
            }
        }
        String zsh = Files.readString(Cli.BASEDIR.resolve("target/generated-docs/completion/_termctl"));
        String fish = Files.readString(Cli.BASEDIR.resolve("target/generated-docs/completion/termctl.fish"));
        JsonNode all = new Cli().run("help", "--json").expect(0).json();
        Set<String> seen = new TreeSet<>();
        for (JsonNode c : all.get("commands")) {
            String text = listed.get(c.get("name").asText());
            int dot = text.indexOf(". ");
            String first = (dot > 0 ? text.substring(0, dot) : text).replaceAll("\\.$", "");
            assertEquals(first, c.get("summary").asText(), c::toString);
            if (!first.contains("'")) {
                assertTrue(zsh.contains("'" + c.get("name").asText() + ":" + first + "'"), () -> first + " in " + zsh);
                assertTrue(fish.contains("'" + first + "'"), () -> first + " in " + fish);
            }
            seen.add(c.get("name").asText());
        }
        assertEquals(listed.keySet(), seen, help);
        assertEquals(all, new Cli().run("--json", "help").expect(0).json());
        assertEquals(new Cli().run("help", "show", "--json").expect(0).json(), new Cli().run("-o", "json", "help", "show")
                .expect(0).json());
    }

    @Test
    void a_refusal_of_a_byte_order_mark_or_utf16_names_the_byte_offset() throws Exception {
        Map<String, byte[]> files = new java.util.LinkedHashMap<>();
        files.put("byte offset 0, line 1, column 1", "\uFEFF{\"term\":7}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        files.put("mark FF FE at byte offset 0", "\uFEFF{\"term\":7}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        files.put("mark FE FF at byte offset 0", "\uFEFF{\"term\":7}".getBytes(java.nio.charset.StandardCharsets.UTF_16BE));
        files.put("NUL byte at byte offset 1 (line 1, column 2)", "{\"term\":7}".getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
        files.put("NUL byte at byte offset 0 (line 1, column 1)", "{\"term\":7}".getBytes(java.nio.charset.StandardCharsets.UTF_16BE));
        files.put("NUL byte at byte offset 1 (line 1, column 2) ", new byte[] {' ', 0});
        int i = 0;
        for (Map.Entry<String, byte[]> f : files.entrySet()) {
            Path file = Files.write(dir.resolve("encoded-" + i++ + ".json"), f.getValue());
            Cli.Result r = new Cli().run("show", "-f", file.toString()).expect(65);
            assertTrue(r.err().contains(f.getKey().strip()), () -> "expected '" + f.getKey().strip() + "' in " + r);
        }
    }

    @Test
    void bold_in_help_on_a_terminal_ends_with_sgr_22_never_21() throws Exception {
        String colour = Cli.inTerminal(Map.of("TERM", "xterm"), "adopt", "--help");
        assertTrue(colour.contains("\u001b[1m"), () -> "help on a terminal has bold: " + colour);
        assertTrue(colour.contains("\u001b[22m"), () -> "bold ends with SGR 22: " + colour);
        assertFalse(colour.contains("\u001b[21m"), () -> "SGR 21 is a double underline on several terminals: " + colour);
        String error = Cli.inTerminal(Map.of("TERM", "xterm"), "adopt", "--jsno");
        assertFalse(error.contains("\u001b[21m"), error);
    }
}
