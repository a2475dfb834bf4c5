package xmemck.spi.wire;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * A strict RFC 8259 JSON parser: one value, optional surrounding white space, nothing else. Duplicate member names
 * are rejected (a message with two values for one field has no meaning). Nesting is limited so that hostile input
 * cannot exhaust the stack.
 */
public final class JsonReader {
    /** Deeper than any message of the protocol will ever be. */
    static final int MAX_DEPTH = 64;

    private final String text;
    private int pos;
    private int depth;

    private JsonReader(String text) { this.text = text; }

    public static Json parse(String text) {
        if (text == null) throw new WireFormatException("no JSON text (null)");
        JsonReader r = new JsonReader(text);
        r.skipSpace();
        Json value = r.value();
        r.skipSpace();
        if (r.pos < text.length()) throw r.error("unexpected " + r.found() + " after the JSON value");
        return value;
    }

    private Json value() {
        if (pos >= text.length()) throw error("unexpected end of text, expected a value");
        char c = text.charAt(pos);
        return switch (c) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> new Json.Str(string());
            case 't' -> literal("true", new Json.Bool(true));
            case 'f' -> literal("false", new Json.Bool(false));
            case 'n' -> literal("null", Json.NULL);
            default -> {
                if (c == '-' || (c >= '0' && c <= '9')) yield number();
                throw error("expected a value, found " + found());
            }
        };
    }

    private Json object() {
        enter();
        pos++; // '{'
        LinkedHashMap<String, Json> members = new LinkedHashMap<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            depth--;
            return new Json.Obj(members);
        }
        while (true) {
            skipSpace();
            if (peek() != '"') throw error("expected a member name in double quotes, found " + found());
            int nameAt = pos;
            String name = string();
            skipSpace();
            expect(':', "after member name \"" + name + "\"");
            skipSpace();
            Json v = value();
            if (members.putIfAbsent(name, v) != null) {
                pos = nameAt;
                throw error("duplicate member name \"" + name + "\"");
            }
            skipSpace();
            char c = peek();
            if (c == ',') { pos++; continue; }
            if (c == '}') { pos++; break; }
            throw error("expected ',' or '}' in object, found " + found());
        }
        depth--;
        return new Json.Obj(members);
    }

    private Json array() {
        enter();
        pos++; // '['
        List<Json> items = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            pos++;
            depth--;
            return new Json.Arr(items);
        }
        while (true) {
            skipSpace();
            items.add(value());
            skipSpace();
            char c = peek();
            if (c == ',') { pos++; continue; }
            if (c == ']') { pos++; break; }
            throw error("expected ',' or ']' in array, found " + found());
        }
        depth--;
        return new Json.Arr(items);
    }

    private String string() {
        pos++; // opening quote
        int start = pos;
        // Fast path: no escapes (the common case, including long base64 data).
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '"') {
                return text.substring(start, pos++);
            }
            if (c == '\\' || c < 0x20) break;
            pos++;
        }
        StringBuilder sb = new StringBuilder().append(text, start, pos);
        while (true) {
            if (pos >= text.length()) throw error("unterminated string");
            char c = text.charAt(pos);
            if (c == '"') {
                pos++;
                return sb.toString();
            }
            if (c < 0x20) throw error(found() + " inside a string must be escaped");
            if (c != '\\') {
                sb.append(c);
                pos++;
                continue;
            }
            pos++;
            if (pos >= text.length()) throw error("unterminated escape sequence");
            char e = text.charAt(pos++);
            switch (e) {
                case '"' -> sb.append('"');
                case '\\' -> sb.append('\\');
                case '/' -> sb.append('/');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) throw error("incomplete \\u escape");
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(text.charAt(pos + i), 16);
                        if (d < 0) throw error("bad hex digit in \\u escape");
                        code = code * 16 + d;
                    }
                    pos += 4;
                    sb.append((char) code);
                }
                default -> {
                    pos--;
                    throw error("unknown escape \\" + e);
                }
            }
        }
    }

    private Json number() {
        int start = pos;
        if (peek() == '-') pos++;
        if (peek() == '0') {
            pos++;
        } else if (isDigit(peek())) {
            while (isDigit(peek())) pos++;
        } else {
            throw error("expected a digit, found " + found());
        }
        if (peek() == '.') {
            pos++;
            if (!isDigit(peek())) throw error("expected a digit after the decimal point, found " + found());
            while (isDigit(peek())) pos++;
        }
        if (peek() == 'e' || peek() == 'E') {
            pos++;
            if (peek() == '+' || peek() == '-') pos++;
            if (!isDigit(peek())) throw error("expected a digit in the exponent, found " + found());
            while (isDigit(peek())) pos++;
        }
        return new Json.Num(text.substring(start, pos));
    }

    private Json literal(String word, Json value) {
        if (!text.startsWith(word, pos)) throw error("expected a value, found " + found());
        pos += word.length();
        return value;
    }

    private void enter() {
        if (++depth > MAX_DEPTH) throw error("nesting deeper than " + MAX_DEPTH + " levels");
    }

    private void expect(char c, String where) {
        if (peek() != c) throw error("expected '" + c + "' " + where + ", found " + found());
        pos++;
    }

    private char peek() { return pos < text.length() ? text.charAt(pos) : '\0'; }

    private static boolean isDigit(char c) { return c >= '0' && c <= '9'; }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') return;
            pos++;
        }
    }

    private String found() {
        if (pos >= text.length()) return "end of text";
        char c = text.charAt(pos);
        if (c < 0x20 || c == 0x7f) return String.format("character U+%04X", (int) c);
        return "'" + c + "'";
    }

    private WireFormatException error(String what) {
        return new WireFormatException("JSON syntax error at character " + (pos + 1) + ": " + what);
    }
}
