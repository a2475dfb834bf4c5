package xmemck.spi;

import java.time.Duration;
import java.util.Map;

/**
 * Settings for opening an adapter: {@code sut} (the command line of a process implementation),
 * {@code timeoutMillis} (per call), {@code fault} (a seeded fault, for adapters that have them),
 * and any adapter-specific keys.
 */
public record SutOptions(Map<String, String> settings) {
    public SutOptions {
        settings = Map.copyOf(settings);
    }

    public static SutOptions none() {
        return new SutOptions(Map.of());
    }

    public String get(String key, String fallback) {
        return settings.getOrDefault(key, fallback);
    }

    public Duration callTimeout() {
        String v = settings.get("timeoutMillis");
        try {
            return Duration.ofMillis(v == null ? 5000 : Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "timeoutMillis must be a whole number of milliseconds, got \"" + v + "\"");
        }
    }

    public SutOptions with(String key, String value) {
        var m = new java.util.HashMap<>(settings);
        m.put(key, value);
        return new SutOptions(m);
    }
}
