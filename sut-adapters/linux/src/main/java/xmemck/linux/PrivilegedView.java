package xmemck.linux;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;
import xmemck.ops.Op;
import xmemck.spi.SutFailure;

/**
 * The kit's privileged view of an object's bytes, shared by every observation so that bytes and
 * digests see the same memory.
 *
 * <p>A region is read where it lives (its helper for a user region, the kit for kernel memory)
 * through {@code /proc/PID/mem}: the kernel reads the address space as a debugger would (forced
 * access), so a no-access or read-only page reads like any other, while a hole, an unmapped segment
 * or a page past the end of its file cannot be read. The kernel's read stops at the first page it
 * cannot read and reports how far it got, so a range is read with one {@code pread} per run of
 * readable pages, not one per page.
 *
 * <p>Looking must not change what is looked at: a paged-out page read through the address space
 * would be paged in (the kernel's read faults it in from the paging file), and a later call would
 * find it resident. So a mapped page that is paged out is read from its slot of the paging file
 * instead, and evicted again ({@code POSIX_FADV_DONTNEED}) after.
 *
 * <p>A file segment is read from its memory file with {@code pread} (a hole in the file reads as
 * zeros without getting a page); a page without a real frame shows the bytes it keeps on its
 * "disk", which it would regain. Whether a page has a frame is asked of {@code mincore} once for a
 * whole run of pages.
 *
 * <p>Pages beyond the guard pages are never read: the kit owns no memory there, and they are
 * reported unreadable.
 */
final class PrivilegedView {
    private final World world;
    private final Libc c;

    PrivilegedView(World world) {
        this.world = world;
        this.c = world.c;
    }

    /**
     * Reads bytes {@code [from, from + length)} of {@code object} into {@code into} (byte 0 is
     * offset {@code from}). Pages that cannot be read are appended to {@code unreadable}, in
     * ascending order, and their bytes in {@code into} are zero.
     */
    void read(
            Op op, String object, long from, long length, MemorySegment into, List<Long> unreadable)
            throws SutFailure, OsError {
        Region r = world.regions.get(object);
        FileSegment s = r == null ? world.segments.get(object) : null;
        if (r == null && s == null) throw World.protocol(op, "no object " + object);
        world.ready(r, false); // a forced read: the protections do not matter, the mappings do
        long pages = r != null ? r.pages : s.pages;
        long end = from + length;
        long guardsEnd = (pages + 1) * Geometry.PAGE; // the end of the guard page after the object
        for (long at = from; at < end; ) {
            long page = Math.floorDiv(at, Geometry.PAGE);
            long upTo = Math.min(end, guardsEnd);
            if (page < -1 || page > pages) {
                at = unreadable(page, from, end, into, unreadable);
                continue;
            }
            long buf = into.address() + (at - from);
            long got =
                    r != null
                            ? readRegion(r, page, at, upTo, buf)
                            : readSegment(s, at, upTo - at, buf);
            if (got > 0) {
                at += got; // on a short read, the next round starts at the page that stopped it
            } else {
                at = unreadable(page, from, end, into, unreadable);
            }
        }
    }

    /**
     * Lists {@code page} as unreadable, zeroes its bytes in the range, and answers where the range
     * goes on.
     */
    private static long unreadable(
            long page, long from, long end, MemorySegment into, List<Long> unreadable) {
        long a = Math.max(page * Geometry.PAGE, from),
                b = Math.min((page + 1) * Geometry.PAGE, end);
        into.asSlice(a - from, b - a).fill((byte) 0);
        unreadable.add(page);
        return b;
    }

    /**
     * Reads the run of the region from {@code at} (in {@code page}) towards {@code upTo}: one pread
     * of its address space, up to the first page it cannot read or the next paged-out page, or a
     * paged-out page from the paging file. Answers the bytes read, 0 or less if none could be.
     */
    private long readRegion(Region r, long page, long at, long upTo, long buf) throws SutFailure {
        boolean object = page >= 0 && page < r.pages;
        if (object && r.mapped((int) page) && r.backing((int) page) == Region.Backing.PAGED_OUT) {
            return readPagedOut(r, page, at, Math.min(upTo, (page + 1) * Geometry.PAGE) - at, buf);
        }
        int next = page + 1 < r.pages ? r.nextPagedOut((int) Math.max(page + 1, 0)) : -1;
        if (next >= 0) upTo = Math.min(upTo, (long) next * Geometry.PAGE);
        return c.pread(r.home.space().memFd(), buf, upTo - at, r.home.objectAddress() + at);
    }

    /**
     * Bytes of paged-out page {@code page} from its slot of the paging file, which is then dropped
     * from memory again.
     */
    private long readPagedOut(Region r, long page, long at, long n, long buf) throws SutFailure {
        int disk = world.pagingFd();
        long slot = r.pagingOffset((int) page);
        long got = c.pread(disk, buf, n, slot + (at - page * Geometry.PAGE));
        // Best effort: a page that a call has mapped in since stays resident whatever is advised,
        // as it should.
        c.posixFadvise(disk, slot, Geometry.PAGE, Libc.POSIX_FADV_DONTNEED);
        return got;
    }

    /**
     * Reads the run of pages from {@code at} that share a source (the memory file for pages with a
     * frame and the guard pages, the "disk" for pages without): the bytes read, 0 or less if
     * nothing could be.
     */
    private long readSegment(FileSegment s, long at, long n, long buf) throws OsError {
        long page = Math.floorDiv(at, Geometry.PAGE);
        long end = at + n;
        boolean frame = true;
        long runEnd;
        if (page < 0 || page >= s.pages) {
            runEnd =
                    Math.min(
                            end,
                            (page + 1) * Geometry.PAGE); // a guard page: always in the memory file
        } else {
            // one mincore for as many of the object's pages as the vector holds
            long last =
                    Math.min(
                            Math.min(s.pages, page + world.scratch.vec.byteSize()),
                            Math.floorDiv(end - 1, Geometry.PAGE) + 1);
            int count = (int) (last - page);
            if (c.mincore(
                            s.address(page * Geometry.PAGE),
                            (long) count * Geometry.PAGE,
                            world.scratch.vec.address())
                    != 0) {
                throw new OsError("mincore", c.errno());
            }
            frame = resident(0);
            int k = 1;
            while (k < count && resident(k) == frame) k++;
            runEnd = Math.min(end, (page + k) * Geometry.PAGE);
        }
        return c.pread(frame ? s.fd : s.backingFd, buf, runEnd - at, Region.fileOffset(at));
    }

    private boolean resident(int k) {
        return (world.scratch.vec.get(ValueLayout.JAVA_BYTE, k) & 1) != 0;
    }
}
