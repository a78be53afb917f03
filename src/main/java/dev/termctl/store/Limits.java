package dev.termctl.store;

import dev.termctl.fs.FileLimits;

/** The bounds of the term file's store, declared once (the file layer's are in {@link FileLimits}). */
public final class Limits {
    private Limits() {
    }

    /** repair keeps a byte-exact copy of the file it replaces; a file larger than this is refused, not copied. */
    public static final int MAX_BACKUP_BYTES = 1024 * 1024;

    /** The longest suffix termctl adds to a term file's name: ".corrupt-20261126T051000Z-99". */
    static final int SIDE_SUFFIX_BYTES = ".corrupt-20261126T051000Z-99".length();

    /** The longest term file name termctl writes: room for its lock, journal and backups beside it. */
    public static final int MAX_WRITABLE_NAME_BYTES = FileLimits.MAX_NAME_BYTES - SIDE_SUFFIX_BYTES;

    /**
     * The longest --reason, in UTF-8 bytes. It is stored in the term file and in every journal line, so
     * it must leave both readable: escaped as JSON at worst six bytes a byte (a control character), it stays far
     * below the term file's and a journal line's 64 KiB. The CLI refuses a longer one before writing.
     */
    public static final int MAX_REASON_BYTES = 1024;
}
