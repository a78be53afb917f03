package dev.termctl.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    /**
     * Reads the pipes of running processes, a thread each: a reader blocks until its process ends, and
     * a process paused by its fault plan ends only when the test says so, so readers must never wait
     * in a bounded pool (the common pool has one thread on two cores) behind such a reader.
     */
    private static final ExecutorService READERS = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "termctl-pipe-reader");
        t.setDaemon(true);
        return t;
    });

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
        // The account's primary group by number: nobody's group is nogroup on Debian, not "nobody".
        prefix.addAll(List.of("setpriv", "--reuid=" + user, "--regid=" + sh("id", "-g", user).strip(), "--init-groups",
                "--"));
        return this;
    }

    /** True when the tests run as root (as CI does). */
    public static boolean root() {
        try {
            return (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid") == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Runs termctl in a JVM heap of {@code max} (-Xmx), for tests that prove it streams rather than
     * holds. As root the launcher refuses heap flags (they could read or write another account's
     * files), so a root test runs termctl as the account nobody, on the test's own {@code dir}, which it
     * gives to nobody.
     */
    public Cli heap(String max, Path dir) {
        env("TERMCTL_JAVA_OPTS", "-Xmx" + max);
        if (root()) {
            sh("chown", "-R", "nobody:" + sh("id", "-g", "nobody").strip(), dir.toString());
            as("nobody");
        }
        return this;
    }

    private static String sh(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed: " + out);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
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
            CompletableFuture<byte[]> errBytes = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()), READERS);
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

    /** Starts termctl without waiting: for concurrency tests. Stdout and stderr are the process's own pipes. */
    public Process start(List<String> args) {
        return spawn(args, input != null);
    }

    /** Starts termctl without waiting, as a {@link Running} that collects its output. */
    public Running launch(String... args) {
        List<String> list = Arrays.asList(args);
        Running r = new Running(command(list), spawn(list, input != null));
        if (input != null) {
            r.feed(input);
        }
        return r;
    }

    /**
     * Starts termctl with the fault plan {@code step=wait} and returns once it says it is paused at
     * {@code step} (so a write paused at "locked" holds the lock): an event, never a guess at how
     * long a JVM takes to get there. {@link Running#resume()} lets it go on; {@link Running#kill()}
     * ends it there.
     */
    public Running pausedAt(String step, String... args) {
        Cli paused = copy().env("TERMCTL_JAVA_OPTS", "-Dtermctl.faults=" + step + "=wait");
        List<String> list = Arrays.asList(args);
        Running r = new Running(command(list), paused.spawn(list, true));
        r.awaitErrLine("termctl: fault plan: paused at " + step);
        return r;
    }

    private Cli copy() {
        Cli c = new Cli();
        c.env.putAll(env);
        c.prefix.addAll(prefix);
        c.cleanEnv = cleanEnv;
        c.workDir = workDir;
        c.input = input;
        return c;
    }

    /**
     * A termctl process the test started and may act on while it runs; {@link #result()} waits for it.
     * Closing it kills it if it still runs, so a failed test leaves no holder behind.
     */
    public static final class Running implements AutoCloseable {
        private final List<String> command;
        private final Process process;
        private final BufferedReader err;
        private final StringBuilder errSeen = new StringBuilder();
        private final CompletableFuture<byte[]> out;

        private Running(List<String> command, Process process) {
            this.command = command;
            this.process = process;
            this.err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
            this.out = CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()), READERS);
        }

        public long pid() {
            return process.pid();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        private void feed(String text) {
            try (var stdin = process.getOutputStream()) {
                stdin.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // It ended already; result() tells how.
            }
        }

        private void awaitErrLine(String expected) {
            try {
                for (String line = err.readLine(); !expected.equals(line); line = err.readLine()) {
                    if (line == null) {
                        throw new AssertionError("termctl ended without printing '" + expected + "': " + result());
                    }
                    errSeen.append(line).append('\n');
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Waits for a line of stderr that starts with {@code prefix} (an event, not a delay) and returns it. */
        public String awaitErrStartingWith(String prefix) {
            try {
                for (String line = err.readLine(); ; line = err.readLine()) {
                    if (line == null) {
                        throw new AssertionError("termctl ended without printing '" + prefix + "...': " + result());
                    }
                    errSeen.append(line).append('\n');
                    if (line.startsWith(prefix)) {
                        return line;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /**
         * Returns once the process has {@code file} open: for a writer started while another run holds
         * the lock, proof that it has read the term file and is waiting for the lock (termctl opens
         * FILE.lock only to take the lock, after its first read).
         */
        public Running awaitOpen(Path file) {
            Path fds = Path.of("/proc", Long.toString(process.pid()), "fd");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60); // a safety net, not a decision
            while (true) {
                try (var s = Files.list(fds)) {
                    if (s.anyMatch(fd -> file.equals(readLink(fd)))) {
                        return this;
                    }
                } catch (IOException | UncheckedIOException e) {
                    // The process ended, or an fd closed while listing: checked below.
                }
                if (!process.isAlive()) {
                    throw new AssertionError("termctl ended before it opened " + file + ": " + result());
                }
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("termctl did not open " + file + " in 60 s");
                }
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }

        private static Path readLink(Path fd) {
            try {
                return Files.readSymbolicLink(fd);
            } catch (IOException e) {
                return null;
            }
        }

        /** Lets a run paused by its fault plan go on, and waits for its result. */
        public Result resume() {
            feed("\n");
            return result();
        }

        /** Waits for the run to end (60 s at most: a safety net) and returns what it printed. */
        public Result result() {
            try {
                StringBuilder rest = new StringBuilder(errSeen);
                for (String line = err.readLine(); line != null; line = err.readLine()) {
                    rest.append(line).append('\n');
                }
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("termctl did not finish in 60 s: " + command);
                }
                return new Result(command, process.exitValue(), new String(out.join(), StandardCharsets.UTF_8),
                        rest.toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** SIGKILL, where it is (at its pause point, for a paused run), and waits until it is gone. */
        public void kill() {
            process.destroyForcibly();
            try {
                if (!process.waitFor(60, TimeUnit.SECONDS)) {
                    throw new AssertionError("termctl survived a kill: " + command);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        @Override
        public void close() {
            if (process.isAlive()) {
                kill();
            }
        }
    }

    private Process spawn(List<String> args, boolean pipeStdin) {
        List<String> cmd = new ArrayList<>(prefix);
        cmd.addAll(command(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().remove("TERMCTL_FILE");
        if (cleanEnv) {
            pb.environment().clear();
        } else {
            pb.environment().put("XDG_CACHE_HOME", CACHE.toString());
            utf8(pb.environment());
        }
        pb.environment().putAll(env);
        if (!pipeStdin) {
            pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        }
        try {
            return pb.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The launcher's locale rule (scripts/termctl), for what a test starts with the environment it
     * inherits: under C or POSIX, or no locale at all, C.UTF-8; any other locale is kept. (The build
     * gives the test JVMs C.UTF-8, pom.xml; this keeps a test run from elsewhere, an IDE, defined too.)
     */
    public static Map<String, String> utf8(Map<String, String> environment) {
        String locale = "C";
        for (String name : List.of("LC_ALL", "LC_CTYPE", "LANG")) {
            String value = environment.get(name);
            if (value != null && !value.isEmpty()) {
                locale = value;
                break;
            }
        }
        if (locale.equals("C") || locale.equals("POSIX")) {
            environment.put("LC_ALL", "C.UTF-8");
        }
        return environment;
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
    /**
     * termctl's output on a terminal (script(1) gives it one; stdout and stderr both), with {@code env}
     * set (COLUMNS, NO_COLOR, TERM): skipped where script(1) is not installed.
     */
    public static String inTerminal(java.util.Map<String, String> env, String... args) throws Exception {
        Process probe;
        try {
            probe = new ProcessBuilder("script", "--version").redirectErrorStream(true).start();
        } catch (IOException e) {
            probe = null;
        }
        org.junit.jupiter.api.Assumptions.assumeTrue(probe != null && probe.waitFor() == 0,
                "script(1) is not installed: cannot give termctl a terminal");
        StringBuilder command = new StringBuilder("XDG_CACHE_HOME='" + CACHE + "' " + LAUNCHER);
        for (String a : args) {
            command.append(" '").append(a.replace("'", "'\\''")).append("'");
        }
        ProcessBuilder pb = new ProcessBuilder("script", "-qec", command.toString(), "/dev/null").redirectErrorStream(true);
        pb.environment().remove("NO_COLOR");
        pb.environment().remove("COLUMNS");
        utf8(pb.environment());
        pb.environment().putAll(env);
        Process p = pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor();
        return out.replace("\r\n", "\n");
    }

    public static String term(Path file) {
        try {
            return dev.termctl.format.TermFileFormat.parse(Files.readAllBytes(file)).term().toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (dev.termctl.format.TermFileFormat.InvalidTermFile e) {
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
