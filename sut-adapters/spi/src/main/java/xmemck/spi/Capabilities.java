package xmemck.spi;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What an adapter can do. Every capability it lacks carries the reason, which becomes the
 * UNSUPPORTED verdict's reason in every report.
 */
public record Capabilities(Set<Capability> supported, Map<Capability, String> missing) {
    public Capabilities {
        supported =
                supported.isEmpty() ? EnumSet.noneOf(Capability.class) : EnumSet.copyOf(supported);
        missing = missing.isEmpty() ? new EnumMap<>(Capability.class) : new EnumMap<>(missing);
        for (Capability c : Capability.values()) {
            if (supported.contains(c) == missing.containsKey(c)) {
                throw new IllegalArgumentException(
                        "capability " + c + " must be either supported or missing with a reason");
            }
        }
    }

    /** All capabilities supported. */
    public static Capabilities all() {
        return new Capabilities(EnumSet.allOf(Capability.class), Map.of());
    }

    /** All capabilities but {@code missing}, each with its reason. */
    public static Capabilities allBut(Map<Capability, String> missing) {
        EnumSet<Capability> s = EnumSet.allOf(Capability.class);
        s.removeAll(missing.keySet());
        return new Capabilities(s, missing);
    }

    /** The reason the first missing capability in {@code needed} is missing, if any. */
    public Optional<String> whyNot(Set<Capability> needed) {
        for (Capability c : needed) {
            if (!supported.contains(c)) return Optional.of(c.text + ": " + missing.get(c));
        }
        return Optional.empty();
    }
}
