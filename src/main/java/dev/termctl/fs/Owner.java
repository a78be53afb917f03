package dev.termctl.fs;

/**
 * Who owns what a write creates (the term file, its lock, journal, temp files and backups): uid and
 * gid, and the term file's mode, from which the others' derive.
 */
public record Owner(int uid, int gid, int termMode) {

    /** A new term file: read and written by its owner, read by others (as RedDB creates it), never writable by them. */
    public static final int NEW_FILE_MODE = 0644;
}
