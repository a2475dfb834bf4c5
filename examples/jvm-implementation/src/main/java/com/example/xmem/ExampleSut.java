package com.example.xmem;

import static xmemck.spi.Capability.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Names;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.PageDigest;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;

/**
 * A small implementation of Solaris {@code copyout(9F)} and {@code ddi_copyout(9F)} (with the copyout(9F) example
 * driver's ioctl) over simulated memory: user processes and the kernel, each with regions of pages that are
 * read-write, read-only, no-access or holes. Addresses stay symbolic: a region name and an offset, or a special
 * place, which is never memory the caller may write. Every capability it lacks is declared missing with the reason,
 * so the kit reports those scenarios UNSUPPORTED.
 */
final class ExampleSut implements Sut {

    static final Capabilities CAPABILITIES = declared();

    private static final Result DONE = new Result.Done();

    private final Set<String> processes = new HashSet<>();
    private final Map<String, Region> regions = new HashMap<>();

    @Override public String name() { return "xmemck JVM example 1.0"; }

    @Override public Capabilities capabilities() { return CAPABILITIES; }

    @Override
    public Result apply(Op op) throws SutFailure {
        return switch (op) {
            case Setup.CreateProcess p -> {
                processes.add(p.name());
                yield DONE;
            }
            case Setup.MapRegion r -> {
                if (!r.space().equals(Names.KERNEL) && !processes.contains(r.space())) throw unknown("space", r.space());
                regions.put(r.name(), new Region(r.name(), r.space(), r.pages(), r.prot(), r.seed()));
                yield DONE;
            }
            case Setup.Protect p -> {
                region(p.object()).protect(p.firstPage(), p.pages(), p.prot());
                yield DONE;
            }
            case Setup.Unmap u -> {
                region(u.object()).unmap(u.firstPage(), u.pages());
                yield DONE;
            }
            case Setup.SetPageState s when s.state() == PageState.RESIDENT -> {
                region(s.object());   // every page is resident: nothing to do
                yield DONE;
            }
            // The kit sends no other set-up: each needs a capability declared missing below.
            case Setup s -> new Result.Unsupported(s.describe() + ": not modelled by this example");
            case Call.Copyout c -> returned(copyout(c.context(), c.driverbuf(), c.userbuf(), c.cn()));
            case Call.DdiCopyout c -> returned((c.flags() & Call.FKIOCTL) == 0 ? copyout(c.context(), c.driverbuf(), c.buf(), c.cn())
                    : kernelCopy(c.driverbuf(), c.buf(), c.cn()));
            // The copyout(9F) example driver: XX_GETREGS (the one command it defines, and the one the kit sends) copies the
            // register block out, and returns EFAULT when copyout fails.
            case Call.XxIoctl c -> returned(copyout(c.context(), c.regs(), c.arg(), Call.DEVICE_REGS_SIZE) == 0 ? 0 : Call.EFAULT);
            case Call c -> new Result.Unsupported(c.service() + " is not implemented by this example");
            case Observe.Bytes b -> bytes(b);
            case Observe.Digest d -> digest(d);
            case Observe.Protection p -> new Result.Protection(region(p.object()).protection(p.page()));
        };
    }

    @Override
    public void reset() {
        processes.clear();
        regions.clear();
    }

    @Override public void close() { reset(); }

    /**
     * copyout(9F): 0 when every byte of the driver buffer can be read and every byte of the user buffer, in the calling
     * process, written; -1 otherwise (a special address, kernel memory, a read-only or no-access page, a hole). All is
     * checked before anything is copied, so a failed copy leaves the user's memory as it was (the documentation would
     * allow any part of it to have been written).
     */
    private long copyout(Context context, Addr driverbuf, Addr userbuf, long cn) throws SutFailure {
        if (!(context instanceof Context.Process caller)) return -1;   // not sent: copyout is for user context only
        if (cn == 0) return 0;
        Located from = locate(driverbuf), to = locate(userbuf);
        if (from == null || to == null) return -1;
        if (!from.region().space.equals(Names.KERNEL) || !to.region().space.equals(caller.process())) return -1;
        if (!from.region().allows(from.offset(), cn, Prot.READ) || !to.region().allows(to.offset(), cn, Prot.READ_WRITE)) return -1;
        copy(from, to, cn);
        return 0;
    }

    /** ddi_copyout with FKIOCTL: bcopy(9F) from one kernel buffer to another; the caller guarantees both (it has no error return). */
    private long kernelCopy(Addr driverbuf, Addr buf, long cn) throws SutFailure {
        Located from = locate(driverbuf), to = locate(buf);
        if (from == null || to == null || !to.region().space.equals(Names.KERNEL)) return -1;
        if (!from.region().allows(from.offset(), cn, Prot.READ) || !to.region().allows(to.offset(), cn, Prot.READ_WRITE)) return -1;
        copy(from, to, cn);
        return 0;
    }

    /** An address inside a region (or its guard pages); null for a special place. */
    private record Located(Region region, long offset) {}

    private Located locate(Addr a) throws SutFailure {
        return switch (a) {
            case Addr.In in -> new Located(region(in.object()), in.offset());
            case Addr.Special s -> null;
        };
    }

    private static void copy(Located from, Located to, long n) {
        byte[] buffer = new byte[Math.toIntExact(n)];
        from.region().read(from.offset(), buffer, 0, buffer.length);
        to.region().write(to.offset(), buffer, 0, buffer.length);
    }

    private Result bytes(Observe.Bytes b) throws SutFailure {
        Region r = region(b.object());
        byte[] out = new byte[Math.toIntExact(b.length())];
        r.read(b.from(), out, 0, out.length);
        return new Result.Bytes(b.object(), b.from(), out, holes(r, b.from(), b.length()));
    }

    private Result digest(Observe.Digest d) throws SutFailure {
        Region r = region(d.object());
        long[] digests = new long[Math.toIntExact(d.length() / Region.PAGE)];
        byte[] page = new byte[Region.PAGE];
        for (int k = 0; k < digests.length; k++) {
            long offset = d.from() + (long) k * Region.PAGE;
            r.read(offset, page, 0, Region.PAGE);   // a hole reads as zeros: the digest of a zero page
            digests[k] = PageDigest.of(page, 0);
        }
        return new Result.Digest(d.object(), d.from(), digests, holes(r, d.from(), d.length()));
    }

    /** The holes among the pages of [from, from + length), numbered relative to the region (-1: the guard page before). */
    private static List<Long> holes(Region r, long from, long length) {
        List<Long> out = new ArrayList<>();
        if (length == 0) return out;
        for (int i = r.pageAt(from); i >= 0 && i <= r.pageAt(from + length - 1); i++) if (r.isHole(i)) out.add((long) i - 1);
        return out;
    }

    private Region region(String name) throws SutFailure {
        Region r = regions.get(name);
        if (r == null) throw unknown("object", name);
        return r;
    }

    /** The kit checks every scenario before it sends it, so an unknown name is a defect here: an ERROR, not a verdict. */
    private static SutFailure unknown(String what, String name) {
        return new SutFailure(SutFailure.Kind.INTERNAL, "unknown " + what + " \"" + name + "\"");
    }

    private static Result returned(long value) { return new Result.Returned(value); }

    private static Capabilities declared() {
        Set<Capability> supported = EnumSet.of(COPYOUT, DDI_COPYOUT, KERNEL_DESTINATION, MULTIPLE_PROCESSES, PROCESS_CONTEXT_OTHER,
                READ_ONLY_PAGES, NO_ACCESS_PAGES, UNMAPPED_PAGES, SPECIAL_ADDRESSES, USER_BLOCK, PROTECTION_OBSERVATION, DIGEST_OBSERVATION);
        Map<Capability, String> missing = new EnumMap<>(Capability.class);
        String onlyCopyout = "this example implements copyout and ddi_copyout only";
        missing.put(XMEM_SERVICES, onlyCopyout);
        missing.put(VM_MVC, onlyCopyout);
        missing.put(PINNING, onlyCopyout + " (pinning is for vm_mvc)");
        missing.put(FRAMES, onlyCopyout + " (file pages are for vm_mvc)");
        missing.put(KERNEL_PROCESS_CONTEXT, "this example calls from user processes only");
        missing.put(INTERRUPT_CONTEXT, "this example has no interrupt level");
        missing.put(PAGED_OUT_PAGES, "this example keeps every page in memory: it does not page");
        missing.put(PAGING_IO_ERROR, "this example keeps every page in memory: it does not page");
        missing.put(HARDWARE_ERROR, "this example's memory cannot be given hardware errors");
        missing.put(DAMAGED_LINES, "this example's memory cannot be given hardware errors");
        missing.put(ADI, "this example's memory has no ADI version tags");
        missing.put(SEGMENT_DELETE, "this example has no AIX segments");
        missing.put(SEGMENT_CROSSING, "this example has no AIX segments");
        missing.put(USER_BLOCK_NEIGHBOUR, "this example places no region next to a process's user block");
        return new Capabilities(supported, missing);
    }
}
