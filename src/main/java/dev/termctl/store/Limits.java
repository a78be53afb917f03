package dev.termctl.store;

/** The bounds of the file layer, declared once: every read and write is held to them. */
public final class Limits {
    private Limits() {
    }

    /** An open(2) that has not returned after this long met a FIFO or device: the run ends. */
    static final int OPEN_SECONDS = 10;

    /** repair keeps a byte-exact copy of the file it replaces; a file larger than this is refused, not copied. */
    public static final int MAX_BACKUP_BYTES = 1024 * 1024;

    /** A file name has at most 255 bytes on Linux file systems. */
    static final int MAX_NAME_BYTES = 255;

    /** The longest suffix termctl adds to a term file's name: ".corrupt-20261126T051000Z-99". */
    static final int SIDE_SUFFIX_BYTES = ".corrupt-20261126T051000Z-99".length();

    /** The longest term file name termctl writes: room for its lock, journal and backups beside it. */
    public static final int MAX_WRITABLE_NAME_BYTES = MAX_NAME_BYTES - SIDE_SUFFIX_BYTES;

    /**
     * The longest --reason, in UTF-8 bytes. It is stored in the term file and in every journal line, so
     * it must leave both readable: escaped as JSON at worst six bytes a byte (a control character), it stays far
     * below the term file's and a journal line's 64 KiB. The CLI refuses a longer one before writing.
     */
    public static final int MAX_REASON_BYTES = 1024;
}
