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
 * <p>The driver buffer is kernel data: the memory file behind the kernel region, whose bytes are in
 * the page cache. The user buffer is memory of the kit's own process, which plays the calling
 * process (its mirror of that process's regions). The copy is {@code pread(2)} from the file into
 * the user buffer: inside the kernel, the page-cache read path calls copy_to_user, which stops at
 * the first byte it cannot store. A complete read is copyout's 0; a short count or -1 (EFAULT) is
 * its -1. The raw system-call result is kept as a note.
 *
 * <p>A driver buffer with a page the driver cannot read (no access, or a hole) cannot be handed
 * over through its file: the page cache does not know the mapping's protection. It is handed over
 * through the kit's mapping instead, with {@code process_vm_readv(2)} on the kit itself: the kernel
 * pins the driver buffer's pages without forcing access, so it refuses the unreadable page, and
 * stores into the user buffer with copy_to_user. The copy ends at whichever comes first, as
 * copyout's would.
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
        if ((x.flags() & Call.FKIOCTL) == 0)
            return copy(x, x.context(), x.driverbuf(), x.buf(), x.cn(), 0, -1);
        // FKIOCTL: the destination is a kernel address; kernel global memory is the kit's, so the
        // copy is still a
        // pread(2), into the kernel region's mapping.
        DriverBuffer src = driverBuffer(x.driverbuf(), x.cn());
        long dst = world.resolve(x.buf(), Names.KERNEL, true, x);
        return move(src, dst, x.buf(), 0, -1);
    }

    /**
     * XX_GETREGS: copyout of the 12-byte register block; the driver returns EFAULT when copyout
     * fails.
     */
    Result ioctl(Call.XxIoctl x) throws CannotCreate, SutFailure {
        if (x.cmd() != Call.XX_GETREGS) {
            throw new CannotCreate(
                    "the model driver knows only XX_GETREGS; command "
                            + x.cmd()
                            + " has no meaning");
        }
        return copy(x, x.context(), x.regs(), x.arg(), Call.DEVICE_REGS_SIZE, 0, Call.EFAULT);
    }

    private Result copy(
            Call call,
            Context ctx,
            Addr driverbuf,
            Addr userbuf,
            long cn,
            long success,
            long failure)
            throws CannotCreate, SutFailure {
        if (!(ctx instanceof Context.Process p)) {
            throw new CannotCreate(
                    "copyout copies into the calling process's address space; from "
                            + ctx.describe()
                            + " there is none for Linux to copy into");
        }
        if (!world.processes.containsKey(p.process()))
            throw World.protocol(call, "no process " + p.process());
        DriverBuffer src = driverBuffer(driverbuf, cn);
        long dst = world.resolve(userbuf, p.process(), true, call);
        return move(src, dst, userbuf, success, failure);
    }

    /** {@code count} bytes of a kernel region from {@code offset}, all within its guard pages. */
    private record DriverBuffer(Addr.In addr, Region region, long offset, long count) {}

    /**
     * The driver buffer, which must be kernel memory the adapter owns. {@code cn} is a size_t: a
     * negative long is a count of 2^63 or more, which no driver buffer holds (the kit never sends
     * one; another caller gets the reason).
     */
    private DriverBuffer driverBuffer(Addr driverbuf, long cn) throws CannotCreate {
        if (!(driverbuf instanceof Addr.In in)
                || !(world.regions.get(in.object()) instanceof Region r)
                || !r.isKernel()) {
            throw new CannotCreate(
                    "the driver buffer must be a kernel region: the adapter hands its bytes to the kernel from the kit's memory");
        }
        if (in.offset() < -Geometry.GUARD
                || cn < 0
                || in.offset() + cn > r.size() + Geometry.GUARD) {
            throw new CannotCreate(
                    "the driver buffer ["
                            + in.offset()
                            + ", +"
                            + Long.toUnsignedString(cn)
                            + ") runs beyond "
                            + r.name
                            + "'s guard pages");
        }
        return new DriverBuffer(in, r, in.offset(), cn);
    }

    /**
     * The copy: through the driver buffer's files when every page of it can be read there, else
     * through its mapping.
     */
    private Result move(DriverBuffer src, long dst, Addr to, long success, long failure)
            throws SutFailure {
        world.checkHolesStillEmpty(world.regionOf(to), dst, src.count());
        Region r = src.region();
        if (src.count() == 0 || r.readableFromFiles(src.offset(), src.offset() + src.count())) {
            return read(source(src), dst, to, src.count(), success, failure);
        }
        return throughMapping(src, dst, to, success, failure);
    }

    /**
     * process_vm_readv from the kit to the kit: the driver buffer is read through the kit's mapping
     * of it, whose protections and holes are the region's, and the user buffer is written with
     * copy_to_user.
     */
    private Result throughMapping(DriverBuffer src, long dst, Addr to, long success, long failure)
            throws SutFailure {
        long from = src.region().home.objectAddress() + src.offset();
        world.checkHolesStillEmpty(
                src.region(),
                from,
                src.count()); // a reused hole would be read as if it were the buffer
        long iov = world.scratch.iovecs(dst, from, src.count());
        long r = c.processVmReadv(world.kit.pid(), iov, 1, iov + 16, 1);
        String note =
                "process_vm_readv(the kit, {"
                        + Notes.where(to, 0)
                        + ", "
                        + src.count()
                        + "}, {"
                        + Notes.where(src.addr(), 0)
                        + ", "
                        + src.count()
                        + "}) = "
                        + r
                        + (r < 0
                                ? " " + Libc.errnoName(c.errno())
                                : r != src.count() ? " (partial)" : "");
        return new Result.Returned(r == src.count() ? success : failure, Map.of(NOTE, note));
    }

    /**
     * Where the driver buffer's bytes are, as runs of file ranges: normally one run of the region's
     * memory file; a paged-out page is a run of the on-disk paging file (reading it is the
     * page-in).
     */
    private record Source(Region region, int[] fds, long[] offsets, long[] lengths) {
        int runs() {
            return fds.length;
        }
    }

    private Source source(DriverBuffer b) throws SutFailure {
        Region r = b.region();
        long n = b.count();
        if (n == 0 || r.plainlyInMemory(b.offset(), b.offset() + n)) {
            return new Source(
                    r,
                    new int[] {r.fd},
                    new long[] {Region.fileOffset(b.offset())},
                    new long[] {n});
        }
        java.util.List<long[]> runs = new java.util.ArrayList<>();
        int disk = world.pagingFd();
        for (long at = b.offset(), end = b.offset() + n; at < end; ) {
            long page = Math.floorDiv(at, Geometry.PAGE);
            long len = Math.min((page + 1) * Geometry.PAGE, end) - at;
            boolean out =
                    page >= 0
                            && page < r.pages
                            && r.backing((int) page) == Region.Backing.PAGED_OUT;
            long fd = out ? disk : r.fd;
            long off =
                    out
                            ? r.pagingOffset((int) page) + (at - page * Geometry.PAGE)
                            : Region.fileOffset(at);
            long[] last = runs.isEmpty() ? null : runs.getLast();
            if (last != null && last[0] == fd && last[1] + last[2] == off) last[2] += len;
            else runs.add(new long[] {fd, off, len});
            at += len;
        }
        int k = runs.size();
        int[] fds = new int[k];
        long[] offs = new long[k], lens = new long[k];
        for (int i = 0; i < k; i++) {
            fds[i] = (int) runs.get(i)[0];
            offs[i] = runs.get(i)[1];
            lens[i] = runs.get(i)[2];
        }
        return new Source(r, fds, offs, lens);
    }

    private Result read(Source src, long dst, Addr to, long cn, long success, long failure) {
        if (src.runs() == 1) {
            long r = c.pread(src.fds()[0], dst, cn, src.offsets()[0]);
            String note =
                    call(src, 0, Notes.where(to, 0), cn)
                            + " = "
                            + r
                            + (r < 0 ? " " + Libc.errnoName(c.errno()) : r != cn ? " (short)" : "");
            return new Result.Returned(r >= 0 && r == cn ? success : failure, Map.of(NOTE, note));
        }
        // One pread per run; the copy ends at the first run that is not read whole, as copy_to_user
        // ends at a fault.
        StringBuilder note = new StringBuilder();
        long done = 0;
        for (int i = 0; i < src.runs(); i++) {
            long len = src.lengths()[i];
            long r = c.pread(src.fds()[i], dst + done, len, src.offsets()[i]);
            if (i > 0) note.append("; ");
            note.append(call(src, i, Notes.where(to, done), len)).append(" = ").append(r);
            if (r != len) {
                note.append(r < 0 ? " " + Libc.errnoName(c.errno()) : " (short)");
                return new Result.Returned(failure, Map.of(NOTE, note.toString()));
            }
            done += len;
        }
        return new Result.Returned(success, Map.of(NOTE, note.toString()));
    }

    private static String call(Source src, int run, String dst, long count) {
        String file =
                src.fds()[run] == src.region().fd ? "memfd of " + src.region().name : "paging file";
        return "pread(" + file + ", " + dst + ", " + count + ", " + src.offsets()[run] + ")";
    }
}
