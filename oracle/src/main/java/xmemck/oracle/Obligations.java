package xmemck.oracle;

import xmemck.ops.Addr;
import xmemck.ops.Context;
import xmemck.ops.Names;
import xmemck.ops.Op;
import xmemck.ops.PageState;

/**
 * Caller obligations shared by several services. Each check returns null when the obligation holds,
 * or the reason it does not; the calling service oracle decides the clause (its id stands next to
 * the call), except for the two kit-wide obligations decided here.
 */
final class Obligations {
    private Obligations() {}

    /**
     * kit.buffer-within-object: a buffer handed to a service lies inside one object, never reaching
     * into the guard pages the kit places around it.
     */
    static Expectation.OutsideContract withinObject(
            MemObject o, long offset, long count, String role) {
        if (o.within(offset, count)) return null;
        return Outcomes.outside(
                "kit.buffer-within-object",
                role
                        + " ["
                        + offset
                        + ", "
                        + (offset + count)
                        + ") leaves "
                        + o.describe()
                        + " [0, "
                        + o.size
                        + ")");
    }

    /** kit.no-overlap: source and destination of a copy must not overlap (memcpy semantics). */
    static Expectation.OutsideContract noOverlap(
            String srcObject, long srcOffset, String dstObject, long dstOffset, long count) {
        if (!srcObject.equals(dstObject) || count <= 0) return null;
        if (srcOffset + count <= dstOffset || dstOffset + count <= srcOffset) return null;
        return Outcomes.outside(
                "kit.no-overlap",
                "source "
                        + srcObject
                        + "+"
                        + srcOffset
                        + " and destination "
                        + dstObject
                        + "+"
                        + dstOffset
                        + " overlap over "
                        + count
                        + " bytes");
    }

    /**
     * Is {@code [addr, addr + count)} kernel global memory that the service may copy from in
     * context {@code ctx}? (A region in the kernel's space, inside the object for all {@code count}
     * bytes, read as an unsigned {@code size_t} when {@code unsignedCount}, its segment not
     * deleted, no page in an error state, every page either resident or, at process level, paged
     * out; and, unless {@code unreadableIsJudged}, every page mapped and readable.) Null when it
     * is; otherwise the reason.
     */
    static String kernelSourceProblem(
            World world, Op op, Addr addr, long count, Context ctx, boolean unreadableIsJudged) {
        if (!(addr instanceof Addr.In in))
            return "the source is the " + addr.describe() + ", not kernel memory";
        MemObject o = world.object(op, in.object());
        if (o.isFileSegment() || !Names.KERNEL.equals(o.space))
            return "the source "
                    + o.describe()
                    + " is not kernel global memory (it is in "
                    + o.space
                    + ")";
        if (o.segmentDeleted()) return "the segment of the source " + o.name + " was deleted";
        if (!o.within(in.offset(), count)) {
            return "the source ["
                    + in.offset()
                    + ", +"
                    + Long.toUnsignedString(count)
                    + ") leaves "
                    + o.describe()
                    + " [0, "
                    + o.size
                    + "): the count is larger than the buffer";
        }
        if (count == 0) return null;
        for (long p = MemObject.pageOf(in.offset());
                p <= MemObject.pageOf(in.offset() + count - 1);
                p++) {
            String why = null;
            if (o.hole(p)) why = unreadableIsJudged ? null : "is unmapped";
            else if (!o.prot(p).readable()) why = unreadableIsJudged ? null : "is not readable";
            else if (o.state(p) == PageState.PAGING_IO_ERROR
                    || o.state(p) == PageState.HARDWARE_ERROR) why = "is in state " + o.state(p);
            else if (o.state(p) == PageState.PAGED_OUT && ctx instanceof Context.Interrupt)
                why = "is paged out and the call runs at interrupt level";
            if (why != null) return "source page " + p + " of " + o.name + " " + why;
        }
        return null;
    }
}
