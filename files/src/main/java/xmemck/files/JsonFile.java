package xmemck.files;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonPointer;
import tools.jackson.core.JsonToken;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * One JSON file to read, by its name (as messages show it) and its text or path: binds it into the
 * records of its format with {@link KitJson}'s configuration, and finds the line of any value in
 * it, so that every problem, whether Jackson's (not JSON, a missing member, a string where a count
 * belongs) or the reader's own (totals that do not add up), is a {@link FileFormatException} {@code
 * FILE:LINE: reason}.
 *
 * <p>A file read from a path is streamed from disk, never held as one string; finding a line reads
 * it again (only when there is a problem to report).
 */
public final class JsonFile {
    private final String name;
    private final String text;
    private final Path path;

    private JsonFile(String name, String text, Path path) {
        this.name = name;
        this.text = text;
        this.path = path;
    }

    /** The JSON {@code text} of the file named {@code name}. */
    public static JsonFile of(String text, String name) {
        return new JsonFile(name, text, null);
    }

    /** The file at {@code path}, named as {@code path} prints. */
    public static JsonFile of(Path path) {
        return new JsonFile(path.toString(), null, path);
    }

    public String name() {
        return name;
    }

    /** The file's one JSON value bound as {@code type}; nothing but white space may follow it. */
    public <T> T read(Class<T> type) {
        return read(type, true);
    }

    /** The first JSON value of the file bound as {@code type}, ignoring whatever follows it. */
    public <T> T readFirst(Class<T> type) {
        return read(type, false);
    }

    private <T> T read(Class<T> type, boolean whole) {
        JsonParser p = open();
        try (p) {
            if (p.nextToken() == null) throw problem(0, "empty: no JSON value");
            T value = reader(type).readValue(p);
            if (value == null)
                throw problem(
                        line(JsonPointer.empty()),
                        "the document must be " + expected(type) + ", found null");
            if (whole && p.nextToken() != null)
                throw problem(location(p, null), "unexpected text after the JSON value");
            return value;
        } catch (JacksonException e) {
            throw problem(e, p);
        }
    }

    /**
     * Reads the whole file without binding it: a {@link FileFormatException} when it is not one
     * JSON value within the limits.
     */
    public void check() {
        JsonParser p = open();
        try (p) {
            if (p.nextToken() == null) throw problem(0, "empty: no JSON value");
            p.skipChildren();
            if (p.nextToken() != null)
                throw problem(location(p, null), "unexpected text after the JSON value");
        } catch (JacksonException e) {
            throw problem(e, p);
        }
    }

    /**
     * The top-level members {@code names} of the file's object as plain values (as {@link
     * KitJson#parse} gives them), read without binding the rest and stopping once all are found: so
     * that a reader can check which format a file is, and which version, before binding it. Members
     * the file lacks (or a document that is not an object) are absent from the map.
     */
    public Map<String, Object> header(String... names) {
        Set<String> want = Set.of(names);
        Map<String, Object> out = new LinkedHashMap<>();
        JsonParser p = open();
        try (p) {
            JsonToken first = p.nextToken();
            if (first == null) throw problem(0, "empty: no JSON value");
            if (first != JsonToken.START_OBJECT) return out;
            for (JsonToken t = p.nextToken();
                    t == JsonToken.PROPERTY_NAME && out.size() < want.size();
                    t = p.nextToken()) {
                String member = p.currentName();
                p.nextToken();
                if (want.contains(member)) out.put(member, reader(Object.class).readValue(p));
                else p.skipChildren();
            }
            return out;
        } catch (JacksonException e) {
            throw problem(e, p);
        }
    }

    /**
     * Binds one value where the parser is; what follows it is for the caller to read (or to check
     * that there is nothing).
     */
    private static ObjectReader reader(Class<?> type) {
        return KitJson.MAPPER
                .readerFor(type)
                .without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** A parser at the start of the file, with {@link KitJson}'s limits. */
    private JsonParser open() {
        if (text != null) return KitJson.parser(text);
        try {
            InputStream in = Files.newInputStream(path);
            return KitJson.MAPPER.createParser(in);
        } catch (IOException e) {
            throw new FileFormatException(name, 0, "cannot read: " + e.getMessage(), e);
        }
    }

    /** A problem at {@code line} (0: the whole file). */
    public FileFormatException problem(int line, String reason) {
        return new FileFormatException(name, line, reason);
    }

    /**
     * A problem with the value at {@code at} (or, when it is absent, with the nearest value that
     * holds it).
     */
    public FileFormatException problem(JsonPointer at, String reason) {
        return problem(line(at), reason);
    }

    /**
     * A pointer to the value that {@code steps} (member names and array indexes) lead to from the
     * document.
     */
    public static JsonPointer at(Object... steps) {
        StringBuilder sb = new StringBuilder();
        for (Object s : steps) {
            sb.append('/')
                    .append(
                            s instanceof Integer i
                                    ? i.toString()
                                    : String.valueOf(s).replace("~", "~0").replace("/", "~1"));
        }
        return JsonPointer.compile(sb.toString());
    }

    /**
     * The line where the value at {@code at} starts; when the file has no such value, the line of
     * the innermost value that would hold it (an object missing a member: the object's first line);
     * 0 when the file is not JSON there.
     */
    public int line(JsonPointer at) {
        return find(at).line();
    }

    /**
     * The line where each element of the array at {@code array} starts, in order, found in one
     * reading (for a reader that names problems of many elements); empty when the file has no array
     * there.
     */
    public int[] elementLines(JsonPointer array) {
        String want = array.toString();
        java.util.ArrayList<Integer> lines = new java.util.ArrayList<>();
        try (JsonParser p = open()) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.PROPERTY_NAME || t.isStructEnd()) continue;
                String here = pointerOf(p, t).toString();
                if (here.equals(want)) {
                    if (t != JsonToken.START_ARRAY) break;
                    for (JsonToken e = p.nextToken();
                            e != null && e != JsonToken.END_ARRAY;
                            e = p.nextToken()) {
                        lines.add(p.currentTokenLocation().getLineNr());
                        p.skipChildren();
                    }
                    break;
                }
                if (!want.startsWith(here + "/") && t.isStructStart()) p.skipChildren();
            }
        } catch (JacksonException | FileFormatException e) {
            // not JSON beyond this point: the lines found so far
        }
        return lines.stream().mapToInt(Integer::intValue).toArray();
    }

    private record Found(int line, boolean exact) {}

    private Found find(JsonPointer target) {
        String want = target.toString();
        int best = 0;
        try (JsonParser p = open()) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.PROPERTY_NAME || t.isStructEnd()) continue;
                String here = pointerOf(p, t).toString();
                int line = p.currentTokenLocation().getLineNr();
                if (here.equals(want)) return new Found(line, true);
                if (want.startsWith(here + "/")) best = line;
                else if (t.isStructStart()) p.skipChildren();
            }
        } catch (JacksonException | FileFormatException e) {
            // not JSON beyond this point: the best line found so far
        }
        return new Found(best, false);
    }

    /** The pointer of the value whose first token the parser is at. */
    private static JsonPointer pointerOf(JsonParser p, JsonToken t) {
        TokenStreamContext c = p.streamReadContext();
        // A value that opens an object or array has entered it already; its place is in the context
        // around it.
        if (t.isStructStart()) c = c.getParent();
        return c == null ? JsonPointer.empty() : c.pathAsPointer();
    }

    /** Jackson's complaint about the file as {@code FILE:LINE: reason}. */
    FileFormatException problem(JacksonException e, JsonParser p) {
        if (e instanceof StreamConstraintsException) {
            return new FileFormatException(
                    name,
                    location(p, e),
                    "beyond the limits of the kit's files: " + clean(e.getOriginalMessage()),
                    e);
        }
        if (e.getCause() instanceof IOException io)
            return new FileFormatException(name, 0, "cannot read: " + io.getMessage(), e);
        if (e instanceof StreamReadException && !(e instanceof InputCoercionException)) {
            return new FileFormatException(
                    name, location(p, e), "not JSON: " + clean(e.getOriginalMessage()), e);
        }
        JsonPointer pointer = JsonPointer.empty();
        StringBuilder where = new StringBuilder();
        for (JacksonException.Reference r : e.getPath()) {
            if (r.getIndex() >= 0 && r.getPropertyName() == null) {
                pointer = pointer.appendIndex(r.getIndex());
                where.append('[').append(r.getIndex()).append(']');
            } else {
                String n = String.valueOf(r.getPropertyName());
                pointer = pointer.appendProperty(n);
                if (r.from() instanceof Map<?, ?> || !NAME.matcher(n).matches())
                    where.append("[").append(quote(n)).append("]");
                else where.append(where.isEmpty() ? "" : ".").append(n);
            }
        }
        String what = where.isEmpty() ? "the document" : where.toString();
        Found found = find(pointer);
        int line = found.line() > 0 ? found.line() : location(p, e);
        String reason =
                switch (e) {
                    case UnrecognizedPropertyException u ->
                            what
                                    + " is not a member of this format"
                                    + known(u.getKnownPropertyIds());
                    case InvalidNullException n when !found.exact() -> what + " is missing";
                    case InvalidNullException n -> what + " must not be null";
                    case MismatchedInputException m when !found.exact() -> what + " is missing";
                    case InvalidFormatException f ->
                            what
                                    + " must be "
                                    + expected(f.getTargetType())
                                    + ", found "
                                    + show(f.getValue());
                    case MismatchedInputException m when m.getTargetType() != null ->
                            what
                                    + " must be "
                                    + expected(m.getTargetType())
                                    + (m.getCurrentToken() == null
                                            ? ""
                                            : ", found " + describe(m.getCurrentToken()));
                    case ValueInstantiationException v
                            when v.getCause() instanceof IllegalArgumentException a ->
                            what + ": " + a.getMessage();
                    default -> what + ": " + clean(e.getOriginalMessage());
                };
        return new FileFormatException(name, line, reason, e);
    }

    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private static int location(JsonParser p, JacksonException e) {
        TokenStreamLocation at = e == null ? null : e.getLocation();
        if (at == null || at.getLineNr() < 1)
            at = p.currentLocation(); // limits are reported without a place
        return at == null || at.getLineNr() < 1 ? 0 : at.getLineNr();
    }

    private static String known(Collection<Object> ids) {
        if (ids == null || ids.isEmpty()) return "";
        StringBuilder b = new StringBuilder(" (its members: ");
        int i = 0;
        for (Object id : ids) b.append(i++ == 0 ? "" : ", ").append(id);
        return b.append(')').toString();
    }

    /** What a value of {@code type} is, in words. */
    static String expected(Class<?> type) {
        if (type == null || type == Object.class) return "a JSON value";
        if (CharSequence.class.isAssignableFrom(type)
                || type == char.class
                || type == Character.class) return "a string";
        if (type == boolean.class || type == Boolean.class) return "true or false";
        if (type == int.class
                || type == long.class
                || type == short.class
                || type == byte.class
                || type == Integer.class
                || type == Long.class
                || type == Short.class
                || type == Byte.class
                || type == BigInteger.class) return "a whole number";
        if (type == double.class
                || type == float.class
                || Number.class.isAssignableFrom(type)
                || type == BigDecimal.class) return "a number";
        if (Collection.class.isAssignableFrom(type) || type.isArray()) return "a list";
        return "an object";
    }

    static String describe(JsonToken t) {
        if (t == null) return "the end of the text";
        return switch (t) {
            case START_OBJECT, END_OBJECT -> "an object";
            case START_ARRAY, END_ARRAY -> "a list";
            case VALUE_STRING -> "a string";
            case VALUE_NUMBER_INT -> "a whole number";
            case VALUE_NUMBER_FLOAT -> "a number";
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            default -> t.name();
        };
    }

    private static String show(Object v) {
        return v instanceof String s ? quote(s) : String.valueOf(v);
    }

    private static String quote(String s) {
        return KitJson.MAPPER.writeValueAsString(s);
    }

    /**
     * Where Jackson says an unclosed value began (a source it does not name), and where a limit is
     * set: noise here.
     */
    private static final Pattern NOISE =
            Pattern.compile(" \\(start marker at \\[Source: [^\\]]*\\]\\)|, from `[^`]*`");

    private static String clean(String message) {
        String m = NOISE.matcher(String.valueOf(message)).replaceAll("");
        return m.length() <= 300 ? m : m.substring(0, 300) + "...";
    }
}
