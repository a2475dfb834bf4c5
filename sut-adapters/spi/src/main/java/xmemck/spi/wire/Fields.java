package xmemck.spi.wire;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;

/**
 * Reads the members of one JSON object with errors that name the path ({@code $.uaddr.offset}) and the problem.
 * {@link #done()} rejects members nobody asked for, so a misspelt optional field is reported, not ignored.
 */
final class Fields {
    private final Json.Obj obj;
    private final String path;
    private final Set<String> used = new HashSet<>();

    private Fields(Json.Obj obj, String path) {
        this.obj = obj;
        this.path = path;
    }

    static Fields of(Json value, String path, String what) {
        if (!(value instanceof Json.Obj o)) {
            throw new WireFormatException("at " + path + ": " + what + " must be a JSON object, got " + (value == null ? "nothing" : value.typeName()));
        }
        return new Fields(o, path);
    }

    String path() { return path; }

    String pathOf(String name) { return path + "." + name; }

    boolean has(String name) { return obj.has(name); }

    Json raw(String name) {
        used.add(name);
        Json v = obj.get(name);
        if (v == null) throw error("field \"" + name + "\" is missing");
        return v;
    }

    String str(String name) {
        Json v = raw(name);
        if (v instanceof Json.Str s) return s.value();
        throw wrongType(name, "a string", v);
    }

    long lng(String name) {
        Json v = raw(name);
        if (v instanceof Json.Num n) {
            OptionalLong l = n.asLong();
            if (l.isPresent()) return l.getAsLong();
            throw error("field \"" + name + "\" must be a whole number in the signed 64-bit range, got " + n.literal());
        }
        throw wrongType(name, "a number", v);
    }

    /** An unsigned 64-bit integer ({@code 0 .. 18446744073709551615}, a C {@code size_t}), held in a long's bits. */
    long u64(String name) {
        Json v = raw(name);
        if (v instanceof Json.Num n) {
            String lit = n.literal();
            try {
                if (lit.length() <= 20 && !lit.startsWith("-") && !lit.startsWith("+")) return Long.parseUnsignedLong(lit);
            } catch (NumberFormatException e) {
                // reported below
            }
            throw error("field \"" + name + "\" must be a whole number from 0 to 18446744073709551615 (an unsigned 64-bit size_t), got " + Excerpt.of(lit, 40).replace("\"", ""));
        }
        throw wrongType(name, "a number", v);
    }

    long lngOr(String name, long fallback) { return has(name) ? lng(name) : fallback; }

    int int32(String name) {
        long v = lng(name);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) throw error("field \"" + name + "\" must fit in a 32-bit signed integer, got " + v);
        return (int) v;
    }

    /** A 32-bit bit mask written as an unsigned number ({@code 0 .. 4294967295}). */
    int mask32(String name) {
        long v = lng(name);
        if (v < 0 || v > 0xFFFF_FFFFL) throw error("field \"" + name + "\" must be an unsigned 32-bit mask (0..4294967295), got " + v);
        return (int) v;
    }

    boolean bool(String name) {
        Json v = raw(name);
        if (v instanceof Json.Bool b) return b.value();
        throw wrongType(name, "true or false", v);
    }

    Json.Obj obj(String name) {
        Json v = raw(name);
        if (v instanceof Json.Obj o) return o;
        throw wrongType(name, "an object", v);
    }

    List<Json> arr(String name) {
        Json v = raw(name);
        if (v instanceof Json.Arr a) return a.items();
        throw wrongType(name, "an array", v);
    }

    <E extends Enum<E>> E enumeration(String name, Class<E> type) {
        String s = str(name);
        for (E e : type.getEnumConstants()) if (e.name().equals(s)) return e;
        throw error("field \"" + name + "\" must be one of " + Arrays.toString(type.getEnumConstants()) + ", got " + Excerpt.of(s, 80));
    }

    /** Rejects members that were never read. */
    void done() {
        List<String> unknown = new ArrayList<>();
        for (Map.Entry<String, Json> m : obj.members().entrySet()) if (!used.contains(m.getKey())) unknown.add(m.getKey());
        if (!unknown.isEmpty()) throw error("unknown field" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown.stream().map(u -> "\"" + u + "\"").toList()));
    }

    WireFormatException error(String message) { return new WireFormatException("at " + path + ": " + message); }

    private WireFormatException wrongType(String name, String expected, Json got) {
        String shown = switch (got) {
            case Json.Str s -> " " + Excerpt.of(s.value(), 80);
            case Json.Num n -> " " + Excerpt.of(n.literal(), 80).replace("\"", "");
            case Json.Bool b -> " " + b.value();
            default -> "";
        };
        return error("field \"" + name + "\" must be " + expected + ", got " + got.typeName() + shown);
    }
}
