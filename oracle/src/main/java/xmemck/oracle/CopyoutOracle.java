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
 * Solaris copyout(9F) (seed 003), ddi_copyout(9F) (vendor page named in spec-notes) and the model driver's
 * XX_GETREGS ioctl from copyout(9F)'s example. copyout returns 0, or -1 on: no write access, an invalid user
 * address, the user block, a hardware error, an ADI version mismatch.
 */
final class CopyoutOracle {

    private static final String INVALID_ADDRESS = "copyout.fail.invalid-address";
    private static final String HARDWARE = "copyout.fail.hardware";
    /** Count 0 or negative: undocumented, so success and failure with nothing copied are both allowed. */
    private static final String COUNT_NONPOSITIVE = "copyout.count.nonpositive";
    /** driverbuf must be readable kernel memory (copyout and ddi_copyout alike). */
    private static final String DRIVERBUF = "copyout.caller.driverbuf";
    private static final String FKIOCTL = "ddi_copyout.fkioctl";

    /** How each entry point reports copyout's outcome. */
    private record Flavour(String service, long success, long failure, String clause) {}

    private static final Flavour COPYOUT = new Flavour("copyout", 0, -1, null);
    private static final Flavour DDI = new Flavour("ddi_copyout", 0, -1, "ddi_copyout.like-copyout");
    private static final Flavour IOCTL = new Flavour("ioctl", 0, Call.EFAULT, "copyout.ioctl-efault");

    private final World world;

    CopyoutOracle(World world) { this.world = world; }

    Expectation copyout(Call.Copyout c) {
        return copy(c, c.context(), c.driverbuf(), c.userbuf(), c.cn(), COPYOUT);
    }

    Expectation ddiCopyout(Call.DdiCopyout c) {
        if ((c.flags() & Call.FKIOCTL) == 0) return copy(c, c.context(), c.driverbuf(), c.buf(), c.cn(), DDI);
        return kernelCopy(c);
    }

    Expectation ioctl(Call.XxIoctl c) {
        if (c.cmd() != Call.XX_GETREGS) {
            return Outcomes.outside("kit.ioctl-command", "the model driver defines only XX_GETREGS (" + Call.XX_GETREGS + "), not command " + c.cmd());
        }
        return copy(c, c.context(), c.regs(), c.arg(), Call.DEVICE_REGS_SIZE, IOCTL);
    }

    /** copyout(driverbuf, userbuf, cn), reported the way {@code f} reports it. */
    private Expectation copy(Call call, Context ctx, Addr driverbuf, Addr userbuf, long cn, Flavour f) {
        world.context(call, ctx);
        if (!(ctx instanceof Context.Process self)) {
            return Outcomes.outside("copyout.ctx.user-only", f.service + " can be called from user context only, not from " + ctx.describe());
        }
        String src = Obligations.kernelSourceProblem(world, call, driverbuf, cn, ctx);
        if (src != null) return Outcomes.outside(DRIVERBUF, src);
        Addr.In from = (Addr.In) driverbuf;
        Data data = new Data.CopyOf(from.object(), from.offset());

        MemObject dst = world.objectOf(call, userbuf);
        if (dst != null && !Names.KERNEL.equals(dst.space) && !dst.space.equals(self.process())) {
            return Outcomes.outside("copyout.caller.own-process", "the destination " + dst.name + " belongs to process " + dst.space
                    + " but the call runs under process " + self.process());
        }
        long n = Math.max(cn, 0);
        if (dst != null) {
            Addr.In to = (Addr.In) userbuf;
            Expectation.OutsideContract outside = Obligations.withinObject(dst, to.offset(), n, "the destination");
            if (outside != null) return outside;
        }
        List<String> tags = new ArrayList<>(3);
        if (f.clause != null) tags.add(f.clause);

        if (cn <= 0) {
            List<Effect> none = dst == null ? List.of() : List.of(Outcomes.untouched(dst.name, ((Addr.In) userbuf).offset(), 0, data));
            List<String> c = Outcomes.concat(COUNT_NONPOSITIVE, tags);
            return new Expectation.Allowed(List.of(
                    Outcomes.alt(f.success, none, c, f.success + ", nothing copied"),
                    Outcomes.alt(f.failure, none, c, f.failure + ", nothing copied")),
                    List.of(Questions.countNonPositive(f.service, cn)));
        }
        if (userbuf instanceof Addr.Special s) {
            String clause = s.place() == Addr.Place.USER_BLOCK ? "copyout.fail.user-block" : INVALID_ADDRESS;
            return Outcomes.one(Outcomes.alt(f.failure, List.of(), failed(f, clause, tags), f.failure + ": " + s.describe() + " is not a valid user address"));
        }
        Addr.In to = (Addr.In) userbuf;
        if (Names.KERNEL.equals(dst.space)) {
            return Outcomes.one(Outcomes.alt(f.failure, List.of(Outcomes.untouched(dst.name, to.offset(), n, data)), failed(f, INVALID_ADDRESS, tags),
                    f.failure + ": " + to.describe() + " is a kernel address, not a user address"));
        }
        if (from.offset() % 8 != 0 || to.offset() % 8 != 0) tags.add("copyout.alignment");

        // Walk the destination: the first byte copyout cannot store ends the copy.
        long end = to.offset() + n;
        String fault = null;
        long faultAt = end;
        boolean pagedIn = false;
        for (long p = MemObject.pageOf(to.offset()); p <= MemObject.pageOf(end - 1); p++) {
            long pageStart = Math.max(p * MemObject.PAGE, to.offset());
            PageState s = dst.state(p);
            if (dst.hole(p) || dst.segmentDeleted()) fault = INVALID_ADDRESS;
            else if (!dst.prot(p).writable()) fault = "copyout.fail.no-write-access";
            else if (s == PageState.HARDWARE_ERROR || s == PageState.PAGING_IO_ERROR) fault = HARDWARE; // a paging I/O error is a hardware fault too
            if (fault != null) { faultAt = pageStart; break; }
            long bad = adiMismatch(dst, to, pageStart, Math.min((p + 1) * MemObject.PAGE, end));
            if (bad >= 0) { fault = "copyout.fail.adi"; faultAt = bad; break; }   // the store into the first mismatching line faults
            if (s == PageState.PAGED_OUT) pagedIn = true;
        }
        if (pagedIn) tags.add("copyout.paged-out");   // user context: the page is brought in

        if (fault == null) {
            return Outcomes.one(Outcomes.alt(f.success, List.of(Outcomes.exact(dst.name, to.offset(), n, data)), Outcomes.concat("copyout.succ", tags),
                    f.success + ": " + n + " bytes copied"));
        }
        long max = faultAt - to.offset();
        return new Expectation.Allowed(List.of(Outcomes.alt(f.failure, List.of(Outcomes.prefix(dst.name, to.offset(), n, data, max)),
                failed(f, fault, tags), f.failure + ": fault at " + dst.where(faultAt) + "; up to " + max + " bytes before it may be written")),
                max > 0 ? List.of(Questions.failurePrefix(f.service)) : List.of());
    }

    /**
     * The clauses of a failure: the cause first, then the tags. The ioctl is the exception: its return value is
     * decided by its own clause (EFAULT because copyout failed), so that clause comes first and names a wrong
     * return value, and copyout's cause second.
     */
    private static List<String> failed(Flavour f, String cause, List<String> tags) {
        if (f != IOCTL) return Outcomes.concat(cause, tags);
        List<String> out = new ArrayList<>(tags.size() + 1);
        out.add(f.clause);
        out.add(cause);
        for (String t : tags) if (!t.equals(f.clause)) out.add(t);
        return out;
    }

    /**
     * The first byte in {@code [from, to)} whose 64-byte line's ADI version differs from the pointer's, or -1.
     * Only regions where ADI was enabled check versions.
     */
    private static long adiMismatch(MemObject o, Addr.In ptr, long from, long to) {
        if (!o.adiEnabled()) return -1;
        int version = ptr.pointerVersion();
        for (long line = from - Math.floorMod(from, Layout.ADI_LINE); line < to; line += Layout.ADI_LINE) {
            if (o.adiVersion(line) != version) return Math.max(line, from);
        }
        return -1;
    }

    /** ddi_copyout with FKIOCTL: the destination is a kernel address and the call behaves like bcopy(9F). */
    private Expectation kernelCopy(Call.DdiCopyout c) {
        Context ctx = world.context(c, c.context());
        if (ctx instanceof Context.Interrupt) {
            return Outcomes.outside("ddi_copyout.ctx.user-or-kernel", "ddi_copyout can be called from user or kernel context only, not at interrupt level");
        }
        String src = Obligations.kernelSourceProblem(world, c, c.driverbuf(), c.cn(), ctx);
        if (src != null) return Outcomes.outside(DRIVERBUF, src);
        String dstProblem = Obligations.kernelSourceProblem(world, c, c.buf(), c.cn(), ctx);
        String clause = "ddi_copyout.caller.kernel-buffer";
        if (dstProblem != null) return Outcomes.outside(clause, dstProblem.replace("source", "destination"));
        Addr.In from = (Addr.In) c.driverbuf();
        Addr.In to = (Addr.In) c.buf();
        MemObject dst = world.object(c, to.object());
        long n = Math.max(c.cn(), 0);
        for (long p = n == 0 ? 0 : MemObject.pageOf(to.offset()); n > 0 && p <= MemObject.pageOf(to.offset() + n - 1); p++) {
            if (!dst.prot(p).writable()) return Outcomes.outside(clause, "destination page " + p + " of " + dst.name + " is not writable");
        }
        if (n > 0 && adiMismatch(dst, to, to.offset(), to.offset() + n) >= 0) {
            return Outcomes.outside(clause, "the destination pointer's ADI version does not match the destination's lines");
        }
        Expectation.OutsideContract overlap = Obligations.noOverlap(from.object(), from.offset(), to.object(), to.offset(), n);
        if (overlap != null) return overlap;
        Data data = new Data.CopyOf(from.object(), from.offset());
        if (c.cn() <= 0) {
            List<String> cl = List.of(COUNT_NONPOSITIVE, FKIOCTL);
            return new Expectation.Allowed(List.of(
                    Outcomes.alt(0, List.of(), cl, "0, nothing copied"),
                    Outcomes.alt(-1, List.of(), cl, "-1, nothing copied")),
                    List.of(Questions.countNonPositive("ddi_copyout", c.cn())));
        }
        return Outcomes.one(Outcomes.alt(0, List.of(Outcomes.exact(dst.name, to.offset(), n, data)), List.of(FKIOCTL),
                "0: " + n + " bytes copied like bcopy"));
    }
}
