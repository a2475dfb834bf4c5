package xmemck.linux;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The files behind pages that are not plainly in memory.
 *
 * <ul>
 *   <li>Paged out: the page's bytes are written to an unnamed file ({@code O_TMPFILE}, so nothing is left
 *       behind even if the kit is killed) on a disk file system, synced, mapped in place of the page, and
 *       evicted from the page cache with {@code POSIX_FADV_DONTNEED}. The next access reads it back from the
 *       disk: a real page-in. A tmpfs directory cannot do this (its pages have nowhere to go without swap).</li>
 *   <li>Paging I/O error: the page is mapped from a file of length zero, as if the file behind it had been
 *       truncated below the page. Any access faults with SIGBUS; the kernel's own copy routines turn that
 *       into {@code EFAULT}.</li>
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
        if (!Files.isDirectory(directory)) return "the paging directory " + directory + " does not exist (set the adapter option pagingDir)";
        try {
            int fd = disk();
            long type = c.fsType(fd);
            if (type == Libc.TMPFS_MAGIC) {
                return "the paging directory " + directory + " is on tmpfs, whose pages cannot be evicted without swap; set the adapter option pagingDir to a directory on a disk file system";
            }
            return null;
        } catch (OsError e) {
            return "cannot create an unnamed paging file in " + directory + ": " + e.getMessage();
        }
    }

    /** The on-disk paging file. */
    int disk() throws OsError {
        if (diskFd < 0) {
            diskFd = c.open(directory.toString(), Libc.O_TMPFILE | Libc.O_RDWR | Libc.O_CLOEXEC, 0600);
            if (diskFd < 0) throw new OsError("open(" + directory + ", O_TMPFILE)", c.errno());
        }
        return diskFd;
    }

    /** A fresh page-sized slot of the paging file. */
    long allocate() {
        long at = next;
        next += Geometry.PAGE;
        return at;
    }

    /** The file of length zero. */
    int truncated() throws OsError {
        if (truncatedFd < 0) {
            truncatedFd = c.memfdCreate("xmemck-truncated");
            if (truncatedFd < 0) throw new OsError("memfd_create", c.errno());
        }
        return truncatedFd;
    }

    /** Forget every slot (a new world). */
    void clear() {
        if (diskFd >= 0) c.ftruncate(diskFd, 0);
        next = 0;
    }

    void close() {
        if (diskFd >= 0) c.close(diskFd);
        if (truncatedFd >= 0) c.close(truncatedFd);
        diskFd = truncatedFd = -1;
        next = 0;
    }
}
