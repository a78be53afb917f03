package dev.termctl.fs;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * The descriptor behind each channel the file layer opened. Java hides a channel's descriptor
 * number; /proc/self/fd shows what each refers to, and /proc/self/fd/N reaches the open file itself
 * (fstat, fchown, fchmod, and openat relative to an open directory) whatever its name is now. Opens
 * hold {@link #LOCK} from the open until the descriptor is found, so no other open of ours can take
 * a number in between.
 */
public final class Descriptors {

    private static final Path SELF_FD = Path.of("/proc/self/fd");
    /** The descriptor behind each channel the file layer opened: found once, by the inode it must refer to. */
    private static final IdentityHashMap<FileChannel, Integer> DESCRIPTORS = new IdentityHashMap<>();
    /** Held by every open, from the open until its descriptor is found, and by a directory listing. */
    static final Object LOCK = DESCRIPTORS;

    /** How many unused descriptor numbers in a row end the search: ours is below the first gap but for races. */
    private static final int MAX_GAP = 64;

    private static long marks;

    private Descriptors() {
    }

    /** A descriptor whose position cannot be moved: found by its inode instead. */
    static final class Unseekable extends IOException {
        private static final long serialVersionUID = 1L;
    }

    /**
     * Finds and records the descriptor behind {@code ch}, just opened on a directory: the descriptor of this
     * process that refers to the file {@code expected} describes (the same inode) and belongs to no
     * other open channel of ours. Throws {@link NodeDir.Replaced} when none does (the name led
     * elsewhere by the time of the open); returns what fstat says of the file.
     */
    static FileFacts identify(FileChannel ch, FileFacts expected, Path what) throws IOException {
        // The kernel gives an open the lowest free descriptor, so every one below ours is in use:
        // probing upwards from 0 meets ours after the few the JVM holds, one stat each. Directories
        // only: a regular file is found by its position (identifyFile).
        int misses = 0;
        for (int n = 0; misses < MAX_GAP; n++) {
            if (claimed(n)) {
                continue;
            }
            Path p = SELF_FD.resolve(Integer.toString(n));
            Object key;
            try {
                key = Files.readAttributes(p, BasicFileAttributes.class).fileKey();
            } catch (IOException e) {
                misses++;
                continue;
            }
            if (!expected.key().equals(key)) {
                continue;
            }
            DESCRIPTORS.put(ch, n);
            return FileFacts.following(p);
        }
        throw new NodeDir.Replaced(what);
    }

    /**
     * Finds the descriptor behind {@code ch}, just opened on a regular file, by its file position:
     * the channel is moved to a position no other descriptor has, and /proc/self/fdinfo shows which
     * one moved. Whatever file the name led to by then, this is the one open, so an unlocked read
     * beside writers that rename new files in never has to look again.
     */
    static FileFacts identifyFile(FileChannel ch, Path what) throws IOException {
        // Below 1 TiB: lseek past a file system's largest file size (ext4: 16 TiB) is refused.
        long mark = 0x7465726d00L + (++marks);
        try {
            ch.position(mark);
        } catch (IOException e) {
            throw new Unseekable();
        }
        int misses = 0;
        for (int n = 0; misses < MAX_GAP; n++) {
            if (claimed(n)) {
                continue;
            }
            String at;
            try {
                at = position(n);
            } catch (IOException e) {
                misses++;
                continue;
            }
            if (at.equals(Long.toString(mark))) {
                ch.position(0);
                FileFacts facts = FileFacts.following(SELF_FD.resolve(Integer.toString(n)));
                DESCRIPTORS.put(ch, n);
                return facts;
            }
        }
        throw new NodeDir.Replaced(what);
    }

    /** The file position /proc/self/fdinfo shows for descriptor {@code fd} (its first line, "pos:\tN"). */
    private static String position(int fd) throws IOException {
        String info = new String(Files.readAllBytes(SELF_FD.resolveSibling("fdinfo").resolve(Integer.toString(fd))),
                StandardCharsets.US_ASCII);
        int at = info.indexOf("pos:");
        if (at < 0) {
            return "";
        }
        int end = info.indexOf('\n', at);
        return info.substring(at + 4, end < 0 ? info.length() : end).trim();
    }

    /** Whether descriptor {@code n} belongs to a channel of ours that is still open. */
    private static boolean claimed(int n) {
        Iterator<Map.Entry<FileChannel, Integer>> it = DESCRIPTORS.entrySet().iterator();
        boolean claimed = false;
        while (it.hasNext()) {
            Map.Entry<FileChannel, Integer> e = it.next();
            if (!e.getKey().isOpen()) {
                it.remove();
            } else if (e.getValue() == n) {
                claimed = true;
            }
        }
        return claimed;
    }

    /** /proc/self/fd/N of a channel the file layer opened: its open file, whatever its name is now. */
    static Path procOf(FileChannel ch) {
        Integer fd;
        synchronized (LOCK) {
            fd = DESCRIPTORS.get(ch);
        }
        if (fd == null || !ch.isOpen()) {
            throw new IllegalStateException("not a channel NodeDir opened, or closed");
        }
        return SELF_FD.resolve(Integer.toString(fd));
    }

    /** The facts of the file {@code ch} has open (fstat): what was opened, whatever its name is now. */
    public static FileFacts stat(FileChannel ch) throws IOException {
        return FileFacts.following(procOf(ch));
    }

    /**
     * Gives the open file {@code ch} this owner, group and mode (fchown and fchmod: the file itself,
     * not whatever its name leads to now). Only root gives a file away; anyone else keeps it as theirs.
     */
    public static void setOwner(FileChannel ch, int uid, int gid, int mode) throws IOException {
        Path p = procOf(ch);
        FileFacts now = FileFacts.following(p);
        if ((now.uid() != uid || now.gid() != gid) && FileFacts.root()) {
            Files.setAttribute(p, "unix:uid", uid);
            Files.setAttribute(p, "unix:gid", gid);
        }
        if (now.mode() != mode) {
            Files.setAttribute(p, "unix:mode", mode);
        }
    }
}
