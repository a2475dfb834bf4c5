package xmemck.spi;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * Finds adapters by id through {@link ServiceLoader}: those on the class path (the thread's context
 * class loader), and those of one more class loader given with {@link #searchAlso}, through which a
 * tool loads implementations that are not on its class path (ck's {@code --adapter-path}: jars of
 * implementers, in a loader whose parent is the kit's).
 */
public final class Adapters {
    private Adapters() {}

    /**
     * The extra loader. One per JVM rather than a parameter: the adapter is opened deep inside a
     * run (the feature glue's pool, the fuzzer) that only knows the adapter's id.
     */
    private static volatile ClassLoader extra;

    /**
     * From now on, also search {@code loader} for adapters, in place of any loader given before;
     * {@code null} goes back to the class path alone. Give a loader whose parent is the kit's own
     * (or that delegates to it): its adapters then share the kit's SPI classes, and the kit's
     * adapters, which it also sees, are listed once.
     */
    public static void searchAlso(ClassLoader loader) {
        extra = loader;
    }

    /** The loader given to {@link #searchAlso}, if any. */
    public static Optional<ClassLoader> extraLoader() {
        return Optional.ofNullable(extra);
    }

    /** Every adapter, sorted by id; a provider class seen through both loaders counts once. */
    public static List<SutProvider> available() {
        Map<Class<?>, SutProvider> byClass = new LinkedHashMap<>();
        ServiceLoader.load(SutProvider.class).forEach(p -> byClass.putIfAbsent(p.getClass(), p));
        ClassLoader more = extra;
        if (more != null)
            ServiceLoader.load(SutProvider.class, more)
                    .forEach(p -> byClass.putIfAbsent(p.getClass(), p));
        List<SutProvider> all = new ArrayList<>(byClass.values());
        all.sort(Comparator.comparing(SutProvider::id));
        return all;
    }

    /**
     * The adapter with this id; an unknown id is an error that lists the available ones, and so is
     * an id that two providers claim (which one a run would get would depend on the class path's
     * order).
     */
    public static SutProvider find(String id) {
        List<SutProvider> all = available();
        List<SutProvider> matching = all.stream().filter(p -> p.id().equals(id)).toList();
        if (matching.size() == 1) return matching.getFirst();
        if (matching.size() > 1) {
            StringBuilder sb =
                    new StringBuilder(
                            "adapter id \""
                                    + id
                                    + "\" is claimed by "
                                    + matching.size()
                                    + " providers:");
            for (SutProvider p : matching) sb.append("\n  ").append(origin(p));
            sb.append("\ngive each adapter an id of its own");
            throw new IllegalArgumentException(sb.toString());
        }
        StringBuilder sb = new StringBuilder("unknown adapter \"" + id + "\"; available adapters:");
        for (SutProvider p : all)
            sb.append("\n  ").append(p.id()).append(" - ").append(p.description());
        if (all.isEmpty()) sb.append(" none (is the adapter jar on the class path?)");
        throw new IllegalArgumentException(sb.toString());
    }

    /** The provider's class and where it was loaded from (its jar or folder, when known). */
    public static String origin(SutProvider p) {
        CodeSource source = p.getClass().getProtectionDomain().getCodeSource();
        return p.getClass().getName()
                + (source == null || source.getLocation() == null
                        ? ""
                        : " (" + source.getLocation() + ")");
    }
}
