package dev.termctl.cli.render;

import java.io.PrintWriter;

/**
 * A plain text table: columns padded to their widest cell, two spaces apart, no trailing blanks.
 * A long table is streamed: {@link #measure} every row, then {@link #fit}, the {@link #header} and
 * each {@link #row} in turn, so that its rows are never all in memory.
 */
final class Table {
    private final String[] headers;
    private final boolean[] right;
    private final int[] widths;
    /** The first column's cells so far: their common prefix (escaped), and how much of it is elided. */
    private String common;
    private int named;
    private int elided;
    private boolean names;

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

    /** Lets {@link #fit} elide the prefix all cells of the first column share (it holds paths or host:path names). */
    Table names() {
        names = true;
        return this;
    }

    /** Widens the columns to hold a row that will be printed later with {@link #row}. */
    void measure(String... cells) {
        for (int i = 0; i < cells.length; i++) {
            String cell = TerminalText.escape(String.valueOf(cells[i]));
            widths[i] = Math.max(widths[i], cell.length());
            if (i == 0 && cells != headers) {
                common = common == null ? cell : common.substring(0, commonLength(common, cell));
                named++;
            }
        }
    }

    private static int commonLength(String a, String b) {
        int n = 0;
        while (n < a.length() && n < b.length() && a.charAt(n) == b.charAt(n)) {
            n++;
        }
        return n;
    }

    /**
     * Fits the measured columns within {@code maxWidth} where it can: the last column (notes) is cut
     * first, its cells ending in "..."; then the first column (the nodes' names) loses the part all its
     * cells share, up to a '/' or ':', shown as ".../". The part that tells the rows apart is never cut:
     * a table that does not fit then is wider than {@code maxWidth}.
     */
    void fit(int maxWidth) {
        int total = 2 * (widths.length - 1);
        for (int w : widths) {
            total += w;
        }
        int last = widths.length - 1;
        int over = total - maxWidth;
        if (over > 0 && last > 0) {
            int cut = Math.min(over, Math.max(0, widths[last] - 12));
            widths[last] -= cut;
            over -= cut;
        }
        // One row shares its whole name with itself: nothing tells it apart from others, keep it whole.
        if (over > 0 && names && common != null && named > 1) {
            int boundary = Math.max(common.lastIndexOf('/'), common.lastIndexOf(':'));
            // Worth it only when it is longer than the "..." that replaces it.
            if (boundary > 3) {
                elided = boundary;
                widths[0] = Math.max(headers[0].length(), widths[0] - elided + 3);
            }
        }
    }

    void header(PrintWriter out) {
        row(out, headers);
    }

    /** Prints one row in the fitted columns; its cells are escaped here, once. */
    void row(PrintWriter out, String... cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            String cell = TerminalText.escape(String.valueOf(cells[i]));
            if (i == 0 && cells != headers && elided > 0) {
                cell = "..." + cell.substring(elided);
            }
            cell = i == 0 ? cell : cut(cell, widths[i]);
            String pad = " ".repeat(Math.max(0, widths[i] - cell.length()));
            b.append(i == 0 ? "" : "  ").append(right[i] ? pad + cell : cell + pad);
        }
        out.println(TerminalText.escaped(b.toString().stripTrailing()));
    }

    private static String cut(String cell, int width) {
        return cell.length() <= width ? cell : cell.substring(0, Math.max(0, width - 3)) + "...";
    }
}
