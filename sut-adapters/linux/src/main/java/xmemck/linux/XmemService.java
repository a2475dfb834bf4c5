package xmemck.linux;

import java.util.Map;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Names;
import xmemck.ops.Result;
import xmemck.spi.SutFailure;

/**
 * AIX xmattach, xmdetach and xmemout, on Linux's process_vm_writev(2).
 *
 * <p>Linux has no cross-memory descriptor: xmattach records which address space (the helper child
 * playing the process, or the kit for SYS_ADSPACE) and which range the descriptor describes, and
 * xmdetach forgets it; both return what AIX documents for them, decided by this bookkeeping.
 * xmemout is one process_vm_writev from the kit's kernel memory into the descriptor's address
 * space; the kernel pins the target's pages without forcing access, so a read-only page, a hole, an
 * unmapped segment, a file page past the end of its file, a missing process all fail there. All
 * bytes written is XMEM_SUCC; anything else is XMEM_FAIL, and the raw result is kept as a note.
 */
final class XmemService {
    private final World world;
    private final Libc c;

    XmemService(World world) {
        this.world = world;
        this.c = world.c;
    }

    Result xmattach(Call.Xmattach x) throws CannotCreate, SutFailure {
        if (world.descriptors.containsKey(x.dp()))
            return fail("descriptor " + x.dp() + " is in use (not XMEM_INVAL)");
        if (x.count() <= 0) return fail("count " + x.count() + " <= 0");
        String space;
        if (x.segflag() == Call.SYS_ADSPACE) {
            space = Names.KERNEL;
        } else if (x.segflag() == Call.USER_ADSPACE || x.segflag() == Call.USERI_ADSPACE) {
            if (!(x.context() instanceof Context.Process p)) {
                throw new CannotCreate(
                        Call.segflagName(x.segflag())
                                + " names the caller's process, and "
                                + x.context().describe()
                                + " has none");
            }
            space = p.process();
        } else {
            return fail(
                    "segment flag "
                            + x.segflag()
                            + " is not USER_ADSPACE, SYS_ADSPACE or USERI_ADSPACE");
        }
        Space target = world.space(space, x);
        long address = world.resolve(x.addr(), space, false, x);
        world.descriptors.put(
                x.dp(), new World.Descriptor(space, target, address, x.count(), x.segflag()));
        return new Result.Returned(
                Call.XMEM_SUCC,
                Map.of(
                        CopyoutService.NOTE,
                        "no system call: "
                                + x.dp()
                                + " = {"
                                + Notes.space(space)
                                + ", "
                                + Notes.where(x.addr(), 0)
                                + ", "
                                + x.count()
                                + "}"));
    }

    Result xmdetach(Call.Xmdetach x) {
        if (world.descriptors.remove(x.dp()) == null)
            return fail("descriptor " + x.dp() + " is not attached");
        return new Result.Returned(
                Call.XMEM_SUCC,
                Map.of(CopyoutService.NOTE, "no system call: " + x.dp() + " = XMEM_INVAL"));
    }

    Result xmemout(Call.Xmemout x) throws CannotCreate, SutFailure {
        World.Descriptor d = world.descriptors.get(x.dp());
        if (d == null) return fail("descriptor " + x.dp() + " is XMEM_INVAL");
        if (d.target() instanceof HelperClient h && !h.alive()) {
            // Its pid may already belong to another process: never aim a write at it.
            return fail(
                    "the helper process playing "
                            + d.space()
                            + " is gone; process_vm_writev not attempted");
        }
        if (!(x.kaddr() instanceof Addr.In k)
                || !(world.regions.get(k.object()) instanceof Region kr)
                || !kr.isKernel()) {
            throw new CannotCreate(
                    "kaddr must name a kernel region (kernel global memory is the kit's memory)");
        }
        long local = world.resolve(x.kaddr(), Names.KERNEL, true, x);
        long remote = world.resolve(x.uaddr(), d.space(), false, x);
        if (d.target() == world.kit)
            world.checkHolesStillEmpty(world.regionOf(x.uaddr()), remote, x.count());
        if (d.target() instanceof HelperClient)
            world.ready(
                    world.regionOf(x.uaddr()),
                    true); // the move meets the protections and holes the set-ups made
        long iov = world.scratch.iovecs(local, remote, x.count());
        long r = c.processVmWritev(d.target().pid(), iov, 1, iov + 16, 1);
        int errno = r < 0 ? c.errno() : 0;
        String note =
                "process_vm_writev("
                        + Notes.space(d.space())
                        + ", {"
                        + Notes.where(x.kaddr(), 0)
                        + ", "
                        + x.count()
                        + "}, {"
                        + Notes.where(x.uaddr(), 0)
                        + ", "
                        + x.count()
                        + "}) = "
                        + r
                        + (r < 0
                                ? " " + Libc.errnoName(errno)
                                : r != x.count() ? " (partial)" : "");
        return new Result.Returned(
                r >= 0 && r == x.count() ? Call.XMEM_SUCC : Call.XMEM_FAIL,
                Map.of(CopyoutService.NOTE, note));
    }

    private static Result fail(String why) {
        return new Result.Returned(
                Call.XMEM_FAIL, Map.of(CopyoutService.NOTE, "no system call: " + why));
    }
}
