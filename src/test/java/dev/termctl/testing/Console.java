package dev.termctl.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the docs' console examples ("$ command" lines of a {@code ```console} block, and the output
 * shown under each) against the packaged command, in the world the docs describe: a three-node
 * RedDB cluster after a failover, seen from node-c, the stale ex-primary.
 *
 * <ul>
 *   <li>{@code termctl} is on PATH (the clone's launcher); so is {@code examples/} under the working
 *       directory, a private copy, and {@code scripts/}.</li>
 *   <li>{@code /var/lib/reddb} is node-c's RedDB directory, in RedDB's layout: the term file
 *       {@code replication/term.json} at term 11 and the data file {@code data.rdb}, held by a
 *       running server (util-linux flock, named {@code reddb}) from the start. {@code systemctl stop reddb} and {@code systemctl start reddb} release and take that
 *       lock, and nothing else of systemctl runs.</li>
 *   <li>{@code ssh HOST COMMAND} runs COMMAND on HOST's files (node-a and node-b at term 12), and
 *       HOST is the {@code "host"} of what it prints.</li>
 *   <li>{@code /tmp/} is a private directory.</li>
 * </ul>
 *
 * Each of these is a path or name in the command's text, mapped to the scratch directory before it
 * runs and back in what it printed; times, users, hosts, pids and column padding are normalised. A
 * path of the scratch directory left in the output fails the comparison: the docs show paths a
 * reader recognises, never the clone they were written in.
 */
public final class Console implements AutoCloseable {
    /** The host the examples run on. */
    public static final String LOCAL = "node-c";
    /** The cluster's hosts and their terms, after the failover. */
    public static final List<String> HOSTS = List.of("node-a", "node-b", "node-c");
    /** RedDB's directory on every host, as the docs name it: {@code replication/term.json} and {@code data.rdb} (issue 24's one layout). */
    public static final String REDDB = "/var/lib/reddb";
    /** The docs' paths that the examples map, where a path starts. */
    private static final Pattern DOC_PATHS = Pattern.compile("(?<![\\w./-])(" + REDDB + "|/tmp/)");

    /** One "$ command" line and the output shown under it, up to the next command or the end of the block. */
    public record Example(Path file, int line, String command, String expected) {
        public String where() {
            return Cli.BASEDIR.relativize(file) + " line " + line;
        }
    }

    private final Path scratch;
    private Flock server;

    /** Sets the world up in {@code scratch} (an empty directory): the server on node-c runs. */
    public Console(Path scratch) {
        this.scratch = scratch;
        try {
            Files.createSymbolicLink(scratch.resolve("scripts"), Cli.BASEDIR.resolve("scripts"));
            copy(Cli.BASEDIR.resolve("examples"), scratch.resolve("examples"));
            Files.createDirectory(scratch.resolve("tmp"));
            Path bin = Files.createDirectory(scratch.resolve("bin"));
            Files.createSymbolicLink(bin.resolve("termctl"), Cli.LAUNCHER);
            // The server's command name is the name it was run by: a link named reddb.
            Files.createSymbolicLink(bin.resolve("reddb"), Path.of(which("flock")));
            Path ssh = Files.writeString(bin.resolve("ssh"), """
                    #!/bin/bash
                    # ssh HOST COMMAND...: runs COMMAND here, on HOST's files, as if on HOST.
                    host=$1; shift
                    cmd="$*"
                    cmd=${cmd//"$TERMCTL_DOC_HOSTS/%s/"/"$TERMCTL_DOC_HOSTS/$host/"}
                    bash -c "$cmd" | sed "s/\\"host\\":\\"[^\\"]*\\"/\\"host\\":\\"$host\\"/g"
                    exit "${PIPESTATUS[0]}"
                    """.formatted(LOCAL));
            Files.setPosixFilePermissions(ssh, PosixFilePermissions.fromString("rwxr-xr-x"));
            for (String host : HOSTS) {
                Path dir = Files.createDirectories(node(host).resolve("replication"));
                Files.writeString(dir.resolve("term.json"), host.equals(LOCAL) ? "{\"term\":11}" : "{\"term\":12}");
            }
            Files.writeString(node(LOCAL).resolve("data.rdb"), "pages");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server = Flock.holdWith(scratch.resolve("bin/reddb").toString(), node(LOCAL).resolve("data.rdb"));
    }

    /** HOST's RedDB directory, which the examples name {@value #REDDB}. */
    public Path node(String host) {
        return scratch.resolve("hosts").resolve(host).resolve(REDDB.substring(1));
    }

    /** Whether node-c's server runs (holds its data file). */
    public boolean serverRunning() {
        return server != null;
    }

    /** The examples of the {@code ```console} blocks in {@code text}, whose first line is line {@code firstLine} of {@code file}. */
    public static List<Example> examples(Path file, String text, int firstLine) {
        List<String> lines = text.lines().toList();
        List<Example> examples = new ArrayList<>();
        String indent = null; // the console block's indentation (inside a list item), or null outside one
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (indent == null) {
                if (line.strip().equals("```console")) {
                    indent = line.substring(0, line.indexOf('`'));
                }
                continue;
            }
            if (line.strip().equals("```")) {
                indent = null;
                continue;
            }
            line = unindent(line, indent);
            if (!line.startsWith("$ ")) {
                continue;
            }
            int start = i;
            // A command continued with a backslash goes on on the next line, after the shell's "> ".
            StringBuilder command = new StringBuilder(line.substring(2));
            while (command.toString().endsWith("\\") && i + 1 < lines.size()) {
                String next = unindent(lines.get(++i), indent);
                command.append('\n').append(next.startsWith("> ") ? next.substring(2) : next);
            }
            StringBuilder out = new StringBuilder();
            while (i + 1 < lines.size() && !unindent(lines.get(i + 1), indent).startsWith("$ ")
                    && !lines.get(i + 1).strip().equals("```")) {
                out.append(unindent(lines.get(++i), indent)).append('\n');
            }
            examples.add(new Example(file, firstLine + start, command.toString(), out.toString().strip()));
        }
        return examples;
    }

    private static String unindent(String line, String indent) {
        return line.startsWith(indent) ? line.substring(indent.length()) : line.stripLeading();
    }

    /** Every example of {@code file}. */
    public static List<Example> examples(Path file) {
        return examples(file, DocText.read(file), 1);
    }

    /** Runs the examples in order; returns what differs, one text per example ("" when none does). */
    public String check(List<Example> examples) {
        List<String> failures = new ArrayList<>();
        for (Example e : examples) {
            String actual = run(e.command());
            if (!normalise(actual).equals(normalise(e.expected()))) {
                failures.add(e.where() + ": $ " + e.command() + "\n--- the doc shows:\n" + e.expected()
                        + "\n--- termctl printed:\n" + actual.strip());
            }
        }
        return String.join("\n\n", failures);
    }

    /** Runs one command as the docs' reader would, in this world; returns stdout and stderr, paths mapped back. */
    public String run(String command) {
        if (command.startsWith("systemctl")) {
            return systemctl(command);
        }
        // One pass: the scratch directory may itself be under /tmp.
        Matcher paths = DOC_PATHS.matcher(command);
        StringBuilder mapped = new StringBuilder();
        while (paths.find()) {
            paths.appendReplacement(mapped, Matcher.quoteReplacement(
                    paths.group().equals(REDDB) ? node(LOCAL).toString() : scratch + "/tmp/"));
        }
        paths.appendTail(mapped);
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", mapped.toString()).directory(scratch.toFile())
                .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("XDG_CACHE_HOME", Cli.CACHE.toString());
        pb.environment().put("PATH", scratch.resolve("bin") + ":" + pb.environment().get("PATH"));
        pb.environment().put("TERMCTL_DOC_HOSTS", scratch.resolve("hosts").toString());
        pb.environment().remove("TERMCTL_FILE");
        pb.environment().remove("TERMCTL_JOURNAL");
        pb.environment().remove("COLUMNS");
        try {
            Process p = pb.start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(120, TimeUnit.SECONDS)) { // a safety net, not a decision
                p.destroyForcibly();
                throw new AssertionError("did not end: " + command);
            }
            String text = new String(out, StandardCharsets.UTF_8);
            text = text.replaceAll(Pattern.quote(scratch.resolve("hosts").toString()) + "/[a-z-]+" + Pattern.quote(REDDB),
                    Matcher.quoteReplacement(REDDB));
            return text.replace(scratch + "/tmp/", "/tmp/");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** The two systemctl commands the docs use, acted out on node-c's server; anything else is not in this world. */
    private String systemctl(String command) {
        switch (command) {
            case "systemctl stop reddb" -> {
                if (server != null) {
                    server.close();
                    server = null;
                }
            }
            case "systemctl start reddb" -> {
                if (server == null) {
                    server = Flock.holdWith(scratch.resolve("bin/reddb").toString(), node(LOCAL).resolve("data.rdb"));
                }
            }
            default -> throw new AssertionError("the docs' examples run systemctl only as 'systemctl stop reddb' and "
                    + "'systemctl start reddb', not: " + command);
        }
        return "";
    }

    /** What may differ between two runs of one example: times, users, hosts, pids, column padding. */
    public static String normalise(String text) {
        return text.strip()
                .replaceAll("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ", "TIME")
                .replaceAll("\\d{8}T\\d{6}Z", "TIME")
                .replaceAll("\"host\":\"[^\"]*\"", "\"host\":\"HOST\"")
                .replaceAll("\"(user|effective_user)\":\"[^\"]*\"", "\"$1\":\"USER\"")
                .replaceAll("[a-z_][a-z0-9_-]*@[A-Za-z0-9.-]+", "USER@HOST")
                .replaceAll("\\bpid \\d+", "pid PID")
                .replaceAll(" {2,}", "  ")
                .replaceAll("(?m) +$", "");
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
            server = null;
        }
    }

    private static String which(String program) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path p = Path.of(dir, program);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError(program + " is not on PATH (util-linux)");
    }

    private static void copy(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path p : files.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
