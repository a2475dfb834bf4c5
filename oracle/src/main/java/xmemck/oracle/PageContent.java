package xmemck.oracle;

import java.util.Arrays;
import xmemck.ops.Fill;
import xmemck.ops.Layout;

/**
 * The bytes of one page. Most pages of the model are never materialised at all (their bytes are the
 * owning object's {@link Fill} pattern); a page written by a whole-page copy from pattern memory
 * stays a pattern with another seed or base, so a 256 MiB move costs one small record per page
 * instead of 256 MiB. Observed pages are views into the implementation's answer ({@link Slice}) or,
 * when a digest matched, the model's own symbolic page.
 */
sealed interface PageContent {

    int PAGE = Layout.PAGE_SIZE;

    /**
     * The page's bytes: {@code PAGE} bytes of {@code array} from {@code offset}. Never write into
     * them.
     */
    record View(byte[] array, int offset) {}

    View view();

    default byte at(int index) {
        View v = view();
        return v.array()[v.offset() + index];
    }

    /** Copy {@code length} bytes from {@code index} into {@code dst}. */
    default void read(int index, byte[] dst, int dstOffset, int length) {
        View v = view();
        System.arraycopy(v.array(), v.offset() + index, dst, dstOffset, length);
    }

    /** Raw bytes, exactly {@link Layout#PAGE_SIZE} of them, owned by the model. */
    record Raw(byte[] bytes) implements PageContent {
        public View view() {
            return new View(bytes, 0);
        }
    }

    /** A page of an implementation's answer, not copied. */
    record Slice(byte[] array, int offset) implements PageContent {
        public View view() {
            return new View(array, offset);
        }
    }

    /**
     * Byte {@code i} is {@code Fill.byteAt(seed, base + i)}: a page copied whole from pattern
     * memory.
     */
    record Pattern(long seed, long base) implements PageContent {
        public View view() {
            return new View(FillPages.page(seed, base), 0);
        }

        @Override
        public byte at(int index) {
            return Fill.byteAt(seed, base + index);
        }

        @Override
        public void read(int index, byte[] dst, int dstOffset, int length) {
            FillPages.copy(seed, base, index, dst, dstOffset, length);
        }
    }

    /** All zero. */
    record Zero() implements PageContent {
        static final Zero INSTANCE = new Zero();
        private static final byte[] ZEROS = new byte[PAGE];

        public View view() {
            return new View(ZEROS, 0);
        }

        @Override
        public byte at(int index) {
            return 0;
        }
    }

    /**
     * The first index in {@code [from, to)} where the pages differ, or -1. Two symbolic pages are
     * compared as records when the range is the whole page: two different patterns (another seed or
     * base), or a pattern and zeros, never hold the same 4096 bytes (the chance is below 2^-30000),
     * so a large move is judged without generating it.
     */
    static int mismatch(PageContent a, PageContent b, int from, int to) {
        if (from >= to || a == b) return -1;
        if (symbolic(a) && symbolic(b)) {
            if (a.equals(b)) return -1;
            if (from == 0 && to == PAGE) return firstDifference(a, b);
        }
        View x = a.view(), y = b.view();
        int m =
                Arrays.mismatch(
                        x.array(),
                        x.offset() + from,
                        x.offset() + to,
                        y.array(),
                        y.offset() + from,
                        y.offset() + to);
        return m < 0 ? -1 : from + m;
    }

    /** The last index in {@code [from, to)} where the pages differ, or -1. */
    static int lastMismatch(PageContent a, PageContent b, int from, int to) {
        if (mismatch(a, b, from, to) < 0) return -1;
        View x = a.view(), y = b.view();
        for (int i = to - 1; i >= from; i--)
            if (x.array()[x.offset() + i] != y.array()[y.offset() + i]) return i;
        return -1;
    }

    static boolean same(PageContent a, PageContent b) {
        return mismatch(a, b, 0, PAGE) < 0;
    }

    /**
     * Where two different symbolic pages first differ (almost always byte 0); walks only as far as
     * it must.
     */
    private static int firstDifference(PageContent a, PageContent b) {
        for (int i = 0; i < PAGE; i++) if (a.at(i) != b.at(i)) return i;
        return -1;
    }

    private static boolean symbolic(PageContent c) {
        return c instanceof Pattern || c instanceof Zero;
    }
}
