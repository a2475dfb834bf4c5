package xmemck.wire;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;

/**
 * Reads the items of one JSON array from a streaming parser; errors name the item ({@code at
 * $.digests[2]: ...}).
 */
public final class Items {
    private final JsonParser p;
    private final String path;
    private int index = -1;

    Items(JsonParser p, String path) {
        this.p = p;
        this.path = path;
    }

    /** Moves to the next item; false at the end of the array. */
    public boolean next() {
        try {
            if (p.nextToken() == JsonToken.END_ARRAY) return false;
            index++;
            return true;
        } catch (JacksonException e) {
            throw WireJson.invalid(p, e);
        }
    }

    public int index() {
        return index;
    }

    /** The current item's path. */
    public String path() {
        return path + "[" + index + "]";
    }

    /** The current item if it is a string, else null (the item is then skipped). */
    public String stringOrNull() {
        try {
            if (p.currentToken() == JsonToken.VALUE_STRING) return p.getString();
            p.skipChildren();
            return null;
        } catch (JacksonException e) {
            throw WireJson.invalid(p, e);
        }
    }

    /**
     * The current item if it is a whole number in the signed 64-bit range, else null (and skipped).
     */
    public Long wholeOrNull() {
        try {
            JsonToken t = p.currentToken();
            if (t == JsonToken.VALUE_NUMBER_INT
                    && p.getNumberType() != JsonParser.NumberType.BIG_INTEGER)
                return p.getLongValue();
            p.skipChildren();
            return null;
        } catch (JacksonException e) {
            throw WireJson.invalid(p, e);
        }
    }

    public WireFormatException error(String message) {
        return new WireFormatException("at " + path() + ": " + message);
    }
}
