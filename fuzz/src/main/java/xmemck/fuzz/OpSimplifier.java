package xmemck.fuzz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import xmemck.fuzz.engine.Simplifier;
import xmemck.ops.Call;
import xmemck.ops.Layout;
import xmemck.ops.Op;
import xmemck.ops.Setup;

/**
 * The domain passes that run after choice shrinking, on the operations themselves: cut everything after the
 * failing step, drop single operations (world set-up nobody needs), fold a protection of a whole region into
 * the region's creation, and lower each count, offset and page number toward 0, 1 and page boundaries.
 *
 * <p>Simpler means fewer operations, then smaller numbers ({@link #cost}), so every pass ends.
 */
public final class OpSimplifier implements Simplifier<List<Op>> {

    private static final long PAGE = Layout.PAGE_SIZE;

    @Override
    public List<List<Op>> candidates(List<Op> ops) {
        List<List<Op>> out = new ArrayList<>();
        for (int k = 1; k < ops.size(); k++) out.add(List.copyOf(ops.subList(0, k)));
        for (int i = 0; i < ops.size(); i++) {
            List<Op> fewer = new ArrayList<>(ops);
            fewer.remove(i);
            out.add(fewer);
        }
        foldProtections(ops, out);
        for (int i = 0; i < ops.size(); i++) {
            long[] numbers = OpNumbers.of(ops.get(i));
            for (int j = 0; j < numbers.length; j++) {
                for (long v : lower(numbers[j])) {
                    long[] n = numbers.clone();
                    n[j] = v;
                    try {
                        Op changed = OpNumbers.with(ops.get(i), n);
                        List<Op> copy = new ArrayList<>(ops);
                        copy.set(i, changed);
                        out.add(copy);
                    } catch (IllegalArgumentException notAnOp) {
                        // e.g. a page count of 0: not an operation at all, so not a candidate
                    }
                }
            }
        }
        return out;
    }

    /**
     * A Protect of a whole region becomes the region's protection from its creation on. Calls in between may then
     * see other protections; the candidate is checked like any other, so only a fold that keeps the failure stays.
     */
    private static void foldProtections(List<Op> ops, List<List<Op>> out) {
        for (int i = 0; i < ops.size(); i++) {
            if (!(ops.get(i) instanceof Setup.Protect p) || p.firstPage() != 0) continue;
            for (int j = i - 1; j >= 0; j--) {
                Op before = ops.get(j);
                if (before instanceof Setup.MapRegion r && r.name().equals(p.object())) {
                    if (r.pages() == p.pages()) {
                        List<Op> folded = new ArrayList<>(ops);
                        folded.set(j, new Setup.MapRegion(r.name(), r.space(), r.pages(), p.prot(), r.seed()));
                        folded.remove(i);
                        out.add(folded);
                    }
                    break;
                }
            }
        }
    }

    /**
     * Lower values worth trying for {@code v}, each with a smaller {@link #cost}: 0, 1, the page boundary below,
     * half, then {@code v} less each power of two (largest first, so that repeated rounds close in on the smallest
     * failing value like a binary search), down to one less.
     */
    static long[] lower(long v) {
        Set<Long> c = new LinkedHashSet<>();
        c.add(0L);
        c.add(v < 0 ? -1L : 1L);
        if (v > PAGE && v % PAGE != 0) c.add(v - v % PAGE);
        c.add(v / 2);
        if (v != Long.MIN_VALUE) {
            long magnitude = Math.abs(v);
            for (long step = Long.highestOneBit(Math.max(1, magnitude / 2)); step >= 1; step >>= 1) c.add(v < 0 ? v + step : v - step);
        }
        return c.stream().filter(x -> cost(x) < cost(v)).mapToLong(Long::longValue).toArray();
    }

    /** The size of a number: its magnitude, negative numbers a little bigger than positive ones. */
    static long cost(long v) {
        if (v == Long.MIN_VALUE) return Long.MAX_VALUE;
        return Math.abs(v) * 2 + (v < 0 ? 1 : 0);
    }

    @Override
    public Comparator<List<Op>> order() {
        return Comparator.<List<Op>>comparingInt(List::size).thenComparingLong(OpSimplifier::totalCost);
    }

    private static long totalCost(List<Op> ops) {
        long total = 0;
        for (Op op : ops) for (long n : OpNumbers.of(op)) total = saturatedAdd(total, cost(n));
        return total;
    }

    private static long saturatedAdd(long a, long b) {
        long s = a + b;
        return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
    }
}
