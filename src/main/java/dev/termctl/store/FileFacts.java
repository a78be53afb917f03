package dev.termctl.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the kernel says of one path, never following a link at its end: type, owner, mode and link
 * count. termctl runs as root beside files of other users, so it looks before it writes.
 *
 * @param mode the permission bits (0..07777)
 */
record FileFacts(int uid, int gid, int mode, int nlink, long ino, boolean regular, boolean link, boolean directory) {

    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFDIR = 0040000;

    /** The facts of {@code p}, or null when nothing is there. */
    static FileFacts of(Path p) throws IOException {
        Map<String, Object> a;
        try {
            a = Files.readAttributes(p, "unix:uid,gid,mode,nlink,ino", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return null;
        }
        int mode = (Integer) a.get("mode");
        int type = mode & S_IFMT;
        return new FileFacts((Integer) a.get("uid"), (Integer) a.get("gid"), mode & 07777, (Integer) a.get("nlink"),
                (Long) a.get("ino"), type == S_IFREG, type == S_IFLNK, type == S_IFDIR);
    }

    /** The effective uid of this process: the owner of /proc/self. */
    static int euid() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * This process's pid, from /proc/self: ProcessHandle's class initialisation starts an executor
     * and spins method handles, ~10 ms of a cold run.
     */
    static String pid() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self")).toString();
        } catch (IOException | RuntimeException e) {
            return Long.toString(ProcessHandle.current().pid());
        }
    }

    /**
     * Gives {@code p} this owner, group and mode. Only root may give a file away; anyone else keeps
     * the file as created (their own), which is what the owner's own termctl needs. A chmod is not
     * subject to the umask, so the mode is exactly {@code mode}.
     */
    static void set(Path p, int uid, int gid, int mode) throws IOException {
        FileFacts now = of(p);
        if (now != null && (now.uid != uid || now.gid != gid) && euid() == 0) {
            Files.setAttribute(p, "unix:uid", uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(p, "unix:gid", gid, LinkOption.NOFOLLOW_LINKS);
        }
        Files.setAttribute(p, "unix:mode", mode, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The mode of a file termctl keeps beside a term file of mode {@code termMode} (the lock, the
     * journal): the owner reads and writes; the group as far as it may read or write the term file;
     * others never. So nobody who cannot use the term file can open, let alone hold, its lock.
     */
    static int sideMode(int termMode) {
        return 0600 | (termMode & 0060);
    }
}
