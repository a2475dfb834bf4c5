package xmemck.oracle;

import xmemck.ops.Fill;
import xmemck.ops.Layout;

/**
 * The bytes of one materialised page. Most pages are never materialised at all (their bytes are the owning
 * object's {@link Fill} pattern); a page written by a whole-page copy from pattern memory stays a pattern with
 * another seed or base, so a 256 MiB move costs one small record per page instead of 256 MiB.
 */
sealed interface PageContent {

    byte at(int index);

    /** Copy {@code length} bytes from {@code index} into {@code dst}. */
    default void read(int index, byte[] dst, int dstOffset, int length) {
        for (int i = 0; i < length; i++) dst[dstOffset + i] = at(index + i);
    }

    /** Raw bytes, exactly {@link Layout#PAGE_SIZE} of them. */
    record Raw(byte[] bytes) implements PageContent {
        public byte at(int index) { return bytes[index]; }
        @Override public void read(int index, byte[] dst, int dstOffset, int length) {
            System.arraycopy(bytes, index, dst, dstOffset, length);
        }
    }

    /** Byte {@code i} is {@code Fill.byteAt(seed, base + i)}: a page copied whole from pattern memory. */
    record Pattern(long seed, long base) implements PageContent {
        public byte at(int index) { return Fill.byteAt(seed, base + index); }
        @Override public void read(int index, byte[] dst, int dstOffset, int length) {
            FillPages.copy(seed, base, index, dst, dstOffset, length);
        }
    }

    /** All zero. */
    record Zero() implements PageContent {
        static final Zero INSTANCE = new Zero();
        public byte at(int index) { return 0; }
        @Override public void read(int index, byte[] dst, int dstOffset, int length) {
            java.util.Arrays.fill(dst, dstOffset, dstOffset + length, (byte) 0);
        }
    }
}
