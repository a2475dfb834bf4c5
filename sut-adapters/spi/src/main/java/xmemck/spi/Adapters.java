package xmemck.spi;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

/** Finds adapters by id through {@link ServiceLoader}. */
public final class Adapters {
    private Adapters() {}

    public static List<SutProvider> available() {
        List<SutProvider> all = new ArrayList<>();
        ServiceLoader.load(SutProvider.class).forEach(all::add);
        all.sort(Comparator.comparing(SutProvider::id));
        return all;
    }

    /** The adapter with this id; an unknown id is an error that lists the available ones. */
    public static SutProvider find(String id) {
        List<SutProvider> all = available();
        for (SutProvider p : all) if (p.id().equals(id)) return p;
        StringBuilder sb = new StringBuilder("unknown adapter \"" + id + "\"; available adapters:");
        for (SutProvider p : all) sb.append("\n  ").append(p.id()).append(" - ").append(p.description());
        if (all.isEmpty()) sb.append(" none (is the adapter jar on the class path?)");
        throw new IllegalArgumentException(sb.toString());
    }
}
