package dev.termctl.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * A plain text table: columns padded to their widest cell, two spaces apart, no trailing blanks.
 * A long table is streamed: {@link #measure} every row, then {@link #fit}, the {@link #header} and
 * each {@link #row} in turn, so that its rows are never all in memory.
 */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final String[] headers;
    private final boolean[] right;
    private final int[] widths;

    /** A table with these headers; {@code rightAligned} names the columns whose cells align right (numbers). */
    Table(String[] headers, int... rightAligned) {
        this.headers = headers;
        right = new boolean[headers.length];
        widths = new int[headers.length];
        for (int c : rightAligned) {
            right[c] = true;
        }
        measure(headers);
    }

    /** Adds a row, kept until {@link #print}. */
    Table add(String... cells) {
        measure(cells);
        rows.add(cells);
        return this;
    }

    /** Widens the columns to hold a row that will be printed later with {@link #row}. */
    void measure(String... cells) {
        for (int i = 0; i < cells.length; i++) {
            widths[i] = Math.max(widths[i], TerminalText.escape(String.valueOf(cells[i])).length());
        }
    }

    /** Prints the table of the rows added, within {@code maxWidth} columns where it can (see {@link #fit}). */
    void print(PrintWriter out, int maxWidth) {
        fit(maxWidth);
        header(out);
        for (String[] r : rows) {
            row(out, r);
        }
    }

    /**
     * Fits the measured columns within {@code maxWidth} where it can: the last column is cut first,
     * then the first (from the left, so a path keeps its end); cut cells end or start with "...".
     */
    void fit(int maxWidth) {
        int total = 2 * (widths.length - 1);
        for (int w : widths) {
            total += w;
        }
        int last = widths.length - 1;
        int over = total - maxWidth;
        if (over > 0) {
            int cut = Math.min(over, Math.max(0, widths[last] - 12));
            widths[last] -= cut;
            over -= cut;
        }
        if (over > 0) {
            widths[0] = Math.max(12, widths[0] - over);
        }
    }

    void header(PrintWriter out) {
        row(out, headers);
    }

    /** Prints one row in the fitted columns; its cells are escaped here, once. */
    void row(PrintWriter out, String... cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = fit(TerminalText.escape(String.valueOf(cells[i])), widths[i], i == 0);
            String pad = " ".repeat(Math.max(0, widths[i] - cell.length()));
            b.append(i == 0 ? "" : "  ").append(right[i] ? pad + cell : cell + pad);
        }
        out.println(TerminalText.escaped(b.toString().stripTrailing()));
    }

    private static String fit(String cell, int width, boolean keepEnd) {
        if (cell.length() <= width) {
            return cell;
        }
        return keepEnd ? "..." + cell.substring(cell.length() - (width - 3)) : cell.substring(0, width - 3) + "...";
    }
}
