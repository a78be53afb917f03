package dev.termctl.cli.option;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * File names from the command line and the environment, refused when they cannot name a file
 * exactly. The JVM decodes its arguments and environment in the locale's encoding, and a file name
 * is encoded back the same way: in UTF-8 (the launcher's default) the round trip is exact for every
 * name that decodes without a replacement character, but in a legacy encoding two byte sequences
 * may decode to one character (Big5's \xa2\xcc and \xa4\x51 are both U+5341), and the name would
 * reach another file. There the bytes acted on are checked against the bytes given
 * (/proc/self/cmdline and /proc/self/environ).
 */
public final class Paths {
    private Paths() {
    }

    /** The most of /proc/self/cmdline or /proc/self/environ read: the kernel's limit on both together. */
    private static final int MAX_RAW = 4 * 1024 * 1024;

    public static Path of(String file, String option) {
        String encoding = System.getProperty("sun.jnu.encoding");
        if (file.indexOf('\uFFFD') >= 0) {
            // The JVM decodes arguments in the locale's encoding and replaces what it cannot decode:
            // the name would no longer be the file's, so termctl would read or create another file.
            throw new TermctlException(ExitCode.USAGE, "invalid value for option '" + option + "': '" + file
                    + "' cannot be named exactly: it holds bytes that are not valid in the locale's encoding ("
                    + encoding + "); rename the file, or run termctl in a UTF-8 locale");
        }
        if (!exact(file, encoding)) {
            throw new TermctlException(ExitCode.USAGE, "invalid value for option '" + option + "': '" + file
                    + "' cannot be named exactly in the locale's encoding (" + encoding + "): the bytes given decode to"
                    + " characters that encode back to other bytes, which would name another file; nothing was read"
                    + " or changed. Run termctl in a UTF-8 locale (LC_ALL=C.UTF-8)");
        }
        try {
            return Path.of(file);
        } catch (InvalidPathException e) {
            throw new TermctlException(ExitCode.USAGE, "invalid value for option '" + option + "': '" + file + "': "
                    + e.getReason());
        }
    }

    /**
     * Whether {@code file}, encoded as the JVM encodes file names, is the bytes it came from: every
     * argument and environment entry whose text holds it must hold its bytes. Always in UTF-8 and
     * ISO-8859-1, whose round trip is exact (what UTF-8 cannot decode is U+FFFD, refused above).
     */
    static boolean exact(String file, String encoding) {
        Charset charset;
        try {
            charset = Charset.forName(encoding);
        } catch (IllegalArgumentException | NullPointerException e) {
            return false;
        }
        if (charset.equals(StandardCharsets.UTF_8) || charset.equals(StandardCharsets.ISO_8859_1)) {
            return true;
        }
        byte[] bytes = file.getBytes(charset);
        byte[][] sources = {read("/proc/self/cmdline"), read("/proc/self/environ")};
        if (sources[0] == null || sources[1] == null) {
            return false; // no /proc: it cannot be checked
        }
        for (byte[] raw : sources) {
            int from = 0;
            for (int i = 0; i <= raw.length; i++) {
                if (i == raw.length || raw[i] == 0) {
                    if (i > from && new String(raw, from, i - from, charset).contains(file)
                            && indexOf(raw, from, i, bytes) < 0) {
                        return false;
                    }
                    from = i + 1;
                }
            }
        }
        return true;
    }

    private static byte[] read(String file) {
        try (InputStream in = Files.newInputStream(Path.of(file))) {
            return in.readNBytes(MAX_RAW);
        } catch (IOException e) {
            return null;
        }
    }

    private static int indexOf(byte[] b, int from, int to, byte[] part) {
        outer:
        for (int i = from; i + part.length <= to; i++) {
            for (int k = 0; k < part.length; k++) {
                if (b[i + k] != part[k]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
