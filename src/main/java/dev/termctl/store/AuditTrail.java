package dev.termctl.store;

/**
 * Who last changed a term file, when, why and with what: the members termctl writes beside
 * {@code term}. RedDB ignores them; a file RedDB rewrote has none (all null).
 *
 * @param updatedAt   RFC 3339 UTC time of the write
 * @param updatedBy   user@host
 * @param reason      the operator's --reason, or null
 * @param updatedWith "termctl VERSION COMMAND"
 */
public record AuditTrail(String updatedAt, String updatedBy, String reason, String updatedWith) {

    public static final AuditTrail NONE = new AuditTrail(null, null, null, null);
}
