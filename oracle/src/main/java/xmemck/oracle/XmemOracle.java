package xmemck.oracle;

import java.util.ArrayList;
import java.util.List;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Layout;
import xmemck.ops.Names;
import xmemck.ops.PageState;

/**
 * AIX cross-memory services: xmattach, xmdetach and xmemout (seeds 000 and 001, the AIX xmattach and
 * xmdetach pages named in spec-notes). Checks run in the order the pages state them; every clause id is
 * written next to the check that decides it.
 */
final class XmemOracle {

    private final World world;

    XmemOracle(World world) { this.world = world; }

    // ------------------------------------------------------------------ xmattach

    Expectation xmattach(Call.Xmattach x) {
        Context ctx = world.context(x, x.context());
        if (ctx instanceof Context.Interrupt) {
            return Outcomes.outside("xmattach.env.process-only", "xmattach may be called from the process environment only");
        }
        String spaceProblem = attachSpaceProblem(x, ctx);
        if (spaceProblem != null) return Outcomes.outside("xmattach.caller.space", spaceProblem);

        List<String> failures = new ArrayList<>(2);
        if (x.count() <= 0) failures.add("xmattach.fail.count");
        if (world.descriptor(x.dp()) != null) failures.add("xmattach.fail.in-use");
        if (!failures.isEmpty()) {
            return Outcomes.one(Outcomes.alt(Call.XMEM_FAIL, List.of(), failures,
                    "XMEM_FAIL: " + (x.count() <= 0 ? "count " + x.count() + " <= 0" : "descriptor " + x.dp() + " is already in use")));
        }

        Addr.In in = (Addr.In) x.addr();
        MemObject o = world.object(x, in.object());
        Expectation.OutsideContract outside = Obligations.withinObject(o, in.offset(), x.count(), "the buffer to attach");
        if (outside != null) return outside;
        return Outcomes.one(Outcomes.alt(Call.XMEM_SUCC,
                List.of(new Effect.Attach(x.dp(), o.space, o.name, in.offset(), x.count(), x.segflag())),
                List.of("xmattach.succ"),
                "XMEM_SUCC: " + x.dp() + " describes " + o.name + "[" + in.offset() + ", " + (in.offset() + x.count()) + ")"));
    }

    /** The buffer must be live memory in the space the segment flag names (the caller's process, or the kernel). */
    private String attachSpaceProblem(Call.Xmattach x, Context ctx) {
        int f = x.segflag();
        if (f != Call.USER_ADSPACE && f != Call.USERI_ADSPACE && f != Call.SYS_ADSPACE) {
            return "segflag " + f + " is none of USER_ADSPACE, SYS_ADSPACE, USERI_ADSPACE";
        }
        if (!(x.addr() instanceof Addr.In in)) return "the buffer is the " + x.addr().describe() + ", not memory";
        MemObject o = world.object(x, in.object());
        if (o.isFileSegment()) return o.describe() + " is not a buffer in an address space";
        if (o.segmentDeleted()) return "the segment of " + o.name + " was deleted";
        if (f == Call.SYS_ADSPACE) {
            return Names.KERNEL.equals(o.space) ? null : "SYS_ADSPACE names kernel memory but " + o.name + " is in process " + o.space;
        }
        if (!(ctx instanceof Context.Process p)) return Call.segflagName(f) + " names the caller's process, but a kernel process has none";
        return p.process().equals(o.space) ? null : Call.segflagName(f) + " names the caller's process " + p.process() + " but " + o.name + " is in " + o.space;
    }

    // ------------------------------------------------------------------ xmdetach

    Expectation xmdetach(Call.Xmdetach x) {
        world.context(x, x.context());   // process or interrupt environment: any context is allowed
        if (world.descriptor(x.dp()) == null) {
            return Outcomes.one(Outcomes.alt(Call.XMEM_FAIL, List.of(), List.of("xmdetach.fail.invalid"),
                    "XMEM_FAIL: " + x.dp() + " is not a valid (attached) descriptor"));
        }
        return Outcomes.one(Outcomes.alt(Call.XMEM_SUCC, List.of(new Effect.Detach(x.dp())), List.of("xmdetach.succ"),
                "XMEM_SUCC: " + x.dp() + " becomes XMEM_INVAL"));
    }

    // ------------------------------------------------------------------ xmemout

    /** Why a destination page stops the copy, in the order the return-value list states the causes. */
    private static final String FAIL_RANGE = "xmemout.fail.range";

    Expectation xmemout(Call.Xmemout x) {
        Context ctx = world.context(x, x.context());
        // Execution environment: process (including kernel processes) or interrupt.
        String env = ctx instanceof Context.Interrupt ? "xmemout.env.interrupt" : "xmemout.env.process";

        String src = Obligations.kernelSourceProblem(world, x, x.kaddr(), x.count(), ctx);
        if (src != null) return Outcomes.outside("xmemout.caller.kaddr", src);

        Descriptor d = world.descriptor(x.dp());
        if (d == null) {
            return Outcomes.one(Outcomes.alt(Call.XMEM_FAIL, List.of(), List.of("xmemout.fail.descriptor", env),
                    "XMEM_FAIL: the cross-memory descriptor " + x.dp() + " is not valid"));
        }
        if (!(x.uaddr() instanceof Addr.In u)) {
            String why = "the user buffer " + x.uaddr().describe() + " is in an address range that is not valid";
            if (x.count() <= 0) return countNonPositive(x, List.of(env), FAIL_RANGE, why);
            return Outcomes.one(Outcomes.alt(Call.XMEM_FAIL, List.of(), List.of(FAIL_RANGE, env), "XMEM_FAIL: " + why));
        }
        long n = Math.max(x.count(), 0);
        if (!d.covers(u.object(), u.offset(), n)) {
            return Outcomes.outside("xmemout.caller.attached-range", "[" + u.describe() + ", +" + n + ") is not inside the range "
                    + d.object() + "[" + d.offset() + ", " + (d.offset() + d.count()) + ") that " + d.name() + " describes");
        }
        MemObject dst = world.object(x, u.object());
        Addr.In k = (Addr.In) x.kaddr();
        Expectation.OutsideContract overlap = Obligations.noOverlap(k.object(), k.offset(), dst.name, u.offset(), n);
        if (overlap != null) return overlap;

        Data data = new Data.CopyOf(k.object(), k.offset());
        List<String> tags = new ArrayList<>(4);
        tags.add(env);
        if (!(ctx instanceof Context.Process p && p.process().equals(d.space()))) tags.add("xmemout.cross-space");

        String deleted = dst.segmentDeleted() ? "xmemout.fail.segment-deleted" : null;
        String deletedWhy = "the segment containing the user buffer has been deleted";
        // Count 0 or less touches no byte, so what the memory is like cannot decide it: see countNonPositive.
        if (x.count() <= 0) return countNonPositive(x, tags, deleted, deletedWhy);
        if (deleted != null) {
            return Outcomes.one(Outcomes.alt(Call.XMEM_FAIL, List.of(Outcomes.untouched(dst.name, u.offset(), n, data)),
                    Outcomes.concat(deleted, tags), "XMEM_FAIL: " + deletedWhy));
        }

        // Walk the destination pages; the first page the move cannot store into ends it.
        long end = u.offset() + n;
        String fault = null;
        long faultAt = end;
        boolean pagedIn = false;
        for (long p = MemObject.pageOf(u.offset()); p <= MemObject.pageOf(end - 1) && fault == null; p++) {
            PageState s = dst.state(p);
            if (dst.hole(p)) fault = FAIL_RANGE;                                   // address range not valid
            else if (!dst.prot(p).writable()) fault = "xmemout.fail.authority";    // no access authority
            else if (s == PageState.PAGING_IO_ERROR) fault = "xmemout.fail.paging-io";
            else if (s == PageState.HARDWARE_ERROR) fault = "xmemout.fail.hardware"; // kit decision: not on the AIX page
            else if (s == PageState.PAGED_OUT && ctx instanceof Context.Interrupt) fault = "xmemout.fail.interrupt-not-resident";
            else if (s == PageState.PAGED_OUT) pagedIn = true;
            if (fault != null) faultAt = Math.max(p * MemObject.PAGE, u.offset());
        }
        if (pagedIn) tags.add("xmemout.process-not-resident");   // brought in at process level; the move goes on

        List<Alternative> alts = new ArrayList<>(2);
        List<Question> questions = new ArrayList<>(2);
        long max = faultAt - u.offset();
        if (fault == null) {
            alts.add(Outcomes.alt(Call.XMEM_SUCC, List.of(Outcomes.exact(dst.name, u.offset(), n, data)), Outcomes.concat("xmemout.succ", tags),
                    "XMEM_SUCC: " + n + " bytes moved"));
        } else {
            alts.add(Outcomes.alt(Call.XMEM_FAIL, List.of(Outcomes.prefix(dst.name, u.offset(), n, data, max)), Outcomes.concat(fault, tags),
                    "XMEM_FAIL at " + dst.where(faultAt) + "; up to " + max + " bytes before it may be written"));
            if (max > 0) questions.add(Questions.failurePrefix("xmemout"));
        }
        if (n > Layout.SEGMENT_SIZE) {
            // Implementations check count against the segment size; the page is silent, so failing is allowed too.
            alts.add(Outcomes.alt(Call.XMEM_FAIL, List.of(Outcomes.prefix(dst.name, u.offset(), n, data, max)),
                    Outcomes.concat("xmemout.count.over-segment", tags), "XMEM_FAIL: count exceeds one AIX segment"));
            questions.add(Questions.overSegment("xmemout", n));
        }
        return new Expectation.Allowed(alts, questions);
    }

    /**
     * Count 0 or less (undocumented): XMEM_SUCC or XMEM_FAIL, nothing moved, whatever else about the destination
     * memory holds ({@code cause}, when not null, is such a memory cause: a special address, a deleted segment).
     * An implementation may look at the count before it looks at memory (Linux's process_vm_writev returns 0 for
     * an empty transfer before it looks at the target) or after; question {@code xmemout.count-nonpositive}
     * records which. An invalid descriptor is not about memory and is decided before this.
     */
    private static Expectation countNonPositive(Call.Xmemout x, List<String> tags, String cause, String why) {
        String decides = "xmemout.count.nonpositive";
        List<String> failure = new ArrayList<>(tags.size() + 2);
        failure.add(decides);
        if (cause != null) failure.add(cause);
        failure.addAll(tags);
        return new Expectation.Allowed(List.of(
                Outcomes.alt(Call.XMEM_SUCC, List.of(), Outcomes.concat(decides, tags), "XMEM_SUCC, nothing moved"),
                Outcomes.alt(Call.XMEM_FAIL, List.of(), failure, "XMEM_FAIL, nothing moved" + (cause == null ? "" : " (" + why + ")"))),
                List.of(Questions.countNonPositive("xmemout", x.count())));
    }
}
