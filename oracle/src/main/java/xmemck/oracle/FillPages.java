package xmemck.oracle;

import xmemck.ops.Fill;
import xmemck.ops.Layout;

/**
 * A small, bounded cache of pattern pages: the {@link Layout#PAGE_SIZE} bytes of {@link Fill} of a
 * seed from a base offset. Fill is a pure function, and the same pristine pages are read again and
 * again (observed whole, compared by the judge, compared again by commit), so computing each byte
 * once and then copying whole arrays is where most of the oracle's time went. Two-way set
 * associative, 1024 pages (4 MiB) at most; safe to share between threads without locks because an
 * entry is immutable and replacing one is a single reference write.
 */
final class FillPages {
    private FillPages() {}

    private static final int PAGE = Layout.PAGE_SIZE;
    private static final int SETS = 512;

    /**
     * Below this many bytes a miss is computed directly rather than by computing (and caching) a
     * whole page.
     */
    private static final int SMALL = 256;

    /** One cached page; never changed after construction. */
    private record Entry(long seed, long base, byte[] bytes) {}

    private static final Entry[] CACHE = new Entry[2 * SETS];

    /**
     * Copies {@code length} pattern bytes of the page (seed, base) from {@code index} into {@code
     * dst}.
     */
    static void copy(long seed, long base, int index, byte[] dst, int dstOffset, int length) {
        byte[] page = cached(seed, base);
        if (page == null) {
            if (length < SMALL) {
                Fill.fill(seed, base + index, dst, dstOffset, length);
                return;
            }
            page = load(seed, base);
        }
        System.arraycopy(page, index, dst, dstOffset, length);
    }

    /** The page's bytes, shared and read-only: callers must never write into the array. */
    static byte[] page(long seed, long base) {
        byte[] page = cached(seed, base);
        return page != null ? page : load(seed, base);
    }

    private static int set(long seed, long base) {
        long h =
                (seed * 0x9E3779B97F4A7C15L)
                        ^ (Math.floorDiv(base, PAGE) * 0xC2B2AE3D27D4EB4FL)
                        ^ Math.floorMod(base, PAGE);
        h ^= h >>> 29;
        return (int) (h & (SETS - 1)) * 2;
    }

    private static byte[] cached(long seed, long base) {
        int i = set(seed, base);
        Entry a = CACHE[i];
        if (a != null && a.seed == seed && a.base == base) return a.bytes;
        Entry b = CACHE[i + 1];
        if (b != null && b.seed == seed && b.base == base) {
            // Keep the most recent hit in the first way, so that a miss evicts the older entry.
            CACHE[i + 1] = a;
            CACHE[i] = b;
            return b.bytes;
        }
        return null;
    }

    private static byte[] load(long seed, long base) {
        byte[] bytes = new byte[PAGE];
        Fill.fill(seed, base, bytes, 0, PAGE);
        int i = set(seed, base);
        CACHE[i + 1] = CACHE[i];
        CACHE[i] = new Entry(seed, base, bytes);
        return bytes;
    }
}
