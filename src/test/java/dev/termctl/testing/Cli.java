package dev.termctl.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the packaged command the way a user does: scripts/termctl in a separate process. */
public final class Cli {
    public static final Path BASEDIR = Path.of(System.getProperty("termctl.basedir", ".")).toAbsolutePath();
    public static final Path LAUNCHER = BASEDIR.resolve("scripts/termctl");
    /** The startup archives of test runs: under target, never in the user's ~/.cache. */
    public static final Path CACHE = BASEDIR.resolve("target/test-cache");
    public static final Path FIXTURES = Path.of(System.getProperty("termctl.fixtures", "src/test/resources/reddb")).toAbsolutePath();
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    private final Map<String, String> env = new HashMap<>();
    private final List<String> prefix = new ArrayList<>();
    private boolean cleanEnv;
    private Path workDir = BASEDIR;
    private String input;

    /** What one run printed and returned. */
    public record Result(List<String> command, int code, String out, String err) {
        /** Fails with the whole run in the message, so a broken test explains itself. */
        public Result expect(int expected) {
            assertEquals(expected, code, () -> "exit code of " + this);
            return this;
        }

        public JsonNode json() {
            try {
                return MAPPER.readTree(out);
            } catch (IOException e) {
                throw new AssertionError("stdout is not JSON: " + this, e);
            }
        }

        public JsonNode errJson() {
            try {
                return MAPPER.readTree(err);
            } catch (IOException e) {
                throw new AssertionError("stderr is not JSON: " + this, e);
            }
        }

        @Override
        public String toString() {
            return String.join(" ", command) + "\n  exit: " + code + "\n  stdout: " + out + "\n  stderr: " + err;
        }
    }

    public Cli env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** Feeds {@code text} to the command's standard input (otherwise it reads /dev/null). */
    public Cli input(String text) {
        input = text;
        return this;
    }

    /** Runs the command as {@code user} (with that user's groups), through setpriv, as `sudo -u` would. */
    public Cli as(String user) {
        prefix.addAll(List.of("setpriv", "--reuid=" + user, "--regid=" + user, "--init-groups", "--"));
        return this;
    }

    /** Starts from an empty environment (env -i, cron): only what {@link #env} sets. */
    public Cli cleanEnv() {
        cleanEnv = true;
        return this;
    }

    public Cli in(Path dir) {
        workDir = dir;
        return this;
    }

    public Result run(String... args) {
        return run(Arrays.asList(args));
    }

    public Result run(List<String> args) {
        Process p = start(args);
        try {
            if (input != null) {
                try (var stdin = p.getOutputStream()) {
                    stdin.write(input.getBytes(StandardCharsets.UTF_8));
                }
            }
            CompletableFuture<byte[]> errBytes = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = errBytes.join();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("termctl did not finish in 60 s: " + args);
            }
            return new Result(command(args), p.exitValue(), new String(out, StandardCharsets.UTF_8),
                    new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts termctl without waiting: for concurrency tests. Stderr is merged into stdout. */
    public Process start(List<String> args) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(command(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().remove("TERMCTL_FILE");
        if (cleanEnv) {
            pb.environment().clear();
        } else {
            pb.environment().put("XDG_CACHE_HOME", CACHE.toString());
        }
        pb.environment().putAll(env);
        if (input == null) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> command(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(LAUNCHER.toString());
        cmd.addAll(args);
        return cmd;
    }

    private static byte[] readAll(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The term in a term file, read with termctl's own strict parser. */
    public static String term(Path file) {
        try {
            return dev.termctl.store.TermFileFormat.parse(Files.readAllBytes(file)).term().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (dev.termctl.store.TermFileFormat.InvalidTermFile e) {
            throw new AssertionError(file + ": " + e.getMessage(), e);
        }
    }

    public static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
