package dev.termctl.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The build's generator (src/build/java: never in the jar), run right after the main classes
 * compile: the man pages ({@link ManPages}) and the bash, zsh and fish completion scripts
 * ({@link Completions}) into target/generated-docs, with the Debian package's gzipped copies, and
 * the fast parser's table ({@link ModelTableWriter}), all from the picocli command model.
 */
public final class DocGen {
    private DocGen() {
    }

    /**
     * Usage: {@code DocGen DOCS_DIR TABLE_SOURCES DEBIAN_SOURCES}: the man pages and completion scripts
     * into DOCS_DIR (and gzipped into DOCS_DIR/deb, with the changelog from DEBIAN_SOURCES), and the
     * source of the fast parser's table into the source root TABLE_SOURCES, for the build to compile.
     */
    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        for (Map.Entry<String, String> file : generate().entrySet()) {
            write(out.resolve(file.getKey()), file.getValue());
        }
        String table = ModelTableWriter.table(CommandModel.commandLine(80));
        write(Path.of(args[1]).resolve(ModelTableWriter.sourcePath()), ModelTableWriter.source(table));
        write(Path.of(args[1]).resolve(HelpPageWriter.sourcePath()), HelpPageWriter.source());
        debianFiles(out, Path.of(args[2]));
    }

    /** Writes {@code text} to {@code file} unless it holds it already (so an unchanged table is not compiled again). */
    private static void write(Path file, String text) throws IOException {
        Files.createDirectories(file.getParent());
        if (!Files.exists(file) || !Files.readString(file, StandardCharsets.UTF_8).equals(text)) {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        }
    }

    /** The Debian package's compressed files: man pages and the changelog, gzipped as Debian policy wants. */
    private static void debianFiles(Path out, Path debSources) throws IOException {
        Path deb = out.resolve("deb");
        Files.createDirectories(deb.resolve("man1"));
        for (Map.Entry<String, String> file : generate().entrySet()) {
            if (file.getKey().startsWith("man/")) {
                Path page = deb.resolve("man1").resolve(Path.of(file.getKey()).getFileName() + ".gz");
                Files.write(page, gzip(file.getValue().getBytes(StandardCharsets.UTF_8)));
            }
        }
        Files.write(deb.resolve("changelog.gz"), gzip(Files.readAllBytes(debSources.resolve("changelog"))));
    }

    /**
     * gzip at maximum compression with no name and no time stamp (so the package is reproducible and
     * lintian sees the maximum-compression flag), written by hand because GZIPOutputStream sets neither.
     */
    static byte[] gzip(byte[] data) {
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION, true);
        deflater.setInput(data);
        deflater.finish();
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        out.writeBytes(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 2, 3});
        byte[] buf = new byte[8192];
        while (!deflater.finished()) {
            out.write(buf, 0, deflater.deflate(buf));
        }
        deflater.end();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(data);
        long c = crc.getValue();
        int n = data.length;
        out.writeBytes(new byte[] {(byte) c, (byte) (c >> 8), (byte) (c >> 16), (byte) (c >> 24),
            (byte) n, (byte) (n >> 8), (byte) (n >> 16), (byte) (n >> 24)});
        return out.toByteArray();
    }

    /** Every generated file, by its path under the output directory. */
    static Map<String, String> generate() {
        CommandLine cli = CommandModel.commandLine(80);
        Map<String, String> files = new LinkedHashMap<>();
        for (Map.Entry<String, String> page : ManPages.pages(cli).entrySet()) {
            files.put("man/" + page.getKey(), page.getValue());
        }
        files.put("completion/termctl.bash", Completions.bash(cli));
        files.put("completion/_termctl", Completions.zsh(cli));
        files.put("completion/termctl.fish", Completions.fish(cli));
        return files;
    }

    /** The commands, without picocli's help command. */
    static List<CommandLine> subcommands(CommandLine cli) {
        List<CommandLine> subs = new ArrayList<>();
        for (CommandLine sub : cli.getSubcommands().values()) {
            if (!sub.getCommandName().equals("help")) {
                subs.add(sub);
            }
        }
        return subs;
    }
}
