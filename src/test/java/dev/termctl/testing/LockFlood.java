package dev.termctl.testing;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A hostile account's flood of the kernel's lock table (issue 25), run as that account by the
 * tests: takes {@code PER_FILE} POSIX locks on each of {@code FILES} files it creates in
 * {@code DIR} (byte ranges apart, so the kernel keeps each one), prints {@code holding N} once it
 * holds them all, and holds them until its stdin closes. Each {@code HOLD} file is locked whole
 * first (a term file's lock, say), so that the flood stands before it in the kernel's table.
 *
 * <p>Usage: {@code LockFlood DIR FILES PER_FILE [HOLD...]}.
 */
public final class LockFlood {
    private LockFlood() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int files = Integer.parseInt(args[1]);
        int perFile = Integer.parseInt(args[2]);
        List<FileChannel> held = new ArrayList<>(files);
        long total = 0;
        for (int h = 3; h < args.length; h++) {
            FileChannel c = FileChannel.open(Path.of(args[h]), StandardOpenOption.READ, StandardOpenOption.WRITE);
            held.add(c);
            c.lock();
            total++;
        }
        for (int f = 0; f < files; f++) {
            FileChannel c = FileChannel.open(dir.resolve("flood-" + f), StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            held.add(c);
            for (int k = 0; k < perFile; k++) {
                c.lock(2L * k, 1, false);
                total++;
            }
        }
        System.out.println("holding " + total);
        System.out.flush();
        while (System.in.read() >= 0) {
            // Holds until the test closes our stdin.
        }
        for (FileChannel c : held) {
            c.close();
        }
    }
}
