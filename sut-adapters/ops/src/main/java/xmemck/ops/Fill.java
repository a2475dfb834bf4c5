package xmemck.ops;

/**
 * The initial content of every object, a pure function of (seed, offset) that any implementation in
 * any language can compute: {@code byteAt(seed, o) = low byte of splitmix64(seed ^ (o *
 * 0x9E3779B97F4A7C15))}. Offsets may be negative (the guard page before an object). Distinct seeds
 * make source data, destination contents and guard bytes distinguishable, which is what the leak
 * check relies on.
 */
public final class Fill {
    private Fill() {}

    public static byte byteAt(long seed, long offset) {
        long x = seed ^ (offset * 0x9E3779B97F4A7C15L);
        x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
        x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
        x = x ^ (x >>> 31);
        return (byte) x;
    }

    /** The pattern bytes for {@code [offset, offset + length)}. */
    public static byte[] bytes(long seed, long offset, int length) {
        byte[] out = new byte[length];
        fill(seed, offset, out, 0, length);
        return out;
    }

    /**
     * Writes the pattern bytes for {@code [offset, offset + length)} into {@code dst} from {@code
     * dstOffset}: the same values as {@link #byteAt}, in one tight loop (the multiplier is stepped
     * rather than recomputed).
     */
    public static void fill(long seed, long offset, byte[] dst, int dstOffset, int length) {
        java.util.Objects.checkFromIndexSize(dstOffset, length, dst.length);
        long m = offset * 0x9E3779B97F4A7C15L;
        for (int i = 0; i < length; i++) {
            long x = seed ^ m;
            x = (x ^ (x >>> 30)) * 0xBF58476D1CE4E5B9L;
            x = (x ^ (x >>> 27)) * 0x94D049BB133111EBL;
            dst[dstOffset + i] = (byte) (x ^ (x >>> 31));
            m += 0x9E3779B97F4A7C15L;
        }
    }
}
