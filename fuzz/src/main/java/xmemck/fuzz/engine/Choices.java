package xmemck.fuzz.engine;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The one source of every random draw of a case, which records each draw so that the case can be
 * replayed.
 *
 * <p>A draw is a non-negative index below a bound, and index 0 is always the simplest answer:
 * generators map indices to values so that lowering an index simplifies the value (a smaller count,
 * an earlier page, the first alternative). The recorded indices are the case's <em>choice
 * sequence</em>; shrinking edits that sequence and generates again from it (integrated shrinking),
 * so a shrunk case is always one the generators can produce.
 *
 * <p>Three ways to make one: {@link #random} draws from a seed; {@link #replay} answers from a
 * recorded sequence, clamping an index that no longer fits its bound and answering 0 (the simplest)
 * once the sequence is used up, so that any edited sequence still generates a case; generators also
 * mark <em>spans</em> (the draws of one list element or one operation) that the shrinker deletes as
 * units.
 */
public final class Choices {

    /** Thrown when a case makes more draws than allowed; the case is then invalid, not failing. */
    public static final class Overrun extends RuntimeException {
        Overrun(int max) {
            super("a case made more than " + max + " draws", null, false, false);
        }
    }

    /** The default limit on draws per case. */
    public static final int DEFAULT_MAX_DRAWS = 8192;

    private final SplittableRandom random;
    private final long[] prefix;
    private final int maxDraws;
    private long[] drawn = new long[32];
    private int size;
    private int[] spans = new int[16];
    private int spanCount;

    private Choices(SplittableRandom random, long[] prefix, int maxDraws) {
        this.random = random;
        this.prefix = prefix;
        this.maxDraws = maxDraws;
    }

    /** Fresh draws from {@code seed}. */
    public static Choices random(long seed) {
        return new Choices(new SplittableRandom(seed), new long[0], DEFAULT_MAX_DRAWS);
    }

    /** Answers from {@code recorded}; past its end every draw answers 0. */
    public static Choices replay(long[] recorded) {
        return new Choices(null, recorded.clone(), DEFAULT_MAX_DRAWS);
    }

    /** Answers from {@code recorded}, then draws from {@code seed} once it is used up. */
    public static Choices replayThenRandom(long[] recorded, long seed) {
        return new Choices(new SplittableRandom(seed), recorded.clone(), DEFAULT_MAX_DRAWS);
    }

    /** A draw in {@code [0, bound)}, uniform when drawing at random. */
    public long below(long bound) {
        if (bound < 1)
            throw new IllegalArgumentException("a draw needs a bound >= 1, got " + bound);
        long v;
        if (size < prefix.length) v = Math.min(Math.max(prefix[size], 0), bound - 1);
        else if (random == null) v = 0;
        else v = bound == 1 ? 0 : random.nextLong(bound);
        return record(v);
    }

    /**
     * A draw of an index into {@code weights}, with probability proportional to its weight when
     * drawing at random. Index 0 is still the simplest: put the plainest alternative first,
     * whatever its weight.
     */
    public int weighted(int[] weights) {
        if (weights.length == 0)
            throw new IllegalArgumentException("a weighted draw needs at least one weight");
        int v;
        if (size < prefix.length) v = (int) Math.min(Math.max(prefix[size], 0), weights.length - 1);
        else if (random == null) v = 0;
        else v = pick(weights, random);
        record(v);
        return v;
    }

    private static int pick(int[] weights, SplittableRandom random) {
        int total = 0;
        for (int w : weights) total += w;
        if (total <= 0)
            throw new IllegalArgumentException(
                    "weights must add up to more than 0: " + Arrays.toString(weights));
        int r = random.nextInt(total);
        for (int i = 0; i < weights.length; i++) {
            r -= weights[i];
            if (r < 0) return i;
        }
        return weights.length - 1;
    }

    private long record(long v) {
        if (size == maxDraws) throw new Overrun(maxDraws);
        if (size == drawn.length) drawn = Arrays.copyOf(drawn, size * 2);
        drawn[size++] = v;
        return v;
    }

    /**
     * Marks the start of a span (one list element, one operation); pass the answer to {@link
     * #endSpan}.
     */
    public int startSpan() {
        return size;
    }

    /** Ends the span started at {@code start}; an empty span is not kept. */
    public void endSpan(int start) {
        if (start >= size) return;
        if (spanCount * 2 == spans.length) spans = Arrays.copyOf(spans, spans.length * 2);
        spans[spanCount * 2] = start;
        spans[spanCount * 2 + 1] = size;
        spanCount++;
    }

    /** How many draws were made so far. */
    public int size() {
        return size;
    }

    /** The draws made so far, in order: the case's choice sequence. */
    public long[] recorded() {
        return Arrays.copyOf(drawn, size);
    }

    /**
     * The spans marked so far, each {@code {start, end}} (end exclusive), in the order they were
     * closed.
     */
    public int[][] spans() {
        int[][] out = new int[spanCount][];
        for (int i = 0; i < spanCount; i++) out[i] = new int[] {spans[i * 2], spans[i * 2 + 1]};
        return out;
    }
}
