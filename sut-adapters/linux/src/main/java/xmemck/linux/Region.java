package xmemck.linux;

import java.util.Arrays;
import xmemck.ops.Prot;
import xmemck.spi.SutFailure;

/**
 * One region of the world: a memory file ({@code memfd}) laid out as guard page, object pages,
 * guard page, mapped shared into every address space that shows it. A kernel region is mapped in
 * the kit only. A user process's region is mapped in its helper child (its {@link #home}, where
 * xmemout writes and observations read) and in the kit (its {@link #mirror}, where copyout writes
 * while the kit plays that process); both mappings share the file's pages and are given the same
 * protections and holes, so either sees the other's writes.
 *
 * <p>Per object page the region remembers its protection, whether it is mapped, what backs it (the
 * memory file, a page of the paging file, or the truncated file) and whether it was locked (through
 * the kit's mapping, see {@link #lock}). Guard pages never change.
 *
 * <p>Building a region costs a memory file and a round trip to a helper, so a region outlives its
 * world: at the reset {@link #restore} undoes every change the world made to its mappings, and the
 * next world that wants a region of the same size in the same address space gets it ({@link
 * RegionPool}) under its own name, with its own pattern ({@link #prepare}). What a world can see of
 * it is then what it would see of a new one.
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

    /**
     * One mapping of the region: {@code base} is where its reservation (fence, guard, object,
     * guard, fence) starts.
     */
    record View(Space space, long base) {
        long objectAddress() {
            return base + Geometry.FENCE + Geometry.GUARD;
        }

        long pageAddress(long page) {
            return objectAddress() + page * Geometry.PAGE;
        }
    }

    /** The name the current world gives the region. */
    String name;

    /** "kernel" or the user process's name, in the current world. */
    String space;

    /** The seed of the pattern the region was last filled with. */
    long seed;

    final int pages;
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

    /**
     * Pages mlock'ed by a Pin (a hole or a new mapping drops the lock, so this may say more than
     * the kernel).
     */
    private final java.util.BitSet locked = new java.util.BitSet();

    private int holes;
    private boolean deleted;

    /**
     * While kept: the ticket of its restore in its helper ({@link Commands#ticket}); a kernel
     * region's is 0.
     */
    long readyAt;

    /**
     * In its helper: the ticket of the last change posted for its home mapping ({@code changed}),
     * and of the last that changed what is mapped there rather than a protection ({@code
     * remapped}). What meets the region in the helper waits for these and nothing else ({@link
     * World#ready}); 0 for a kernel region, whose changes the kit makes at once.
     */
    long changed, remapped;

    /** Whether a world holds the region (rather than the pool). */
    boolean held;

    /** While kept: the helper could not restore its mapping, so it must be let go. */
    boolean lost;

    Region(
            String name,
            String space,
            int pages,
            long seed,
            int fd,
            Prot prot,
            View home,
            View mirror) {
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

    static long fileLength(int pages) {
        return (long) pages * Geometry.PAGE + 2 * Geometry.GUARD;
    }

    /**
     * Offset in the memory file of byte {@code offset} of the object (the file starts with the
     * leading guard page).
     */
    static long fileOffset(long offset) {
        return offset + Geometry.GUARD;
    }

    long size() {
        return (long) pages * Geometry.PAGE;
    }

    boolean isKernel() {
        return mirror == null;
    }

    View[] views() {
        return mirror == null ? new View[] {home} : new View[] {home, mirror};
    }

    Prot prot(int page) {
        return prot[page];
    }

    boolean mapped(int page) {
        return mapped[page];
    }

    Backing backing(int page) {
        return backing[page];
    }

    long pagingOffset(int page) {
        return pagingOffset[page];
    }

    /** The first page at or after {@code from} that is backed by the paging file, or -1. */
    int nextPagedOut(int from) {
        return pagedOut.nextSetBit(from);
    }

    boolean hasHoles() {
        return holes > 0;
    }

    boolean deleted() {
        return deleted;
    }

    /**
     * True when every object page in {@code [from, to)} (offsets) is mapped, readable and in the
     * memory file.
     */
    boolean plainlyInMemory(long from, long to) {
        return pagesAll(
                from, to, p -> mapped[p] && prot[p].readable() && backing[p] == Backing.MEMORY);
    }

    /**
     * True when every object page in {@code [from, to)} is mapped, readable, and in the memory file
     * or paged out to disk.
     */
    boolean readableFromFiles(long from, long to) {
        return pagesAll(
                from, to, p -> mapped[p] && prot[p].readable() && backing[p] != Backing.IO_ERROR);
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
            throw new SutFailure(
                    SutFailure.Kind.PROTOCOL,
                    what
                            + ": pages "
                            + first
                            + ".."
                            + (first + count - 1)
                            + " are not all inside region "
                            + name
                            + " of "
                            + pages
                            + " page(s)");
        }
    }

    void protect(int first, int count, Prot p) throws OsError, SutFailure {
        checkPages(first, count, "protect");
        long before = ticket();
        for (View v : views()) {
            forMappedRuns(
                    first,
                    count,
                    (a, b) ->
                            v.space()
                                    .protect(
                                            v.pageAddress(a),
                                            (long) (b - a) * Geometry.PAGE,
                                            bits(p)));
        }
        for (int i = first; i < first + count; i++) prot[i] = p;
        posted(false, before);
    }

    /**
     * Its helper was sent changes of the home mapping (of what is mapped, or only of protections):
     * remember the ticket.
     */
    private void posted(boolean mapping, long before) {
        if (home.space() instanceof HelperClient h && h.commands().ticket() > before) {
            changed = h.commands().ticket();
            if (mapping) remapped = changed;
        }
    }

    /** Its helper's ticket now (0 for a kernel region). */
    private long ticket() {
        return home.space() instanceof HelperClient h ? h.commands().ticket() : 0;
    }

    void unmap(int first, int count) throws OsError, SutFailure {
        checkPages(first, count, "unmap");
        long before = ticket();
        for (View v : views()) {
            forMappedRuns(
                    first,
                    count,
                    (a, b) -> v.space().unmap(v.pageAddress(a), (long) (b - a) * Geometry.PAGE));
        }
        for (int i = first; i < first + count; i++) {
            if (mapped[i]) holes++;
            mapped[i] = false;
        }
        posted(true, before);
    }

    /**
     * The segment is deleted: every object page goes; the guard pages stay, so that stray writes
     * remain visible.
     */
    void delete() throws OsError, SutFailure {
        unmap(0, pages);
        deleted = true;
    }

    /**
     * mlock the pages through the kit's mapping. A lock belongs to the pages: a page that one
     * mapping has locked stays in memory for every process that maps it, the helper's included, and
     * the kit can take it without a round trip.
     */
    void lock(int first, int count) throws OsError, SutFailure {
        checkPages(first, count, "pin");
        // recorded first: a lock that fails may still have locked some pages, and the restore must
        // unlock them
        for (int i = first; i < first + count; i++) if (mapped[i]) locked.set(i);
        View v = kitView();
        forMappedRuns(
                first,
                count,
                (a, b) -> kit().lock(v.pageAddress(a), (long) (b - a) * Geometry.PAGE));
    }

    private KitSpace kit() {
        return (KitSpace) kitView().space();
    }

    /**
     * Back page {@code page} by {@code file} at {@code offset} in every view where it is mapped,
     * keeping its protection.
     */
    void rebind(int page, Backing how, int file, long offset) throws OsError, SutFailure {
        long before = ticket();
        for (View v : views()) {
            if (mapped[page])
                v.space().mapAt(v.pageAddress(page), Geometry.PAGE, bits(prot[page]), file, offset);
        }
        backing[page] = how;
        pagingOffset[page] = how == Backing.PAGED_OUT ? offset : 0;
        pagedOut.set(page, how == Backing.PAGED_OUT);
        posted(true, before);
    }

    /** True when some page is backed by the paging file. */
    boolean holdsPagedOut() {
        return !pagedOut.isEmpty();
    }

    /** The kit's mapping of the region: its mirror, or its home for a kernel region. */
    View kitView() {
        return mirror != null ? mirror : home;
    }

    /**
     * Undo what the world did to the mappings: every object page mapped again from the memory file,
     * read-write, unlocked, in every view. The kit's view is done on return; a helper's is done
     * once the helper is settled. The contents are left for {@link #prepare}, which knows the next
     * world's pattern. A hole of the kit's may have been taken by the JVM since: then this fails
     * (EEXIST) and the region must be let go ({@link #release}).
     */
    void restore() throws OsError, SutFailure {
        // Run by run, the kit's view first (the one that may fail), and the page state follows each
        // run, so that on a
        // failure the region still knows which pages are holes.
        View[] views = mirror != null ? new View[] {mirror, home} : new View[] {home};
        long before = ticket();
        forRuns(
                p -> !mapped[p],
                (a, b) -> {
                    for (View v : views)
                        v.space()
                                .mapIntoHole(
                                        v.pageAddress(a),
                                        bytes(a, b),
                                        Space.READ_WRITE,
                                        fd,
                                        fileOffset(bytes(0, a)));
                    for (int p = a; p < b; p++) fresh(p);
                });
        forRuns(
                p -> backing[p] != Backing.MEMORY,
                (a, b) -> {
                    for (View v : views)
                        v.space()
                                .mapAt(
                                        v.pageAddress(a),
                                        bytes(a, b),
                                        Space.READ_WRITE,
                                        fd,
                                        fileOffset(bytes(0, a)));
                    for (int p = a; p < b; p++) fresh(p);
                });
        forRuns(
                p -> prot[p] != Prot.READ_WRITE,
                (a, b) -> {
                    for (View v : views)
                        v.space().protect(v.pageAddress(a), bytes(a, b), Space.READ_WRITE);
                    for (int p = a; p < b; p++) prot[p] = Prot.READ_WRITE;
                });
        if (!locked.isEmpty()) kit().unlock(kitView().objectAddress(), size());
        locked.clear();
        holes = 0;
        deleted = false;
        posted(true, before);
    }

    /** Page {@code p} is mapped from the memory file again, read-write. */
    private void fresh(int p) {
        mapped[p] = true;
        backing[p] = Backing.MEMORY;
        pagingOffset[p] = 0;
        pagedOut.clear(p);
        prot[p] = Prot.READ_WRITE;
    }

    /**
     * Hand a restored region to a new world: its name there, the pattern of {@code seed} in every
     * byte (only the pages that differ are rewritten) and the protection {@code p} on every object
     * page.
     */
    void prepare(
            String name,
            String space,
            long seed,
            Prot p,
            Patterns patterns,
            Libc c,
            Scratch scratch)
            throws OsError, SutFailure {
        patterns.restore(c, fd, fileLength, seed, scratch.buffer(fileLength));
        this.name = name;
        this.space = space;
        this.seed = seed;
        if (p != Prot.READ_WRITE) protect(0, pages, p);
    }

    /**
     * Give back the kit's mappings and the memory file, and tell the helper (if any) to drop its
     * mapping; never throws. The holes are left alone: the JVM may have put something of its own
     * there.
     */
    void release(Libc c) {
        int total = (int) ((fileLength + 2 * Geometry.FENCE) / Geometry.PAGE);
        int firstObjectPage = (int) ((Geometry.FENCE + Geometry.GUARD) / Geometry.PAGE);
        for (View v : views()) {
            if (v.space() instanceof KitSpace) {
                int i = 0;
                while (i < total) {
                    int j = i;
                    while (j < total && !isHole(j - firstObjectPage)) j++;
                    if (j > i)
                        c.munmap(
                                v.base() + (long) i * Geometry.PAGE,
                                (long) (j - i) * Geometry.PAGE);
                    i = j + 1;
                }
            } else if (v.space() instanceof HelperClient h && h.alive()) {
                h.commands().background(null); // nobody waits for it
                try {
                    h.free(v.base(), fileLength + 2 * Geometry.FENCE); // the helper knows its holes
                } catch (SutFailure ignored) {
                    // a helper that cannot take it is ended, and its mappings with it
                } finally {
                    h.commands().foreground();
                }
            }
        }
        c.close(fd);
    }

    private boolean isHole(int page) {
        return page >= 0 && page < pages && !mapped[page];
    }

    private static long bytes(int from, int to) {
        return (long) (to - from) * Geometry.PAGE;
    }

    /** Calls {@code run} for each maximal run of object pages that satisfy {@code which}. */
    private void forRuns(java.util.function.IntPredicate which, Run run)
            throws OsError, SutFailure {
        int i = 0;
        while (i < pages) {
            while (i < pages && !which.test(i)) i++;
            int j = i;
            while (j < pages && which.test(j)) j++;
            if (j > i) run.apply(i, j);
            i = j;
        }
    }

    private interface Run {
        void apply(int from, int to) throws OsError, SutFailure;
    }

    /**
     * Calls {@code run} for each maximal run of mapped pages in {@code [first, first + count)} (a
     * hole cannot be mprotected).
     */
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
