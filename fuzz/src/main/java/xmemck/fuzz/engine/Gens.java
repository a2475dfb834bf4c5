package xmemck.fuzz.engine;

import java.util.ArrayList;
import java.util.List;

/**
 * Basic generators. Each maps draw 0 to its simplest value, so the shrinker simplifies by lowering
 * draws.
 */
public final class Gens {
    private Gens() {}

    public static <T> Gen<T> constant(T value) {
        return c -> value;
    }

    /** A long in {@code [lo, hi]}, uniform; shrinks toward {@code lo}. */
    public static Gen<Long> longs(long lo, long hi) {
        if (hi < lo) throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
        long span = hi - lo + 1;
        if (span <= 0)
            throw new IllegalArgumentException("range [" + lo + ", " + hi + "] is too wide");
        return c -> lo + c.below(span);
    }

    /** An int in {@code [lo, hi]}, uniform; shrinks toward {@code lo}. */
    public static Gen<Integer> ints(int lo, int hi) {
        if (hi < lo) throw new IllegalArgumentException("empty range [" + lo + ", " + hi + "]");
        long span = (long) hi - lo + 1;
        return c -> (int) (lo + c.below(span));
    }

    /** True with probability {@code percent}/100; shrinks toward false. */
    public static Gen<Boolean> bool(int percent) {
        if (percent < 0 || percent > 100)
            throw new IllegalArgumentException("percent must be 0..100, got " + percent);
        int[] weights = {100 - percent, percent};
        return c -> c.weighted(weights) == 1;
    }

    /** One of {@code values}, uniform; shrinks toward the first. */
    @SafeVarargs
    public static <T> Gen<T> element(T... values) {
        if (values.length == 0)
            throw new IllegalArgumentException("element needs at least one value");
        List<T> copy = List.of(values);
        return c -> copy.get((int) c.below(copy.size()));
    }

    /** One of {@code gens}, uniform; shrinks toward the first. */
    @SafeVarargs
    public static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        if (gens.length == 0)
            throw new IllegalArgumentException("oneOf needs at least one generator");
        return c -> gens[(int) c.below(gens.length)].draw(c);
    }

    /**
     * A weighted choice between generators: {@code weights[i]} for {@code gens[i]}; shrinks toward
     * the first.
     */
    @SafeVarargs
    public static <T> Gen<T> frequency(int[] weights, Gen<? extends T>... gens) {
        if (weights.length != gens.length)
            throw new IllegalArgumentException(
                    weights.length + " weights for " + gens.length + " generators");
        int[] w = weights.clone();
        return c -> gens[c.weighted(w)].draw(c);
    }

    /**
     * A list of {@code min..max} elements. Each element past the first {@code min} is preceded by a
     * "one more?" draw (yes with probability {@code morePercent}%), and that draw and the element's
     * draws are one span: deleting the span deletes the element, and lowering the draw to 0 ends
     * the list there.
     */
    public static <T> Gen<List<T>> lists(Gen<T> element, int min, int max, int morePercent) {
        if (min < 0 || max < min)
            throw new IllegalArgumentException(
                    "list size range [" + min + ", " + max + "] is empty");
        int[] more = {100 - morePercent, morePercent};
        return c -> {
            List<T> out = new ArrayList<>();
            while (out.size() < max) {
                int start = c.startSpan();
                if (out.size() >= min && c.weighted(more) == 0) break;
                out.add(element.draw(c));
                c.endSpan(start);
            }
            return out;
        };
    }
}
