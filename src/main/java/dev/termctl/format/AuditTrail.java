package dev.termctl.format;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Who last changed a term file, when, why and with what: the members termctl writes beside
 * {@code term}. RedDB ignores them; a file RedDB rewrote has none (all null).
 *
 * @param updatedAt   RFC 3339 UTC time of the write
 * @param updatedBy   user@host
 * @param reason      the reason the operator gave, or null
 * @param updatedWith "termctl VERSION COMMAND"
 */
public record AuditTrail(String updatedAt, String updatedBy, String reason, String updatedWith) {

    public static final AuditTrail NONE = new AuditTrail(null, null, null, null);

    /** The member names, in the term file and in show's JSON: declared here and nowhere else. */
    private static final String[] NAMES = {"updated_at", "updated_by", "reason", "updated_with"};

    /** Whether {@code name} is one of the audit members' names. */
    public static boolean isMember(String name) {
        for (String n : NAMES) {
            if (n.equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** The trail in members named as above (from a term file, or a line of show's JSON); missing ones are null. */
    public static AuditTrail from(Map<String, String> members) {
        return new AuditTrail(members.get(NAMES[0]), members.get(NAMES[1]), members.get(NAMES[2]), members.get(NAMES[3]));
    }

    /** Member name to value (null when unknown), in the order they are written. */
    public Map<String, String> members() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(NAMES[0], updatedAt);
        m.put(NAMES[1], updatedBy);
        m.put(NAMES[2], reason);
        m.put(NAMES[3], updatedWith);
        return m;
    }
}
