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
 * Solaris copyout(9F), ddi_copyout(9F) and the model driver's XX_GETREGS ioctl from copyout(9F)'s
 * example.
 *
 * <p>copyout(9F), RETURN VALUES: 0 on success; -1 on a paging fault (a page without read or write
 * access), an invalid user address, an address that would copy into the user block, a hardware
 * fault (an uncorrectable ECC or parity error) or an ADI version mismatch. CONTEXT: user context
 * only. The count is a {@code size_t}.
 */
final class CopyoutOracle {

    private static final String PAGING_FAULT = "copyout.fail.paging-fault";
    private static final String INVALID_ADDRESS = "copyout.fail.invalid-address";
    private static final String USER_BLOCK = "copyout.fail.user-block";
    private static final String HARDWARE = "copyout.fail.hardware";
    private static final String ADI = "copyout.fail.adi";

    /** Count 0: nothing is accessed, so no cause can arise; 0 or -1 are both allowed. */
    private static final String COUNT_ZERO = "copyout.count.zero";

    private static final String DRIVERBUF = "copyout.caller.driverbuf";
    private static final String FKIOCTL = "ddi_copyout.fkioctl";

    /** How each entry point reports copyout's outcome. */
    private record Flavour(String service, long success, long failure, String clause) {}

    private static final Flavour COPYOUT = new Flavour("copyout", 0, -1, null);
    private static final Flavour DDI =
            new Flavour("ddi_copyout", 0, -1, "ddi_copyout.like-copyout");
    private static final Flavour IOCTL =
            new Flavour("ioctl", 0, Call.EFAULT, "copyout.ioctl-efault");

    private final World world;

    CopyoutOracle(World world) {
        this.world = world;
    }

    Expectation copyout(Call.Copyout c) {
        return copy(c, c.context(), c.driverbuf(), c.userbuf(), c.cn(), COPYOUT);
    }

    Expectation ddiCopyout(Call.DdiCopyout c) {
        if ((c.flags() & Call.FKIOCTL) == 0)
            return copy(c, c.context(), c.driverbuf(), c.buf(), c.cn(), DDI);
        return kernelCopy(c);
    }

    Expectation ioctl(Call.XxIoctl c) {
        if (c.cmd() != Call.XX_GETREGS) {
            return Outcomes.outside(
                    "kit.ioctl-command",
                    "the model driver defines only XX_GETREGS ("
                            + Call.XX_GETREGS
                            + "), not command "
                            + c.cmd());
        }
        return copy(c, c.context(), c.regs(), c.arg(), Call.DEVICE_REGS_SIZE, IOCTL);
    }

    /**
     * copyout(driverbuf, userbuf, cn), reported the way {@code f} reports it; {@code cn} is
     * unsigned.
     */
    private Expectation copy(
            Call call, Context ctx, Addr driverbuf, Addr userbuf, long cn, Flavour f) {
        world.context(call, ctx);
        // CONTEXT: "copyout() can be called from user context only."
        if (!(ctx instanceof Context.Process self)) {
            return Outcomes.outside(
                    "copyout.ctx.user-only",
                    f.service
                            + " can be called from user context only, not from "
                            + ctx.describe());
        }
        // PARAMETERS: driverbuf is the "source address in the driver": cn bytes of kernel memory.
        // Pages the driver
        // cannot read are judged below (a paging fault); anything else wrong with it is the
        // caller's problem.
        String src = Obligations.kernelSourceProblem(world, call, driverbuf, cn, ctx, true);
        if (src != null) return Outcomes.outside(DRIVERBUF, src);
        Addr.In from = (Addr.In) driverbuf;
        Data data = new Data.CopyOf(from.object(), from.offset());

        MemObject dst = world.objectOf(call, userbuf);
        if (dst != null && !Names.KERNEL.equals(dst.space) && !dst.space.equals(self.process())) {
            return Outcomes.outside(
                    "copyout.caller.own-process",
                    "the destination "
                            + dst.name
                            + " belongs to process "
                            + dst.space
                            + " but the call runs under process "
                            + self.process()
                            + ": the operation language names it, but it has no address in the caller's space");
        }
        long n = cn; // within the driver buffer, so no more than 1 GiB
        if (dst != null) {
            Addr.In to = (Addr.In) userbuf;
            // A region placed below the user block may be overrun by one page: into the user block,
            // which is judged.
            long room =
                    dst.belowUserBlock() && dst.within(to.offset(), 0)
                            ? dst.size + Layout.GUARD_BYTES - to.offset()
                            : -1;
            if (room < 0 || n > room) {
                Expectation.OutsideContract outside =
                        Obligations.withinObject(dst, to.offset(), n, "the destination");
                if (outside != null) return outside;
            }
        }
        List<String> tags = new ArrayList<>(3);
        if (f.clause != null) tags.add(f.clause);

        if (n == 0) {
            // Nothing is accessed, so none of the five causes can arise: either answer conforms.
            List<Effect> none =
                    dst == null
                            ? List.of()
                            : List.of(
                                    Outcomes.untouched(
                                            dst.name, ((Addr.In) userbuf).offset(), 0, data));
            List<String> c = Outcomes.concat(COUNT_ZERO, tags);
            return new Expectation.Allowed(
                    List.of(
                            Outcomes.alt(f.success, none, c, f.success + ", nothing copied"),
                            Outcomes.alt(f.failure, none, c, f.failure + ", nothing copied")),
                    List.of(Questions.countZero(f.service)));
        }
        if (userbuf instanceof Addr.Special s) {
            String clause = s.place() == Addr.Place.USER_BLOCK ? USER_BLOCK : INVALID_ADDRESS;
            return Outcomes.one(
                    Outcomes.alt(
                            f.failure,
                            List.of(),
                            failed(f, List.of(clause), tags),
                            f.failure + ": " + s.describe() + " is not a valid user address"));
        }
        Addr.In to = (Addr.In) userbuf;
        if (Names.KERNEL.equals(dst.space)) {
            return Outcomes.one(
                    Outcomes.alt(
                            f.failure,
                            List.of(Outcomes.untouched(dst.name, to.offset(), n, data)),
                            failed(f, List.of(INVALID_ADDRESS), tags),
                            f.failure
                                    + ": "
                                    + to.describe()
                                    + " is a kernel address, not a user address"));
        }
        if (from.offset() % 8 != 0 || to.offset() % 8 != 0) tags.add("copyout.alignment");

        Reach reach = new Reach(n);
        boolean pagedIn = walkDestination(dst, to, n, reach);
        walkSource(world.object(call, from.object()), from.offset(), n, reach);
        if (pagedIn) tags.add("copyout.paged-out"); // user context: the page is brought in

        if (reach.complete()) {
            return Outcomes.one(
                    Outcomes.alt(
                            f.success,
                            List.of(Outcomes.exact(dst.name, to.offset(), n, data)),
                            Outcomes.concat("copyout.succ", tags),
                            f.success + ": " + n + " bytes copied"));
        }
        List<Effect.Range> writable = reach.writable();
        return new Expectation.Allowed(
                List.of(
                        Outcomes.alt(
                                f.failure,
                                List.of(Outcomes.failed(dst.name, to.offset(), n, data, writable)),
                                failed(f, reach.causes(), tags),
                                f.failure
                                        + ": the copy cannot store "
                                        + dst.where(to.offset() + reach.firstBlocked())
                                        + (writable.isEmpty()
                                                ? " and nothing before it"
                                                : "; the bytes it can store may hold the new data"))),
                writable.isEmpty() ? List.of() : List.of(Questions.failureEffect(f.service)));
    }

    /**
     * The user buffer, page by page and (for hardware errors and ADI) line by line, in the order of
     * the RETURN VALUES list; returns whether a paged-out page is brought in.
     */
    private static boolean walkDestination(MemObject dst, Addr.In to, long n, Reach reach) {
        long start = to.offset(), end = start + n;
        boolean pagedIn = false;
        for (long p = MemObject.pageOf(start); p <= MemObject.pageOf(end - 1); p++) {
            long a = Math.max(p * MemObject.PAGE, start),
                    b = Math.min((p + 1) * MemObject.PAGE, end);
            if (dst.userBlock(p)) {
                reach.block(a - start, b - start, USER_BLOCK);
                continue;
            }
            if (dst.hole(p) || dst.segmentDeleted()) {
                reach.block(a - start, b - start, INVALID_ADDRESS);
                continue;
            }
            if (!dst.prot(p).writable()) {
                reach.block(a - start, b - start, PAGING_FAULT);
                continue;
            }
            PageState s = dst.state(p);
            if (s == PageState.PAGING_IO_ERROR) {
                reach.block(a - start, b - start, HARDWARE);
                continue;
            } // a failed page-in is a hardware fault
            for (long line = a - Math.floorMod(a, Layout.ADI_LINE);
                    line < b;
                    line += Layout.ADI_LINE) {
                long la = Math.max(line, a), lb = Math.min(line + Layout.ADI_LINE, b);
                if (dst.lineDamaged(line)) reach.block(la - start, lb - start, HARDWARE);
                else if (adiMismatch(dst, to, line)) reach.block(la - start, lb - start, ADI);
            }
            if (s == PageState.PAGED_OUT) pagedIn = true;
        }
        return pagedIn;
    }

    /**
     * "Paging fault; the driver tried to access a page of memory for which it did not have read ...
     * access."
     */
    private static void walkSource(MemObject src, long from, long n, Reach reach) {
        for (long p = MemObject.pageOf(from); p <= MemObject.pageOf(from + n - 1); p++) {
            if (src.hole(p) || !src.prot(p).readable()) {
                long a = Math.max(p * MemObject.PAGE, from),
                        b = Math.min((p + 1) * MemObject.PAGE, from + n);
                reach.block(a - from, b - from, PAGING_FAULT);
            }
        }
    }

    /**
     * The clauses of a failure: the causes first (by address), then the tags. The ioctl is the
     * exception: its return value is decided by its own clause (EFAULT because copyout failed), so
     * that clause comes first, then copyout's causes.
     */
    private static List<String> failed(Flavour f, List<String> causes, List<String> tags) {
        List<String> out = new ArrayList<>(tags.size() + causes.size() + 1);
        if (f == IOCTL) out.add(f.clause);
        out.addAll(causes);
        for (String t : tags) if (!out.contains(t)) out.add(t);
        return out;
    }

    /**
     * Does a store through {@code ptr} into the 64-byte line at {@code line} fault on ADI? Only
     * regions where ADI was enabled check versions, and memory versions 0 and 15 are universal:
     * they match every pointer version and never fault (the SPARC ADI rule, adi(7); lines never
     * tagged have version 0).
     */
    static boolean adiMismatch(MemObject o, Addr.In ptr, long line) {
        if (!o.adiEnabled()) return false;
        int memory = o.adiVersion(line);
        return memory != 0 && memory != 15 && memory != ptr.pointerVersion();
    }

    /**
     * ddi_copyout with FKIOCTL: the destination is a kernel address and the call behaves like
     * bcopy(9F).
     */
    private Expectation kernelCopy(Call.DdiCopyout c) {
        Context ctx = world.context(c, c.context());
        if (ctx instanceof Context.Interrupt) {
            return Outcomes.outside(
                    "ddi_copyout.ctx.user-or-kernel",
                    "ddi_copyout can be called from user or kernel context only, not at interrupt level");
        }
        // bcopy(9F) has no error return: every way the copy could fault is the caller's to prevent.
        String src = Obligations.kernelSourceProblem(world, c, c.driverbuf(), c.cn(), ctx, false);
        if (src != null) return Outcomes.outside(DRIVERBUF, src);
        String dstProblem = Obligations.kernelSourceProblem(world, c, c.buf(), c.cn(), ctx, false);
        String clause = "ddi_copyout.caller.kernel-buffer";
        if (dstProblem != null)
            return Outcomes.outside(clause, dstProblem.replace("source", "destination"));
        Addr.In from = (Addr.In) c.driverbuf();
        Addr.In to = (Addr.In) c.buf();
        MemObject dst = world.object(c, to.object());
        long n = c.cn();
        for (long p = n == 0 ? 0 : MemObject.pageOf(to.offset());
                n > 0 && p <= MemObject.pageOf(to.offset() + n - 1);
                p++) {
            if (!dst.prot(p).writable())
                return Outcomes.outside(
                        clause, "destination page " + p + " of " + dst.name + " is not writable");
        }
        for (long line = Math.floorDiv(to.offset(), Layout.ADI_LINE) * Layout.ADI_LINE;
                n > 0 && line < to.offset() + n;
                line += Layout.ADI_LINE) {
            if (adiMismatch(dst, to, line))
                return Outcomes.outside(
                        clause,
                        "the destination pointer's ADI version does not match line "
                                + line / Layout.ADI_LINE
                                + " of "
                                + dst.name);
            if (dst.lineDamaged(line))
                return Outcomes.outside(
                        clause,
                        "line "
                                + line / Layout.ADI_LINE
                                + " of the destination "
                                + dst.name
                                + " has an uncorrectable hardware error");
        }
        Expectation.OutsideContract overlap =
                Obligations.noOverlap(from.object(), from.offset(), to.object(), to.offset(), n);
        if (overlap != null) return overlap;
        Data data = new Data.CopyOf(from.object(), from.offset());
        if (n == 0) {
            List<String> cl = List.of(COUNT_ZERO, FKIOCTL);
            return new Expectation.Allowed(
                    List.of(
                            Outcomes.alt(0, List.of(), cl, "0, nothing copied"),
                            Outcomes.alt(-1, List.of(), cl, "-1, nothing copied")),
                    List.of(Questions.countZero("ddi_copyout")));
        }
        return Outcomes.one(
                Outcomes.alt(
                        0,
                        List.of(Outcomes.exact(dst.name, to.offset(), n, data)),
                        List.of(FKIOCTL),
                        "0: " + n + " bytes copied like bcopy"));
    }
}
