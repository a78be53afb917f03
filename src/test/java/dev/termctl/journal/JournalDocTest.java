package dev.termctl.journal;

import dev.termctl.format.JsonMembers;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.termctl.core.Term;
import dev.termctl.testing.DocText;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/files.md's table of the journal's members (marked journal-members) is the format: the
 * members a write puts in its line, in order, and which ones a reader needs. Each member the table
 * calls optional is taken out of a real line and the line must still read; each required one
 * taken out makes the line damaged.
 */
class JournalDocTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The table's rows: member name to whether it is required. */
    private static Map<String, Boolean> documented() {
        Map<String, Boolean> members = new LinkedHashMap<>();
        Matcher m = Pattern.compile("(?m)^\\| `([a-z_]+)` \\| (yes|no) \\|")
                .matcher(DocText.section(DocText.doc("files.md"), "journal-members"));
        while (m.find()) {
            members.put(m.group(1), m.group(2).equals("yes"));
        }
        return members;
    }

    private static String line() {
        Journal.Stamp stamp = new Journal.Stamp(1_764_000_000L, "alice", "root", "node-c", "adopt", "0.1.0", "INC-1");
        return Journal.line(stamp, Path.of("/var/lib/reddb/replication/term.json"), Term.parse("11"), Term.parse("12"));
    }

    private static Journal.Entry read(String line) {
        return JournalReader.entry(line.getBytes(StandardCharsets.UTF_8), new JsonMembers.Damage[1]);
    }

    @Test
    void the_table_names_the_members_a_write_puts_in_its_line_in_order() throws Exception {
        List<String> written = new ArrayList<>();
        JSON.readTree(line()).fieldNames().forEachRemaining(written::add);
        assertEquals(written, List.copyOf(documented().keySet()), "docs/files.md's journal members against Journal.line");
    }

    @Test
    void a_line_without_an_optional_member_reads_and_without_a_required_one_is_damaged() throws Exception {
        assertNotNull(read(line()));
        for (Map.Entry<String, Boolean> member : documented().entrySet()) {
            ObjectNode node = (ObjectNode) JSON.readTree(line());
            node.remove(member.getKey());
            Journal.Entry entry = read(JSON.writeValueAsString(node));
            if (member.getValue()) {
                assertNull(entry, () -> "a line without " + member.getKey() + " reads, yet the doc says it is required");
            } else {
                assertNotNull(entry, () -> "a line without " + member.getKey() + " is damaged, yet the doc says it is optional");
            }
        }
    }

    @Test
    void unknown_members_are_ignored_a_null_before_is_a_repair_and_effective_user_defaults_to_user() throws Exception {
        ObjectNode node = (ObjectNode) JSON.readTree(line());
        node.put("added_by_a_later_version", "x");
        node.putNull("before");
        node.remove("effective_user");
        Journal.Entry entry = read(JSON.writeValueAsString(node));
        assertNotNull(entry);
        assertNull(entry.before());
        assertEquals("alice", entry.effectiveUser());
        assertEquals(Term.parse("12"), entry.after());
    }
}
