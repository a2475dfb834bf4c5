package xmemck.spi.wire;

import java.math.BigDecimal;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A JSON value. Objects keep their members in insertion order, because the canonical form of the operation
 * language writes fields in a documented order. Numbers keep the literal text, so that 64-bit integers survive a
 * round trip exactly (a {@code double} would not hold every seed).
 */
public sealed interface Json {

    /** An object; member names are unique. */
    record Obj(Map<String, Json> members) implements Json {
        public Obj {
            members = Collections.unmodifiableMap(new LinkedHashMap<>(members));
        }
        public Json get(String name) { return members.get(name); }
        public boolean has(String name) { return members.containsKey(name); }
    }

    record Arr(List<Json> items) implements Json {
        public Arr { items = List.copyOf(items); }
    }

    record Str(String value) implements Json {
        public Str {
            if (value == null) throw new IllegalArgumentException("a JSON string needs a value");
        }
    }

    /** A number, as its JSON literal ({@code -12}, {@code 3.5e2}). */
    record Num(String literal) implements Json {
        public Num {
            if (literal == null || literal.isEmpty()) throw new IllegalArgumentException("a JSON number needs a literal");
        }

        public static Num of(long value) { return new Num(Long.toString(value)); }

        /** The exact integer value, or empty when the number is not an integer in the signed 64-bit range. */
        public java.util.OptionalLong asLong() {
            try {
                return java.util.OptionalLong.of(Long.parseLong(literal));
            } catch (NumberFormatException e) {
                try {
                    return java.util.OptionalLong.of(new BigDecimal(literal).longValueExact());
                } catch (ArithmeticException | NumberFormatException e2) {
                    return java.util.OptionalLong.empty();
                }
            }
        }
    }

    record Bool(boolean value) implements Json {}

    record Null() implements Json {}

    Null NULL = new Null();

    /** Short name of the value's JSON type, for error messages. */
    default String typeName() {
        return switch (this) {
            case Obj o -> "object";
            case Arr a -> "array";
            case Str s -> "string";
            case Num n -> "number";
            case Bool b -> "boolean";
            case Null n -> "null";
        };
    }

    static Str str(String s) { return new Str(s); }

    static Num num(long v) { return Num.of(v); }

    /** Parses one JSON text (RFC 8259); see {@link JsonReader}. */
    static Json parse(String text) { return JsonReader.parse(text); }

    /** The compact canonical text of this value; see {@link JsonWriter}. */
    default String write() { return JsonWriter.write(this); }

    /** Builds an object in member order. */
    static ObjBuilder object() { return new ObjBuilder(); }

    final class ObjBuilder {
        private final LinkedHashMap<String, Json> members = new LinkedHashMap<>();

        public ObjBuilder put(String name, Json value) {
            if (members.putIfAbsent(name, value) != null) throw new IllegalArgumentException("duplicate member \"" + name + "\"");
            return this;
        }
        public ObjBuilder put(String name, String value) { return put(name, new Str(value)); }
        public ObjBuilder put(String name, long value) { return put(name, Num.of(value)); }
        public ObjBuilder put(String name, boolean value) { return put(name, new Bool(value)); }
        public ObjBuilder putAll(Obj other) {
            other.members().forEach(this::put);
            return this;
        }
        public Obj build() { return new Obj(members); }
    }
}
