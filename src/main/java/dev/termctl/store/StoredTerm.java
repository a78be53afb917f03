package dev.termctl.store;

import dev.termctl.core.Term;
import dev.termctl.format.AuditTrail;

/**
 * A node's term as read from its store.
 *
 * @param term     the current term (the default term when nothing is stored)
 * @param exists   false when nothing is stored and {@code term} is the default
 * @param lastVote true when the file is a durable last-vote record, which termctl never writes
 * @param votedFor the last-vote record's {@code voted_for} string, or null
 * @param audit    who last wrote it, when, why and with what (all null when unknown)
 */
public record StoredTerm(Term term, boolean exists, boolean lastVote, String votedFor, AuditTrail audit) {

    public static StoredTerm missing(Term defaultTerm) {
        return new StoredTerm(defaultTerm, false, false, null, AuditTrail.NONE);
    }
}
