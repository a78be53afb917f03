package dev.termctl.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for a running database server: util-linux flock(1) holding an exclusive flock(2) on a
 * file, as RedDB's server holds its data file. {@link #hold} returns once flock has said it holds
 * the lock (an event, never a delay); {@link #close} releases it (its child's stdin closes) and
 * waits until the holder is gone.
 */
public final class Flock implements AutoCloseable {
    private final Process process;

    private Flock(Process process) {
        this.process = process;
    }

    /** Holds an exclusive flock on {@code file} (created if missing), with {@code prefix} before flock (setpriv ...). */
    public static Flock hold(Path file, String... prefix) {
        return holdWith("flock", file, prefix);
    }

    /**
     * The same, run as {@code program}: a link to flock(1) named as the server it stands in for, so
     * that the kernel's name for the holder (/proc/PID/comm) is that server's ("reddb").
     */
    public static Flock holdWith(String program, Path file, String... prefix) {
        String[] command = new String[prefix.length + 6];
        System.arraycopy(prefix, 0, command, 0, prefix.length);
        System.arraycopy(new String[] {program, "-x", file.toString(), "sh", "-c", "echo locked; read x"}, 0, command,
                prefix.length, 6);
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            if (!"locked".equals(line)) {
                p.destroyForcibly();
                throw new AssertionError("flock did not take the lock on " + file + ": " + line);
            }
            return new Flock(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The pid that took the lock, which /proc/locks names: flock's own (it runs the shell as a child). */
    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(60, TimeUnit.SECONDS)) { // a safety net, not a decision
                process.destroyForcibly();
                throw new AssertionError("flock did not end once its input closed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
