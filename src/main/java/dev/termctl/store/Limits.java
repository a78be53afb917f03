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

    /**
     * The most of the kernel's lock table (/proc/locks, every lock on the host) a look at it reads:
     * 512 KiB, about 9,000 locks (a host holds tens to hundreds). Any account can make the table longer
     * (150,000 locks: 8 MB) and the kernel's cost for reading it grows faster than its length (8 MB:
     * 4 to 36 s), so past this termctl cannot tell whether the database runs, and says so, and a
     * lock's holder goes unnamed.
     */
    public static final int LOCK_TABLE_BYTES = 512 * 1024;

    /** The longest a look at the kernel's lock table takes, however slowly the kernel hands it out. */
    public static final int LOCK_TABLE_MILLIS = 500;

    /** The most stale temp files of a term file a write removes (the rest wait for the next write). */
    public static final int MAX_STALE_REMOVALS = 64;

    /** The most names of the term file's directory a write looks through for stale temp files. */
    public static final int MAX_STALE_SCAN = 65_536;
}
