package dev.termctl.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * The RedDB conformance corpus: term files with the verdicts of RedDB's own readers (see
 * src/test/resources/reddb/conformance/README.md). A copy of the shared fixture lives in the repository so
 * the suite runs from a clean clone.
 */
public final class RedDbCases {

    public static final Path FILE = Path.of(System.getProperty("termctl.fixtures", "src/test/resources/reddb"))
            .toAbsolutePath().resolve("conformance/cases.jsonl");

    /**
     * One case.
     *
     * @param redDbTerm    the term current RedDB reads, or null when it refuses the file
     * @param lastVoteOk   for a file with voted_for: whether RedDB's last-vote decoder accepts it (else null)
     * @param redDb110Term the term RedDB 1.10 reads, or null when it refuses or crashes
     */
    public record Case(String id, String kind, byte[] bytes, String redDbTerm, String redDbRefusal, Boolean lastVoteOk,
            String redDb110Term) {

        /** Current RedDB can run with this file: it reads a term, and a last-vote file also decodes as one. */
        public boolean redDbReads() {
            return redDbTerm != null && (lastVoteOk == null || lastVoteOk);
        }
    }

    private RedDbCases() {
    }

    public static List<Case> all() {
        ObjectMapper mapper = new ObjectMapper();
        List<Case> cases = new ArrayList<>();
        try (BufferedReader in = Files.newBufferedReader(FILE, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                JsonNode n = mapper.readTree(line);
                JsonNode reddb = n.get("reddb");
                JsonNode vote = n.get("reddb_last_vote");
                JsonNode old = n.get("reddb_1_10");
                cases.add(new Case(n.get("id").asText(), n.get("class").asText(),
                        Base64.getDecoder().decode(n.get("input_base64").asText()),
                        reddb.has("term") ? reddb.get("term").asText() : null,
                        reddb.has("refused") ? reddb.get("refused").asText() : null,
                        vote == null ? null : vote.has("term"),
                        old.has("term") ? old.get("term").asText() : null));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the conformance cases " + FILE, e);
        }
        return cases;
    }
}
