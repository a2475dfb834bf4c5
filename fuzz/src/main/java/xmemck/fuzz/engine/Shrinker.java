package xmemck.fuzz.engine;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Shrinks a failing case by editing its choice sequence and generating again (integrated
 * shrinking): delete spans (whole operations, list elements), delete runs of draws, zero spans and
 * runs, lower single draws by binary search. A candidate is kept only when it still shows the
 * original failure ({@link Outcome.Fail#answersTo} the signature shrinking started from) and its
 * draws are smaller in {@link ShortLex} order, so the passes repeat until none helps or the budget
 * runs out.
 *
 * <p>Because draw 0 is each generator's simplest answer, these generic edits are also the domain's
 * simplifications: a deleted span drops an operation, a lowered draw moves a count toward 0 or a
 * fault toward the first page.
 */
public final class Shrinker<T> {
    private final Gen<T> gen;
    private final Property<T> property;
    private final String signature;
    private final Budget.Meter meter;
    private final Set<Key> tried = new HashSet<>();
    private Trial<T> best;
    private int improvements;

    public Shrinker(Gen<T> gen, Property<T> property, Trial<T> failing, Budget budget) {
        if (!failing.failed())
            throw new IllegalArgumentException(
                    "only a failing case can be shrunk, got " + failing.outcome());
        this.gen = gen;
        this.property = property;
        this.signature = failing.signature();
        this.best = failing;
        this.meter = budget.start();
    }

    /** Shrinks as far as the budget allows and answers the smallest failing case found. */
    public Trial<T> shrink() {
        boolean improved = true;
        while (improved && !meter.exhausted()) {
            improved = deleteSpans();
            improved |= deleteRuns();
            improved |= zeroSpans();
            improved |= zeroRuns();
            improved |= lowerEach();
        }
        return best;
    }

    /** Property checks made while shrinking. */
    public long calls() {
        return meter.used();
    }

    /** Candidates that were kept. */
    public int improvements() {
        return improvements;
    }

    private boolean deleteSpans() {
        boolean any = false;
        for (int i = best.spans().length - 1; i >= 0; i--) {
            int[][] spans = best.spans();
            if (i >= spans.length) continue;
            int[] s = spans[i];
            if (consider(without(best.choices(), s[0], s[1]))) any = true;
        }
        return any;
    }

    private boolean deleteRuns() {
        boolean any = false;
        for (int k = 8; k >= 1; k /= 2) {
            for (int i = best.choices().length - k; i >= 0; i--) {
                if (i + k > best.choices().length) continue;
                if (consider(without(best.choices(), i, i + k))) any = true;
            }
        }
        return any;
    }

    private boolean zeroSpans() {
        boolean any = false;
        for (int i = best.spans().length - 1; i >= 0; i--) {
            int[][] spans = best.spans();
            if (i >= spans.length) continue;
            if (zero(spans[i][0], spans[i][1])) any = true;
        }
        return any;
    }

    private boolean zeroRuns() {
        boolean any = false;
        for (int k = 8; k >= 2; k /= 2) {
            for (int i = best.choices().length - k; i >= 0; i--) {
                if (zero(i, i + k)) any = true;
            }
        }
        return any;
    }

    private boolean zero(int from, int to) {
        long[] c = best.choices();
        if (to > c.length) return false;
        boolean nonZero = false;
        for (int j = from; j < to; j++) nonZero |= c[j] != 0;
        if (!nonZero) return false;
        long[] candidate = c.clone();
        Arrays.fill(candidate, from, to, 0);
        return consider(candidate);
    }

    /** For each draw: try 0, then binary search for the lowest value that still fails. */
    private boolean lowerEach() {
        boolean any = false;
        for (int i = 0; i < best.choices().length; i++) {
            long v = best.choices()[i];
            if (v == 0) continue;
            if (consider(with(best.choices(), i, 0))) {
                any = true;
                continue;
            }
            long lo = 0, hi = v; // lo does not fail (or was not smaller), hi fails
            while (lo + 1 < hi && !meter.exhausted() && i < best.choices().length) {
                long mid = lo + (hi - lo) / 2;
                if (consider(with(best.choices(), i, mid))) {
                    hi = mid;
                    any = true;
                } else lo = mid;
            }
        }
        return any;
    }

    private boolean consider(long[] candidate) {
        if (!ShortLex.smaller(candidate, best.choices())) return false;
        if (!tried.add(new Key(candidate))) return false;
        if (!meter.take()) return false;
        Trial<T> t = Trial.run(gen, property, Choices.replay(candidate));
        if (t.outcome() instanceof Outcome.Fail f
                && f.answersTo(signature)
                && ShortLex.smaller(t.choices(), best.choices())) {
            best = t;
            improvements++;
            return true;
        }
        return false;
    }

    private static long[] without(long[] c, int from, int to) {
        long[] out = new long[c.length - (to - from)];
        System.arraycopy(c, 0, out, 0, from);
        System.arraycopy(c, to, out, from, c.length - to);
        return out;
    }

    private static long[] with(long[] c, int i, long v) {
        long[] out = c.clone();
        out[i] = v;
        return out;
    }

    /** A choice sequence as a set key. */
    private record Key(long[] c) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Arrays.equals(k.c, c);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(c);
        }
    }
}
