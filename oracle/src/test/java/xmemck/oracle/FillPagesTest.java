package xmemck.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import xmemck.ops.Fill;

/**
 * The cached pattern pages and the bulk fill are exactly Fill.byteAt, whatever the seed, base,
 * range or sharing.
 */
class FillPagesTest {

    private static final int PAGE = 4096;

    private static byte[] expected(long seed, long offset, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; i++) out[i] = Fill.byteAt(seed, offset + i);
        return out;
    }

    @Test
    void bulk_fill_is_byte_at_for_negative_unaligned_and_huge_offsets() {
        for (long seed : new long[] {0, 11, -7, Long.MIN_VALUE}) {
            for (long offset : new long[] {-PAGE, -1, 0, 5, 4093, 1L << 40, Long.MAX_VALUE - 100}) {
                byte[] got = new byte[70];
                Fill.fill(seed, offset, got, 3, 64);
                byte[] want = new byte[70];
                System.arraycopy(expected(seed, offset, 64), 0, want, 3, 64);
                assertArrayEquals(want, got, "seed " + seed + ", offset " + offset);
            }
        }
        assertArrayEquals(expected(9, -3, 10), Fill.bytes(9, -3, 10));
        assertThrows(IndexOutOfBoundsException.class, () -> Fill.fill(1, 0, new byte[4], 2, 3));
    }

    @Test
    void cached_pages_small_and_large_reads_are_byte_at() {
        for (long base : new long[] {-PAGE, 0, PAGE, 5, 5 + 7 * PAGE}) {
            byte[] whole = new byte[PAGE];
            FillPages.copy(22, base, 0, whole, 0, PAGE); // a miss: computed and cached
            assertArrayEquals(expected(22, base, PAGE), whole, "base " + base);
            byte[] again = new byte[PAGE];
            FillPages.copy(22, base, 0, again, 0, PAGE); // a hit
            assertArrayEquals(whole, again);
            byte[] part = new byte[100];
            FillPages.copy(22, base, 4000, part, 4, 96);
            assertArrayEquals(
                    expected(22, base + 4000, 96), java.util.Arrays.copyOfRange(part, 4, 100));
            assertArrayEquals(expected(22, base, PAGE), FillPages.page(22, base));
        }
        byte[] small = new byte[8];
        FillPages.copy(99, 123 * PAGE, 17, small, 0, 8); // a small miss is computed directly
        assertArrayEquals(expected(99, 123 * PAGE + 17, 8), small);
    }

    @Test
    void eviction_never_returns_another_pages_bytes() {
        // Far more pages than the cache holds, read twice in an order that forces evictions.
        for (int round = 0; round < 2; round++) {
            for (int p = 0; p < 3000; p++) {
                long seed = p % 7, base = (long) p * PAGE;
                byte[] got = new byte[16];
                FillPages.copy(seed, base, PAGE - 16, got, 0, 16);
                if (p % 3 == 0) FillPages.page(seed, base);
                assertArrayEquals(
                        expected(seed, base + PAGE - 16, 16), got, "page " + p + " round " + round);
            }
        }
    }

    @Test
    void threads_sharing_the_cache_see_correct_pages()
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                results.add(
                        pool.submit(
                                () -> {
                                    int checked = 0;
                                    byte[] got = new byte[PAGE];
                                    for (int i = 0; i < 2000; i++) {
                                        long seed = (i + thread) % 5,
                                                base = (long) (i % 1500) * PAGE;
                                        FillPages.copy(seed, base, 0, got, 0, PAGE);
                                        if (got[100] != Fill.byteAt(seed, base + 100)
                                                || got[PAGE - 1]
                                                        != Fill.byteAt(seed, base + PAGE - 1)) {
                                            throw new AssertionError(
                                                    "thread "
                                                            + thread
                                                            + ": wrong bytes for seed "
                                                            + seed
                                                            + ", base "
                                                            + base);
                                        }
                                        checked++;
                                    }
                                    return checked;
                                }));
            }
            for (Future<Integer> f : results) assertEquals(2000, f.get());
        } finally {
            pool.shutdownNow();
        }
    }
}
