package dev.termctl.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine;

/**
 * Shell completion scripts for bash, zsh (a native compdef function) and fish, generated from the
 * picocli command model at build time. An option or argument whose label names a FILE completes
 * file names; an option with fixed values (its completion candidates: -o's forms, --boundary's
 * boundaries) completes them; other values complete nothing.
 */
final class Completions {
    private Completions() {
    }

    private static final String HEADER = "termctl completion, generated from termctl's command model by DocGen: "
            + "edit the commands, not this file.";

    /** What one command takes: its options, which of them name files, and whether its arguments are files. */
    private record Command(String name, String summary, List<OptionSpec> options, boolean fileArgs) {
    }

    private static List<Command> commands(CommandLine cli) {
        List<Command> commands = new ArrayList<>();
        for (CommandLine sub : cli.getSubcommands().values()) {
            CommandSpec spec = sub.getCommandSpec();
            boolean fileArgs = false;
            for (PositionalParamSpec p : spec.positionalParameters()) {
                fileArgs |= p.paramLabel().contains("FILE");
            }
            String summary = CommandModel.summary(spec);
            commands.add(new Command(spec.name(), summary.isEmpty() ? spec.name() : summary, spec.options(), fileArgs));
        }
        return commands;
    }

    private static boolean takesFile(OptionSpec o) {
        return o.arity().max() > 0 && o.paramLabel().contains("FILE");
    }

    private static boolean takesValue(OptionSpec o) {
        return o.arity().max() > 0;
    }

    /** The fixed values {@code o} takes (its completion candidates), space-separated; empty when it has none. */
    private static String values(OptionSpec o) {
        List<String> values = new ArrayList<>();
        if (takesValue(o) && o.completionCandidates() != null) {
            o.completionCandidates().forEach(values::add);
        }
        return String.join(" ", values);
    }

    /** The first sentence, for a one-line description, as help prints it (never a raw %n). */
    private static String summary(String text) {
        return CommandModel.summary(new String[] {text});
    }

    private static String description(OptionSpec o) {
        return o.description().length == 0 ? "" : summary(o.description()[0]);
    }

    static String bash(CommandLine cli) {
        List<Command> commands = commands(cli);
        StringBuilder b = new StringBuilder("# bash ").append(HEADER).append('\n')
                .append("# Install as /usr/share/bash-completion/completions/termctl, or source it from ~/.bashrc.\n")
                .append("_termctl() {\n")
                .append("  local cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD-1]} cmd=\"\" i\n")
                .append("  for ((i = 1; i < COMP_CWORD; i++)); do\n")
                .append("    case ${COMP_WORDS[i]} in -*) ;; *) cmd=${COMP_WORDS[i]}; break ;; esac\n")
                .append("  done\n")
                .append("  if [ -z \"$cmd\" ]; then\n")
                .append("    COMPREPLY=($(compgen -W \"");
        for (Command c : commands) {
            b.append(c.name()).append(' ');
        }
        b.append("--help --version\" -- \"$cur\"))\n    return\n  fi\n")
                .append("  local opts=\"\" files=\"\" values=\"\" args=\"\"\n  case $cmd in\n");
        for (Command c : commands) {
            List<String> opts = new ArrayList<>();
            List<String> files = new ArrayList<>();
            List<String> values = new ArrayList<>();
            StringBuilder fixed = new StringBuilder();
            for (OptionSpec o : c.options()) {
                if (!takesFile(o) && !values(o).isEmpty()) {
                    fixed.append("        ").append(String.join("|", o.names())).append(") COMPREPLY=($(compgen -W \"")
                            .append(values(o)).append("\" -- \"$cur\")); return ;;\n");
                }
                for (String n : o.names()) {
                    opts.add(n);
                    if (takesFile(o)) {
                        files.add(n);
                    } else if (takesValue(o) && values(o).isEmpty()) {
                        values.add(n);
                    }
                }
            }
            b.append("    ").append(c.name()).append(")\n      opts=\"").append(String.join(" ", opts)).append("\" files=\"")
                    .append(String.join(" ", files)).append("\" values=\"").append(String.join(" ", values))
                    .append("\" args=\"").append(c.fileArgs() ? "files" : "").append("\"\n");
            if (fixed.length() > 0) {
                b.append("      case $prev in\n").append(fixed).append("      esac\n");
            }
            b.append("      ;;\n");
        }
        b.append("  esac\n")
                .append("  if [[ \" $files \" == *\" $prev \"* ]]; then\n")
                .append("    compopt -o filenames 2>/dev/null\n")
                .append("    local IFS=$'\\n'\n")
                .append("    COMPREPLY=($(compgen -f -- \"$cur\"))\n")
                .append("    return\n")
                .append("  fi\n")
                .append("  if [[ \" $values \" == *\" $prev \"* ]]; then\n")
                .append("    COMPREPLY=()\n")
                .append("    return\n")
                .append("  fi\n")
                .append("  if [[ $cur == -* ]]; then\n")
                .append("    COMPREPLY=($(compgen -W \"$opts\" -- \"$cur\"))\n")
                .append("  elif [ -n \"$args\" ]; then\n")
                .append("    compopt -o filenames 2>/dev/null\n")
                .append("    local IFS=$'\\n'\n")
                .append("    COMPREPLY=($(compgen -f -- \"$cur\"))\n")
                .append("  fi\n")
                .append("}\n")
                .append("complete -F _termctl termctl\n");
        return b.toString();
    }

    static String zsh(CommandLine cli) {
        List<Command> commands = commands(cli);
        StringBuilder b = new StringBuilder("#compdef termctl\n# zsh ").append(HEADER).append('\n')
                .append("# Install as _termctl in a directory of $fpath (Debian: /usr/share/zsh/vendor-completions).\n")
                .append("_termctl() {\n")
                .append("  local -a commands\n")
                .append("  commands=(\n");
        for (Command c : commands) {
            b.append("    ").append(zshQuote(c.name() + ":" + c.summary())).append('\n');
        }
        b.append("  )\n")
                .append("  if (( CURRENT == 2 )); then\n")
                .append("    _describe -t commands 'termctl command' commands\n")
                .append("    return\n")
                .append("  fi\n")
                .append("  local cmd=${words[2]}\n")
                .append("  shift words\n")
                .append("  (( CURRENT-- ))\n")
                .append("  case $cmd in\n");
        for (Command c : commands) {
            b.append("    ").append(c.name()).append(")\n      _arguments -s");
            for (OptionSpec o : c.options()) {
                String action = takesFile(o) ? ":file:_files"
                        : !values(o).isEmpty() ? ":" + label(o) + ":(" + values(o) + ")"
                        : takesValue(o) ? ":" + label(o) + ": "
                        : "";
                boolean repeatable = o.isMultiValue();
                for (String n : o.names()) {
                    b.append(" \\\n        ").append(zshQuote((repeatable ? "*" : "") + n + "[" + zshBracket(description(o))
                            + "]" + action));
                }
            }
            if (c.fileArgs()) {
                b.append(" \\\n        '*:file:_files'");
            }
            b.append("\n      ;;\n");
        }
        b.append("  esac\n}\n")
                .append("_termctl \"$@\"\n");
        return b.toString();
    }

    static String fish(CommandLine cli) {
        List<Command> commands = commands(cli);
        StringBuilder b = new StringBuilder("# fish ").append(HEADER).append('\n')
                .append("# Install as termctl.fish in a directory of $fish_complete_path "
                        + "(Debian: /usr/share/fish/vendor_completions.d).\n")
                .append("complete -c termctl -f\n");
        for (Command c : commands) {
            b.append("complete -c termctl -n __fish_use_subcommand -a ").append(c.name()).append(" -d ")
                    .append(fishQuote(c.summary())).append('\n');
        }
        for (Command c : commands) {
            String when = " -n " + fishQuote("__fish_seen_subcommand_from " + c.name());
            for (OptionSpec o : c.options()) {
                StringBuilder line = new StringBuilder("complete -c termctl").append(when);
                for (String n : o.names()) {
                    line.append(n.startsWith("--") ? " -l " + n.substring(2) : " -s " + n.substring(1));
                }
                if (takesFile(o)) {
                    line.append(" -r -F");
                } else if (!values(o).isEmpty()) {
                    line.append(" -x -a ").append(fishQuote(values(o)));
                } else if (takesValue(o)) {
                    line.append(" -x");
                }
                b.append(line).append(" -d ").append(fishQuote(description(o))).append('\n');
            }
            if (c.fileArgs()) {
                b.append("complete -c termctl").append(when).append(" -F\n");
            }
        }
        return b.toString();
    }

    /** The value's name for zsh's message: the label, lower case. */
    private static String label(OptionSpec o) {
        return o.paramLabel().toLowerCase(java.util.Locale.ROOT).replace(":", "");
    }

    private static String zshQuote(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }

    private static String zshBracket(String s) {
        return s.replace("[", "(").replace("]", ")").replace(":", ";");
    }

    private static String fishQuote(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }
}
