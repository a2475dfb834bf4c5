package xmemck.process;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.spi.Capabilities;
import xmemck.wire.CapabilitiesCodec;
import xmemck.wire.Excerpt;
import xmemck.wire.Members;
import xmemck.wire.OpCodec;
import xmemck.wire.ResultCodec;
import xmemck.wire.Slots;
import xmemck.wire.UntrustedText;
import xmemck.wire.WireFormatException;
import xmemck.wire.WireJson;

/**
 * The messages of the process protocol (see {@code sut-adapters/PROTOCOL.md}): one JSON object per
 * line, each with a {@code "type"}. The kit sends {@code hello}, {@code reset} and {@code apply};
 * the implementation answers {@code hello}, {@code ready}, {@code result} or {@code error}. An
 * {@code apply} message is the canonical op ({@link OpCodec}) with {@code "type"} and {@code "seq"}
 * in front; a {@code result} message is the canonical result ({@link ResultCodec}) with {@code
 * "type"} and the same {@code "seq"}. Envelope members a reader does not know are ignored; the
 * members of a result are exact.
 *
 * <p>Parsing is bounded: {@link WireJson#messageParser} enforces the limits on number length,
 * nesting depth, string length and tokens per message as it reads (in time linear in the line), and
 * the text the implementation controls (its name, reasons, error messages, notes) is capped and
 * made well-formed here, as it is decoded ({@link UntrustedText}), so nothing downstream sees more.
 */
final class Protocol {
    /** The protocol versions this kit speaks. */
    static final List<Integer> VERSIONS = List.of(1);

    private Protocol() {}

    static String hello(String kit) {
        return WireJson.write(
                g -> {
                    g.writeStartObject();
                    g.writeStringProperty("type", "hello");
                    g.writeArrayPropertyStart("protocols");
                    for (int v : VERSIONS) g.writeNumber(v);
                    g.writeEndArray();
                    g.writeStringProperty("kit", kit);
                    g.writeEndObject();
                });
    }

    static String reset() {
        return "{\"type\":\"reset\"}";
    }

    static String apply(long seq, Op op) {
        return WireJson.write(g -> apply(g, seq, op));
    }

    private static void apply(JsonGenerator g, long seq, Op op) {
        g.writeStartObject();
        g.writeStringProperty("type", "apply");
        g.writeNumberProperty("seq", seq);
        OpCodec.writeMembers(g, op);
        g.writeEndObject();
    }

    /**
     * A batch as the bytes the implementation reads: an {@link #apply} line for each of {@code
     * ops}, numbered from {@code firstSeq}, then a {@link #reset} line when {@code reset}.
     */
    static byte[] batch(long firstSeq, List<? extends Op> ops, boolean reset) {
        return reset
                ? scenarios(firstSeq, List.of(ops))
                : WireJson.writeLines(ops.size(), (g, i) -> apply(g, firstSeq + i, ops.get(i)));
    }

    /**
     * Whole scenarios as one write: each scenario's {@code apply} lines (seq numbers running on
     * from {@code firstSeq} across the scenarios), each followed by a {@code reset}.
     */
    static byte[] scenarios(long firstSeq, List<? extends List<? extends Op>> scenarios) {
        List<Op> lines = new ArrayList<>(); // null: the reset that ends a scenario
        for (List<? extends Op> s : scenarios) {
            lines.addAll(s);
            lines.add(null);
        }
        long[] next = {firstSeq}; // the lines are written in order
        return WireJson.writeLines(
                lines.size(),
                (g, i) -> {
                    Op op = lines.get(i);
                    if (op == null) g.writeRawValue(reset());
                    else apply(g, next[0]++, op);
                });
    }

    /** A message from the implementation. */
    sealed interface Reply {
        record Hello(int protocol, String name, Capabilities capabilities, List<String> warnings)
                implements Reply {}

        record Ready() implements Reply {}

        record ResultOf(long seq, Result result) implements Reply {}

        record Error(Long seq, String message) implements Reply {}
    }

    /**
     * Parses one line from the implementation (UTF-8, without its line end); anything that is not a
     * message of the protocol is an error. The line is read as a stream: the base64 of a large
     * observation is decoded from these bytes, never copied into a string.
     */
    static Reply parse(byte[] line, int length) {
        try (JsonParser p = WireJson.messageParser(line, 0, length)) {
            Members m = Members.of(p, "a message");
            String first = m.next();
            // Implementations write "type" first (the canonical form does); any other order costs a
            // second reading.
            if ("type".equals(first)) return read(type(m), m, m.next(), p);
            String type = findType(line, length);
            try (JsonParser again = WireJson.messageParser(line, 0, length)) {
                Members all = Members.of(again, "a message");
                return read(type, all, all.next(), again);
            }
        }
    }

    /**
     * Reads the members of a message whose type is known, from {@code name}, the member the parser
     * is at.
     */
    private static Reply read(String type, Members m, String name, JsonParser p) {
        Reply reply =
                switch (type) {
                    case "hello" -> hello(m, name);
                    case "ready" -> {
                        for (; name != null; name = m.next()) m.skip();
                        yield new Reply.Ready();
                    }
                    case "result" -> result(m, name);
                    case "error" -> error(m, name);
                    default ->
                            throw new WireFormatException(
                                    "at $.type: unknown message type "
                                            + Excerpt.of(type, 40)
                                            + "; an implementation sends hello, ready, result or error");
                };
        WireJson.end(p);
        return reply;
    }

    private static String type(Members m) {
        String type = m.stringOrNull();
        if (type == null)
            throw new WireFormatException("at $: a message needs a string field \"type\"");
        return type;
    }

    /** The type of a message that does not begin with it. */
    private static String findType(byte[] line, int length) {
        try (JsonParser p = WireJson.messageParser(line, 0, length)) {
            Members m = Members.of(p, "a message");
            for (String name; (name = m.next()) != null; ) {
                if (name.equals("type")) return type(m);
                m.skip();
            }
            throw new WireFormatException("at $: a message needs a string field \"type\"");
        }
    }

    private static Reply.Hello hello(Members m, String name) {
        Long protocol = null;
        String implementation = null;
        Capabilities caps = null;
        List<String> warnings = new ArrayList<>();
        for (; name != null; name = m.next()) {
            switch (name) {
                case "protocol" -> {
                    protocol = m.wholeOrNull();
                    if (protocol == null) throw versionNeeded();
                }
                case "name" -> implementation = m.stringOrNull();
                case "capabilities" -> caps = CapabilitiesCodec.decode(m.parser(), warnings);
                default -> m.skip();
            }
        }
        if (protocol == null) throw versionNeeded();
        if (implementation == null || implementation.isBlank()) {
            throw new WireFormatException(
                    "at $.name: the hello needs the implementation's name, a non-empty string");
        }
        if (caps == null)
            throw new WireFormatException(
                    "at $.capabilities: the hello must declare the implementation's capabilities");
        int version = (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, protocol));
        if (warnings.size() > UntrustedText.MAX_WARNINGS) {
            int all = warnings.size();
            warnings = new ArrayList<>(warnings.subList(0, UntrustedText.MAX_WARNINGS));
            warnings.add("(cut, " + all + " warnings in all)");
        }
        return new Reply.Hello(
                version,
                UntrustedText.capped(implementation, UntrustedText.MAX_NAME),
                safe(caps),
                warnings);
    }

    private static WireFormatException versionNeeded() {
        return new WireFormatException(
                "at $.protocol: the hello needs the protocol version the implementation speaks, a whole number");
    }

    /**
     * The result's members share the object with "type" and "seq"; anything else is one of them, or
     * an error.
     */
    private static Reply.ResultOf result(Members m, String name) {
        Slots result = new Slots(m);
        Long seq = null;
        for (; name != null; name = m.next()) {
            switch (name) {
                case "type" -> m.skip();
                case "seq" -> seq = seq(m, "result");
                default -> result.read(ResultCodec.MEMBERS);
            }
        }
        if (seq == null) throw seqNeeded("result");
        return new Reply.ResultOf(seq, safe(ResultCodec.of(result)));
    }

    private static Reply.Error error(Members m, String name) {
        Long seq = null;
        String message = null;
        for (; name != null; name = m.next()) {
            switch (name) {
                case "seq" -> seq = seq(m, "error");
                case "message" -> message = m.stringOrNull();
                default -> m.skip();
            }
        }
        return new Reply.Error(
                seq,
                message == null
                        ? "(no message given)"
                        : UntrustedText.capped(message, UntrustedText.MAX_REASON));
    }

    // ---- text the implementation controls: capped and made well-formed as it is decoded
    // (UntrustedText) ----

    /** The name of the note that says notes were cut. */
    static final String CUT_NOTES = UntrustedText.CUT_NOTES;

    private static Capabilities safe(Capabilities c) {
        return UntrustedText.safe(c);
    }

    private static Result safe(Result r) {
        return UntrustedText.safe(r);
    }

    private static long seq(Members m, String type) {
        Long seq = m.wholeOrNull();
        if (seq == null) throw seqNeeded(type);
        return seq;
    }

    private static WireFormatException seqNeeded(String type) {
        return new WireFormatException(
                "at $.seq: a "
                        + type
                        + " message needs the whole-number \"seq\" of the apply it answers");
    }
}
