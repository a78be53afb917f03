package dev.termctl.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A plain text table: columns padded to their widest cell, two spaces apart, no trailing blanks. */
final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final boolean[] right;

    /** A table with these headers; {@code rightAligned} names the columns whose cells align right (numbers). */
    Table(String[] headers, int... rightAligned) {
        rows.add(headers);
        right = new boolean[headers.length];
        for (int c : rightAligned) {
            right[c] = true;
        }
    }

    Table add(String... cells) {
        rows.add(cells);
        return this;
    }

    /**
     * Prints the table within {@code maxWidth} columns where it can: the last column is cut first,
     * then the first (from the left, so a path keeps its end); cut cells end or start with "...".
     */
    void print(PrintWriter out, int maxWidth) {
        int[] widths = new int[right.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], TerminalText.escape(String.valueOf(r[i])).length());
            }
        }
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
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                String cell = fit(TerminalText.escape(String.valueOf(r[i])), widths[i], i == 0);
                String pad = " ".repeat(widths[i] - cell.length());
                b.append(i == 0 ? "" : "  ").append(right[i] ? pad + cell : cell + pad);
            }
            out.println(b.toString().stripTrailing());
        }
    }

    private static String fit(String cell, int width, boolean keepEnd) {
        if (cell.length() <= width) {
            return cell;
        }
        return keepEnd ? "..." + cell.substring(cell.length() - (width - 3)) : cell.substring(0, width - 3) + "...";
    }
}
