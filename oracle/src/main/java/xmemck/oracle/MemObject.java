package xmemck.oracle;

import xmemck.ops.Fill;
import xmemck.ops.Layout;
import xmemck.ops.PageState;
import xmemck.ops.Prot;

/**
 * One object of the world: a region (in a process's space or in kernel memory) or a file segment,
 * with one guard page on each side. Page attributes live in small arrays; page contents are sparse
 * (a page that was never written reads as the object's {@link Fill} pattern). Indexes into the
 * arrays are page numbers plus {@link Layout#GUARD_PAGES}, so index 0 is the guard page before the
 * object.
 */
final class MemObject {

    enum Kind {
        REGION,
        FILE_SEGMENT
    }

    static final int PAGE = Layout.PAGE_SIZE;
    private static final int G = Layout.GUARD_PAGES;
    private static final Prot[] PROTS = Prot.values();
    private static final PageState[] STATES = PageState.values();

    final String name;
    final Kind kind;

    /** A process name, or {@code "kernel"}; file segments belong to the kernel. */
    final String space;

    final int pages;
    final long seed;
    final long size;

    private final PageContent[] content;
    private final byte[] prot;
    private final byte[] state;
    private final boolean[] hole;
    private final boolean[] pinned;
    private final boolean[] noFrame;

    /**
     * ADI versions per 64-byte line of the object proper; null until ADI is enabled for the object.
     */
    private byte[] adi;

    /**
     * 64-byte lines of the object proper with an uncorrectable hardware error; null while there are
     * none.
     */
    private java.util.BitSet damaged;

    private boolean segmentDeleted;

    /** The guard page after the object is the first page of its process's user block. */
    private boolean belowUserBlock;

    /**
     * The page at which the object crosses into the next 256 MiB AIX segment; 0 when it lies in one
     * segment.
     */
    private int segmentBoundary;

    MemObject(String name, Kind kind, String space, int pages, Prot initialProt, long seed) {
        this.name = name;
        this.kind = kind;
        this.space = space;
        this.pages = pages;
        this.seed = seed;
        this.size = (long) pages * PAGE;
        int slots = pages + 2 * G;
        this.content = new PageContent[slots];
        this.prot = new byte[slots];
        this.state = new byte[slots];
        this.hole = new boolean[slots];
        this.pinned = new boolean[slots];
        this.noFrame = kind == Kind.FILE_SEGMENT ? new boolean[slots] : null;
        java.util.Arrays.fill(prot, (byte) Prot.READ_WRITE.ordinal());
        for (int i = G; i < G + pages; i++) prot[i] = (byte) initialProt.ordinal();
    }

    boolean isFileSegment() {
        return kind == Kind.FILE_SEGMENT;
    }

    // ---- geometry ----

    /**
     * The page number (relative to the object; -1 is the guard page before it) holding byte {@code
     * offset}.
     */
    static long pageOf(long offset) {
        return Math.floorDiv(offset, (long) PAGE);
    }

    /** Does {@code [offset, offset + count)} lie inside the object proper? Overflow-safe. */
    boolean within(long offset, long count) {
        return offset >= 0 && count >= 0 && offset <= size && count <= size - offset;
    }

    /** Is {@code offset} inside the object or its guard pages? */
    boolean observable(long offset) {
        return offset >= -Layout.GUARD_BYTES && offset < size + Layout.GUARD_BYTES;
    }

    /** Is page {@code page} a guard page (or beyond)? */
    boolean isGuard(long page) {
        return page < 0 || page >= pages;
    }

    private int slot(long page) {
        return (int) (page + G);
    }

    // ---- page attributes (page numbers relative to the object; guard pages are always plain RW
    // memory) ----

    Prot prot(long page) {
        return PROTS[prot[slot(page)]];
    }

    void setProt(long page, Prot p) {
        prot[slot(page)] = (byte) p.ordinal();
    }

    PageState state(long page) {
        return STATES[state[slot(page)]];
    }

    void setState(long page, PageState s) {
        state[slot(page)] = (byte) s.ordinal();
    }

    boolean hole(long page) {
        return hole[slot(page)];
    }

    void setHole(long page, boolean h) {
        hole[slot(page)] = h;
    }

    boolean pinned(long page) {
        return pinned[slot(page)];
    }

    void setPinned(long page, boolean p) {
        pinned[slot(page)] = p;
    }

    boolean hasFrame(long page) {
        return noFrame == null || !noFrame[slot(page)];
    }

    void setFrame(long page, boolean has) {
        noFrame[slot(page)] = !has;
    }

    boolean segmentDeleted() {
        return segmentDeleted;
    }

    void deleteSegment() {
        segmentDeleted = true;
    }

    boolean belowUserBlock() {
        return belowUserBlock;
    }

    void placeBelowUserBlock() {
        belowUserBlock = true;
    }

    /** Is page {@code page} the user block (the guard page after an object placed below it)? */
    boolean userBlock(long page) {
        return belowUserBlock && page == pages;
    }

    int segmentBoundary() {
        return segmentBoundary;
    }

    void crossSegmentsAt(int page) {
        segmentBoundary = page;
    }

    /** Does {@code [offset, offset + count)} cross the object's segment boundary? */
    boolean crossesSegment(long offset, long count) {
        long boundary = (long) segmentBoundary * PAGE;
        return segmentBoundary > 0 && count > 0 && offset < boundary && offset + count > boundary;
    }

    // ---- uncorrectable hardware errors, per 64-byte line ----

    /** Does the 64-byte line holding {@code offset} have an uncorrectable hardware error? */
    boolean lineDamaged(long offset) {
        return damaged != null
                && offset >= 0
                && offset < size
                && damaged.get((int) (offset / Layout.ADI_LINE));
    }

    /**
     * Damage lines {@code [first, first + count)} (or repair them); the pages holding damaged lines
     * are HARDWARE_ERROR.
     */
    void damageLines(long first, long count, boolean bad) {
        if (damaged == null) {
            if (!bad) return;
            damaged = new java.util.BitSet();
        }
        damaged.set((int) first, (int) (first + count), bad);
    }

    static final int LINES_PER_PAGE = PAGE / Layout.ADI_LINE;

    // ---- ADI ----

    boolean adiEnabled() {
        return adi != null;
    }

    /** The ADI version of the 64-byte line holding {@code offset} (0 when never set). */
    int adiVersion(long offset) {
        if (adi == null || offset < 0 || offset >= size) return 0;
        return adi[(int) (offset / Layout.ADI_LINE)];
    }

    void setAdi(long firstLine, long lines, int version) {
        if (adi == null) adi = new byte[(int) (size / Layout.ADI_LINE)];
        java.util.Arrays.fill(adi, (int) firstLine, (int) (firstLine + lines), (byte) version);
    }

    long adiLines() {
        return size / Layout.ADI_LINE;
    }

    // ---- contents ----

    /** Copy {@code [offset, offset + length)} into {@code dst} (the range must be observable). */
    void read(long offset, byte[] dst, int dstOffset, int length) {
        int done = 0;
        while (done < length) {
            long at = offset + done;
            long page = pageOf(at);
            int index = (int) (at - page * PAGE);
            int n = Math.min(PAGE - index, length - done);
            PageContent c = content[slot(page)];
            if (c == null)
                FillPages.copy(
                        seed, page * PAGE, index, dst, dstOffset + done, n); // a pristine page
            else c.read(index, dst, dstOffset + done, n);
            done += n;
        }
    }

    /**
     * If {@code [offset, offset + PAGE)} reads as one consistent pattern (seed, base), return it as
     * a page content without touching any bytes; null otherwise. This is what keeps large copies
     * sparse.
     */
    PageContent.Pattern patternOfPage(long offset) {
        long firstPage = pageOf(offset);
        long lastPage = pageOf(offset + PAGE - 1);
        long patSeed = 0, delta = 0;
        for (long p = firstPage; p <= lastPage; p++) {
            PageContent c = content[slot(p)];
            long s, d;
            if (c == null) {
                s = seed;
                d = 0;
            } else if (c instanceof PageContent.Pattern pat) {
                s = pat.seed();
                d = pat.base() - p * PAGE;
            } else return null;
            if (p == firstPage) {
                patSeed = s;
                delta = d;
            } else if (s != patSeed || d != delta) return null;
        }
        return new PageContent.Pattern(patSeed, offset + delta);
    }

    /** Page {@code page}'s content as the model holds it (its pattern when never written). */
    PageContent page(long page) {
        PageContent c = content[slot(page)];
        return c != null ? c : new PageContent.Pattern(seed, page * PAGE);
    }

    /** Set a whole page's content. */
    void setPage(long page, PageContent c) {
        content[slot(page)] = c;
    }

    /** Set one byte, materialising its page. */
    void setByte(long offset, byte value) {
        long page = pageOf(offset);
        raw(page)[(int) (offset - page * PAGE)] = value;
    }

    /** The page's raw bytes, materialising it first if needed. */
    byte[] raw(long page) {
        PageContent c = content[slot(page)];
        if (c instanceof PageContent.Raw r) return r.bytes();
        byte[] b = new byte[PAGE];
        page(page).read(0, b, 0, PAGE);
        content[slot(page)] = new PageContent.Raw(b);
        return b;
    }

    String describe() {
        return (kind == Kind.FILE_SEGMENT ? "file segment " : "region ") + name;
    }

    /** "offset 8192 (page 2)" or "offset -16 (guard page before u1)". */
    String where(long offset) {
        long page = pageOf(offset);
        if (page < 0) return "offset " + offset + " (guard page before " + name + ")";
        if (page >= pages) return "offset " + offset + " (guard page after " + name + ")";
        return "offset " + offset + " (page " + page + ")";
    }
}
