package xmemck.wire;

import static java.util.Map.entry;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import xmemck.ops.Prot;
import xmemck.ops.Result;

/**
 * The canonical JSON form of a {@link Result}: one object whose first member {@code "result"} names
 * the kind ({@code done}, {@code returned}, {@code bytes}, {@code digest}, {@code protection},
 * {@code unsupported}). Bytes are standard base64 with padding (RFC 4648 section 4), decoded
 * straight from the parser's input; digests are 16 lower-case hexadecimal digits. Optional members
 * ({@code notes}, {@code unreadable_pages}) are left out when empty; notes are written sorted by
 * key so that the text is canonical.
 */
public final class ResultCodec {
    private ResultCodec() {}

    // ---- encoding ----

    /** The canonical text of the result. */
    public static String encode(Result result) {
        return WireJson.write(g -> write(g, result));
    }

    public static void write(JsonGenerator g, Result result) {
        g.writeStartObject();
        writeMembers(g, result);
        g.writeEndObject();
    }

    /**
     * Writes the result's members into the object being written (a protocol message puts its own
     * members first).
     */
    public static void writeMembers(JsonGenerator g, Result result) {
        MemberWriter w = new MemberWriter(g);
        switch (result) {
            case Result.Done d -> w.str("result", "done");
            case Result.Returned r -> {
                w.str("result", "returned").num("value", r.value());
                if (!r.notes().isEmpty())
                    w.object("notes", n -> new TreeMap<>(r.notes()).forEach(n::str));
            }
            case Result.Bytes x -> {
                w.str("result", "bytes")
                        .str("object", x.object())
                        .num("from", x.from())
                        .base64("data", x.data());
                if (!x.unreadablePages().isEmpty())
                    w.array("unreadable_pages", a -> x.unreadablePages().forEach(a::writeNumber));
            }
            case Result.Digest d -> {
                w.str("result", "digest")
                        .str("object", d.object())
                        .num("from", d.from())
                        .array(
                                "digests",
                                a -> {
                                    for (long v : d.digests()) a.writeString(hex16(v));
                                });
                if (!d.unreadablePages().isEmpty())
                    w.array("unreadable_pages", a -> d.unreadablePages().forEach(a::writeNumber));
            }
            case Result.Protection p -> w.str("result", "protection").str("prot", p.prot().name());
            case Result.Unsupported u -> w.str("result", "unsupported").str("reason", u.reason());
        }
    }

    /** A digest as 16 lower-case hexadecimal digits. */
    private static String hex16(long v) {
        String h = Long.toHexString(v);
        return "0".repeat(16 - h.length()) + h;
    }

    // ---- decoding ----

    /** The result of a whole JSON text; errors name the path from {@code $}. */
    public static Result decode(String text) {
        try (JsonParser p = WireJson.parser(text)) {
            Result r = decode(p);
            WireJson.end(p);
            return r;
        }
    }

    /** The result whose object the parser is at (or, for a fresh parser, the document's value). */
    public static Result decode(JsonParser p) {
        return of(Slots.read(Members.of(p, "a result"), MEMBERS));
    }

    /**
     * The readers of a result's members, for a message that holds them beside members of its own
     * (the process protocol's {@code result} message); {@link #of} then builds the result.
     */
    public static final Map<String, Slots.Reader> MEMBERS =
            Map.ofEntries(
                    entry("result", Members::string),
                    entry("value", Members::int64),
                    entry("notes", ResultCodec::readNotes),
                    entry("object", Members::string),
                    entry("from", Members::int64),
                    entry("data", Members::base64),
                    entry("unreadable_pages", ResultCodec::readPages),
                    entry("digests", ResultCodec::readDigests),
                    entry("prot", m -> m.enumeration(Prot.class)),
                    entry("reason", Members::string));

    /**
     * The result whose members were read with {@link #MEMBERS}; members it does not have are
     * rejected.
     */
    public static Result of(Slots f) {
        String kind = f.str("result");
        Result r =
                switch (kind) {
                    case "done" -> new Result.Done();
                    case "returned" ->
                            new Result.Returned(
                                    f.lng("value"), f.has("notes") ? notes(f) : Map.of());
                    case "bytes" ->
                            new Result.Bytes(
                                    f.str("object"),
                                    f.lng("from"),
                                    f.get("data", byte[].class),
                                    unreadable(f));
                    case "digest" ->
                            new Result.Digest(
                                    f.str("object"),
                                    f.lng("from"),
                                    f.get("digests", long[].class),
                                    unreadable(f));
                    case "protection" -> new Result.Protection(f.get("prot", Prot.class));
                    case "unsupported" -> {
                        String reason = f.str("reason");
                        if (reason.isBlank())
                            throw f.error("an unsupported result needs a non-empty \"reason\"");
                        yield new Result.Unsupported(reason);
                    }
                    default ->
                            throw f.error(
                                    "unknown result kind "
                                            + Excerpt.of(kind, 40)
                                            + "; known: done, returned, bytes, digest, protection, unsupported");
                };
        f.done();
        return r;
    }

    /** The notes as read: a sorted map of strings. */
    private record Notes(Map<String, String> map) {}

    /** Page numbers as read. */
    private record Pages(List<Long> list) {}

    private static Map<String, String> notes(Slots f) {
        return f.get("notes", Notes.class).map();
    }

    private static List<Long> unreadable(Slots f) {
        return f.has("unreadable_pages")
                ? f.get("unreadable_pages", Pages.class).list()
                : List.of();
    }

    private static Notes readNotes(Members outer) {
        Members m = outer.object("notes");
        Map<String, String> out = new TreeMap<>();
        while (m.next() != null) {
            if (m.token() != JsonToken.VALUE_STRING) {
                throw m.error(
                        "note \""
                                + Excerpt.inline(m.name(), 80)
                                + "\" must be a string, got "
                                + WireJson.describe(m.token()));
            }
            out.put(m.name(), m.string());
        }
        return new Notes(out);
    }

    private static Pages readPages(Members m) {
        Items items = m.array();
        List<Long> pages = new ArrayList<>();
        while (items.next()) {
            Long page = items.wholeOrNull();
            if (page == null) throw items.error("a page number must be a whole number");
            pages.add(page);
        }
        return new Pages(pages);
    }

    /**
     * Whether {@code s} is 16 ASCII hexadecimal digits: a loop, not a stream, as a large object
     * answers tens of thousands of them.
     */
    private static boolean isDigest(String s) {
        if (s == null || s.length() != 16) return false;
        for (int i = 0; i < 16; i++) if (!java.util.HexFormat.isHexDigit(s.charAt(i))) return false;
        return true;
    }

    private static long[] readDigests(Members m) {
        Items items = m.array();
        long[] digests = new long[16];
        int n = 0;
        while (items.next()) {
            String s = items.stringOrNull();
            if (!isDigest(s))
                throw items.error("a digest must be a string of 16 hexadecimal digits");
            if (n == digests.length) digests = Arrays.copyOf(digests, n * 2);
            digests[n++] = java.util.HexFormat.fromHexDigitsToLong(s);
        }
        return Arrays.copyOf(digests, n);
    }
}
