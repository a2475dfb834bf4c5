package xmemck.linux;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import xmemck.ops.Prot;

/**
 * A file segment for vm_mvc: a memory file laid out as guard page, file pages, guard page. A file
 * page's "real frame" is its page in the page cache: {@code mincore} tells whether it has one, and
 * punching a hole ({@code fallocate(FALLOC_FL_PUNCH_HOLE)}) takes it away. The bytes of a page
 * without a frame are kept in {@link #backingFd}, a second memory file playing the disk, from which
 * the page regains them.
 *
 * <p>The kit maps the file shared at {@link #base}; a page's protection ({@code VM_MVC_PROTZERO})
 * is the protection of its page in that mapping.
 *
 * <p>Like a {@link Region}, a segment outlives its world: {@link #restore} and {@link #prepare}
 * make it what a new one would be (every page with its frame and the pattern, read-write, an empty
 * "disk").
 */
final class FileSegment {
    /** The segment's name in the current world. */
    String sid;

    final int pages;

    /** The seed of the pattern the segment was last filled with. */
    long seed;

    final int fd;
    final int backingFd;
    final long fileLength;

    /** The kit's reservation (fence, guard, pages, guard, fence). */
    final long base;

    private final Prot[] prot;

    /** Whether a page was ever put on the "disk" (which a new segment has empty). */
    private boolean diskUsed;

    FileSegment(String sid, int pages, long seed, int fd, int backingFd, long base) {
        this.sid = sid;
        this.pages = pages;
        this.seed = seed;
        this.fd = fd;
        this.backingFd = backingFd;
        this.fileLength = Region.fileLength(pages);
        this.base = base;
        this.prot = new Prot[pages];
        Arrays.fill(prot, Prot.READ_WRITE);
    }

    /** Offset in the file of byte {@code pgoffs} of page {@code pno}. */
    long fileOffset(long pno, long pgoffs) {
        return Geometry.GUARD + pno * Geometry.PAGE + pgoffs;
    }

    /** The kit's address of byte {@code offset} of the segment (offset 0 = page 0). */
    long address(long offset) {
        return base + Geometry.FENCE + Geometry.GUARD + offset;
    }

    Prot prot(int page) {
        return prot[page];
    }

    void setProt(int page, Prot p) {
        prot[page] = p;
    }

    /** A page's bytes were put on the "disk". */
    void diskUsed() {
        diskUsed = true;
    }

    /** Every page read-write again in the kit's mapping. */
    void restore(KitSpace kit) throws OsError {
        for (int p = 0; p < pages; p++) {
            if (prot[p] != Prot.READ_WRITE)
                kit.protect(address((long) p * Geometry.PAGE), Geometry.PAGE, Space.READ_WRITE);
        }
        Arrays.fill(prot, Prot.READ_WRITE);
    }

    /**
     * Hand a restored segment to a new world under {@code sid}: every byte holds the pattern of
     * {@code seed} (only the pages that differ are rewritten, through the file), every page has its
     * frame again (a page without one is written whatever it reads as), and the "disk" is emptied
     * if anything was put there.
     */
    void prepare(String sid, long seed, Libc c, Scratch scratch, Patterns patterns) throws OsError {
        if (c.mincore(address(0), (long) pages * Geometry.PAGE, scratch.vec.address()) != 0)
            throw new OsError("mincore", c.errno());
        MemorySegment want = patterns.of(seed, fileLength);
        for (int p = 0; p < pages; p++) {
            if ((scratch.vec.get(ValueLayout.JAVA_BYTE, p) & 1) != 0) continue;
            long off = fileOffset(p, 0);
            if (c.pwrite(fd, want.address() + off, Geometry.PAGE, off) != Geometry.PAGE)
                throw new OsError("pwrite of a page's frame", c.errno());
        }
        patterns.restore(c, fd, fileLength, seed, scratch.buffer(fileLength));
        if (diskUsed) {
            if (c.ftruncate(backingFd, 0) != 0 || c.ftruncate(backingFd, fileLength) != 0)
                throw new OsError("ftruncate of the disk file", c.errno());
            diskUsed = false;
        }
        this.sid = sid;
        this.seed = seed;
    }

    /** Unmap the segment and close its files; never throws. */
    void release(Libc c) {
        c.munmap(base, fileLength + 2 * Geometry.FENCE);
        c.close(fd);
        c.close(backingFd);
    }
}
