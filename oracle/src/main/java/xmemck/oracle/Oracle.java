package xmemck.oracle;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Layout;
import xmemck.ops.Observe;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;

/**
 * The executable specification for one world. Build the world with {@link #apply}, then for each call ask
 * {@link #expect}, observe what {@link #observationsFor} names, {@link #judge} and {@link #commit}.
 * Deterministic; sparse (cost proportional to the pages touched).
 */
public final class Oracle {

    private final World world = new World();
    private final XmemOracle xmem = new XmemOracle(world);
    private final VmMvcOracle vmMvc = new VmMvcOracle(world);
    private final CopyoutOracle copyout = new CopyoutOracle(world);
    private final Judge judge = new Judge(world);

    public Oracle() {}

    /** Apply a setup op to the model. @throws WorldError when the op is ill-formed in this world */
    public void apply(Setup op) { world.apply(op); }

    /** The allowed outcomes of {@code call} in the current world; does not change the world. */
    public Expectation expect(Call call) {
        return switch (call) {
            case Call.Xmattach x -> xmem.xmattach(x);
            case Call.Xmdetach x -> xmem.xmdetach(x);
            case Call.Xmemout x -> xmem.xmemout(x);
            case Call.VmMvc v -> vmMvc.vmMvc(v);
            case Call.Copyout c -> copyout.copyout(c);
            case Call.DdiCopyout c -> copyout.ddiCopyout(c);
            case Call.XxIoctl c -> copyout.ioctl(c);
        };
    }

    /**
     * What must be observed to judge {@code call}: each object any alternative may write (whole, with guards),
     * and the call's source object (for {@code inv.source-unchanged}); protections an alternative may change.
     */
    public List<Observe> observationsFor(Call call, Expectation expectation) {
        if (!(expectation instanceof Expectation.Allowed allowed)) return List.of();
        Set<String> objects = new LinkedHashSet<>();
        Set<Observe.Protection> prots = new LinkedHashSet<>();
        for (Alternative a : allowed.alternatives()) {
            for (Effect e : a.effects()) {
                if (e instanceof Effect.Write w) objects.add(w.object());
                if (e instanceof Effect.Protect p) prots.add(new Observe.Protection(p.object(), p.page()));
            }
        }
        Span source = sourceOf(call);
        if (source != null && world.objectOrNull(source.object()) != null) objects.add(source.object());
        List<Observe> out = new ArrayList<>(objects.size() + prots.size());
        for (String name : objects) out.add(Observe.Bytes.whole(name, world.object(call, name).size));
        out.addAll(prots);
        return out;
    }

    /**
     * Does the implementation's outcome ({@code returned}, and {@code observed}: one result per op of
     * {@link #observationsFor}, in order) lie in the allowed set? Checks the invariants too.
     */
    public Judgement judge(Call call, Expectation expectation, long returned, List<Result> observed) {
        return switch (expectation) {
            case Expectation.OutsideContract oc -> new Judgement(true, null, List.of(oc.clause()), List.of(), Map.of());
            case Expectation.Allowed a -> judge.judge(call, a, returned, observationsFor(call, a), observed, sourceOf(call));
        };
    }

    /** Adopt the implementation's outcome as the new world (memory as observed, descriptor changes of the matched alternative). */
    public void commit(Call call, Judgement judgement, List<Result> observed) {
        if (judgement.matched() == null) return;
        Alternative alt = judgement.matched();
        for (Result r : observed) {
            if (r instanceof Result.Bytes b && world.objectOrNull(b.object()) != null) adopt(world.objectOrNull(b.object()), b);
        }
        boolean success = alt.effects().stream().allMatch(e -> !(e instanceof Effect.Write w) || w.exact());
        for (Effect e : alt.effects()) {
            if (success && e instanceof Effect.Write w && w.length() > 0) {
                MemObject o = world.object(call, w.object());
                for (long p = MemObject.pageOf(w.offset()); p <= MemObject.pageOf(w.offset() + w.length() - 1); p++) Effects.bringIn(o, p);
            }
        }
        Effects.applyNonMemory(world, call, alt);
    }

    /** Take over every readable observed byte that differs from the model; a page that changed was in memory. */
    private static void adopt(MemObject o, Result.Bytes b) {
        Set<Long> unreadable = new HashSet<>(b.unreadablePages());
        byte[] data = b.data();
        byte[] model = new byte[MemObject.PAGE];
        long end = b.from() + data.length;
        for (long at = b.from(); at < end; ) {
            long page = MemObject.pageOf(at);
            int n = (int) (Math.min((page + 1) * MemObject.PAGE, end) - at);
            if (!unreadable.contains(page) && o.observable(at) && (o.isGuard(page) || !o.hole(page))) {
                o.read(at, model, 0, n);
                int base = (int) (at - b.from());
                if (java.util.Arrays.mismatch(model, 0, n, data, base, base + n) >= 0) {
                    byte[] raw = o.raw(page);
                    System.arraycopy(data, base, raw, (int) (at - page * MemObject.PAGE), n);
                    Effects.bringIn(o, page);
                }
            }
            at += n;
        }
    }

    /** The model's own answer to an observation. */
    public Result observe(Observe op) {
        return switch (op) {
            case Observe.Bytes b -> {
                MemObject o = world.object(op, b.object());
                if (b.length() > Integer.MAX_VALUE - 16 || !o.observable(b.from()) || (b.length() > 0 && !o.observable(b.from() + b.length() - 1))) {
                    throw new WorldError(op, "the range [" + b.from() + ", " + (b.from() + b.length()) + ") reaches beyond the guard pages of "
                            + o.describe() + " ([" + -Layout.GUARD_BYTES + ", " + (o.size + Layout.GUARD_BYTES) + "))");
                }
                byte[] data = new byte[(int) b.length()];
                List<Long> unreadable = new ArrayList<>();
                long end = b.from() + b.length();
                for (long at = b.from(); at < end; ) {
                    long page = MemObject.pageOf(at);
                    int n = (int) (Math.min((page + 1) * MemObject.PAGE, end) - at);
                    if (!o.isGuard(page) && o.hole(page)) unreadable.add(page);
                    else o.read(at, data, (int) (at - b.from()), n);
                    at += n;
                }
                yield new Result.Bytes(o.name, b.from(), data, unreadable);
            }
            case Observe.Protection p -> {
                MemObject o = world.object(op, p.object());
                if (p.page() < -Layout.GUARD_PAGES || p.page() >= o.pages + Layout.GUARD_PAGES) {
                    throw new WorldError(op, "page " + p.page() + " is beyond " + o.describe() + " and its guard pages");
                }
                yield new Result.Protection(!o.isGuard(p.page()) && o.hole(p.page()) ? Prot.NONE : o.prot(p.page()));
            }
        };
    }

    /**
     * Compare an implementation's answer to an observation with the model's, with the same tolerance the judge
     * uses (pages the model allows to be unreadable are not compared). Empty when they agree.
     * (An addition to the shared API, for the harness's Observe ops.)
     */
    public List<Finding> checkObservation(Observe op, Result observed) {
        List<Finding> out = new ArrayList<>();
        Result mine = observe(op);
        switch (op) {
            case Observe.Bytes b -> {
                MemObject o = world.object(op, b.object());
                if (!(observed instanceof Result.Bytes rb) || rb.from() != b.from() || rb.data().length != b.length()) {
                    out.add(new Finding(Judge.OBSERVABLE, "could not " + b.describe() + ": the implementation answered " + observed));
                    break;
                }
                Set<Long> unreadable = new HashSet<>(rb.unreadablePages());
                byte[] want = ((Result.Bytes) mine).data();
                DiffList diffs = new DiffList(o);
                long end = b.from() + b.length();
                for (long at = b.from(); at < end; at++) {
                    long page = MemObject.pageOf(at);
                    Judge.Readability r = Judge.readability(o, page);
                    boolean unr = unreadable.contains(page);
                    if (at == b.from() || at == page * MemObject.PAGE) {
                        if (unr && r == Judge.Readability.MUST) out.add(new Finding(Judge.OBSERVABLE, o.describe() + ": page " + page + " is readable in the model but the implementation reports it unreadable"));
                        if (!unr && r == Judge.Readability.HOLE) out.add(new Finding(Judge.NO_WRITE_OUTSIDE, o.describe() + ": page " + page + " is a hole in the model but the implementation reports it readable"));
                    }
                    if (unr || r == Judge.Readability.HOLE) continue;
                    int i = (int) (at - b.from());
                    if (want[i] != rb.data()[i]) diffs.add(at, DiffList.hex(want[i]), rb.data()[i]);
                }
                if (!diffs.isEmpty()) out.add(new Finding(Judge.NO_WRITE_OUTSIDE, diffs.render(o.describe() + ": memory differs from the model")));
            }
            case Observe.Protection p -> {
                if (!(observed instanceof Result.Protection rp)) {
                    out.add(new Finding(Judge.OBSERVABLE, "could not " + p.describe() + ": the implementation answered " + observed));
                } else if (rp.prot() != ((Result.Protection) mine).prot()) {
                    out.add(new Finding(Judge.OBSERVABLE, "page " + p.page() + " of " + p.object() + ": the model says " + ((Result.Protection) mine).prot() + ", the implementation " + rp.prot()));
                }
            }
        }
        return out;
    }

    /**
     * Behave as the reference implementation: choose the canonical allowed alternative (a copy that stops at
     * the first byte it cannot write), apply it, and return what the call returns. Outside the contract the
     * reference does nothing and returns the value named by the clause's documentation (-1 where none).
     */
    public Result.Returned perform(Call call) {
        Expectation e = expect(call);
        if (!(e instanceof Expectation.Allowed allowed)) return new Result.Returned(-1);
        Alternative alt = allowed.alternatives().get(0);
        for (Effect effect : alt.effects()) {
            if (effect instanceof Effect.Write w) Effects.write(world, call, w, w.maxWritten());
        }
        Effects.applyNonMemory(world, call, alt);
        return new Result.Returned(alt.returnValue());
    }

    /** The bytes a call reads (for inv.source-unchanged), or null when it copies nothing from memory. */
    static Span sourceOf(Call call) {
        return switch (call) {
            case Call.Xmemout x -> span(x.kaddr(), x.count());
            case Call.Copyout c -> span(c.driverbuf(), c.cn());
            case Call.DdiCopyout c -> span(c.driverbuf(), c.cn());
            case Call.XxIoctl c -> span(c.regs(), Call.DEVICE_REGS_SIZE);
            case Call.VmMvc v when v.cmd() == Call.VM_MVC_READ -> new Span(v.sid(), v.pno() * MemObject.PAGE + v.pgoffs(), Math.max(v.count(), 0));
            case Call.VmMvc v when v.cmd() == Call.VM_MVC_WRITE -> span(v.ptr(), v.count());
            default -> null;
        };
    }

    private static Span span(Addr a, long count) {
        return a instanceof Addr.In in ? new Span(in.object(), in.offset(), Math.max(count, 0)) : null;
    }
}
