package dev.termctl.fs;

/** The bounds of the file layer, declared once: every open, name and directory scan is held to them. */
public final class FileLimits {
    private FileLimits() {
    }

    /** An open(2) that has not returned after this long met a FIFO or device: the run ends. */
    public static final int OPEN_SECONDS = 10;

    /** A file name has at most 255 bytes on Linux file systems. */
    public static final int MAX_NAME_BYTES = 255;

    /** The most stale temp files of a file a replace removes (the rest wait for the next one). */
    public static final int MAX_STALE_REMOVALS = 64;

    /** The most names of a file's directory a replace looks through for stale temp files. */
    public static final int MAX_STALE_SCAN = 65_536;
}
