package xmemck.records;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The small JSON the report files need, without a library: values are {@code Map<String,?>} (key order kept),
 * {@code List<?>}, {@code String}, {@code Number}, {@code Boolean} and {@code null}. Output is indented so a
 * person can read and diff it; parse errors name the line and column.
 */
public final class Json {
    private Json() {}

    /** The JSON text of {@code value}, indented by two spaces, ending without a newline. */
    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        write(value, out, 0);
        return out.toString();
    }

    private static void write(Object value, StringBuilder out, int depth) {
        switch (value) {
            case null -> out.append("null");
            case String s -> string(s, out);
            case Boolean b -> out.append(b);
            case Double d -> number(d, out);
            case Float f -> number(f.doubleValue(), out);
            case Number n -> out.append(n);
            case Map<?, ?> m -> {
                if (m.isEmpty()) { out.append("{}"); return; }
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> e : m.entrySet()) {
                    if (!(e.getKey() instanceof String key)) {
                        throw new IllegalArgumentException("JSON object keys must be strings, found " + e.getKey());
                    }
                    out.append(first ? "\n" : ",\n");
                    first = false;
                    indent(out, depth + 1);
                    string(key, out);
                    out.append(": ");
                    write(e.getValue(), out, depth + 1);
                }
                out.append('\n');
                indent(out, depth);
                out.append('}');
            }
            case List<?> l -> {
                if (l.isEmpty()) { out.append("[]"); return; }
                out.append('[');
                boolean first = true;
                for (Object item : l) {
                    out.append(first ? "\n" : ",\n");
                    first = false;
                    indent(out, depth + 1);
                    write(item, out, depth + 1);
                }
                out.append('\n');
                indent(out, depth);
                out.append(']');
            }
            default -> throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as JSON");
        }
    }

    // JSON has no NaN or infinity; a rate over an empty run is such a case, so it becomes null, not a broken file.
    private static void number(double d, StringBuilder out) {
        if (Double.isNaN(d) || Double.isInfinite(d)) { out.append("null"); return; }
        if (d == Math.rint(d) && Math.abs(d) < 1e15) { out.append((long) d); return; }
        out.append(BigDecimal.valueOf(d).stripTrailingZeros().toPlainString());
    }

    private static void indent(StringBuilder out, int depth) { out.append("  ".repeat(depth)); }

    private static void string(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                // "</" inside a string could end a <script> block if a page ever embeds this JSON; escaping the
                // slash keeps the text valid JSON either way.
                case '/' -> out.append(i > 0 && s.charAt(i - 1) == '<' ? "\\/" : "/");
                default -> {
                    if (c < 0x20 || c == 0x2028 || c == 0x2029) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }

    /** Parses one JSON value; {@code where} names the source in error messages (a file name). */
    public static Object parse(String text, String where) {
        Parser p = new Parser(text, where);
        p.blank();
        Object v = p.value();
        p.blank();
        if (p.pos < text.length()) throw p.error("unexpected text after the JSON value");
        return v;
    }

    /**
     * A parsed value and, for each object and list in it (by identity), the line it starts on: so that a reader
     * that finds a well-formed file with the wrong content can still say where ("profile.json:12: ...").
     */
    public record Located(Object value, java.util.IdentityHashMap<Object, Integer> lines) {
        /** The line {@code node} (an object or list of {@link #value}) starts on, 0 when it is not one of them. */
        public int lineOf(Object node) {
            Integer l = node == null ? null : lines.get(node);
            return l == null ? 0 : l;
        }
    }

    /** Like {@link #parse}, remembering the line of every object and list. */
    public static Located parseLocated(String text, String where) {
        Parser p = new Parser(text, where);
        p.lines = new java.util.IdentityHashMap<>();
        p.blank();
        Object v = p.value();
        p.blank();
        if (p.pos < text.length()) throw p.error("unexpected text after the JSON value");
        return new Located(v, p.lines);
    }

    /** A value parsed from the middle of a text, and the index just after it. */
    public record Prefix(Object value, int end) {}

    /** Parses the one JSON value that starts at {@code start} (after blanks), ignoring whatever follows it. */
    public static Prefix parsePrefix(String text, int start, String where) {
        Parser p = new Parser(text, where);
        p.pos = start;
        p.blank();
        Object v = p.value();
        return new Prefix(v, p.pos);
    }

    private static final class Parser {
        final String s;
        final String where;
        int pos;
        /** When not null: where each object and list starts (see {@link Located}). */
        java.util.IdentityHashMap<Object, Integer> lines;
        /** The line of {@code pos}, counted incrementally: {@code lineAt} is called in text order. */
        private int countedTo, countedLine = 1;

        int lineAt(int at) {
            for (; countedTo < at && countedTo < s.length(); countedTo++) if (s.charAt(countedTo) == '\n') countedLine++;
            return countedLine;
        }

        Parser(String s, String where) { this.s = s; this.where = where; }

        IllegalArgumentException error(String what) {
            int line = 1, col = 1;
            for (int i = 0; i < Math.min(pos, s.length()); i++) {
                if (s.charAt(i) == '\n') { line++; col = 1; } else col++;
            }
            return new IllegalArgumentException(where + ":" + line + ":" + col + ": " + what);
        }

        void blank() {
            while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) pos++;
        }

        Object value() {
            if (pos >= s.length()) throw error("unexpected end of input, a value was expected");
            char c = s.charAt(pos);
            return switch (c) {
                case '{' -> object();
                case '[' -> array();
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) yield number();
                    throw error("unexpected character '" + c + "'");
                }
            };
        }

        Object literal(String word, Object v) {
            if (!s.startsWith(word, pos)) throw error("expected " + word);
            pos += word.length();
            return v;
        }

        Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (lines != null) lines.put(m, lineAt(pos));
            pos++;
            blank();
            if (peek('}')) { pos++; return m; }
            while (true) {
                blank();
                if (!peek('"')) throw error("expected a string key");
                String key = string();
                blank();
                expect(':');
                blank();
                if (m.containsKey(key)) throw error("duplicate key \"" + key + "\"");
                m.put(key, value());
                blank();
                if (peek(',')) { pos++; continue; }
                expect('}');
                return m;
            }
        }

        List<Object> array() {
            List<Object> l = new ArrayList<>();
            if (lines != null) lines.put(l, lineAt(pos));
            pos++;
            blank();
            if (peek(']')) { pos++; return l; }
            while (true) {
                blank();
                l.add(value());
                blank();
                if (peek(',')) { pos++; continue; }
                expect(']');
                return l;
            }
        }

        String string() {
            pos++;
            StringBuilder b = new StringBuilder();
            while (true) {
                if (pos >= s.length()) throw error("unterminated string");
                char c = s.charAt(pos++);
                if (c == '"') return b.toString();
                if (c < 0x20) { pos--; throw error("control character in a string"); }
                if (c != '\\') { b.append(c); continue; }
                if (pos >= s.length()) throw error("unterminated escape");
                char e = s.charAt(pos++);
                switch (e) {
                    case '"' -> b.append('"');
                    case '\\' -> b.append('\\');
                    case '/' -> b.append('/');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) throw error("short \\u escape");
                        try {
                            b.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException x) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> { pos--; throw error("unknown escape \\" + e); }
                }
            }
        }

        Number number() {
            int start = pos;
            if (peek('-')) pos++;
            while (pos < s.length() && "0123456789.eE+-".indexOf(s.charAt(pos)) >= 0) pos++;
            String t = s.substring(start, pos);
            try {
                if (t.contains(".") || t.contains("e") || t.contains("E")) return Double.parseDouble(t);
                return Long.parseLong(t);
            } catch (NumberFormatException x) {
                pos = start;
                throw error("bad number " + t);
            }
        }

        boolean peek(char c) { return pos < s.length() && s.charAt(pos) == c; }

        void expect(char c) {
            if (!peek(c)) throw error("expected '" + c + "'");
            pos++;
        }
    }
}
