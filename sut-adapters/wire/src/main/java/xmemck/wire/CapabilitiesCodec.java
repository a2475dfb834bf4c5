package xmemck.spi.wire;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;

/**
 * Capabilities as JSON: {@code {"supported":["XMEM_SERVICES",...],"missing":{"ADI":"reason",...}}}, names of
 * {@link Capability}. Reading is forgiving where the protocol promises it: a capability the kit does not know (a
 * newer implementation) is skipped with a warning, and one the implementation does not mention is missing with
 * the reason "not declared by the implementation". Naming one capability twice, or without a reason, is an error.
 */
public final class CapabilitiesCodec {
    private CapabilitiesCodec() {}

    /** Reason given for a capability an implementation neither supports nor declares missing. */
    public static final String UNDECLARED = "not declared by the implementation";

    public static Json.Obj encode(Capabilities c) {
        List<Json> supported = new ArrayList<>();
        for (Capability cap : Capability.values()) if (c.supported().contains(cap)) supported.add(Json.str(cap.name()));
        Json.ObjBuilder missing = Json.object();
        for (Capability cap : Capability.values()) if (c.missing().containsKey(cap)) missing.put(cap.name(), c.missing().get(cap));
        return Json.object().put("supported", new Json.Arr(supported)).put("missing", missing.build()).build();
    }

    /** The declared capabilities; {@code warnings} receives one line per capability name the kit did not know. */
    public static Capabilities decode(Json json, String path, List<String> warnings) {
        Fields f = Fields.of(json, path, "capabilities");
        EnumSet<Capability> supported = EnumSet.noneOf(Capability.class);
        EnumMap<Capability, String> missing = new EnumMap<>(Capability.class);
        List<Json> names = f.has("supported") ? f.arr("supported") : List.of();
        for (int i = 0; i < names.size(); i++) {
            String where = f.pathOf("supported") + "[" + i + "]";
            if (!(names.get(i) instanceof Json.Str s)) throw new WireFormatException("at " + where + ": a capability name must be a string");
            Capability c = known(s.value(), where, warnings);
            if (c != null && !supported.add(c)) throw new WireFormatException("at " + where + ": capability " + c + " is listed twice");
        }
        Json.Obj miss = f.has("missing") ? f.obj("missing") : new Json.Obj(Map.of());
        for (Map.Entry<String, Json> e : miss.members().entrySet()) {
            String where = f.pathOf("missing") + "." + e.getKey();
            Capability c = known(e.getKey(), where, warnings);
            if (c == null) continue;
            if (!(e.getValue() instanceof Json.Str reason) || reason.value().isBlank()) {
                throw new WireFormatException("at " + where + ": a missing capability needs a non-empty reason string");
            }
            if (supported.contains(c)) throw new WireFormatException("at " + where + ": capability " + c + " is declared both supported and missing");
            missing.put(c, reason.value());
        }
        f.done();
        for (Capability c : Capability.values()) if (!supported.contains(c) && !missing.containsKey(c)) missing.put(c, UNDECLARED);
        return new Capabilities(supported, missing);
    }

    private static Capability known(String name, String where, List<String> warnings) {
        for (Capability c : Capability.values()) if (c.name().equals(name)) return c;
        warnings.add("at " + where + ": unknown capability " + Excerpt.of(name, 60) + " ignored");
        return null;
    }
}
