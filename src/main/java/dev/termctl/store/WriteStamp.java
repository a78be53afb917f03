package dev.termctl.store;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * What a write records about itself, in the term file's audit members and in the journal.
 *
 * @param time    seconds since the epoch
 * @param user    the user name
 * @param host    the host name
 * @param command the termctl command that wrote
 * @param version termctl's version
 * @param reason  the operator's --reason, or null
 */
public record WriteStamp(long time, String user, String host, String command, String version, String reason) {

    /** The time as RFC 3339 in UTC, e.g. 2026-11-26T05:10:00Z (written by hand: java.time's formatters cost ~10 ms to load). */
    public String rfc3339() {
        LocalDateTime t = LocalDateTime.ofEpochSecond(time, 0, ZoneOffset.UTC);
        StringBuilder b = new StringBuilder(20);
        pad(b, t.getYear(), 4).append('-');
        pad(b, t.getMonthValue(), 2).append('-');
        pad(b, t.getDayOfMonth(), 2).append('T');
        pad(b, t.getHour(), 2).append(':');
        pad(b, t.getMinute(), 2).append(':');
        return pad(b, t.getSecond(), 2).append('Z').toString();
    }

    /** The audit members this write leaves in the term file. */
    public AuditTrail audit() {
        return new AuditTrail(rfc3339(), user + "@" + host, reason, "termctl " + version + " " + command);
    }

    private static StringBuilder pad(StringBuilder b, int value, int width) {
        String s = Integer.toString(value);
        for (int i = s.length(); i < width; i++) {
            b.append('0');
        }
        return b.append(s);
    }
}
