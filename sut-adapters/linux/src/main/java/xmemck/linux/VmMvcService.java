package xmemck.linux;

import java.lang.foreign.MemorySegment;
import java.util.Map;
import xmemck.ops.Call;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.spi.SutFailure;

/**
 * AIX vm_mvc on a Linux memory file.
 *
 * <p>m1, file page (sid, pno), is a page of the segment's memory file; the file system's side of
 * the move goes through the page cache with pread/pwrite, as a Linux file system's would, so a
 * page's mapping protection does not stop vm_mvc itself. "Associated with a real frame" is
 * "resident in the page cache", which {@code mincore(2)} answers. m2 is the buffer a descriptor
 * describes: in a helper child it is reached with process_vm_writev (READ) or process_vm_readv
 * (WRITE); in kernel memory (SYS_ADSPACE) it is the kit's own, and pread/pwrite copy straight
 * between it and the page cache. ZERO writes zeros from a zero page; PROTZERO then makes the page
 * read-only in the kit's mapping of the file.
 *
 * <p>The argument checks of the AIX page (command, page boundary) are the adapter's, made before
 * any system call; Linux has no such call to make them. When the copy itself fails (it cannot while
 * the caller keeps vm_mvc's obligations) the adapter returns EFAULT, Linux's answer, and the raw
 * result is noted.
 */
final class VmMvcService {
    private final World world;
    private final Libc c;

    VmMvcService(World world) {
        this.world = world;
        this.c = world.c;
    }

    Result vmMvc(Call.VmMvc v) throws CannotCreate, SutFailure, OsError {
        FileSegment s = world.segment(v.sid(), v);
        int cmd = v.cmd();
        if (cmd != Call.VM_MVC_ZERO
                && cmd != Call.VM_MVC_READ
                && cmd != Call.VM_MVC_WRITE
                && cmd != Call.VM_MVC_PROTZERO) {
            return answer(Call.EINVAL, "no system call: command " + cmd + " is not valid");
        }
        long n = Math.max(v.count(), 0);
        // m1 = [pgoffs, pgoffs + count) crosses the boundary when it leaves the page; an empty
        // range at the page's end
        // (pgoffs == PAGE, count 0) stays in it.
        if (v.pgoffs() < 0 || v.pgoffs() > Geometry.PAGE || n > Geometry.PAGE - v.pgoffs()) {
            return answer(
                    Call.EINVAL,
                    "no system call: m1 ["
                            + v.pgoffs()
                            + ", "
                            + (v.pgoffs() + n)
                            + ") crosses the page boundary");
        }
        if (v.pno() < 0 || v.pno() >= s.pages)
            return answer(
                    Call.ENOENT, "no system call: segment " + s.sid + " has no page " + v.pno());
        if (!world.hasFrame(s, v.pno())) {
            return answer(
                    Call.ENOENT, "mincore(page " + v.pno() + " of " + s.sid + ") = not resident");
        }
        if (v.count() <= 0) return answer(0, "no system call: count " + v.count());
        long off = s.fileOffset(v.pno(), v.pgoffs());
        return switch (cmd) {
            case Call.VM_MVC_ZERO, Call.VM_MVC_PROTZERO -> {
                long r = c.pwrite(s.fd, world.scratch.zeroPage.address(), n, off);
                if (r != n)
                    yield failed("pwrite(segment " + s.sid + ", zeros, " + n + ", " + off + ")", r);
                if (cmd == Call.VM_MVC_PROTZERO) {
                    world.kit.protect(
                            s.address(v.pno() * Geometry.PAGE), Geometry.PAGE, Space.READ);
                    s.setProt((int) v.pno(), Prot.READ);
                }
                yield answer(
                        0,
                        "pwrite(segment "
                                + s.sid
                                + ", zeros, "
                                + n
                                + ", "
                                + off
                                + ") = "
                                + r
                                + (cmd == Call.VM_MVC_PROTZERO
                                        ? "; mprotect(page, PROT_READ) = 0"
                                        : ""));
            }
            case Call.VM_MVC_READ -> read(v, s, off, n);
            default -> write(v, s, off, n);
        };
    }

    /** m1 to m2. */
    private Result read(Call.VmMvc v, FileSegment s, long off, long n)
            throws CannotCreate, SutFailure {
        World.Descriptor d = descriptor(v);
        long m2 = world.resolve(v.ptr(), d.space(), false, v);
        if (d.target() == world.kit) {
            world.checkHolesStillEmpty(world.regionOf(v.ptr()), m2, n);
            String call = pageCacheCall("pread", s, v, n, off);
            long r = c.pread(s.fd, m2, n, off);
            return r == n ? answer(0, call + " = " + r) : failed(call, r);
        }
        long local = s.address(v.pno() * Geometry.PAGE + v.pgoffs());
        world.ready(
                world.regionOf(v.ptr()),
                true); // the move meets the protections and holes the set-ups made
        long iov = world.scratch.iovecs(local, m2, n);
        long r = c.processVmWritev(d.target().pid(), iov, 1, iov + 16, 1);
        String call =
                "process_vm_writev("
                        + Notes.space(d.space())
                        + ", {segment "
                        + s.sid
                        + "+"
                        + (v.pno() * Geometry.PAGE + v.pgoffs())
                        + ", "
                        + n
                        + "}, {"
                        + Notes.where(v.ptr(), 0)
                        + ", "
                        + n
                        + "})";
        return r == n ? answer(0, call + " = " + r) : failed(call, r);
    }

    /**
     * How a move between m2 in the kit and the page cache is named: {@code pread(segment f, m2, n,
     * off)}.
     */
    private static String pageCacheCall(
            String function, FileSegment s, Call.VmMvc v, long n, long off) {
        return function
                + "(segment "
                + s.sid
                + ", "
                + Notes.where(v.ptr(), 0)
                + ", "
                + n
                + ", "
                + off
                + ")";
    }

    /** m2 to m1. */
    private Result write(Call.VmMvc v, FileSegment s, long off, long n)
            throws CannotCreate, SutFailure {
        World.Descriptor d = descriptor(v);
        long m2 = world.resolve(v.ptr(), d.space(), false, v);
        if (d.target() == world.kit) {
            String call = pageCacheCall("pwrite", s, v, n, off);
            long r = c.pwrite(s.fd, m2, n, off);
            return r == n ? answer(0, call + " = " + r) : failed(call, r);
        }
        // Fetch m2 from the helper, then store what arrived into the page cache: a short fetch
        // stores a prefix.
        MemorySegment buf = world.scratch.buffer(n);
        world.ready(
                world.regionOf(v.ptr()),
                true); // the move meets the protections and holes the set-ups made
        long iov = world.scratch.iovecs(buf.address(), m2, n);
        long got = c.processVmReadv(d.target().pid(), iov, 1, iov + 16, 1);
        String fetch =
                "process_vm_readv("
                        + Notes.space(d.space())
                        + ", {buffer, "
                        + n
                        + "}, {"
                        + Notes.where(v.ptr(), 0)
                        + ", "
                        + n
                        + "})";
        if (got <= 0) return failed(fetch, got);
        long r = c.pwrite(s.fd, buf.address(), got, off);
        String store = "pwrite(segment " + s.sid + ", buffer, " + got + ", " + off + ")";
        if (r != got) return failed(fetch + " = " + got + "; " + store, r);
        if (got == n) return answer(0, fetch + " = " + got + "; " + store + " = " + r);
        return new Result.Returned(
                Call.EFAULT,
                Map.of(
                        CopyoutService.NOTE,
                        fetch + " = " + got + " (partial); " + store + " = " + r));
    }

    private World.Descriptor descriptor(Call.VmMvc v) throws CannotCreate {
        World.Descriptor d = world.descriptors.get(v.dp());
        if (d == null)
            throw new CannotCreate(
                    "descriptor "
                            + v.dp()
                            + " is not attached, so m2 names no buffer (vm_mvc's caller must pass an attached, pinned m2)");
        return d;
    }

    private Result failed(String call, long r) {
        String why = r < 0 ? Libc.errnoName(c.errno()) : "short count";
        return new Result.Returned(
                Call.EFAULT, Map.of(CopyoutService.NOTE, call + " = " + r + " " + why));
    }

    private static Result answer(long value, String note) {
        return new Result.Returned(value, Map.of(CopyoutService.NOTE, note));
    }
}
