package dev.termctl.cli.fast;

import dev.termctl.cli.render.TerminalText;
import java.io.PrintWriter;

/**
 * Help for a pipe or a file, as picocli renders it there (80 columns, no colour), rendered by the
 * build from the same model ({@code HelpPageWriter}) into a generated class: {@code termctl --help}
 * and {@code termctl COMMAND --help} then print it without building picocli's model, which costs
 * more than the rest of a run (its annotations are read through proxies made at run time). On a
 * terminal picocli renders help itself, for the terminal's width and colours.
 */
public final class HelpPages {
    /** The generated class: PAGES holds pairs, a command's name ("" for termctl itself) and its help. */
    public static final String PAGES_CLASS = "dev.termctl.cli.fast.HelpPagesText";

    private HelpPages() {
    }

    /** Prints the help {@code args} ask for and returns true, when it is pre-rendered and stdout is not a terminal. */
    public static boolean print(String[] args, PrintWriter out) {
        String command;
        if (args.length == 1 && help(args[0])) {
            command = "";
        } else if (args.length == 2 && help(args[1]) && !args[0].startsWith("-")) {
            command = args[0];
        } else {
            return false;
        }
        if (TerminalText.stdoutIsTerminal()) {
            return false;
        }
        String page = page(command);
        if (page == null) {
            return false;
        }
        out.print(page);
        out.flush();
        return true;
    }

    private static boolean help(String arg) {
        return arg.equals("--help") || arg.equals("-h");
    }

    /** The pre-rendered help of {@code command}, or null (no such command, or classes built without the build). */
    static String page(String command) {
        try {
            String[] pages = (String[]) Class.forName(PAGES_CLASS).getDeclaredField("PAGES").get(null);
            for (int i = 0; i + 1 < pages.length; i += 2) {
                if (pages[i].equals(command)) {
                    return pages[i + 1];
                }
            }
        } catch (ReflectiveOperationException | LinkageError e) {
            // Not generated: picocli renders it.
        }
        return null;
    }
}
