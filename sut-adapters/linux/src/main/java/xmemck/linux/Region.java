package xmemck.linux;

import java.util.Arrays;
import xmemck.ops.Prot;
import xmemck.spi.SutFailure;

/**
 * One region of the world: a memory file ({@code memfd}) laid out as guard page, object pages, guard page, mapped
 * shared into every address space that shows it. A kernel region is mapped in the kit only. A user process's
 * region is mapped in its helper child (its {@link #home}, where xmemout writes and observations read) and in
 * the kit (its {@link #mirror}, where copyout writes while the kit plays that process); both mappings share the
 * file's pages and are given the same protections and holes, so either sees the other's writes.
 *
 * <p>Per object page the region remembers its protection, whether it is mapped, and what backs it (the memory
 * file, a page of the paging file, or the truncated file). Guard pages never change.
 */
final class Region {

    /** Where a page's bytes are. */
    enum Backing {
        /** The region's memory file: resident. */
        MEMORY,
        /** A page of the on-disk paging file, evicted from the page cache: paged out. */
        PAGED_OUT,
        /** Beyond the end of a truncated file: any access fails as a paging I/O error would. */
        IO_ERROR
    }

    /** One mapping of the region: {@code base} is where its reservation (fence, guard, object, guard, fence) starts. */
    record View(Space space, long base) {
        long objectAddress() { return base + Geometry.FENCE + Geometry.GUARD; }
        long pageAddress(long page) { return objectAddress() + page * Geometry.PAGE; }
    }

    final String name;
    /** "kernel" or the user process's name. */
    final String space;
    final int pages;
    final long seed;
    final int fd;
    final long fileLength;
    final View home;
    /** The kit's mapping of a user region; null for a kernel region (whose home is the kit). */
    final View mirror;
    private final Prot[] prot;
    private final boolean[] mapped;
    private final Backing[] backing;
    private final long[] pagingOffset;
    /** The pages backed by the paging file, to find the next one fast in a large region. */
    private final java.util.BitSet pagedOut = new java.util.BitSet();
    private int holes;
    private boolean deleted;

    Region(String name, String space, int pages, long seed, int fd, Prot prot, View home, View mirror) {
        this.name = name;
        this.space = space;
        this.pages = pages;
        this.seed = seed;
        this.fd = fd;
        this.fileLength = fileLength(pages);
        this.home = home;
        this.mirror = mirror;
        this.prot = new Prot[pages];
        Arrays.fill(this.prot, prot);
        this.mapped = new boolean[pages];
        Arrays.fill(this.mapped, true);
        this.backing = new Backing[pages];
        Arrays.fill(this.backing, Backing.MEMORY);
        this.pagingOffset = new long[pages];
    }

    static long fileLength(int pages) { return (long) pages * Geometry.PAGE + 2 * Geometry.GUARD; }

    /** Offset in the memory file of byte {@code offset} of the object (the file starts with the leading guard page). */
    static long fileOffset(long offset) { return offset + Geometry.GUARD; }

    long size() { return (long) pages * Geometry.PAGE; }

    boolean isKernel() { return mirror == null; }

    View[] views() { return mirror == null ? new View[] {home} : new View[] {home, mirror}; }

    Prot prot(int page) { return prot[page]; }

    boolean mapped(int page) { return mapped[page]; }

    Backing backing(int page) { return backing[page]; }

    long pagingOffset(int page) { return pagingOffset[page]; }

    /** The first page at or after {@code from} that is backed by the paging file, or -1. */
    int nextPagedOut(int from) { return pagedOut.nextSetBit(from); }

    boolean hasHoles() { return holes > 0; }

    boolean deleted() { return deleted; }

    /** True when every object page in {@code [from, to)} (offsets) is mapped, readable and in the memory file. */
    boolean plainlyInMemory(long from, long to) {
        return pagesAll(from, to, p -> mapped[p] && prot[p].readable() && backing[p] == Backing.MEMORY);
    }

    /** True when every object page in {@code [from, to)} is mapped, readable, and in the memory file or paged out to disk. */
    boolean readableFromFiles(long from, long to) {
        return pagesAll(from, to, p -> mapped[p] && prot[p].readable() && backing[p] != Backing.IO_ERROR);
    }

    private boolean pagesAll(long from, long to, java.util.function.IntPredicate ok) {
        int first = (int) Math.max(0, Math.floorDiv(from, Geometry.PAGE));
        int last = (int) Math.min(pages - 1, Math.floorDiv(to - 1, Geometry.PAGE));
        for (int p = first; p <= last; p++) if (!ok.test(p)) return false;
        return true;
    }

    static int bits(Prot p) {
        return switch (p) {
            case NONE -> Space.NONE;
            case READ -> Space.READ;
            case READ_WRITE -> Space.READ_WRITE;
        };
    }

    void checkPages(int first, int count, String what) throws SutFailure {
        if (first < 0 || count < 1 || (long) first + count > pages) {
            throw new SutFailure(SutFailure.Kind.PROTOCOL, what + ": pages " + first + ".." + (first + count - 1)
                    + " are not all inside region " + name + " of " + pages + " page(s)");
        }
    }

    void protect(int first, int count, Prot p) throws OsError, SutFailure {
        checkPages(first, count, "protect");
        for (View v : views()) {
            forMappedRuns(first, count, (a, b) -> v.space().protect(v.pageAddress(a), (long) (b - a) * Geometry.PAGE, bits(p)));
        }
        for (int i = first; i < first + count; i++) prot[i] = p;
    }

    void unmap(int first, int count) throws OsError, SutFailure {
        checkPages(first, count, "unmap");
        for (View v : views()) {
            forMappedRuns(first, count, (a, b) -> v.space().unmap(v.pageAddress(a), (long) (b - a) * Geometry.PAGE));
        }
        for (int i = first; i < first + count; i++) {
            if (mapped[i]) holes++;
            mapped[i] = false;
        }
    }

    /** The segment is deleted: every object page goes; the guard pages stay, so that stray writes remain visible. */
    void delete() throws OsError, SutFailure {
        unmap(0, pages);
        deleted = true;
    }

    void lock(int first, int count) throws OsError, SutFailure {
        checkPages(first, count, "pin");
        forMappedRuns(first, count, (a, b) -> home.space().lock(home.pageAddress(a), (long) (b - a) * Geometry.PAGE));
    }

    /** Back page {@code page} by {@code file} at {@code offset} in every view where it is mapped, keeping its protection. */
    void rebind(int page, Backing how, int file, long offset) throws OsError, SutFailure {
        for (View v : views()) {
            if (mapped[page]) v.space().mapAt(v.pageAddress(page), Geometry.PAGE, bits(prot[page]), file, offset);
        }
        backing[page] = how;
        pagingOffset[page] = how == Backing.PAGED_OUT ? offset : 0;
        pagedOut.set(page, how == Backing.PAGED_OUT);
    }

    /** Give back the kit's mappings (a helper's go when it is reset). */
    void releaseKitViews(Libc c) {
        long total = fileLength + 2 * Geometry.FENCE;
        for (View v : views()) if (v.space() instanceof KitSpace) c.munmap(v.base(), total);
    }

    private interface Run {
        void apply(int from, int to) throws OsError, SutFailure;
    }

    /** Calls {@code run} for each maximal run of mapped pages in {@code [first, first + count)} (a hole cannot be mprotected). */
    private void forMappedRuns(int first, int count, Run run) throws OsError, SutFailure {
        int i = first, end = first + count;
        while (i < end) {
            while (i < end && !mapped[i]) i++;
            int j = i;
            while (j < end && mapped[j]) j++;
            if (j > i) run.apply(i, j);
            i = j;
        }
    }
}
