package xmemck.linux;

import java.util.Arrays;
import xmemck.ops.Prot;

/**
 * A file segment for vm_mvc: a memory file laid out as guard page, file pages, guard page. A file page's "real
 * frame" is its page in the page cache: {@code mincore} tells whether it has one, and punching a hole
 * ({@code fallocate(FALLOC_FL_PUNCH_HOLE)}) takes it away. The bytes of a page without a frame are kept in
 * {@link #backingFd}, a second memory file playing the disk, from which the page regains them.
 *
 * <p>The kit maps the file shared at {@link #base}; a page's protection ({@code VM_MVC_PROTZERO}) is the
 * protection of its page in that mapping.
 */
final class FileSegment {
    final String sid;
    final int pages;
    final long seed;
    final int fd;
    final int backingFd;
    final long fileLength;
    /** The kit's reservation (fence, guard, pages, guard, fence). */
    final long base;
    private final Prot[] prot;

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
    long fileOffset(long pno, long pgoffs) { return Geometry.GUARD + pno * Geometry.PAGE + pgoffs; }

    /** The kit's address of byte {@code offset} of the segment (offset 0 = page 0). */
    long address(long offset) { return base + Geometry.FENCE + Geometry.GUARD + offset; }

    Prot prot(int page) { return prot[page]; }

    void setProt(int page, Prot p) { prot[page] = p; }
}
