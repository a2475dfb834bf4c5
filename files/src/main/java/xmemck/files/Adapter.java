package xmemck.files;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;

/**
 * The implementation a file is about, as every file of the kit describes it (summary.json,
 * results.json, profile.json, bundle.json, the fuzzer's summary.json): {@code "adapter": {"id":
 * "process", "name": "xmemck-c-example 1.0", "capabilities": ["COPYOUT", ...], "missing": {"ADI":
 * "no SPARC"}}}.
 *
 * @param id the adapter's id, as {@code --adapter} names it
 * @param name the implementation's own name
 * @param capabilities the capabilities it declared (names of {@link Capability}), in the kit's
 *     order
 * @param missing each capability it lacks, with the reason it gave
 * @param emulatedClauses the clauses the adapter's own code decides rather than the implementation
 *     it drives, with the reason it gave ({@code xmemck.spi.Sut#emulatedClauses()}); left out of
 *     the file when there are none
 */
public record Adapter(
        String id,
        String name,
        List<String> capabilities,
        Map<String, String> missing,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonSetter(nulls = Nulls.AS_EMPTY)
                Map<String, String> emulatedClauses) {
    public Adapter {
        capabilities = List.copyOf(capabilities);
        missing = Collections.unmodifiableMap(new LinkedHashMap<>(missing));
        emulatedClauses =
                emulatedClauses == null
                        ? Map.of()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(emulatedClauses));
    }

    /** An adapter that emulates no clause. */
    public Adapter(String id, String name, List<String> capabilities, Map<String, String> missing) {
        this(id, name, capabilities, missing, Map.of());
    }

    /** From a live adapter's declaration, with the clauses it emulates. */
    public static Adapter of(
            String id, String name, Capabilities caps, Map<String, String> emulatedClauses) {
        Adapter a = of(id, name, caps);
        return new Adapter(a.id, a.name, a.capabilities, a.missing, emulatedClauses);
    }

    /** From a live adapter's declaration. */
    public static Adapter of(String id, String name, Capabilities caps) {
        List<String> have = new ArrayList<>();
        Map<String, String> lack = new LinkedHashMap<>();
        for (Capability c : Capability.values()) {
            if (caps.supported().contains(c)) have.add(c.name());
            else lack.put(c.name(), caps.missing().get(c));
        }
        return new Adapter(id, name, have, lack);
    }

    /**
     * An adapter known by its id only (it was never opened, or the writer was not told more): no
     * capabilities recorded.
     */
    public static Adapter known(String id) {
        return new Adapter(id, id, List.of(), Map.of());
    }
}
