package xmemck.linux;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import xmemck.spi.SutFailure;

/**
 * The kit's own process. It holds kernel global memory, file segments, and a mirror of every user
 * process's regions (the same files mapped with the same protections and holes), so that copyout
 * can run "under" any user process without a round trip to its helper.
 */
final class KitSpace implements Space {
    private final Libc c;
    private final int pid;
    private final MemorySegment vec;
    private int memFd = -1;
    private int mapsFd = -1;

    KitSpace(Libc c, Arena arena) {
        this.c = c;
        this.pid = c.getpid();
        this.vec = arena.allocate(16);
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public String describe() {
        return "the kit's process (pid " + pid + ")";
    }

    @Override
    public long map(int fd, long length, long fence) throws OsError {
        long total = length + 2 * fence;
        long base =
                c.mmap(
                        0,
                        total,
                        Libc.PROT_NONE,
                        Libc.MAP_PRIVATE | Libc.MAP_ANONYMOUS | Libc.MAP_NORESERVE,
                        -1,
                        0);
        if (base == Libc.MAP_FAILED)
            throw new OsError("mmap of a " + total + "-byte reservation", c.errno());
        long r = c.mmap(base + fence, length, READ_WRITE, Libc.MAP_SHARED | Libc.MAP_FIXED, fd, 0);
        if (r == Libc.MAP_FAILED) {
            int e = c.errno();
            c.munmap(base, total);
            throw new OsError("mmap of a " + length + "-byte file", e);
        }
        return base;
    }

    @Override
    public void mapAt(long addr, long length, int prot, int fd, long offset) throws OsError {
        if (c.mmap(addr, length, prot, Libc.MAP_SHARED | Libc.MAP_FIXED, fd, offset)
                == Libc.MAP_FAILED) {
            throw new OsError("mmap at 0x" + Long.toHexString(addr), c.errno());
        }
    }

    @Override
    public void mapIntoHole(long addr, long length, int prot, int fd, long offset) throws OsError {
        long r = c.mmap(addr, length, prot, Libc.MAP_SHARED | Libc.MAP_FIXED_NOREPLACE, fd, offset);
        if (r == Libc.MAP_FAILED)
            throw new OsError("mmap into the hole at 0x" + Long.toHexString(addr), c.errno());
        if (r != addr) {
            // a kernel older than 4.17 takes MAP_FIXED_NOREPLACE for a hint and maps elsewhere when
            // the place is taken
            c.munmap(r, length);
            throw new OsError(
                    "mmap into the hole at 0x" + Long.toHexString(addr) + " (the place is taken)",
                    Libc.EEXIST);
        }
    }

    @Override
    public void protect(long addr, long length, int prot) throws OsError {
        if (c.mprotect(addr, length, prot) != 0) throw new OsError("mprotect", c.errno());
    }

    @Override
    public void unmap(long addr, long length) throws OsError {
        if (c.munmap(addr, length) != 0) throw new OsError("munmap", c.errno());
    }

    /**
     * mlock: a pin (the kit locks a user region's pages through its mirror, see {@link
     * Region#lock}).
     */
    void lock(long addr, long length) throws OsError {
        if (c.mlock(addr, length) != 0) throw new OsError("mlock", c.errno());
    }

    void unlock(long addr, long length) throws OsError {
        if (c.munlock(addr, length) != 0) throw new OsError("munlock", c.errno());
    }

    @Override
    public void free(long base, long length) throws OsError {
        if (c.munmap(base, length) != 0) throw new OsError("munmap", c.errno());
    }

    @Override
    public boolean unmappedAt(long addr) {
        return c.mincore(addr & -Geometry.PAGE, Geometry.PAGE, vec.address()) < 0
                && c.errno() == Libc.ENOMEM;
    }

    @Override
    public int memFd() throws SutFailure {
        if (memFd < 0) {
            memFd = c.open("/proc/self/mem", Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
            if (memFd < 0)
                throw new SutFailure(
                        SutFailure.Kind.INTERNAL,
                        "cannot open /proc/self/mem: " + Libc.errnoName(c.errno()));
        }
        return memFd;
    }

    @Override
    public int mapsFd() throws SutFailure {
        if (mapsFd < 0) {
            mapsFd = c.open("/proc/self/maps", Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
            if (mapsFd < 0)
                throw new SutFailure(
                        SutFailure.Kind.INTERNAL,
                        "cannot open /proc/self/maps: " + Libc.errnoName(c.errno()));
        }
        return mapsFd;
    }

    /** Closes the {@code /proc/self} descriptors that were opened. */
    void close() {
        if (memFd >= 0) c.close(memFd);
        if (mapsFd >= 0) c.close(mapsFd);
        memFd = mapsFd = -1;
    }
}
