package dev.termctl.format;

/**
 * A place in a term file: line and column counted from 1 (columns in characters, so a tab or an
 * accented letter is one column), and the byte offset counted from 0, which is what an encoding
 * error needs and what {@code xxd} or {@code od} show.
 */
public record Position(int line, int column, int byteOffset) {

    /** The position of byte {@code offset} in {@code bytes}. */
    public static Position of(byte[] bytes, int offset) {
        int line = 1;
        int lineStart = 0;
        int end = Math.min(offset, bytes.length);
        for (int i = 0; i < end; i++) {
            if (bytes[i] == '\n') {
                line++;
                lineStart = i + 1;
            }
        }
        int column = 1;
        for (int i = lineStart; i < end; i++) {
            // Count characters, not bytes: UTF-8 continuation bytes (10xxxxxx) start none.
            if ((bytes[i] & 0xC0) != 0x80) {
                column++;
            }
        }
        return new Position(line, column, offset);
    }

    /** "line 2, column 7". */
    public String lineAndColumn() {
        return "line " + line + ", column " + column;
    }

    /** "line 2, column 7 (byte 15)". */
    @Override
    public String toString() {
        return lineAndColumn() + " (byte " + byteOffset + ")";
    }
}
