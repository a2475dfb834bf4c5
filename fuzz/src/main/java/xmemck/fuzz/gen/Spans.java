package xmemck.fuzz.gen;

import xmemck.fuzz.engine.Choices;
import xmemck.ops.Layout;

/**
 * Draws of offsets and counts, biased toward what the manual pages care about: count 0 and 1,
 * ranges that end exactly at, one byte before or one byte past a page boundary, every small
 * alignment, the end of the buffer. Draw 0 of each is the plainest value (offset 0, count 0), so
 * shrinking moves toward them.
 */
final class Spans {
    private Spans() {}

    static final int PAGE = Layout.PAGE_SIZE;

    /** An offset into an object of {@code size} bytes. */
    static long offset(Choices c, long size) {
        int pages = (int) Math.max(1, size / PAGE);
        long last = Math.max(0, size - 1);
        return switch (c.weighted(OFFSET_KINDS)) {
            case 0 -> 0;
            case 1 -> Math.min(last, 1 + c.below(63)); // every small alignment
            case 2 ->
                    Math.max(
                            0,
                            Math.min(
                                    last,
                                    PAGE * (1 + c.below(pages))
                                            - 1
                                            - c.below(16))); // just before a page end
            case 3 ->
                    Math.min(
                            last,
                            PAGE * (1 + c.below(Math.max(1, pages - 1)))); // a page start after
            // the first
            case 4 -> c.below(Math.max(1, size)); // anywhere
            case 5 -> -1 - c.below(16); // into the guard page before
            default -> size + c.below(16); // at or past the end
        };
    }

    /** Weights of {@link #offset}'s kinds, in its order. */
    private static final int[] OFFSET_KINDS = {12, 8, 10, 4, 6, 1, 1};

    /**
     * A count for a range starting at {@code offset} in an object of {@code size} bytes. Most
     * counts keep the range inside the object (reaching past it is a caller error the oracle calls
     * outside the contract, which tests nothing); a few reach past the end, and a few are negative
     * or huge.
     */
    static long count(Choices c, long offset, long size) {
        return count(c, offset, size, true);
    }

    /**
     * As {@link #count(Choices, long, long)}; with {@code signed} false the count is a {@code
     * size_t} (copyout's {@code cn}), which has no negative values: the odd draw is then a count
     * just past the end instead.
     */
    static long count(Choices c, long offset, long size, boolean signed) {
        long room = Math.max(0, size - Math.max(0, offset));
        return switch (c.weighted(COUNT_KINDS)) {
            case 0 ->
                    Math.min(
                            room,
                            switch (c.weighted(SMALL_COUNTS)) { // 0, 1 and small counts
                                case 0 -> 0;
                                case 1 -> 1;
                                default -> 2 + c.below(15);
                            });
            case 1 ->
                    Math.max(
                            0,
                            Math.min(size, nextBoundary(offset) + delta(c))
                                    - offset); // to a page boundary, +-2
            case 2 -> Math.max(0, room - c.below(3)); // to the object's end, or just short
            case 3 -> Math.min(room, PAGE * (1 + c.below(Math.max(1, size / PAGE)))); // whole pages
            case 4 -> c.below(room + 1); // anything that fits
            case 5 -> room + 1 + c.below(16); // just past the end
            default ->
                    signed
                            ? ODD_COUNTS[(int) c.below(ODD_COUNTS.length)]
                            : room + 1 + c.below(PAGE); // negative; or past the end
        };
    }

    private static final int[] SMALL_COUNTS = {2, 2, 4};
    private static final int[] COUNT_KINDS = {10, 10, 5, 3, 4, 1, 1};

    /**
     * Counts no caller should pass: the documents say little about them, the oracle decides. (Huge
     * counts are left out: no source region here is big enough, so they only ever break the
     * caller's obligations.)
     */
    private static final long[] ODD_COUNTS = {-1, Integer.MIN_VALUE, -PAGE};

    /** 0, 1, -1, 2, -2: a small step either side of a boundary, 0 being the plainest. */
    static long delta(Choices c) {
        long d = c.below(5);
        return d == 0 ? 0 : (d % 2 == 1 ? (d + 1) / 2 : -(d / 2));
    }

    /** The first page boundary strictly after {@code offset}. */
    static long nextBoundary(long offset) {
        return Math.floorDiv(offset, PAGE) * PAGE + PAGE;
    }

    /** The page that holds byte {@code offset}, clamped into {@code [0, pages)}. */
    static int pageOf(long offset, int pages) {
        return (int) Math.max(0, Math.min(pages - 1, Math.floorDiv(offset, PAGE)));
    }

    /** Pages {@code 1..4}, mostly 1 or 2. */
    static int pages(Choices c) {
        return 1 + c.weighted(PAGE_COUNTS);
    }

    private static final int[] PAGE_COUNTS = {5, 4, 2, 1};
}
