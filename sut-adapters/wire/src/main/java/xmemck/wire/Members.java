package xmemck.wire;

import java.util.Arrays;
import tools.jackson.core.Base64Variants;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads one JSON object member by member from a streaming parser: {@link #next()} moves to a
 * member's value, and one of the typed readers takes it. Every error names the object's path and
 * the member ({@code at $.uaddr: field "offset" must be a number, got string "0"}); Jackson's own
 * errors on the way come out as the same exception.
 */
public final class Members {
    private final JsonParser p;
    private final String path;
    private String name;

    private Members(JsonParser p, String path) {
        this.p = p;
        this.path = path;
    }

    /**
     * The object the parser is at ({@code what} names it in the error when it is something else:
     * "an op"). A fresh parser is first moved to the document's value.
     */
    public static Members of(JsonParser p, String what) {
        JsonToken t = p.currentToken() == null ? WireJson.start(p) : p.currentToken();
        String path = WireJson.path(p.streamReadContext());
        if (t != JsonToken.START_OBJECT) {
            throw new WireFormatException(
                    "at "
                            + path
                            + ": "
                            + what
                            + " must be a JSON object, got "
                            + WireJson.describe(t));
        }
        return new Members(p, path);
    }

    /** Where the object is: {@code $}, {@code $.ops[3]}, {@code $.context}. */
    public String path() {
        return path;
    }

    /** The path of one of its members. */
    public String pathOf(String member) {
        return path + "." + member;
    }

    /** The member whose value the parser is at. */
    public String name() {
        return name;
    }

    public JsonParser parser() {
        return p;
    }

    /** Moves to the next member's value and answers its name, or null at the end of the object. */
    public String next() {
        try {
            name = p.nextName();
            if (name == null) return null; // END_OBJECT: the parser accepts nothing else here
            p.nextToken();
            return name;
        } catch (JacksonException e) {
            throw WireJson.invalid(p, e);
        }
    }

    /** Skips the value of the current member, nested or not. */
    public void skip() {
        try {
            p.skipChildren();
        } catch (JacksonException e) {
            throw WireJson.invalid(p, e);
        }
    }

    public String string() {
        if (token() != JsonToken.VALUE_STRING) throw wrongType("a string");
        return text();
    }

    public boolean bool() {
        return switch (token()) {
            case VALUE_TRUE -> true;
            case VALUE_FALSE -> false;
            default -> throw wrongType("true or false");
        };
    }

    /** A signed 64-bit integer, written without fraction or exponent (PROTOCOL.md section 11). */
    public long int64() {
        JsonToken t = token();
        if (t == JsonToken.VALUE_NUMBER_INT) {
            Long v = fittingLong();
            if (v != null) return v;
            throw error(
                    "field \""
                            + name
                            + "\" must be a whole number in the signed 64-bit range, got "
                            + literal());
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            throw error(
                    "field \""
                            + name
                            + "\" must be a whole number without fraction or exponent, got "
                            + literal());
        }
        throw wrongType("a number");
    }

    /**
     * An unsigned 64-bit integer ({@code 0 .. 18446744073709551615}, a C {@code size_t}), held in a
     * long's bits.
     */
    public long uint64() {
        JsonToken t = token();
        if (!t.isNumeric()) throw wrongType("a number");
        String lit = literal();
        if (t == JsonToken.VALUE_NUMBER_INT && !lit.startsWith("-")) {
            try {
                return Long.parseUnsignedLong(lit);
            } catch (NumberFormatException e) {
                // beyond 2^64 - 1: reported below
            }
        }
        throw error(
                "field \""
                        + name
                        + "\" must be a whole number from 0 to 18446744073709551615 (an unsigned 64-bit size_t), got "
                        + lit);
    }

    public int int32() {
        long v = int64();
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)
            throw error("field \"" + name + "\" must fit in a 32-bit signed integer, got " + v);
        return (int) v;
    }

    /** A 32-bit bit mask written as an unsigned number ({@code 0 .. 4294967295}). */
    public int mask32() {
        long v = int64();
        if (v < 0 || v > 0xFFFF_FFFFL)
            throw error(
                    "field \""
                            + name
                            + "\" must be an unsigned 32-bit mask (0..4294967295), got "
                            + v);
        return (int) v;
    }

    /** One of the constants of {@code type}, written by its Java name ({@code "READ_WRITE"}). */
    public <E extends Enum<E>> E enumeration(Class<E> type) {
        String s = string();
        for (E e : type.getEnumConstants()) if (e.name().equals(s)) return e;
        throw error(
                "field \""
                        + name
                        + "\" must be one of "
                        + Arrays.toString(type.getEnumConstants())
                        + ", got "
                        + Excerpt.of(s, 80));
    }

    /**
     * Bytes written as standard base64 with padding, decoded straight from the parser's input: the
     * text of a large observation never exists as a Java string.
     */
    public byte[] base64() {
        if (token() != JsonToken.VALUE_STRING) throw wrongType("a string of base64");
        try {
            return p.getBinaryValue(Base64Variants.MIME_NO_LINEFEEDS);
        } catch (JacksonException e) {
            throw new WireFormatException(
                    "at "
                            + path
                            + ": field \""
                            + name
                            + "\" must be standard base64 with padding: "
                            + Excerpt.inline(e.getOriginalMessage(), 200),
                    e);
        }
    }

    /** The items of an array. */
    public Items array() {
        if (token() != JsonToken.START_ARRAY) throw wrongType("an array");
        return new Items(p, pathOf(name));
    }

    /**
     * The value, an object, member by member ({@code what} names it in the error when it is
     * something else).
     */
    public Members object(String what) {
        if (token() != JsonToken.START_OBJECT) {
            throw new WireFormatException(
                    "at "
                            + pathOf(name)
                            + ": "
                            + what
                            + " must be a JSON object, got "
                            + WireJson.describe(token()));
        }
        return new Members(p, pathOf(name));
    }

    /** The current member's value if it is a string, else null (the value is then skipped). */
    public String stringOrNull() {
        if (token() == JsonToken.VALUE_STRING) return text();
        skip();
        return null;
    }

    /**
     * The current member's value if it is a whole number in the signed 64-bit range, else null (and
     * skipped).
     */
    public Long wholeOrNull() {
        if (token() == JsonToken.VALUE_NUMBER_INT) return fittingLong();
        skip();
        return null;
    }

    /** An error about this object: {@code at $.uaddr: message}. */
    public WireFormatException error(String message) {
        return new WireFormatException("at " + path + ": " + message);
    }

    JsonToken token() {
        return p.currentToken();
    }

    /** The integer the parser is at, or null when it does not fit in a long. */
    private Long fittingLong() {
        try {
            return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? null : p.getLongValue();
        } catch (JacksonException e) {
            throw WireJson.invalid(p, e);
        }
    }

    private String text() {
        try {
            return p.getString();
        } catch (JacksonException e) {
            throw WireJson.invalid(p, e);
        }
    }

    /**
     * A number's literal as written, for messages; bounded by the parser's limit on number length.
     */
    private String literal() {
        return Excerpt.inline(text(), 80);
    }

    private WireFormatException wrongType(String expected) {
        JsonToken t = token();
        String shown =
                switch (t) {
                    case VALUE_STRING -> " " + Excerpt.of(text(), 80);
                    case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> " " + literal();
                    case VALUE_TRUE -> " true";
                    case VALUE_FALSE -> " false";
                    default -> "";
                };
        return error(
                "field \""
                        + name
                        + "\" must be "
                        + expected
                        + ", got "
                        + WireJson.describe(t)
                        + shown);
    }
}
