package xmemck.records;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xmemck.files.Adapter;
import xmemck.spi.Capabilities;

/**
 * The implementation a run was made against: the adapter id given on the command line, the
 * implementation's own name, the capabilities it declared and, for each one it lacks, the reason it
 * gave, and the clauses the adapter's own code decides rather than the implementation (clause id to
 * reason, {@code xmemck.spi.Sut#emulatedClauses()}).
 */
public record AdapterInfo(
        String id,
        String name,
        List<String> capabilities,
        Map<String, String> missing,
        Map<String, String> emulated) {
    public AdapterInfo {
        id = id == null ? "unknown" : id;
        name = name == null ? id : name;
        capabilities = List.copyOf(capabilities);
        missing = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(missing));
        emulated =
                emulated == null
                        ? Map.of()
                        : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(emulated));
    }

    /** An adapter that emulates no clause. */
    public AdapterInfo(
            String id, String name, List<String> capabilities, Map<String, String> missing) {
        this(id, name, capabilities, missing, Map.of());
    }

    /** The reason {@code clause} is emulated by the adapter, if it is. */
    public java.util.Optional<String> emulated(String clause) {
        return java.util.Optional.ofNullable(emulated.get(clause));
    }

    /** From a live adapter's declaration. */
    public static AdapterInfo of(String id, String name, Capabilities caps) {
        return of(Adapter.of(id, name, caps));
    }

    /** The adapter as a file described it. */
    public static AdapterInfo of(Adapter a) {
        return new AdapterInfo(
                a.id(), a.name(), a.capabilities(), a.missing(), a.emulatedClauses());
    }

    /**
     * The adapter as every file of the kit describes it (summary, results, profile, bundle, the
     * fuzzer's summary).
     */
    public Adapter json() {
        return new Adapter(id, name, capabilities, missing, emulated);
    }

    /** Keys of the run info the glue attaches ({@code xmemck.glue.AdapterPool#info()}). */
    public static final String KEY_ADAPTER = "adapter";

    public static final String KEY_IMPLEMENTATION = "implementation";

    /** Supported capability names, comma-separated. */
    public static final String KEY_CAPABILITIES = "capabilities";

    /**
     * Prefix of one key per missing capability ({@code missing.ADI}), whose value is the adapter's
     * reason.
     */
    public static final String KEY_MISSING = "missing.";

    /**
     * Prefix of one key per clause the adapter emulates ({@code emulated.vm_mvc.einval.cmd}), whose
     * value is the adapter's reason.
     */
    public static final String KEY_EMULATED = "emulated.";

    /** This adapter as run-info entries (what the glue records once the adapter is open). */
    public Map<String, String> toRunInfo() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(KEY_ADAPTER, id);
        m.put(KEY_IMPLEMENTATION, name);
        m.put(KEY_CAPABILITIES, String.join(",", capabilities));
        missing.forEach((c, why) -> m.put(KEY_MISSING + c, why));
        emulated.forEach((c, why) -> m.put(KEY_EMULATED + c, why));
        return m;
    }

    /**
     * Reads what {@link #toRunInfo} wrote; an empty map (no adapter was ever opened) gives {@link
     * #unknown()}.
     */
    public static AdapterInfo fromRunInfo(Map<String, String> info) {
        if (!info.containsKey(KEY_ADAPTER) && !info.containsKey(KEY_IMPLEMENTATION))
            return unknown();
        String caps = info.getOrDefault(KEY_CAPABILITIES, "");
        List<String> have = new ArrayList<>();
        for (String c : caps.split("[,\\s]+")) if (!c.isBlank()) have.add(c.trim());
        Map<String, String> lack = new java.util.TreeMap<>();
        Map<String, String> emulated = new java.util.TreeMap<>();
        info.forEach(
                (k, v) -> {
                    if (k.startsWith(KEY_MISSING)) lack.put(k.substring(KEY_MISSING.length()), v);
                    if (k.startsWith(KEY_EMULATED))
                        emulated.put(k.substring(KEY_EMULATED.length()), v);
                });
        return new AdapterInfo(
                info.get(KEY_ADAPTER), info.get(KEY_IMPLEMENTATION), have, lack, emulated);
    }

    /** When the run recorded no adapter (for instance nothing ran). */
    public static AdapterInfo unknown() {
        return new AdapterInfo("unknown", "unknown", List.of(), Map.of());
    }
}
