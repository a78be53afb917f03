package dev.termctl.fs;

import java.nio.file.Path;

/**
 * Where a path's resolution ({@link Chase#chase}) stands: a directory, looked at by name
 * ({@link ByName}) or held open ({@link NodeDir}). Each move closes the one it leaves.
 */
interface Cursor {
    Path real();

    FileFacts facts();

    /** The facts of {@code name} in this directory (not following a link), or null. */
    FileFacts lstat(Path name);

    Path readLink(Path name);

    Cursor down(Path name, FileFacts expected, Path real);

    Cursor up();

    /** The root directory, for an absolute link. */
    Cursor top();

    /** This directory, open: the end of the resolution. */
    NodeDir open();

    void close();
}
