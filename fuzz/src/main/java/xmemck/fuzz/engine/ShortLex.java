package xmemck.fuzz.engine;

/**
 * The order shrinking works in: fewer draws is simpler; among equally many, the first smaller draw
 * wins. Every accepted shrink is strictly smaller in this order, so shrinking always ends.
 */
public final class ShortLex {
    private ShortLex() {}

    public static int compare(long[] a, long[] b) {
        if (a.length != b.length) return Integer.compare(a.length, b.length);
        for (int i = 0; i < a.length; i++) {
            if (a[i] != b[i]) return Long.compare(a[i], b[i]);
        }
        return 0;
    }

    public static boolean smaller(long[] a, long[] b) {
        return compare(a, b) < 0;
    }
}
