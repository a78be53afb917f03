package dev.termctl.cli.command;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Who runs this command, for the journal and the audit trail: the account, and through sudo as
 * root the user who asked for it. sudo tells it in SUDO_USER and SUDO_UID; any user can set those
 * in their own environment, so they count only when the process runs as root (root could write
 * anything anyway), and only when they name a plausible account (with that uid, when /etc/passwd
 * lists it).
 *
 * @param user          who ran the command: SUDO_USER through sudo as root, else the account
 * @param effectiveUser the account the command runs as
 */
record Invoker(String user, String effectiveUser) {

    static Invoker current() {
        String account = System.getProperty("user.name");
        return of(account, System.getenv("SUDO_USER"), System.getenv("SUDO_UID"), effectiveUid(),
                Path.of("/etc/passwd"));
    }

    /** The decision, from its inputs: {@code euid} is -1 when unknown. */
    static Invoker of(String account, String sudoUser, String sudoUid, long euid, Path passwd) {
        if (sudoUser == null || sudoUser.equals(account) || euid != 0 || !plausible(sudoUser) || sudoUid == null
                || !sudoUid.matches("[0-9]{1,10}") || !listedAs(passwd, sudoUser, sudoUid)) {
            return new Invoker(account, account);
        }
        return new Invoker(sudoUser, account);
    }

    /** A POSIX portable user name (what useradd accepts), at most 32 bytes. */
    private static boolean plausible(String name) {
        return name.matches("[A-Za-z0-9_.][A-Za-z0-9_.-]{0,30}[$]?") && !name.equals(".") && !name.equals("..");
    }

    /** Whether /etc/passwd gives {@code name} the uid {@code uid}; an account it does not list (LDAP) is taken at sudo's word. */
    private static boolean listedAs(Path passwd, String name, String uid) {
        try {
            for (String line : Files.readAllLines(passwd, StandardCharsets.UTF_8)) {
                String[] f = line.split(":", -1);
                if (f.length >= 3 && f[0].equals(name)) {
                    return f[2].equals(uid);
                }
            }
            return true;
        } catch (IOException | RuntimeException e) {
            return true;
        }
    }

    /** The effective uid, from /proc/self/status ("Uid: real effective saved fs"); -1 when unknown. */
    static long effectiveUid() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.UTF_8)) {
                if (line.startsWith("Uid:")) {
                    return Long.parseLong(line.substring(4).trim().split("\\s+")[1]);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Not Linux: unknown, so SUDO_USER is not trusted.
        }
        return -1;
    }
}
