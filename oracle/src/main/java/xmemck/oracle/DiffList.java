package xmemck.oracle;

/**
 * Collects byte differences in one object and renders them readably: where (offset, page or guard
 * page), expected versus found in hex, the first few, and how many in all.
 */
final class DiffList {
    private static final int SHOWN = 4;

    private final MemObject object;
    private final StringBuilder shown = new StringBuilder();
    private long count;
    private long first = Long.MIN_VALUE;
    private long last;

    DiffList(MemObject object) {
        this.object = object;
    }

    void add(long offset, String expected, byte found) {
        if (count < SHOWN) {
            if (count > 0) shown.append("; ");
            shown.append("offset ")
                    .append(offset)
                    .append(": expected ")
                    .append(expected)
                    .append(", found ")
                    .append(hex(found));
        }
        addHidden(offset);
    }

    /**
     * Will the next difference be shown? Only then is its expected text worth building: a wrong 16
     * MiB copy has millions of differences, of which four are shown.
     */
    boolean showsNext() {
        return count < SHOWN;
    }

    /** Counts a difference without showing it (for differences beyond the ones shown). */
    void addHidden(long offset) {
        if (count == 0) first = offset;
        last = offset;
        count++;
    }

    boolean isEmpty() {
        return count == 0;
    }

    long count() {
        return count;
    }

    /** Which bytes differ, for a {@link Finding}; null when none do. */
    Finding.Bytes bytes() {
        return count == 0 ? null : new Finding.Bytes(object.name, first, last, count);
    }

    /** A finding over these differences. */
    Finding finding(String clause, Finding.Kind kind, String intro) {
        return new Finding(clause, kind, render(intro), bytes());
    }

    /** A finding that the call departed from alternative {@code a} in these bytes. */
    Finding finding(Alternative a, Finding.Kind kind, String intro) {
        return Finding.against(a, kind, render(intro), bytes());
    }

    /**
     * "{intro}: 3 byte(s) differ, first at offset -16 (guard page before u1), last at offset -14;
     * offset -16: expected 0x5a, found 0x00; ..."
     */
    String render(String intro) {
        StringBuilder sb =
                new StringBuilder(intro)
                        .append(": ")
                        .append(count)
                        .append(" byte(s) differ, first at ")
                        .append(object.where(first));
        if (count > 1) sb.append(", last at ").append(object.where(last));
        sb.append("; ").append(shown);
        if (count > SHOWN)
            sb.append("; ... (").append(SHOWN).append(" of ").append(count).append(" shown)");
        return sb.toString();
    }

    private static final char[] DIGITS = "0123456789abcdef".toCharArray();

    static String hex(byte b) {
        return new String(new char[] {'0', 'x', DIGITS[(b >> 4) & 0xf], DIGITS[b & 0xf]});
    }

    static String hex(int b) {
        return b < 0 ? "?" : hex((byte) b);
    }
}
