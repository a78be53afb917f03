package dev.termctl.fs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * What the kernel says of one file: type, owner, mode, link count and identity (device and inode).
 *
 * @param mode the permission bits (0..07777)
 * @param key  the file's identity as Java compares it (device and inode)
 */
public record FileFacts(int uid, int gid, int mode, int nlink, long dev, long ino, long size, int type, Object key) {

    private static final int S_IFMT = 0170000;
    private static final int S_IFREG = 0100000;
    private static final int S_IFLNK = 0120000;
    private static final int S_IFDIR = 0040000;
    private static final String ATTRIBUTES = "unix:uid,gid,mode,nlink,dev,ino,size,fileKey";

    /** The facts of {@code p} itself (a link at its end is not followed), or null when nothing is there. */
    static FileFacts of(Path p) throws IOException {
        try {
            return from(Files.readAttributes(p, ATTRIBUTES, LinkOption.NOFOLLOW_LINKS));
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /** The facts of what {@code p} leads to (links followed): for /proc/self/fd/N, the open file itself. */
    static FileFacts following(Path p) throws IOException {
        return from(Files.readAttributes(p, ATTRIBUTES));
    }

    private static FileFacts from(Map<String, Object> a) {
        int mode = (Integer) a.get("mode");
        return new FileFacts((Integer) a.get("uid"), (Integer) a.get("gid"), mode & 07777, (Integer) a.get("nlink"),
                (Long) a.get("dev"), (Long) a.get("ino"), (Long) a.get("size"), mode & S_IFMT, a.get("fileKey"));
    }

    public boolean regular() {
        return type == S_IFREG;
    }

    public boolean link() {
        return type == S_IFLNK;
    }

    boolean directory() {
        return type == S_IFDIR;
    }

    /** Whether both name the same file: the same inode on the same device. */
    public boolean same(FileFacts other) {
        return other != null && dev == other.dev && ino == other.ino;
    }

    /** What kind of file this is. */
    public FileFailure.FileType fileType() {
        return regular() ? FileFailure.FileType.REGULAR : link() ? FileFailure.FileType.LINK
                : directory() ? FileFailure.FileType.DIRECTORY : FileFailure.FileType.SPECIAL;
    }

    private static int euid = -2;

    /** Whether this process runs as root, when every step it takes must be safe from other accounts. */
    static boolean root() {
        return euid() == 0;
    }

    /** The effective uid of this process: the owner of /proc/self. */
    static int euid() {
        if (euid != -2) {
            return euid;
        }
        try {
            euid = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
        } catch (IOException | RuntimeException e) {
            euid = -1;
        }
        return euid;
    }

    /** The name of a uid as the user database says, or null when it cannot tell. */
    static String userName(int uid) {
        if (uid == 0) {
            return "root";
        }
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":", 4);
                if (f.length >= 3 && f[2].equals(Integer.toString(uid))) {
                    return f[0];
                }
            }
        } catch (IOException | RuntimeException e) {
            // No name: the uid alone says it.
        }
        return null;
    }

    /**
     * This process's pid, from /proc/self: ProcessHandle's class initialisation starts an executor
     * and spins method handles, ~10 ms of a cold run.
     */
    public static String pid() {
        try {
            return Files.readSymbolicLink(Path.of("/proc/self")).toString();
        } catch (IOException | RuntimeException e) {
            return Long.toString(ProcessHandle.current().pid());
        }
    }

    /**
     * The mode of the lock termctl keeps beside a term file of mode {@code termMode}: only those who
     * may write the term file may open it, so nobody else can hold it (a shared lock needs no more
     * than read access to the lock file).
     */
    public static int lockMode(int termMode) {
        return 0600 | ((termMode & 0020) != 0 ? 0060 : 0);
    }

    /**
     * The mode of a journal termctl creates beside a term file of mode {@code termMode}: the owner
     * reads and writes; the group as far as it may read or write the term file; others never.
     */
    public static int sideMode(int termMode) {
        return 0600 | (termMode & 0060);
    }
}
