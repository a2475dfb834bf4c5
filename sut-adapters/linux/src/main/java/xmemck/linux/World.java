package xmemck.linux;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import xmemck.ops.Addr;
import xmemck.ops.Fill;
import xmemck.ops.Names;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.spi.SutFailure;

/**
 * The world as built on Linux: user processes (helper children), regions and file segments (memory
 * files), cross-memory descriptors; and the translation of the kit's symbolic addresses into real
 * ones.
 */
final class World {

    /**
     * A cross-memory descriptor after a successful xmattach: which address space it describes, and
     * what was attached.
     */
    record Descriptor(String space, Space target, long address, long count, int segflag) {}

    final Libc c;
    final KitSpace kit;
    final Scratch scratch;
    final ProcMaps maps;
    private final HelperPool pool;
    private final PagingStore paging;
    private final RegionPool reuse;
    private final Patterns patterns = new Patterns();
    private final String whyNoPaging;

    final Map<String, HelperClient> processes = new LinkedHashMap<>();
    final Map<String, Region> regions = new HashMap<>();
    final Map<String, FileSegment> segments = new HashMap<>();
    final Map<String, Descriptor> descriptors = new HashMap<>();

    /**
     * Pages of helpers ("pid@address") checked to be unmapped, this world (when each check reads
     * the text of the maps).
     */
    private final java.util.Set<String> unmappedChecked = new java.util.HashSet<>();

    World(
            Libc c,
            KitSpace kit,
            Scratch scratch,
            ProcMaps maps,
            HelperPool pool,
            PagingStore paging,
            RegionPool reuse) {
        this.c = c;
        this.kit = kit;
        this.scratch = scratch;
        this.maps = maps;
        this.pool = pool;
        this.paging = paging;
        this.reuse = reuse;
        this.whyNoPaging = paging.whyNoPaging();
    }

    /** The on-disk paging file (paged-out pages live there). */
    int pagingFd() throws SutFailure {
        try {
            return paging.disk();
        } catch (OsError e) {
            throw new SutFailure(SutFailure.Kind.INTERNAL, e.getMessage());
        }
    }

    /** How many regions and segments were taken from the pool rather than built (for tests). */
    long reused() {
        return reuse.taken();
    }

    /** How many regions and segments the pool keeps for the next worlds (for tests). */
    int kept() {
        return reuse.idle();
    }

    /** Why paged-out pages cannot be made here, or null. */
    String whyNoPaging() {
        return whyNoPaging;
    }

    // ------------------------------------------------------------------ building

    Result apply(Setup op) throws SutFailure, CannotCreate, OsError {
        switch (op) {
            case Setup.CreateProcess p -> {
                if (processes.containsKey(p.name()))
                    throw protocol(op, "process " + p.name() + " exists already");
                processes.put(p.name(), pool.acquire());
            }
            case Setup.MapRegion r -> mapRegion(r);
            // AIX segments mean nothing to Linux: a region across a segment boundary is an ordinary
            // region.
            case Setup.MapRegionAcrossSegments r -> mapRegion(r.region());
            case Setup.MapRegionBelowUserBlock r ->
                    throw new CannotCreate(LinuxCapabilities.NO_USER_BLOCK_NEIGHBOUR);
            case Setup.DamageLines d -> throw new CannotCreate(LinuxCapabilities.NO_DAMAGED_LINES);
            case Setup.CreateFileSegment f -> createSegment(f);
            case Setup.SetFrame f -> setFrame(f);
            case Setup.Protect p -> {
                if (segments.containsKey(p.object())) {
                    FileSegment s = segment(p.object(), op);
                    checkSegmentPages(s, p.firstPage(), p.pages(), op);
                    kit.protect(
                            s.address((long) p.firstPage() * Geometry.PAGE),
                            (long) p.pages() * Geometry.PAGE,
                            Region.bits(p.prot()));
                    for (int i = p.firstPage(); i < p.firstPage() + p.pages(); i++)
                        s.setProt(i, p.prot());
                } else {
                    region(p.object(), op).protect(p.firstPage(), p.pages(), p.prot());
                }
            }
            case Setup.Unmap u -> region(u.object(), op).unmap(u.firstPage(), u.pages());
            case Setup.SetPageState s -> setPageState(s);
            case Setup.Pin p -> {
                Region r = region(p.object(), op);
                try {
                    r.lock(p.firstPage(), p.pages());
                } catch (OsError e) {
                    throw new CannotCreate(
                            "mlock failed ("
                                    + Libc.errnoName(e.errno())
                                    + "): the locked-memory limit (ulimit -l) is too small for these pages, or they cannot be made resident");
                }
            }
            case Setup.SetAdiVersion a -> throw new CannotCreate(LinuxCapabilities.NO_ADI);
            case Setup.DeleteSegment d -> region(d.object(), op).delete();
        }
        return new Result.Done();
    }

    private void mapRegion(Setup.MapRegion r) throws SutFailure, OsError {
        if (regions.containsKey(r.name()) || segments.containsKey(r.name()))
            throw protocol(r, "object " + r.name() + " exists already");
        boolean kernel = r.space().equals(Names.KERNEL);
        HelperClient helper = kernel ? null : processes.get(r.space());
        if (!kernel && helper == null)
            throw protocol(r, "no process " + r.space() + " (create it first)");
        Region kept = reuse.take(kernel ? kit : helper, r.pages(), r.seed());
        if (kept != null) {
            if (helper != null)
                helper.commands()
                        .need(kept.readyAt); // sent with the world's batch if it was not yet
            try {
                kept.prepare(r.name(), r.space(), r.seed(), r.prot(), patterns, c, scratch);
            } catch (OsError | SutFailure | RuntimeException e) {
                kept.release(c);
                throw e;
            }
            kept.held = true;
            regions.put(r.name(), kept);
            return;
        }
        long length = Region.fileLength(r.pages());
        int fd = memoryFile("xmemck-region", length);
        boolean done = false;
        Region.View home = null, mirror = null;
        try {
            fill(fd, r.seed(), length);
            long kitBase = kit.map(fd, length, Geometry.FENCE);
            Region.View kitView = new Region.View(kit, kitBase);
            if (kernel) {
                home = kitView;
            } else {
                mirror = kitView;
                home = new Region.View(helper, helper.map(fd, length, Geometry.FENCE));
            }
            Region region =
                    new Region(
                            r.name(), r.space(), r.pages(), r.seed(), fd, r.prot(), home, mirror);
            if (r.prot() != Prot.READ_WRITE) region.protect(0, r.pages(), r.prot());
            region.held = true;
            regions.put(r.name(), region);
            done = true;
        } finally {
            if (!done) {
                long total = length + 2 * Geometry.FENCE;
                if (mirror != null) c.munmap(mirror.base(), total);
                else if (home != null && home.space() == kit) c.munmap(home.base(), total);
                if (home != null && home.space() instanceof HelperClient h) {
                    try {
                        h.free(home.base(), total);
                    } catch (SutFailure ignored) {
                        /* a broken helper is replaced at the reset */
                    }
                }
                c.close(fd);
            }
        }
    }

    private void createSegment(Setup.CreateFileSegment f) throws SutFailure, OsError {
        if (regions.containsKey(f.sid()) || segments.containsKey(f.sid()))
            throw protocol(f, "object " + f.sid() + " exists already");
        FileSegment kept = reuse.takeSegment(f.pages(), f.seed());
        if (kept != null) {
            try {
                kept.prepare(f.sid(), f.seed(), c, scratch, patterns);
            } catch (OsError | RuntimeException e) {
                kept.release(c);
                throw e;
            }
            segments.put(f.sid(), kept);
            return;
        }
        long length = Region.fileLength(f.pages());
        int fd = memoryFile("xmemck-segment", length);
        int backing = -1;
        try {
            backing = memoryFile("xmemck-backing", length);
            fill(fd, f.seed(), length);
            long base = kit.map(fd, length, Geometry.FENCE);
            segments.put(f.sid(), new FileSegment(f.sid(), f.pages(), f.seed(), fd, backing, base));
        } catch (OsError | RuntimeException e) {
            c.close(fd);
            if (backing >= 0) c.close(backing);
            throw e;
        }
    }

    private void setFrame(Setup.SetFrame f) throws SutFailure, OsError, CannotCreate {
        FileSegment s = segment(f.sid(), f);
        if (f.pno() < 0 || f.pno() >= s.pages)
            throw protocol(f, "segment " + s.sid + " has pages 0.." + (s.pages - 1));
        long off = s.fileOffset(f.pno(), 0);
        boolean has = hasFrame(s, f.pno());
        if (has == f.hasFrame()) return;
        MemorySegment buf = scratch.buffer(Geometry.PAGE);
        if (!f.hasFrame()) {
            // keep the bytes on the "disk", then take the page out of the page cache
            copy(s.fd, off, s.backingFd, off, buf);
            s.diskUsed();
            if (c.fallocate(
                            s.fd,
                            Libc.FALLOC_FL_PUNCH_HOLE | Libc.FALLOC_FL_KEEP_SIZE,
                            off,
                            Geometry.PAGE)
                    != 0) {
                throw new CannotCreate(
                        "fallocate(FALLOC_FL_PUNCH_HOLE) failed: " + Libc.errnoName(c.errno()));
            }
            if (hasFrame(s, f.pno()))
                throw new CannotCreate(
                        "the page stayed in the page cache after its hole was punched");
        } else {
            copy(s.backingFd, off, s.fd, off, buf);
            if (!hasFrame(s, f.pno()))
                throw new CannotCreate(
                        "writing the page back did not bring it into the page cache");
        }
    }

    /**
     * Does file page {@code pno} have a page-cache page? {@code mincore} on the kit's mapping
     * answers.
     */
    boolean hasFrame(FileSegment s, long pno) throws OsError {
        long vec = scratch.vec.address();
        if (c.mincore(s.address(pno * Geometry.PAGE), Geometry.PAGE, vec) != 0)
            throw new OsError("mincore", c.errno());
        return (scratch.vec.get(ValueLayout.JAVA_BYTE, 0) & 1) != 0;
    }

    private void setPageState(Setup.SetPageState s) throws SutFailure, OsError, CannotCreate {
        Region r = region(s.object(), s);
        r.checkPages(s.firstPage(), s.pages(), "page state");
        switch (s.state()) {
            case HARDWARE_ERROR -> throw new CannotCreate(LinuxCapabilities.NO_HARDWARE_ERROR);
            case PAGED_OUT -> {
                if (whyNoPaging != null) throw new CannotCreate(whyNoPaging);
            }
            default -> {}
        }
        if (s.state() == PageState.PAGED_OUT) {
            pageOut(r, s.firstPage(), s.pages());
            return;
        }
        for (int p = s.firstPage(); p < s.firstPage() + s.pages(); p++)
            setPageState(r, p, s.state());
    }

    /** Resident or paging I/O error, one page. */
    private void setPageState(Region r, int p, PageState state) throws OsError, SutFailure {
        bringHome(r, p);
        switch (state) {
            case RESIDENT -> {
                if (r.backing(p) != Region.Backing.MEMORY)
                    r.rebind(
                            p,
                            Region.Backing.MEMORY,
                            r.fd,
                            Region.fileOffset((long) p * Geometry.PAGE));
            }
            case PAGING_IO_ERROR -> r.rebind(p, Region.Backing.IO_ERROR, paging.truncated(), 0);
            default -> throw new IllegalArgumentException(state + " is not made page by page");
        }
    }

    /**
     * A page backed by the paging file gets its latest bytes back into the memory file, whatever
     * backs it next.
     */
    private void bringHome(Region r, int p) throws OsError {
        if (r.backing(p) == Region.Backing.PAGED_OUT)
            copy(
                    paging.disk(),
                    r.pagingOffset(p),
                    r.fd,
                    Region.fileOffset((long) p * Geometry.PAGE),
                    scratch.buffer(Geometry.PAGE));
    }

    /**
     * Pages {@code [first, first + count)} paged out: their bytes written to consecutive pages of
     * the paging file, which are written to the disk together and evicted from memory, then mapped
     * in their place; the next access is a page-in.
     */
    private void pageOut(Region r, int first, int count) throws OsError, SutFailure, CannotCreate {
        // The paging file's pages are reused from one world to the next. An earlier world's region
        // may still map the
        // page about to be reused until its helper has carried out the restore, and a mapped page
        // cannot be evicted.
        if (paging.fresh()) paging.awaitUnbound();
        int disk = paging.disk();
        MemorySegment buf = scratch.buffer(Geometry.PAGE);
        long firstSlot = -1;
        for (int p = first; p < first + count; p++) {
            bringHome(r, p);
            long slot = paging.allocate();
            if (firstSlot < 0) firstSlot = slot;
            copy(r.fd, Region.fileOffset((long) p * Geometry.PAGE), disk, slot, buf);
        }
        long bytes = (long) count * Geometry.PAGE;
        // Written to the disk and waited for, so that the pages are clean and can be evicted, and
        // the next access reads
        // them back from the disk. (fdatasync would also flush the disk's cache and commit the
        // journal, which costs a
        // millisecond and changes nothing the kit can see.)
        if (c.syncFileRange(
                        disk,
                        firstSlot,
                        bytes,
                        Libc.SYNC_FILE_RANGE_WAIT_BEFORE
                                | Libc.SYNC_FILE_RANGE_WRITE
                                | Libc.SYNC_FILE_RANGE_WAIT_AFTER)
                != 0) {
            throw new OsError("sync_file_range of the paging file", c.errno());
        }
        for (int p = first; p < first + count; p++)
            r.rebind(
                    p,
                    Region.Backing.PAGED_OUT,
                    disk,
                    firstSlot + (long) (p - first) * Geometry.PAGE);
        int e = c.posixFadvise(disk, firstSlot, bytes, Libc.POSIX_FADV_DONTNEED);
        if (e != 0)
            throw new CannotCreate(
                    "posix_fadvise(POSIX_FADV_DONTNEED) failed: " + Libc.errnoName(e));
        Region.View kv = r.kitView();
        for (int p = first; p < first + count; p++) {
            if (!r.mapped(p)) continue;
            if (c.mincore(kv.pageAddress(p), Geometry.PAGE, scratch.vec.address()) != 0)
                throw new OsError("mincore", c.errno());
            if ((scratch.vec.get(ValueLayout.JAVA_BYTE, 0) & 1) != 0) {
                throw new CannotCreate(
                        "the kernel kept page "
                                + p
                                + " of "
                                + r.name
                                + " in memory after POSIX_FADV_DONTNEED");
            }
        }
    }

    /** A memory file of {@code length} bytes. */
    private int memoryFile(String name, long length) throws OsError {
        int fd = c.memfdCreate(name);
        if (fd < 0) throw new OsError("memfd_create", c.errno());
        if (c.ftruncate(fd, length) != 0) {
            int e = c.errno();
            c.close(fd);
            throw new OsError("ftruncate of a memory file to " + length + " bytes", e);
        }
        return fd;
    }

    /**
     * Writes the file pattern of {@code seed} (guard, object, guard) into the first {@code length}
     * bytes of file {@code fd}.
     */
    private void fill(int fd, long seed, long length) throws OsError {
        if (length <= Patterns.MAX_CACHED) {
            if (c.pwrite(fd, patterns.of(seed, length).address(), length, 0) != length)
                throw new OsError("pwrite of a region's initial content", c.errno());
            return;
        }
        byte[] bytes = scratch.heapChunk;
        int chunk = bytes.length;
        MemorySegment buf = scratch.buffer(chunk);
        for (long done = 0; done < length; done += chunk) {
            int n = (int) Math.min(chunk, length - done);
            Fill.fill(seed, -Geometry.GUARD + done, bytes, 0, n);
            MemorySegment.copy(bytes, 0, buf, ValueLayout.JAVA_BYTE, 0, n);
            if (c.pwrite(fd, buf.address(), n, done) != n)
                throw new OsError("pwrite of a region's initial content", c.errno());
        }
    }

    /** Copies one page between files. */
    private void copy(int fromFd, long fromOff, int toFd, long toOff, MemorySegment buf)
            throws OsError {
        if (c.pread(fromFd, buf.address(), Geometry.PAGE, fromOff) != Geometry.PAGE)
            throw new OsError("pread of a page", c.errno());
        if (c.pwrite(toFd, buf.address(), Geometry.PAGE, toOff) != Geometry.PAGE)
            throw new OsError("pwrite of a page", c.errno());
    }

    // ------------------------------------------------------------------ lookup

    Region region(String name, Object op) throws SutFailure {
        Region r = regions.get(name);
        if (r == null)
            throw protocol(
                    op,
                    "no region "
                            + name
                            + (segments.containsKey(name) ? " (it is a file segment)" : ""));
        return r;
    }

    FileSegment segment(String sid, Object op) throws SutFailure {
        FileSegment s = segments.get(sid);
        if (s == null) throw protocol(op, "no file segment " + sid);
        return s;
    }

    private void checkSegmentPages(FileSegment s, int first, int count, Object op)
            throws SutFailure {
        if (first < 0 || count < 1 || (long) first + count > s.pages)
            throw protocol(
                    op,
                    "pages "
                            + first
                            + ".."
                            + (first + count - 1)
                            + " are not all in segment "
                            + s.sid);
    }

    static SutFailure protocol(Object op, String message) {
        String where = op instanceof xmemck.ops.Op o ? o.describe() + ": " : "";
        return new SutFailure(SutFailure.Kind.PROTOCOL, where + message);
    }

    // ------------------------------------------------------------------ addresses

    /** The address space named {@code space}: the kit for "kernel", else the process's helper. */
    Space space(String space, Object op) throws SutFailure {
        if (space.equals(Names.KERNEL)) return kit;
        HelperClient h = processes.get(space);
        if (h == null) throw protocol(op, "no process " + space);
        return h;
    }

    /**
     * The real address that {@code addr} stands for in address space {@code space} ("kernel" or a
     * process), as seen through the kit's mapping when {@code kitView} (copyout, where the kit
     * plays the process), else through the process's own (its helper).
     *
     * <p>An object of the kernel seen from a user process is a kernel address. An object of one
     * user process has no address in another's space, nor in kernel global memory: the adapter will
     * not guess one.
     */
    long resolve(Addr addr, String space, boolean kitView, Object op)
            throws CannotCreate, SutFailure {
        return switch (addr) {
            case Addr.Special s ->
                    switch (s.place()) {
                        case NULL -> s.offset();
                        case KERNEL -> Geometry.KERNEL_ADDRESS + s.offset();
                        case UNMAPPED -> {
                            Space where = kitView ? kit : space(space, op);
                            long address = Geometry.UNMAPPED_ADDRESS + s.offset();
                            checkUnmapped(where, address);
                            yield address;
                        }
                        case USER_BLOCK -> throw new CannotCreate(LinuxCapabilities.NO_USER_BLOCK);
                    };
            case Addr.In in -> {
                if (in.adiVersion() >= 0) throw new CannotCreate(LinuxCapabilities.NO_ADI);
                Region r = regions.get(in.object());
                if (r == null) {
                    if (segments.containsKey(in.object()))
                        throw new CannotCreate(
                                in.object()
                                        + " is a file segment; the adapter maps file segments in the kit only, for vm_mvc's m1");
                    throw protocol(op, "no object " + in.object());
                }
                if (in.offset() < -Geometry.GUARD || in.offset() > r.size() + Geometry.GUARD) {
                    throw new CannotCreate(
                            "offset "
                                    + in.offset()
                                    + " is outside "
                                    + r.name
                                    + " and its guard pages; the adapter lets the kernel copy only into memory it owns");
                }
                if (r.space.equals(space)) {
                    Region.View v = kitView && r.mirror != null ? r.mirror : r.home;
                    yield v.objectAddress() + in.offset();
                }
                if (r.isKernel()) yield Geometry.KERNEL_ADDRESS + Geometry.GUARD + in.offset();
                throw new CannotCreate(
                        r.name
                                + " belongs to "
                                + (r.isKernel() ? "kernel global memory" : "process " + r.space)
                                + ", so it has no address in "
                                + (space.equals(Names.KERNEL)
                                        ? "kernel global memory"
                                        : "process " + space + "'s address space")
                                + " on Linux");
            }
        };
    }

    /**
     * Before a copy into the kit's memory at {@code [address, address + length)}: a hole the
     * adapter made in a mirror, or the unmapped address, must still be unmapped; the JVM might have
     * put something there since, and the kernel would then write into it.
     */
    void checkHolesStillEmpty(Region r, long address, long length) throws SutFailure {
        if (r == null || !r.hasHoles() || length <= 0) return;
        Region.View v = r.mirror != null ? r.mirror : r.home;
        long obj = v.objectAddress();
        // in longs: the address may be far from the mirror (a kernel address), and its page number
        // no int
        long first = Math.max(0, Math.floorDiv(address - obj, Geometry.PAGE));
        long last =
                Math.min(
                        r.pages - 1,
                        Math.floorDiv(
                                address + Math.min(length, r.size() + 2 * Geometry.GUARD) - 1 - obj,
                                Geometry.PAGE));
        for (long p = first; p <= last; p++) {
            if (!r.mapped((int) p) && !kit.unmappedAt(v.pageAddress(p))) {
                throw new SutFailure(
                        SutFailure.Kind.INTERNAL,
                        "the hole at page "
                                + p
                                + " of the kit's mirror of "
                                + r.name
                                + " has been reused by the JVM; the copy was not made");
            }
        }
    }

    private void checkUnmapped(Space where, long address) throws SutFailure, CannotCreate {
        String problem =
                "something is mapped at the adapter's unmapped address 0x"
                        + Long.toHexString(address)
                        + " in "
                        + where.describe();
        if (where == kit) {
            // the kit's JVM may map memory at any time: check at every use
            if (!kit.unmappedAt(address)) throw new CannotCreate(problem);
            return;
        }
        // A helper is a JVM too, if a quiet one: ask its maps at every use when that is one ioctl.
        // Reading their whole
        // text (older kernels) costs more than a round trip, so then the helper is asked once per
        // page and world.
        if (maps.quick()) {
            if (!maps.unmapped(where, address)) throw new CannotCreate(problem);
            return;
        }
        String key = where.pid() + "@" + (address & -Geometry.PAGE);
        if (unmappedChecked.contains(key)) return;
        if (!where.unmappedAt(address)) throw new CannotCreate(problem);
        unmappedChecked.add(key);
    }

    /**
     * Before a system call that meets region {@code r} where it lives (a cross-memory move into or
     * out of it, a read of its address space, its protection): wait until its helper has carried
     * out what was posted for it, all of it ({@code protections}) or what changed its mappings (a
     * forced read through {@code /proc/PID/mem} does not see protections). Nothing else the helper
     * was sent is waited for: it cannot change this region's pages. A kernel region, or none (a
     * special address: nothing the adapter posts maps or unmaps there), needs no wait.
     */
    void ready(Region r, boolean protections) throws SutFailure {
        if (r != null && r.home.space() instanceof HelperClient h)
            h.commands().carryOut(protections ? r.changed : r.remapped);
    }

    /** The region that {@code addr} names, when it names one. */
    Region regionOf(Addr addr) {
        return addr instanceof Addr.In in ? regions.get(in.object()) : null;
    }

    // ------------------------------------------------------------------ ending

    /**
     * Forget everything of this world. Small regions and segments are restored and kept for the
     * next worlds ({@link RegionPool}), the others unmapped and closed; helpers go back to their
     * pool. Never throws: what cannot be restored is let go.
     */
    void clear() {
        for (Region r : regions.values()) retire(r);
        for (FileSegment s : segments.values()) retire(s);
        // What the restores posted goes to the helpers now, without waiting: they carry it out
        // while the kit gets the
        // next world ready, and the next world finds its kept regions restored rather than wait for
        // them.
        for (HelperClient h : processes.values()) {
            try {
                h.commands().flush();
            } catch (SutFailure | RuntimeException e) {
                // a helper that no longer reads is broken: the pool ends it below, and its kept
                // regions go with it
            }
        }
        regions.clear();
        segments.clear();
        descriptors.clear();
        processes.clear();
        unmappedChecked.clear();
        paging.clear();
        pool.releaseAll();
        reuse.dropGone();
    }

    private void retire(Region r) {
        r.held = false;
        HelperClient h = r.home.space() instanceof HelperClient x ? x : null;
        boolean pagedOut = r.holdsPagedOut();
        if (!restoreAndKeep(r, h)) r.release(c);
        // the pages of the paging file that the region mapped are free once its helper has carried
        // that out
        if (pagedOut && h != null) paging.unbinding(h.commands(), h.commands().ticket());
    }

    /**
     * Restores {@code r} for a later world and keeps it; false if it cannot be (the caller lets it
     * go).
     */
    private boolean restoreAndKeep(Region r, HelperClient h) {
        if (h != null && !h.alive() || !reuse.hasRoom(r)) return false;
        if (h != null)
            h.commands().background(r); // the next world need not wait for the helper's part
        try {
            r.restore();
            r.readyAt = h != null ? h.commands().ticket() : 0;
            return reuse.keep(r);
        } catch (OsError | SutFailure | RuntimeException e) {
            return false; // a hole the JVM has taken, or a broken helper
        } finally {
            if (h != null) h.commands().foreground();
        }
    }

    private void retire(FileSegment s) {
        if (reuse.wants(s.pages)) {
            try {
                s.restore(kit);
                if (reuse.keep(s)) return;
            } catch (OsError | RuntimeException e) {
                // let it go
            }
        }
        s.release(c);
    }

    /**
     * Lets go everything, this world's and what was kept for later ones (the adapter is closing).
     */
    void close() {
        for (Region r : regions.values()) r.release(c);
        for (FileSegment s : segments.values()) s.release(c);
        regions.clear();
        segments.clear();
        descriptors.clear();
        processes.clear();
        reuse.close();
    }
}
