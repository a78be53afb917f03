package dev.termctl.format;

import dev.termctl.core.Term;
/**
 * Why a file is not a term file, in classes: each says whether RedDB's own reader refuses the file
 * too (so that {@code termctl repair} is suggested only then) and, in a few words, what is wrong
 * and what to do. docs/conformance.md lists them, checked by a test.
 */
public enum Problem {
    /** Zero bytes, or JSON whitespace alone (space, tab, line feed, carriage return). */
    EMPTY(true, "it is empty", "write a JSON object such as {\"term\":7}"),
    /** A UTF-16 (or UTF-32) file: RedDB reads UTF-8 only. */
    UTF16(true, "it is UTF-16 text, not UTF-8", "convert it to UTF-8 without a byte-order mark"),
    /** A UTF-8 byte-order mark, which RedDB's reader takes as a character before the object. */
    BYTE_ORDER_MARK(true, "it starts with a UTF-8 byte-order mark", "remove the first three bytes (EF BB BF)"),
    /** A byte sequence that is not UTF-8 (at a byte offset). */
    NOT_UTF8(true, "a byte that is not valid UTF-8", "remove or re-encode it"),
    /** A character where JSON's grammar does not allow it (outside strings). */
    UNEXPECTED(true, "a character JSON does not allow there", "fix the JSON at that place"),
    /** A raw control character (U+0000 to U+001F) inside a string. */
    CONTROL_IN_STRING(true, "a raw control character inside a string", "write it as an escape such as \\n or \\u0009"),
    /** A backslash escape JSON does not define, or a \\u escape without four hex digits. */
    INVALID_ESCAPE(true, "an invalid escape in a string", "use \\\" \\\\ \\/ \\b \\f \\n \\r \\t or \\u and four hex digits"),
    /** A \\u escape of a UTF-16 surrogate that has no partner. */
    UNPAIRED_SURROGATE(true, "an unpaired UTF-16 surrogate escape", "escape a character outside the BMP as a high and low pair"),
    /** A number that breaks JSON's number grammar (a leading zero, no digit after '.', 'e' or '-'). */
    MALFORMED_NUMBER(true, "a malformed number", "write it as JSON does: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?"),
    /** A number serde_json's f64 conversion overflows. */
    NUMBER_TOO_LARGE(true, "a number too large for RedDB's reader", "write a smaller number, or the value as a string"),
    /** Objects and arrays nested 128 levels deep or more. */
    TOO_DEEP(true, "nesting 128 levels deep", "nest at most 127 levels, counting the outer object"),
    /** The file ends inside the JSON (a truncated write?). */
    TRUNCATED(true, "it ends before the JSON is complete", "restore the file; termctl repair can replace it"),
    /** Something after the object other than JSON whitespace. */
    TRAILING_CONTENT(true, "content after the JSON object", "keep exactly one object in the file"),
    /** The top-level value is an array, string, number, true, false or null. */
    NOT_AN_OBJECT(true, "it is not a JSON object", "write a JSON object such as {\"term\":7}"),
    /** No top-level "term" member. */
    NO_TERM(true, "it has no \"term\" member", "add \"term\" with the node's term"),
    /** "term" is not an integer from 0 to 2^64-1 written without fraction or exponent. */
    BAD_TERM(true, "its \"term\" is not an integer from 0 to " + Term.MAX_TEXT, "write the term as digits only"),
    /** "voted_for" is neither a string nor null: RedDB's last-vote decoder refuses it. */
    BAD_VOTED_FOR(true, "its \"voted_for\" is neither a string nor null", "restore the record from the node's peers or a backup"),
    /** A member name twice in one object: RedDB takes the last, termctl refuses to guess (stricter). */
    DUPLICATE_MEMBER(false, "a member name appears twice in one object", "keep one of them"),
    /** Over termctl's 64 KiB bound, so unread (stricter: RedDB has no bound). */
    TOO_LARGE(false, "it is larger than 65536 bytes", "find out what wrote it; a term file is a few bytes");

    private final boolean redDbRefuses;
    private final String what;
    private final String todo;

    Problem(boolean redDbRefuses, String what, String todo) {
        this.redDbRefuses = redDbRefuses;
        this.what = what;
        this.todo = todo;
    }

    /** Whether RedDB's own reader refuses every file of this class (false: it may read it). */
    public boolean redDbRefuses() {
        return redDbRefuses;
    }

    /** The class in a few words, for the docs' table. */
    public String what() {
        return what;
    }

    /** What to do about it, for the docs' table. */
    public String todo() {
        return todo;
    }
}
