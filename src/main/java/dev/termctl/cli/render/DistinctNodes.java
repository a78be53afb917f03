package dev.termctl.cli.render;

import dev.termctl.cluster.NodeReading;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The nodes of a cluster view, each once: a node is its host and its absolute path, so a file named
 * twice (a glob overlap, a host listed twice, a line repeated) is shown and counted once. A view of
 * a million nodes keeps a hash and an index a node (an open-addressing table), and compares the
 * names themselves only on equal hashes: exact, in 12 bytes a node.
 */
public final class DistinctNodes extends AbstractList<NodeReading> {
    private final NodeReading.Many all;
    private final int[] kept;
    private final int size;
    private final List<String> duplicates = new ArrayList<>();
    private int duplicateCount;

    public DistinctNodes(NodeReading.Many all) {
        this.all = all;
        int n = all.size();
        int capacity = Integer.highestOneBit(Math.max(4, n * 2 - 1)) << 1;
        long[] hashes = new long[capacity];
        int[] slots = new int[capacity];
        java.util.Arrays.fill(slots, -1);
        int[] keep = new int[n];
        int count = 0;
        for (int i = 0; i < n; i++) {
            NodeReading node = all.get(i);
            long h = hash(node);
            int slot = (int) (h ^ (h >>> 32)) & (capacity - 1);
            boolean seen = false;
            while (slots[slot] >= 0) {
                if (hashes[slot] == h && same(all.get(slots[slot]), node)) {
                    seen = true;
                    break;
                }
                slot = (slot + 1) & (capacity - 1);
            }
            if (seen) {
                if (duplicateCount++ < 3) {
                    duplicates.add(node.label());
                }
                continue;
            }
            hashes[slot] = h;
            slots[slot] = i;
            keep[count++] = i;
        }
        kept = keep;
        size = count;
    }

    private static long hash(NodeReading n) {
        long h = 0xcbf29ce484222325L;
        for (String part : new String[] {n.host(), n.file()}) {
            String s = String.valueOf(part);
            for (int i = 0; i < s.length(); i++) {
                h = (h ^ s.charAt(i)) * 0x100000001b3L;
            }
            h = (h ^ 0xff) * 0x100000001b3L;
        }
        return h;
    }

    private static boolean same(NodeReading a, NodeReading b) {
        return Objects.equals(a.host(), b.host()) && Objects.equals(a.file(), b.file());
    }

    @Override
    public NodeReading get(int i) {
        return all.get(kept[i]);
    }

    @Override
    public int size() {
        return size;
    }

    /** The term of node {@code i}, without decoding the rest of it. */
    public dev.termctl.core.Term term(int i) {
        return all.term(kept[i]);
    }

    public boolean exists(int i) {
        return all.exists(kept[i]);
    }

    /** How many nodes were named again after their first time. */
    int duplicateCount() {
        return duplicateCount;
    }

    /** The note saying so, or null when no node was named twice. */
    String duplicateNote() {
        return duplicateCount == 0 ? null : duplicateCount + (duplicateCount == 1 ? " node was" : " nodes were")
                + " named more than once (" + String.join(", ", duplicates) + (duplicateCount > duplicates.size()
                        ? ", ..." : "") + "): a node is its host and path, shown and counted once";
    }
}
