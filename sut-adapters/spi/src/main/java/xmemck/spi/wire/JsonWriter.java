package xmemck.spi.wire;

import java.util.List;
import java.util.Map;

/**
 * Writes the canonical text of a JSON value: no white space, members in their insertion order, strings escaped only
 * where JSON requires it ({@code "}, {@code \}, control characters), everything else written as is (UTF-8 on the
 * wire). Two equal values always give the same text, so texts can be compared and hashed.
 */
public final class JsonWriter {
    private JsonWriter() {}

    public static String write(Json value) {
        StringBuilder sb = new StringBuilder(64);
        write(value, sb);
        return sb.toString();
    }

    public static void write(Json value, StringBuilder out) {
        switch (value) {
            case Json.Obj o -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<String, Json> m : o.members().entrySet()) {
                    if (!first) out.append(',');
                    first = false;
                    string(m.getKey(), out);
                    out.append(':');
                    write(m.getValue(), out);
                }
                out.append('}');
            }
            case Json.Arr a -> {
                out.append('[');
                List<Json> items = a.items();
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) out.append(',');
                    write(items.get(i), out);
                }
                out.append(']');
            }
            case Json.Str s -> string(s.value(), out);
            case Json.Num n -> out.append(n.literal());
            case Json.Bool b -> out.append(b.value());
            case Json.Null n -> out.append("null");
        }
    }

    static void string(String s, StringBuilder out) {
        out.append('"');
        int n = s.length();
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
