package xmemck.linux;

import java.nio.file.Files;
import java.nio.file.Path;
import xmemck.spi.SutFailure;

/**
 * The files behind pages that are not plainly in memory.
 *
 * <ul>
 *   <li>Paged out: the page's bytes are written to an unnamed file ({@code O_TMPFILE}, so nothing
 *       is left behind even if the kit is killed) on a disk file system, synced, mapped in place of
 *       the page, and evicted from the page cache with {@code POSIX_FADV_DONTNEED}. The next access
 *       reads it back from the disk: a real page-in. A tmpfs directory cannot do this (its pages
 *       have nowhere to go without swap).
 *   <li>Paging I/O error: the page is mapped from a file of length zero, as if the file behind it
 *       had been truncated below the page. Any access faults with SIGBUS; the kernel's own copy
 *       routines turn that into {@code EFAULT}.
 * </ul>
 */
final class PagingStore {
    private final Libc c;
    private final Path directory;
    private int diskFd = -1;
    private long next;
    private int truncatedFd = -1;

    PagingStore(Libc c, Path directory) {
        this.c = c;
        this.directory = directory;
    }

    /** Why pages cannot be paged out here, or null when they can. */
    String whyNoPaging() {
        if (!Files.isDirectory(directory))
            return "the paging directory "
                    + directory
                    + " does not exist (set the adapter option pagingDir)";
        try {
            int fd = disk();
            long type = c.fsType(fd);
            if (type == Libc.TMPFS_MAGIC) {
                return "the paging directory "
                        + directory
                        + " is on tmpfs, whose pages cannot be evicted without swap; set the adapter option pagingDir to a directory on a disk file system";
            }
            return null;
        } catch (OsError e) {
            return "cannot create an unnamed paging file in " + directory + ": " + e.getMessage();
        }
    }

    /** The on-disk paging file. */
    int disk() throws OsError {
        if (diskFd < 0) {
            diskFd =
                    c.open(
                            directory.toString(),
                            Libc.O_TMPFILE | Libc.O_RDWR | Libc.O_CLOEXEC,
                            0600);
            if (diskFd < 0) throw new OsError("open(" + directory + ", O_TMPFILE)", c.errno());
            // No read-ahead: reading one slot back (a paged-out page's bytes brought home, or the
            // kit looking at a paged-out page) would otherwise bring the slots after it into
            // memory as one large folio, which POSIX_FADV_DONTNEED on a page or two cannot evict:
            // a page-out into those slots would find its page kept in memory (PagingFileTest).
            int e = c.posixFadvise(diskFd, 0, 0, Libc.POSIX_FADV_RANDOM);
            if (e != 0) {
                c.close(diskFd);
                diskFd = -1;
                throw new OsError("posix_fadvise(POSIX_FADV_RANDOM) of the paging file", e);
            }
        }
        return diskFd;
    }

    /** A page-sized slot of the paging file, not handed out before in this world. */
    long allocate() {
        long at = next;
        next += Geometry.PAGE;
        return at;
    }

    /** True when no slot was handed out yet in this world. */
    boolean fresh() {
        return next == 0;
    }

    /**
     * A helper was sent the commands that unmap a kept or released region's pages from this file,
     * up to {@code ticket}. The file's pages are reused from one world to the next, and a page
     * still mapped somewhere cannot be evicted.
     */
    void unbinding(Commands helper, long ticket) {
        unbinding.add(new Unbinding(helper, ticket));
    }

    /**
     * Waits until no earlier world's region maps a page of the file any more (before the first page
     * of a world is reused).
     */
    void awaitUnbound() throws SutFailure {
        for (Unbinding u : unbinding) u.helper().carryOut(u.ticket());
        unbinding.clear();
    }

    private record Unbinding(Commands helper, long ticket) {}

    private final java.util.List<Unbinding> unbinding = new java.util.ArrayList<>();

    /** The file of length zero. */
    int truncated() throws OsError {
        if (truncatedFd < 0) {
            truncatedFd = c.memfdCreate("xmemck-truncated");
            if (truncatedFd < 0) throw new OsError("memfd_create", c.errno());
        }
        return truncatedFd;
    }

    /**
     * Forget every slot (a new world). The file keeps its length: writing over blocks it already
     * has costs the next world's page-outs a data write, where blocks allocated anew would also
     * cost a journal commit.
     */
    void clear() {
        next = 0;
    }

    void close() {
        if (diskFd >= 0) c.close(diskFd);
        if (truncatedFd >= 0) c.close(truncatedFd);
        diskFd = truncatedFd = -1;
        next = 0;
    }
}
