package dev.termctl.cli.render;

import dev.termctl.ExitCode;
import dev.termctl.TermctlException;
import dev.termctl.journal.Journal;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * history: the journal's entries about the term file asked for (all files' when {@code file} is
 * null), streamed from the open journal (it is never all in memory); none when there is no journal
 * yet. {@code last}: only the last that many entries, or all when negative. A journal with damaged
 * lines ends the run with 65, after the entries that could be read.
 *
 * <p>The journal is read again while the entries are printed; if it fails then (changed under us, an
 * I/O error), printing stops there and the run ends with that failure's code and words, in the one
 * object or line it prints: never a second object, never a stack trace.
 */
public final class HistoryView implements Result {
    private final String file;
    private final String journal;
    private final Journal.Contents contents;
    private final int last;
    /** A failure met while streaming the entries (after the first read), or null. */
    private TermctlException late;

    public HistoryView(String file, String journal, Journal.Contents contents, int last) {
        this.file = file;
        this.journal = journal;
        this.contents = contents;
        this.last = last;
    }

    String file() {
        return file;
    }

    String journal() {
        return journal;
    }

    /** Gives the entries shown, oldest first; stops at a failure, which {@link #damage} then reports. */
    void forEach(Consumer<Journal.Entry> sink) {
        if (contents == null || late != null) {
            return;
        }
        int skip = last < 0 ? 0 : Math.max(0, contents.entries() - last);
        int[] seen = {0};
        try {
            contents.forEach(e -> {
                if (seen[0]++ >= skip) {
                    sink.accept(e);
                }
            });
        } catch (RuntimeException e) {
            if (!(e instanceof TermctlException) && !Failures.isFact(e)) {
                throw e;
            }
            late = Failures.expected(e);
        }
    }

    /** How many entries {@link #forEach} gives. */
    int shown() {
        return contents == null ? 0 : last < 0 ? contents.entries() : Math.min(last, contents.entries());
    }

    /** Where a torn last line stands, or null. */
    String torn() {
        return contents == null ? null : contents.torn();
    }

    /** The error naming the damaged lines (or a failure met while printing), or null when there is none. */
    String damage() {
        if (late != null) {
            return late.getMessage();
        }
        int count = contents == null ? 0 : contents.damagedCount();
        if (count == 0) {
            return null;
        }
        List<String> numbers = new ArrayList<>();
        for (int n : contents.damaged()) {
            numbers.add(Integer.toString(n));
        }
        return journal + (count == 1 ? " line " : " lines ") + String.join(", ", numbers)
                + (count > numbers.size() ? " and " + (count - numbers.size()) + " more" : "")
                + " are not termctl journal entries (one JSON object a line, with \"file\" and \"after\"; "
                + contents.firstDamage() + "); the other entries are shown. The journal is append-only: do not"
                + " edit it by hand";
    }

    @Override
    public void renderTo(Renderer renderer) {
        renderer.history(this);
    }

    @Override
    public int exitCode() {
        return late != null ? late.exitCode() : damage() == null ? ExitCode.ADMIT : ExitCode.INVALID_FILE;
    }

    @Override
    public void close() {
        if (contents != null) {
            contents.close();
        }
    }
}
