package xmemck.wire;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;

/**
 * Capabilities as JSON: {@code {"supported":["XMEM_SERVICES",...],"missing":{"ADI":"reason",...}}},
 * names of {@link Capability}. Reading is forgiving where the protocol promises it: a capability
 * the kit does not know (a newer implementation) is skipped with a warning, and one the
 * implementation does not mention is missing with the reason "not declared by the implementation".
 * Naming one capability twice, or without a reason, is an error.
 */
public final class CapabilitiesCodec {
    private CapabilitiesCodec() {}

    /** Reason given for a capability an implementation neither supports nor declares missing. */
    public static final String UNDECLARED = "not declared by the implementation";

    /** The canonical text: capabilities in the order of {@link Capability}. */
    public static String encode(Capabilities c) {
        return WireJson.write(g -> write(g, c));
    }

    public static void write(JsonGenerator g, Capabilities c) {
        g.writeStartObject();
        new MemberWriter(g)
                .array(
                        "supported",
                        a -> {
                            for (Capability cap : Capability.values())
                                if (c.supported().contains(cap)) a.writeString(cap.name());
                        })
                .object(
                        "missing",
                        m -> {
                            for (Capability cap : Capability.values())
                                if (c.missing().containsKey(cap))
                                    m.str(cap.name(), c.missing().get(cap));
                        });
        g.writeEndObject();
    }

    /**
     * The capabilities of a whole JSON text; {@code warnings} receives one line per capability name
     * the kit did not know.
     */
    public static Capabilities decode(String text, List<String> warnings) {
        try (JsonParser p = WireJson.parser(text)) {
            Capabilities c = decode(p, warnings);
            WireJson.end(p);
            return c;
        }
    }

    /** The capabilities whose object the parser is at (a hello's {@code "capabilities"} member). */
    public static Capabilities decode(JsonParser p, List<String> warnings) {
        Members f = Members.of(p, "capabilities");
        EnumSet<Capability> supported = EnumSet.noneOf(Capability.class);
        EnumMap<Capability, String> missing = new EnumMap<>(Capability.class);
        for (String member; (member = f.next()) != null; ) {
            switch (member) {
                case "supported" -> {
                    // The two lists may come in either order: "missing" is checked against this one
                    // at the end.
                    Items names = f.array();
                    while (names.next()) {
                        String name = names.stringOrNull();
                        if (name == null) throw names.error("a capability name must be a string");
                        Capability c = known(name, names.path(), warnings);
                        if (c != null && !supported.add(c))
                            throw names.error("capability " + c + " is listed twice");
                    }
                }
                case "missing" -> {
                    Members m = f.object("missing");
                    for (String name; (name = m.next()) != null; ) {
                        String where = m.pathOf(name);
                        Capability c = known(name, where, warnings);
                        String reason = m.token() == JsonToken.VALUE_STRING ? m.string() : null;
                        if (reason == null) m.skip();
                        if (c == null) continue;
                        if (reason == null || reason.isBlank()) {
                            throw new WireFormatException(
                                    "at "
                                            + where
                                            + ": a missing capability needs a non-empty reason string");
                        }
                        missing.put(c, reason);
                    }
                }
                default -> {
                    f.skip();
                    throw f.error("unknown field \"" + Excerpt.inline(member, 80) + "\"");
                }
            }
        }
        for (Capability c : missing.keySet()) {
            if (supported.contains(c))
                throw new WireFormatException(
                        "at "
                                + f.pathOf("missing")
                                + "."
                                + c
                                + ": capability "
                                + c
                                + " is declared both supported and missing");
        }
        for (Capability c : Capability.values())
            if (!supported.contains(c) && !missing.containsKey(c)) missing.put(c, UNDECLARED);
        return new Capabilities(supported, missing);
    }

    private static Capability known(String name, String where, List<String> warnings) {
        for (Capability c : Capability.values()) if (c.name().equals(name)) return c;
        warnings.add("at " + where + ": unknown capability " + Excerpt.of(name, 60) + " ignored");
        return null;
    }
}
