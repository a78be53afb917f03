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

    void print(PrintWriter out) {
        int[] widths = new int[right.length];
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                widths[i] = Math.max(widths[i], String.valueOf(r[i]).length());
            }
        }
        for (String[] r : rows) {
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                String cell = String.valueOf(r[i]);
                String pad = " ".repeat(widths[i] - cell.length());
                b.append(i == 0 ? "" : "  ").append(right[i] ? pad + cell : cell + pad);
            }
            out.println(b.toString().stripTrailing());
        }
    }
}
