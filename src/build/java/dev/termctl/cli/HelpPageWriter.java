package dev.termctl.cli;

import dev.termctl.cli.fast.HelpPages;
import picocli.CommandLine;

/**
 * The help pages a pipe gets ({@link HelpPages}): each command's, and termctl's own, rendered by
 * picocli from the model exactly as a run on a pipe renders them (80 columns, no colour), into the
 * source of {@link HelpPages#PAGES_CLASS}, which the build compiles after the main classes.
 */
final class HelpPageWriter {
    private HelpPageWriter() {
    }

    /** The source of the class holding every page. */
    static String source() {
        StringBuilder b = new StringBuilder();
        CommandLine top = CommandModel.commandLine(80);
        page(b, "", top.getUsageMessage(CommandLine.Help.Ansi.OFF));
        for (CommandLine sub : DocGen.subcommands(top)) {
            // Built as a run of that command builds it: the model of that command alone.
            CommandLine alone = CommandModel.commandLine(80, sub.getCommandName()).getSubcommands().get(sub.getCommandName());
            page(b, sub.getCommandName(), alone.getUsageMessage(CommandLine.Help.Ansi.OFF));
        }
        return ModelTableWriter.generatedClass(HelpPages.PAGES_CLASS, "HelpPageWriter", "help for a pipe",
                "    static final String[] PAGES = {\n" + b + "    };\n");
    }

    /** Where {@link #source} goes under a source root. */
    static String sourcePath() {
        return ModelTableWriter.sourcePath(HelpPages.PAGES_CLASS);
    }

    private static void page(StringBuilder b, String command, String text) {
        if (text.length() > 65_535 / 3) {
            throw new IllegalStateException("the help of '" + command + "' could outgrow a string constant");
        }
        b.append("        \"").append(command).append("\",\n        \"").append(ModelTableWriter.literal(text)).append("\",\n");
    }
}
