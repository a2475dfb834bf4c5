package xmemck.oracle;

import xmemck.ops.PageDigest;

/**
 * {@link PageDigest} of model pages, remembered for pattern pages: a large move is judged from
 * digests twice (which pages to fetch, then the judgement), and its pages are patterns. A
 * direct-mapped cache of 2^20 entries.
 */
final class PageDigests {
    private PageDigests() {}

    private record Entry(long seed, long base, long digest) {}

    /**
     * Enough for the largest move of the default suite (two objects of 65,539 pages each, and the
     * destination's old pages) to stay cached between the passes that judge it: at 2^18 entries a
     * fifth of them were evicted and computed again.
     */
    private static final int BITS = 20;

    private static final int SIZE = 1 << BITS;

    private static final ThreadLocal<byte[]> SCRATCH =
            ThreadLocal.withInitial(() -> new byte[xmemck.ops.Layout.PAGE_SIZE]);
    private static final Entry[] CACHE = new Entry[SIZE];
    private static final long ZERO = PageDigest.ZERO_PAGE;

    static long of(PageContent c) {
        return switch (c) {
            case PageContent.Zero z -> ZERO;
            case PageContent.Pattern p -> {
                int i =
                        (int)
                                ((p.seed() * 0x9E3779B97F4A7C15L ^ p.base() * 0xC2B2AE3D27D4EB4FL)
                                        >>> (64 - BITS));
                Entry e = CACHE[i];
                if (e != null && e.seed() == p.seed() && e.base() == p.base()) yield e.digest();
                // Generated into a scratch page rather than through FillPages: a large move would
                // evict everything there.
                byte[] scratch = SCRATCH.get();
                xmemck.ops.Fill.fill(p.seed(), p.base(), scratch, 0, scratch.length);
                long d = PageDigest.of(scratch, 0);
                CACHE[i] = new Entry(p.seed(), p.base(), d);
                yield d;
            }
            default -> compute(c);
        };
    }

    private static long compute(PageContent c) {
        PageContent.View v = c.view();
        return PageDigest.of(v.array(), v.offset());
    }
}
