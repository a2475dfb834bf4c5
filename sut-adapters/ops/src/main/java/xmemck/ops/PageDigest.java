package xmemck.ops;

/**
 * The digest of one page of memory: 64 bits that any implementation in any language can compute, so
 * that the kit can look at a large object without moving its bytes. Over the page's 512
 * little-endian 64-bit words {@code w}, with 64-bit arithmetic that wraps around:
 *
 * <pre>
 *   h = 0x6A09E667F3BCC908
 *   for each word w:  h = rotate_left((h XOR w) * 0x9E3779B97F4A7C15, 31)
 *   h = h XOR (h >> 33);  h = h * 0xFF51AFD7ED558CCD;  h = h XOR (h >> 33)      (>> is a logical shift)
 * </pre>
 *
 * Each step is a bijection of {@code h} for a fixed word and of the word for a fixed {@code h}, so
 * two pages that differ in one word never share a digest. The digest is not a defence against an
 * implementation that lies: it reports its own memory either way.
 */
public final class PageDigest {
    private PageDigest() {}

    private static final java.lang.invoke.VarHandle WORD =
            java.lang.invoke.MethodHandles.byteArrayViewVarHandle(
                    long[].class, java.nio.ByteOrder.LITTLE_ENDIAN);

    /**
     * The digest of the page whose {@link Layout#PAGE_SIZE} bytes start at {@code bytes[offset]}.
     */
    public static long of(byte[] bytes, int offset) {
        java.util.Objects.checkFromIndexSize(offset, Layout.PAGE_SIZE, bytes.length);
        long h = 0x6A09E667F3BCC908L;
        for (int i = offset; i < offset + Layout.PAGE_SIZE; i += 8) {
            h = Long.rotateLeft((h ^ (long) WORD.get(bytes, i)) * 0x9E3779B97F4A7C15L, 31);
        }
        h ^= h >>> 33;
        h *= 0xFF51AFD7ED558CCDL;
        return h ^ (h >>> 33);
    }

    /** The digest of a page of zeros (what an unreadable page reports). */
    public static final long ZERO_PAGE = of(new byte[Layout.PAGE_SIZE], 0);
}
