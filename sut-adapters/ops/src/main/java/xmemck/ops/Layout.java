package xmemck.ops;

/**
 * Fixed geometry shared by the oracle and every adapter.
 *
 * <p>The documents do not fix a page size (AIX has several); the kit models the 4 KiB base page.
 * Every region and file segment is surrounded by one guard page on each side that is mapped
 * read-write, resident and filled with the region's pattern: it is never a legal destination, so
 * any change there is a write outside the destination.
 */
public final class Layout {
    public static final int PAGE_SIZE = 4096;
    public static final int GUARD_PAGES = 1;
    public static final long GUARD_BYTES = (long) GUARD_PAGES * PAGE_SIZE;

    /** ADI version tags are kept per 64-byte line (SPARC M7 and later). */
    public static final int ADI_LINE = 64;

    /** AIX segment size: the largest single cross-memory move the kit models. */
    public static final long SEGMENT_SIZE = 256L << 20;

    private Layout() {}
}
