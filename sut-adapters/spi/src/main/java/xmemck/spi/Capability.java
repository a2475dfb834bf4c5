package xmemck.spi;

import java.util.EnumSet;
import java.util.Set;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Prot;
import xmemck.ops.Setup;

/** A condition or service an adapter may or may not be able to create. */
public enum Capability {
    XMEM_SERVICES("xmattach, xmdetach and xmemout"),
    VM_MVC("vm_mvc and file segments"),
    COPYOUT("copyout and the model ioctl"),
    DDI_COPYOUT("ddi_copyout"),
    KERNEL_DESTINATION("ddi_copyout with FKIOCTL into a kernel address"),
    MULTIPLE_PROCESSES("more than one user process"),
    PROCESS_CONTEXT_OTHER("calling while running under a process other than the buffer's"),
    KERNEL_PROCESS_CONTEXT("calling from a kernel process"),
    INTERRUPT_CONTEXT("calling at interrupt level"),
    READ_ONLY_PAGES("read-only pages"),
    NO_ACCESS_PAGES("pages with no access"),
    UNMAPPED_PAGES("holes (unmapped pages) inside a region"),
    PAGED_OUT_PAGES("pages that are paged out"),
    PAGING_IO_ERROR("pages whose paging I/O fails"),
    HARDWARE_ERROR("pages with an uncorrectable hardware error"),
    ADI("ADI version tags"),
    USER_BLOCK("the user block"),
    SPECIAL_ADDRESSES("null, unmapped and kernel addresses"),
    SEGMENT_DELETE("deleting a region's segment"),
    PINNING("pinning pages"),
    FRAMES("file pages without a real frame"),
    PROTECTION_OBSERVATION("observing a page's protection"),
    DAMAGED_LINES("uncorrectable hardware errors in chosen 64-byte lines"),
    USER_BLOCK_NEIGHBOUR("a region that ends where its process's user block begins"),
    SEGMENT_CROSSING("a region that straddles a 256 MiB AIX segment boundary"),
    DIGEST_OBSERVATION("observing page digests instead of bytes");

    public final String text;

    Capability(String text) {
        this.text = text;
    }

    /** The capabilities an adapter needs to carry out {@code op}. */
    public static Set<Capability> requiredBy(Op op) {
        EnumSet<Capability> need = EnumSet.noneOf(Capability.class);
        switch (op) {
            case Setup.CreateProcess p -> {}
            case Setup.MapRegion r -> need(r.prot(), need);
            case Setup.MapRegionBelowUserBlock r -> {
                need(r.prot(), need);
                need.add(USER_BLOCK_NEIGHBOUR);
            }
            case Setup.MapRegionAcrossSegments r -> {
                need(r.prot(), need);
                need.add(SEGMENT_CROSSING);
            }
            case Setup.DamageLines d -> need.add(DAMAGED_LINES);
            case Setup.CreateFileSegment f -> need.add(VM_MVC);
            case Setup.SetFrame f -> {
                need.add(VM_MVC);
                if (!f.hasFrame()) need.add(FRAMES);
            }
            case Setup.Protect p -> need(p.prot(), need);
            case Setup.Unmap u -> need.add(UNMAPPED_PAGES);
            case Setup.SetPageState s -> {
                switch (s.state()) {
                    case RESIDENT -> {}
                    case PAGED_OUT -> need.add(PAGED_OUT_PAGES);
                    case PAGING_IO_ERROR -> need.add(PAGING_IO_ERROR);
                    case HARDWARE_ERROR -> need.add(HARDWARE_ERROR);
                }
            }
            case Setup.Pin p -> need.add(PINNING);
            case Setup.SetAdiVersion a -> need.add(ADI);
            case Setup.DeleteSegment d -> need.add(SEGMENT_DELETE);
            case Call c -> {
                context(c.context(), need);
                switch (c) {
                    case Call.Xmattach x -> {
                        need.add(XMEM_SERVICES);
                        addr(x.addr(), need);
                    }
                    case Call.Xmdetach x -> need.add(XMEM_SERVICES);
                    case Call.Xmemout x -> {
                        need.add(XMEM_SERVICES);
                        addr(x.uaddr(), need);
                    }
                    case Call.VmMvc v -> {
                        need.add(VM_MVC);
                        addr(v.ptr(), need);
                    }
                    case Call.Copyout x -> {
                        need.add(COPYOUT);
                        addr(x.userbuf(), need);
                    }
                    case Call.DdiCopyout x -> {
                        need.add(DDI_COPYOUT);
                        addr(x.buf(), need);
                        if ((x.flags() & Call.FKIOCTL) != 0) need.add(KERNEL_DESTINATION);
                    }
                    case Call.XxIoctl x -> {
                        need.add(COPYOUT);
                        addr(x.arg(), need);
                    }
                }
            }
            case Observe.Bytes b -> {}
            case Observe.Digest d -> need.add(DIGEST_OBSERVATION);
            case Observe.Protection p -> need.add(PROTECTION_OBSERVATION);
        }
        return need;
    }

    private static void need(Prot prot, Set<Capability> need) {
        if (prot == Prot.READ) need.add(READ_ONLY_PAGES);
        if (prot == Prot.NONE) need.add(NO_ACCESS_PAGES);
    }

    private static void context(Context ctx, Set<Capability> need) {
        switch (ctx) {
            case Context.Process p -> {}
            case Context.KernelProcess k -> need.add(KERNEL_PROCESS_CONTEXT);
            case Context.Interrupt i -> need.add(INTERRUPT_CONTEXT);
        }
    }

    private static void addr(Addr a, Set<Capability> need) {
        if (a instanceof Addr.Special s)
            need.add(s.place() == Addr.Place.USER_BLOCK ? USER_BLOCK : SPECIAL_ADDRESSES);
        if (a instanceof Addr.In in && in.adiVersion() >= 0) need.add(ADI);
    }
}
