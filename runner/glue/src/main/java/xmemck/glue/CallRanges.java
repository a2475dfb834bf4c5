package xmemck.glue;

import java.util.Optional;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Layout;

/**
 * Where a call writes and where it reads, as the manual pages name them (destination and source).
 * Used to check a feature's claims about the invariants against the oracle's allowed effects.
 */
public final class CallRanges {
    private CallRanges() {}

    /** {@code length} bytes of {@code object} from {@code offset}. */
    public record Range(String object, long offset, long length) {
        public boolean contains(String obj, long from, long to) {
            return object.equals(obj) && from >= offset && to <= offset + length;
        }

        public boolean overlaps(String obj, long from, long to) {
            return object.equals(obj) && from < offset + length && to > offset;
        }

        public String describe() {
            return object + "[" + offset + ", " + (offset + length) + ")";
        }
    }

    /**
     * The bytes the call may write, when they are in an object; empty for special addresses and
     * calls that write no memory.
     */
    public static Optional<Range> destination(Call call) {
        return switch (call) {
            case Call.Xmemout x -> range(x.uaddr(), x.count());
            case Call.Copyout c -> range(c.userbuf(), c.cn());
            case Call.DdiCopyout d -> range(d.buf(), d.cn());
            case Call.XxIoctl i -> range(i.arg(), Call.DEVICE_REGS_SIZE);
            case Call.VmMvc v ->
                    switch (v.cmd()) {
                        case Call.VM_MVC_READ -> range(v.ptr(), v.count());
                        case Call.VM_MVC_WRITE, Call.VM_MVC_ZERO, Call.VM_MVC_PROTZERO ->
                                Optional.of(filePage(v));
                        default -> Optional.empty();
                    };
            case Call.Xmattach a -> Optional.empty();
            case Call.Xmdetach d -> Optional.empty();
        };
    }

    /** The bytes the call reads from, when it copies; empty otherwise. */
    public static Optional<Range> source(Call call) {
        return switch (call) {
            case Call.Xmemout x -> range(x.kaddr(), x.count());
            case Call.Copyout c -> range(c.driverbuf(), c.cn());
            case Call.DdiCopyout d -> range(d.driverbuf(), d.cn());
            case Call.XxIoctl i -> range(i.regs(), Call.DEVICE_REGS_SIZE);
            case Call.VmMvc v ->
                    switch (v.cmd()) {
                        case Call.VM_MVC_READ -> Optional.of(filePage(v));
                        case Call.VM_MVC_WRITE -> range(v.ptr(), v.count());
                        default -> Optional.empty();
                    };
            case Call.Xmattach a -> Optional.empty();
            case Call.Xmdetach d -> Optional.empty();
        };
    }

    /**
     * True when the call's documented effect is to zero its destination (VM_MVC_ZERO,
     * VM_MVC_PROTZERO).
     */
    public static boolean zeroes(Call call) {
        return call instanceof Call.VmMvc v
                && (v.cmd() == Call.VM_MVC_ZERO || v.cmd() == Call.VM_MVC_PROTZERO);
    }

    /** m1 of vm_mvc: a file segment is addressed as one object, page after page. */
    private static Range filePage(Call.VmMvc v) {
        return new Range(v.sid(), v.pno() * Layout.PAGE_SIZE + v.pgoffs(), Math.max(0, v.count()));
    }

    private static Optional<Range> range(Addr addr, long count) {
        if (addr instanceof Addr.In in)
            return Optional.of(new Range(in.object(), in.offset(), Math.max(0, count)));
        return Optional.empty();
    }
}
