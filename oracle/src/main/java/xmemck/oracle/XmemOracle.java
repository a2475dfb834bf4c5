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
 * AIX cross-memory services: xmattach, xmdetach and xmemout (seeds 000 and 001, the AIX xmattach
 * and xmdetach pages). Checks run in the order the pages state them; every clause id is written
 * next to the check that decides it.
 */
final class XmemOracle {

    private final World world;

    XmemOracle(World world) {
        this.world = world;
    }

    // ------------------------------------------------------------------ xmattach

    Expectation xmattach(Call.Xmattach x) {
        Context ctx = world.context(x, x.context());
        if (ctx instanceof Context.Interrupt) {
            return Outcomes.outside(
                    "xmattach.env.process-only",
                    "xmattach may be called from the process environment only");
        }
        String spaceProblem = attachSpaceProblem(x, ctx);
        if (spaceProblem != null) return Outcomes.outside("xmattach.caller.space", spaceProblem);

        List<String> failures = new ArrayList<>(2);
        if (x.count() <= 0) failures.add("xmattach.fail.count");
        if (world.descriptor(x.dp()) != null) failures.add("xmattach.fail.in-use");
        if (!failures.isEmpty()) {
            return Outcomes.one(
                    Outcomes.alt(
                            Call.XMEM_FAIL,
                            List.of(),
                            failures,
                            "XMEM_FAIL: "
                                    + (x.count() <= 0
                                            ? "count " + x.count() + " <= 0"
                                            : "descriptor " + x.dp() + " is already in use")));
        }

        Addr.In in = (Addr.In) x.addr();
        MemObject o = world.object(x, in.object());
        Expectation.OutsideContract outside =
                Obligations.withinObject(o, in.offset(), x.count(), "the buffer to attach");
        if (outside != null) return outside;
        return Outcomes.one(
                Outcomes.alt(
                        Call.XMEM_SUCC,
                        List.of(
                                new Effect.Attach(
                                        x.dp(),
                                        o.space,
                                        o.name,
                                        in.offset(),
                                        x.count(),
                                        x.segflag())),
                        List.of("xmattach.succ"),
                        "XMEM_SUCC: "
                                + x.dp()
                                + " describes "
                                + o.name
                                + "["
                                + in.offset()
                                + ", "
                                + (in.offset() + x.count())
                                + ")"));
    }

    /**
     * The buffer must be live memory in the space the segment flag names (the caller's process, or
     * the kernel).
     */
    private String attachSpaceProblem(Call.Xmattach x, Context ctx) {
        int f = x.segflag();
        if (f != Call.USER_ADSPACE && f != Call.USERI_ADSPACE && f != Call.SYS_ADSPACE) {
            return "segflag " + f + " is none of USER_ADSPACE, SYS_ADSPACE, USERI_ADSPACE";
        }
        if (!(x.addr() instanceof Addr.In in))
            return "the buffer is the " + x.addr().describe() + ", not memory";
        MemObject o = world.object(x, in.object());
        if (o.isFileSegment()) return o.describe() + " is not a buffer in an address space";
        if (o.segmentDeleted()) return "the segment of " + o.name + " was deleted";
        if (f == Call.SYS_ADSPACE) {
            return Names.KERNEL.equals(o.space)
                    ? null
                    : "SYS_ADSPACE names kernel memory but " + o.name + " is in process " + o.space;
        }
        if (!(ctx instanceof Context.Process p))
            return Call.segflagName(f)
                    + " names the caller's process, but a kernel process has none";
        return p.process().equals(o.space)
                ? null
                : Call.segflagName(f)
                        + " names the caller's process "
                        + p.process()
                        + " but "
                        + o.name
                        + " is in "
                        + o.space;
    }

    // ------------------------------------------------------------------ xmdetach

    Expectation xmdetach(Call.Xmdetach x) {
        world.context(x, x.context()); // process or interrupt environment: any context is allowed
        if (world.descriptor(x.dp()) == null) {
            return Outcomes.one(
                    Outcomes.alt(
                            Call.XMEM_FAIL,
                            List.of(),
                            List.of("xmdetach.fail.invalid"),
                            "XMEM_FAIL: " + x.dp() + " is not a valid (attached) descriptor"));
        }
        return Outcomes.one(
                Outcomes.alt(
                        Call.XMEM_SUCC,
                        List.of(new Effect.Detach(x.dp())),
                        List.of("xmdetach.succ"),
                        "XMEM_SUCC: " + x.dp() + " becomes XMEM_INVAL"));
    }

    // ------------------------------------------------------------------ xmemout

    private static final String FAIL_RANGE = "xmemout.fail.range";
    private static final String HARDWARE = "xmemout.hardware-error";

    /**
     * xmemout kernel service, Return Values: XMEM_SUCC, or XMEM_FAIL when the user lacks access
     * authority for the buffer, the buffer is in an address range that is not valid, its segment
     * has been deleted, the descriptor is not valid, a paging I/O error occurs, or (at interrupt
     * level) the buffer is not in memory.
     *
     * <p>Causes about the arguments (the descriptor, the deleted segment) hold whatever the count;
     * causes that arise only when a byte is accessed cannot arise when nothing is, so a count of 0
     * or less leaves the answer open.
     */
    Expectation xmemout(Call.Xmemout x) {
        Context ctx = world.context(x, x.context());
        // Execution Environment: "from either the process or interrupt environment".
        String env =
                ctx instanceof Context.Interrupt ? "xmemout.env.interrupt" : "xmemout.env.process";
        long n = Math.max(x.count(), 0);

        String src = Obligations.kernelSourceProblem(world, x, x.kaddr(), n, ctx, false);
        if (src != null) return Outcomes.outside("xmemout.caller.kaddr", src);

        Descriptor d = world.descriptor(x.dp());
        if (d == null) {
            return Outcomes.one(
                    Outcomes.alt(
                            Call.XMEM_FAIL,
                            List.of(),
                            List.of("xmemout.fail.descriptor", env),
                            "XMEM_FAIL: the cross-memory descriptor " + x.dp() + " is not valid"));
        }
        if (!(x.uaddr() instanceof Addr.In u)) {
            String why =
                    "the user buffer "
                            + x.uaddr().describe()
                            + " is in an address range that is not valid";
            if (x.count() <= 0) return countNonPositive(x, List.of(env), FAIL_RANGE, why);
            return Outcomes.one(
                    Outcomes.alt(
                            Call.XMEM_FAIL,
                            List.of(),
                            List.of(FAIL_RANGE, env),
                            "XMEM_FAIL: " + why));
        }
        MemObject dst = world.object(x, u.object());
        if (!dst.space.equals(d.space())) {
            return Outcomes.outside(
                    "xmemout.caller.uaddr-space",
                    "uaddr names "
                            + dst.name
                            + " in "
                            + dst.space
                            + ", but "
                            + d.name()
                            + " describes the address space of "
                            + d.space()
                            + ": the operation language has no address for it there");
        }
        Expectation.OutsideContract outside =
                Obligations.withinObject(dst, u.offset(), n, "the user buffer");
        if (outside != null) return outside;
        Addr.In k = (Addr.In) x.kaddr();
        Expectation.OutsideContract overlap =
                Obligations.noOverlap(k.object(), k.offset(), dst.name, u.offset(), n);
        if (overlap != null) return overlap;

        Data data = new Data.CopyOf(k.object(), k.offset());
        List<String> tags = new ArrayList<>(4);
        tags.add(env);
        if (!(ctx instanceof Context.Process p && p.process().equals(d.space())))
            tags.add("xmemout.cross-space");
        if (dst.crossesSegment(u.offset(), n)) tags.add("xmemout.segment-crossing");

        // "The segment containing the user buffer has been deleted": about the argument, whatever
        // the count.
        if (dst.segmentDeleted()) {
            return Outcomes.one(
                    Outcomes.alt(
                            Call.XMEM_FAIL,
                            List.of(Outcomes.untouched(dst.name, u.offset(), n, data)),
                            Outcomes.concat("xmemout.fail.segment-deleted", tags),
                            "XMEM_FAIL: the segment containing the user buffer has been deleted"));
        }
        if (x.count() <= 0) return countNonPositive(x, tags, null, null);

        // Walk the destination, page by page: what stops the move, and where.
        Reach documented = new Reach(n);
        Reach hardware = new Reach(n);
        boolean pagedIn = false;
        long start = u.offset(), end = start + n;
        for (long p = MemObject.pageOf(start); p <= MemObject.pageOf(end - 1); p++) {
            long a = Math.max(p * MemObject.PAGE, start) - start,
                    b = Math.min((p + 1) * MemObject.PAGE, end) - start;
            PageState s = dst.state(p);
            if (dst.hole(p)) documented.block(a, b, FAIL_RANGE); // address range not valid
            else if (!dst.prot(p).writable())
                documented.block(a, b, "xmemout.fail.authority"); // no access authority
            else if (s == PageState.PAGING_IO_ERROR)
                documented.block(a, b, "xmemout.fail.paging-io");
            else if (s == PageState.PAGED_OUT && ctx instanceof Context.Interrupt)
                documented.block(a, b, "xmemout.fail.interrupt-not-resident");
            else if (s == PageState.PAGED_OUT) pagedIn = true;
            else if (s == PageState.HARDWARE_ERROR) {
                for (long line = Math.floorDiv(start + a, Layout.ADI_LINE) * Layout.ADI_LINE;
                        line < start + b;
                        line += Layout.ADI_LINE) {
                    if (dst.lineDamaged(line))
                        hardware.block(
                                line - start,
                                line + Layout.ADI_LINE - start,
                                HARDWARE); // block() clips to the copy
                }
            }
        }
        if (pagedIn)
            tags.add("xmemout.process-not-resident"); // brought in at process level; the move goes
        // on

        List<Alternative> alts = new ArrayList<>(3);
        List<Question> questions = new ArrayList<>(3);
        if (!documented.complete() || !hardware.complete()) {
            // The page lists paging I/O errors, not hardware memory errors: with one, XMEM_SUCC
            // (above) or XMEM_FAIL.
            Reach both = documented.plus(hardware);
            List<Effect.Range> writable = both.writable();
            alts.add(
                    Outcomes.alt(
                            Call.XMEM_FAIL,
                            List.of(Outcomes.failed(dst.name, u.offset(), n, data, writable)),
                            concatAll(both.causes(), tags),
                            "XMEM_FAIL: the move cannot store "
                                    + dst.where(start + both.firstBlocked())
                                    + (writable.isEmpty()
                                            ? ""
                                            : "; the bytes it can store may hold the new data")));
            if (!writable.isEmpty()) questions.add(Questions.failureEffect("xmemout"));
            if (documented.complete()) questions.add(Questions.hardwareError("xmemout"));
        }
        if (documented.complete()) {
            alts.add(
                    Outcomes.alt(
                            Call.XMEM_SUCC,
                            List.of(Outcomes.exact(dst.name, u.offset(), n, data)),
                            Outcomes.concat(hardware.complete() ? "xmemout.succ" : HARDWARE, tags),
                            "XMEM_SUCC: " + n + " bytes moved"));
        }
        if (n > Layout.SEGMENT_SIZE) {
            // Implementations check count against the segment size before they move anything; the
            // page is silent.
            alts.add(
                    Outcomes.alt(
                            Call.XMEM_FAIL,
                            List.of(Outcomes.untouched(dst.name, u.offset(), n, data)),
                            Outcomes.concat("xmemout.count.over-segment", tags),
                            "XMEM_FAIL, nothing moved: count exceeds one 256 MiB AIX segment"));
            questions.add(Questions.overSegment("xmemout", n));
        }
        if (!d.covers(u.object(), u.offset(), n)) {
            // The page does not say whether the buffer must lie inside the attached range: failing
            // untouched conforms too.
            String attachedRange = "xmemout.attached-range";
            alts.add(
                    Outcomes.alt(
                            Call.XMEM_FAIL,
                            List.of(Outcomes.untouched(dst.name, u.offset(), n, data)),
                            Outcomes.concat(attachedRange, tags),
                            "XMEM_FAIL, nothing moved: ["
                                    + u.describe()
                                    + ", +"
                                    + n
                                    + ") is not inside the range "
                                    + d.object()
                                    + "["
                                    + d.offset()
                                    + ", "
                                    + (d.offset() + d.count())
                                    + ") that "
                                    + d.name()
                                    + " describes"));
            for (int i = 0; i < alts.size() - 1; i++)
                alts.set(i, withClause(alts.get(i), attachedRange));
            questions.add(Questions.attachedRange("xmemout"));
        }
        return new Expectation.Allowed(alts, questions);
    }

    private static List<String> concatAll(List<String> first, List<String> rest) {
        List<String> out = new ArrayList<>(first);
        for (String t : rest) if (!out.contains(t)) out.add(t);
        return out;
    }

    private static Alternative withClause(Alternative a, String clause) {
        List<String> c = new ArrayList<>(a.clauses());
        if (!c.contains(clause)) c.add(clause);
        return new Alternative(a.returnValue(), a.effects(), c, a.description());
    }

    /**
     * Count 0 or less (the page does not say; count is an int, so it can be negative): nothing is
     * accessed, so no access cause can arise and both XMEM_SUCC and XMEM_FAIL conform, with nothing
     * moved ({@code cause}, when not null, is such a cause: an invalid address). Question {@code
     * xmemout.count-nonpositive} records which.
     */
    private static Expectation countNonPositive(
            Call.Xmemout x, List<String> tags, String cause, String why) {
        String decides = "xmemout.count.nonpositive";
        List<String> failure = new ArrayList<>(tags.size() + 2);
        failure.add(decides);
        if (cause != null) failure.add(cause);
        failure.addAll(tags);
        return new Expectation.Allowed(
                List.of(
                        Outcomes.alt(
                                Call.XMEM_SUCC,
                                List.of(),
                                Outcomes.concat(decides, tags),
                                "XMEM_SUCC, nothing moved"),
                        Outcomes.alt(
                                Call.XMEM_FAIL,
                                List.of(),
                                failure,
                                "XMEM_FAIL, nothing moved"
                                        + (cause == null ? "" : " (" + why + ")"))),
                List.of(Questions.countNonPositive("xmemout", x.count())));
    }
}
