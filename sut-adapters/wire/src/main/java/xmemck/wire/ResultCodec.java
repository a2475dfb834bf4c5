package xmemck.spi.wire;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import xmemck.ops.Prot;
import xmemck.ops.Result;

/**
 * The canonical JSON form of a {@link Result}: one object whose first member {@code "result"} names the kind
 * ({@code done}, {@code returned}, {@code bytes}, {@code protection}, {@code unsupported}). Bytes are standard
 * base64 with padding (RFC 4648 section 4). Optional members ({@code notes}, {@code unreadable_pages}) are left out
 * when empty; notes are written sorted by key so that the text is canonical.
 */
public final class ResultCodec {
    private ResultCodec() {}

    public static Json.Obj encode(Result result) {
        Json.ObjBuilder b = Json.object();
        switch (result) {
            case Result.Done d -> b.put("result", "done");
            case Result.Returned r -> {
                b.put("result", "returned").put("value", r.value());
                if (!r.notes().isEmpty()) {
                    Json.ObjBuilder notes = Json.object();
                    new TreeMap<>(r.notes()).forEach(notes::put);
                    b.put("notes", notes.build());
                }
            }
            case Result.Bytes x -> {
                b.put("result", "bytes").put("object", x.object()).put("from", x.from())
                        .put("data", Base64.getEncoder().encodeToString(x.data()));
                if (!x.unreadablePages().isEmpty()) b.put("unreadable_pages", pageList(x.unreadablePages()));
            }
            case Result.Digest d -> {
                List<Json> digests = new ArrayList<>(d.pages());
                for (int i = 0; i < d.pages(); i++) digests.add(Json.str(hex16(d.digest(i))));
                b.put("result", "digest").put("object", d.object()).put("from", d.from()).put("digests", new Json.Arr(digests));
                if (!d.unreadablePages().isEmpty()) b.put("unreadable_pages", pageList(d.unreadablePages()));
            }
            case Result.Protection p -> b.put("result", "protection").put("prot", p.prot().name());
            case Result.Unsupported u -> b.put("result", "unsupported").put("reason", u.reason());
        }
        return b.build();
    }

    public static Result decode(Json json) { return decode(json, "$"); }

    public static Result decode(Json json, String path) {
        Fields f = Fields.of(json, path, "a result");
        String kind = f.str("result");
        Result r = switch (kind) {
            case "done" -> new Result.Done();
            case "returned" -> new Result.Returned(f.lng("value"), f.has("notes") ? notes(f) : Map.of());
            case "bytes" -> bytes(f);
            case "digest" -> digest(f);
            case "protection" -> new Result.Protection(f.enumeration("prot", Prot.class));
            case "unsupported" -> {
                String reason = f.str("reason");
                if (reason.isBlank()) throw f.error("an unsupported result needs a non-empty \"reason\"");
                yield new Result.Unsupported(reason);
            }
            default -> throw f.error("unknown result kind " + Excerpt.of(kind, 40)
                    + "; known: done, returned, bytes, digest, protection, unsupported");
        };
        f.done();
        return r;
    }

    private static Map<String, String> notes(Fields f) {
        Json.Obj o = f.obj("notes");
        Map<String, String> out = new TreeMap<>();
        for (Map.Entry<String, Json> e : o.members().entrySet()) {
            if (!(e.getValue() instanceof Json.Str s)) {
                throw new WireFormatException("at " + f.pathOf("notes") + ": note \"" + e.getKey() + "\" must be a string, got " + e.getValue().typeName());
            }
            out.put(e.getKey(), s.value());
        }
        return out;
    }

    private static Json.Arr pageList(List<Long> pages) {
        List<Json> out = new ArrayList<>(pages.size());
        for (Long p : pages) out.add(Json.num(p));
        return new Json.Arr(out);
    }

    /** A digest as 16 lower-case hexadecimal digits. */
    private static String hex16(long v) {
        String h = Long.toHexString(v);
        return "0".repeat(16 - h.length()) + h;
    }

    private static Result digest(Fields f) {
        String object = f.str("object");
        long from = f.lng("from");
        List<Json> items = f.arr("digests");
        long[] digests = new long[items.size()];
        for (int i = 0; i < digests.length; i++) {
            if (items.get(i) instanceof Json.Str s && s.value().length() == 16 && s.value().chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
                digests[i] = Long.parseUnsignedLong(s.value(), 16);
            } else {
                throw new WireFormatException("at " + f.pathOf("digests") + "[" + i + "]: a digest must be a string of 16 hexadecimal digits");
            }
        }
        return new Result.Digest(object, from, digests, unreadable(f));
    }

    private static List<Long> unreadable(Fields f) {
        List<Long> unreadable = new ArrayList<>();
        if (f.has("unreadable_pages")) {
            List<Json> items = f.arr("unreadable_pages");
            for (int i = 0; i < items.size(); i++) {
                if (items.get(i) instanceof Json.Num n && n.asLong().isPresent()) unreadable.add(n.asLong().getAsLong());
                else throw new WireFormatException("at " + f.pathOf("unreadable_pages") + "[" + i + "]: a page number must be a whole number");
            }
        }
        return unreadable;
    }

    private static Result bytes(Fields f) {
        String object = f.str("object");
        long from = f.lng("from");
        String data = f.str("data");
        byte[] raw;
        try {
            raw = Base64.getDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw f.error("field \"data\" must be standard base64 with padding: " + e.getMessage());
        }
        return new Result.Bytes(object, from, raw, unreadable(f));
    }
}
