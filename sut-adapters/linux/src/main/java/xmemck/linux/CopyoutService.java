package xmemck.linux;

import java.util.Map;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Names;
import xmemck.ops.Result;
import xmemck.spi.SutFailure;

/**
 * copyout(9F), ddi_copyout(9F) and the model driver's XX_GETREGS ioctl, on Linux's copy_to_user.
 *
 * <p>The driver buffer is kernel data: the memory file behind the kernel region, whose bytes are in the page
 * cache. The user buffer is memory of the kit's own process, which plays the calling process (its mirror of
 * that process's regions). The copy is {@code pread(2)} from the file into the user buffer: inside the kernel,
 * the page-cache read path calls copy_to_user, which stops at the first byte it cannot store. A complete read
 * is copyout's 0; a short count or -1 (EFAULT) is its -1. The raw system-call result is kept as a note.
 */
final class CopyoutService {
    static final String NOTE = "linux.syscall";

    private final World world;
    private final Libc c;

    CopyoutService(World world) {
        this.world = world;
        this.c = world.c;
    }

    Result copyout(Call.Copyout x) throws CannotCreate, SutFailure {
        return copy(x, x.context(), x.driverbuf(), x.userbuf(), x.cn(), 0, -1);
    }

    Result ddiCopyout(Call.DdiCopyout x) throws CannotCreate, SutFailure {
        if ((x.flags() & Call.FKIOCTL) == 0) return copy(x, x.context(), x.driverbuf(), x.buf(), x.cn(), 0, -1);
        // FKIOCTL: the destination is a kernel address; kernel global memory is the kit's, so the copy is still a
        // pread(2), into the kernel region's mapping.
        Source src = source(x.driverbuf(), x.cn());
        long dst = world.resolve(x.buf(), Names.KERNEL, true, x);
        return read(src, dst, world.regionOf(x.buf()), x.cn(), 0, -1);
    }

    /** XX_GETREGS: copyout of the 12-byte register block; the driver returns EFAULT when copyout fails. */
    Result ioctl(Call.XxIoctl x) throws CannotCreate, SutFailure {
        if (x.cmd() != Call.XX_GETREGS) {
            throw new CannotCreate("the model driver knows only XX_GETREGS; command " + x.cmd() + " has no meaning");
        }
        return copy(x, x.context(), x.regs(), x.arg(), Call.DEVICE_REGS_SIZE, 0, Call.EFAULT);
    }

    private Result copy(Call call, Context ctx, Addr driverbuf, Addr userbuf, long cn, long success, long failure) throws CannotCreate, SutFailure {
        if (!(ctx instanceof Context.Process p)) {
            throw new CannotCreate("copyout copies into the calling process's address space; from " + ctx.describe() + " there is none for Linux to copy into");
        }
        if (!world.processes.containsKey(p.process())) throw World.protocol(call, "no process " + p.process());
        Source src = source(driverbuf, cn);
        long dst = world.resolve(userbuf, p.process(), true, call);
        return read(src, dst, world.regionOf(userbuf), cn, success, failure);
    }

    /** The memory file and offset that hold the driver buffer. */
    private record Source(Region region, long fileOffset) {}

    private Source source(Addr driverbuf, long cn) throws CannotCreate {
        if (!(driverbuf instanceof Addr.In in) || !(world.regions.get(in.object()) instanceof Region r) || !r.isKernel()) {
            throw new CannotCreate("the driver buffer must be a kernel region: the adapter hands its bytes to the kernel through the region's memory file");
        }
        long n = Math.max(cn, 0);
        if (in.offset() < -Geometry.GUARD || in.offset() + n > r.size() + Geometry.GUARD) {
            throw new CannotCreate("the driver buffer [" + in.offset() + ", " + (in.offset() + n) + ") runs beyond " + r.name + "'s guard pages");
        }
        if (n > 0 && !r.plainlyReadable(in.offset(), in.offset() + n)) {
            throw new CannotCreate("the driver buffer has pages that are unmapped, unreadable or not in memory; the adapter reads it through the page cache, which would not see that");
        }
        return new Source(r, Region.fileOffset(in.offset()));
    }

    private Result read(Source src, long dst, Region dstRegion, long cn, long success, long failure) throws SutFailure {
        world.checkHolesStillEmpty(dstRegion, dst, cn);
        long r = c.pread(src.region().fd, dst, cn, src.fileOffset());
        int errno = r < 0 ? c.errno() : 0;
        String note = "pread(memfd of " + src.region().name + ", 0x" + Long.toHexString(dst) + ", " + cn + ", " + src.fileOffset() + ") = "
                + r + (r < 0 ? " " + Libc.errnoName(errno) : r != cn ? " (short)" : "");
        return new Result.Returned(r >= 0 && r == cn ? success : failure, Map.of(NOTE, note));
    }
}
