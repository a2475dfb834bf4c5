package xmemck.process;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.spi.Capabilities;
import xmemck.spi.wire.CapabilitiesCodec;
import xmemck.spi.wire.Json;
import xmemck.spi.wire.OpCodec;
import xmemck.spi.wire.ResultCodec;
import xmemck.spi.wire.WireFormatException;

/**
 * The messages of the process protocol (see {@code sut-adapters/PROTOCOL.md}): one JSON object per line, each with
 * a {@code "type"}. The kit sends {@code hello}, {@code reset} and {@code apply}; the implementation answers
 * {@code hello}, {@code ready}, {@code result} or {@code error}. An {@code apply} message is the canonical op
 * ({@link OpCodec}) with {@code "type"} and {@code "seq"} in front; a {@code result} message is the canonical
 * result ({@link ResultCodec}) with {@code "type"} and the same {@code "seq"}.
 */
final class Protocol {
    /** The protocol versions this kit speaks. */
    static final List<Integer> VERSIONS = List.of(1);

    private Protocol() {}

    static String hello(String kit) {
        List<Json> versions = new ArrayList<>();
        for (int v : VERSIONS) versions.add(Json.num(v));
        return Json.object().put("type", "hello").put("protocols", new Json.Arr(versions)).put("kit", kit).build().write();
    }

    static String reset() { return "{\"type\":\"reset\"}"; }

    static String apply(long seq, Op op) {
        return Json.object().put("type", "apply").put("seq", seq).putAll(OpCodec.encode(op)).build().write();
    }

    /** A message from the implementation. */
    sealed interface Reply {
        record Hello(int protocol, String name, Capabilities capabilities, List<String> warnings) implements Reply {}
        record Ready() implements Reply {}
        record ResultOf(long seq, Result result) implements Reply {}
        record Error(Long seq, String message) implements Reply {}
    }

    /** Parses one line from the implementation; anything that is not a message of the protocol is an error. */
    static Reply parse(String line) {
        Json json = Json.parse(line);
        if (!(json instanceof Json.Obj o)) throw new WireFormatException("a message must be a JSON object, got " + json.typeName());
        if (!(o.get("type") instanceof Json.Str type)) throw new WireFormatException("at $: a message needs a string field \"type\"");
        return switch (type.value()) {
            case "hello" -> hello(o);
            case "ready" -> new Reply.Ready();
            case "result" -> {
                long seq = seq(o);
                Map<String, Json> rest = new LinkedHashMap<>(o.members());
                rest.remove("type");
                rest.remove("seq");
                yield new Reply.ResultOf(seq, ResultCodec.decode(new Json.Obj(rest)));
            }
            case "error" -> new Reply.Error(o.has("seq") ? seq(o) : null,
                    o.get("message") instanceof Json.Str m ? m.value() : "(no message given)");
            default -> throw new WireFormatException("at $.type: unknown message type \"" + type.value()
                    + "\"; an implementation sends hello, ready, result or error");
        };
    }

    private static Reply.Hello hello(Json.Obj o) {
        if (!(o.get("protocol") instanceof Json.Num n) || n.asLong().isEmpty()) {
            throw new WireFormatException("at $.protocol: the hello needs the protocol version the implementation speaks, a whole number");
        }
        if (!(o.get("name") instanceof Json.Str name) || name.value().isBlank()) {
            throw new WireFormatException("at $.name: the hello needs the implementation's name, a non-empty string");
        }
        if (!o.has("capabilities")) throw new WireFormatException("at $.capabilities: the hello must declare the implementation's capabilities");
        List<String> warnings = new ArrayList<>();
        Capabilities caps = CapabilitiesCodec.decode(o.get("capabilities"), "$.capabilities", warnings);
        long v = n.asLong().getAsLong();
        return new Reply.Hello((int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v)), name.value(), caps, warnings);
    }

    private static long seq(Json.Obj o) {
        if (o.get("seq") instanceof Json.Num n && n.asLong().isPresent()) return n.asLong().getAsLong();
        throw new WireFormatException("at $.seq: a " + ((Json.Str) o.get("type")).value() + " message needs the whole-number \"seq\" of the apply it answers");
    }
}
