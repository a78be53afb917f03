package dev.termctl.cluster;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The texts of the nodes of one cluster view, coded compactly ({@link NodeReading.Many}): each text
 * a varint and its characters in one byte each where Latin-1 does, and a text that repeats across
 * nodes in a field (the path, the version) kept once, as a number.
 */
final class NodeTexts {
    private static final int SHARED_PER_FIELD = 1024;
    private static final int SHARED_MAX_CHARS = 256;

    private final List<Map<String, Integer>> sharedIndex = new ArrayList<>();
    private final List<List<String>> shared = new ArrayList<>();

    /** Texts in {@code fields} fields, each with its own shared texts. */
    NodeTexts(int fields) {
        for (int f = 0; f < fields; f++) {
            sharedIndex.add(new HashMap<>());
            shared.add(new ArrayList<>());
        }
    }

    // A text is a varint v then its chars: 0 null; odd: shared text (v - 1) / 2 of its field;
    // 2 mod 4: (v - 2) / 4 chars of Latin-1, one byte each; 0 mod 4: (v - 4) / 4 UTF-16 chars, two
    // bytes each (exact, unpaired surrogates included).
    void encode(ByteArrayOutputStream b, int field, String s) {
        if (s == null) {
            b.write(0);
            return;
        }
        Integer index = sharedIndex.get(field).get(s);
        if (index == null && s.length() <= SHARED_MAX_CHARS && shared.get(field).size() < SHARED_PER_FIELD) {
            index = shared.get(field).size();
            shared.get(field).add(s);
            sharedIndex.get(field).put(s, index);
        }
        if (index != null) {
            varint(b, 2L * index + 1);
            return;
        }
        boolean latin1 = true;
        for (int i = 0; i < s.length() && latin1; i++) {
            latin1 = s.charAt(i) < 256;
        }
        if (latin1) {
            varint(b, 4L * s.length() + 2);
            for (int i = 0; i < s.length(); i++) {
                b.write(s.charAt(i));
            }
        } else {
            varint(b, 4L * s.length() + 4);
            for (int i = 0; i < s.length(); i++) {
                b.write(s.charAt(i) >> 8);
                b.write(s.charAt(i));
            }
        }
    }

    String decode(byte[] text, int[] at, int field) {
        long v = 0;
        int shift = 0;
        int c;
        do {
            c = text[at[0]++] & 0xff;
            v |= (long) (c & 0x7f) << shift;
            shift += 7;
        } while ((c & 0x80) != 0);
        if (v == 0) {
            return null;
        }
        if ((v & 1) == 1) {
            return shared.get(field).get((int) (v >>> 1));
        }
        int length = (int) ((v - ((v & 3) == 2 ? 2 : 4)) >>> 2);
        char[] chars = new char[length];
        if ((v & 3) == 2) {
            for (int i = 0; i < length; i++) {
                chars[i] = (char) (text[at[0]++] & 0xff);
            }
        } else {
            for (int i = 0; i < length; i++) {
                chars[i] = (char) (((text[at[0]] & 0xff) << 8) | (text[at[0] + 1] & 0xff));
                at[0] += 2;
            }
        }
        return new String(chars);
    }

    private static void varint(ByteArrayOutputStream b, long v) {
        while ((v & ~0x7fL) != 0) {
            b.write((int) ((v & 0x7f) | 0x80));
            v >>>= 7;
        }
        b.write((int) v);
    }
}
