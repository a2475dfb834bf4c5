package xmemck.oracle;

import java.util.ArrayList;
import java.util.List;

/**
 * Small constructors for effects and alternatives, so that the service oracles read like the manual
 * pages.
 */
final class Outcomes {
    private Outcomes() {}

    private static final Effect.Extent WHOLE = new Effect.Extent.Whole();
    private static final Effect.Extent NONE = new Effect.Extent.Partial(List.of());

    /**
     * A successful copy: exactly {@code length} bytes of {@code data} land at {@code
     * object+offset}.
     */
    static Effect.Write exact(String object, long offset, long length, Data data) {
        return new Effect.Write(object, offset, length, data, WHOLE);
    }

    /**
     * A failed copy: each byte the copy could store ({@code reach}) is old or new, the rest old
     * ({@code inv.failure-effect}).
     */
    static Effect.Write failed(
            String object, long offset, long length, Data data, List<Effect.Range> writable) {
        return new Effect.Write(
                object,
                offset,
                length,
                data,
                writable.isEmpty() ? NONE : new Effect.Extent.Partial(writable));
    }

    /** A failure found before any byte is touched: the destination must stay as it was. */
    static Effect.Write untouched(String object, long offset, long length, Data data) {
        return new Effect.Write(object, offset, length, data, NONE);
    }

    static Alternative alt(
            long returnValue, List<Effect> effects, List<String> clauses, String description) {
        return new Alternative(returnValue, effects, clauses, description);
    }

    static Expectation.Allowed one(Alternative a) {
        return new Expectation.Allowed(List.of(a), List.of());
    }

    static Expectation.OutsideContract outside(String clause, String reason) {
        return new Expectation.OutsideContract(clause, reason);
    }

    /** {@code first} followed by {@code rest}: a deciding clause, then the tags that also apply. */
    static List<String> concat(String first, List<String> rest) {
        List<String> out = new ArrayList<>(rest.size() + 1);
        out.add(first);
        out.addAll(rest);
        return out;
    }
}
