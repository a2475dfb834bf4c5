package xmemck.oracle;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
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
    public void apply(Setup op) {
        judge.forget();   // what the judge remembers of the last outcome describes the world before this op
        world.apply(op);
    }

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
     * then every object the call's address arguments name (its destination and its source, for
     * {@code inv.source-unchanged}), whatever the count: a call that may write nothing (count 0, or a failure
     * found before any byte is touched) must still be seen to write nothing. Last, the protections an
     * alternative may change.
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
        namedObjects(call, objects);
        List<Observe> out = new ArrayList<>(objects.size() + prots.size());
        for (String name : objects) out.add(Observe.Bytes.whole(name, world.object(call, name).size));
        out.addAll(prots);
        return out;
    }

    /** Adds the existing objects that a copying call's address arguments name: destination first, then source. */
    private void namedObjects(Call call, Set<String> out) {
        switch (call) {
            case Call.Xmemout x -> { named(x.uaddr(), out); named(x.kaddr(), out); }
            case Call.Copyout c -> { named(c.userbuf(), out); named(c.driverbuf(), out); }
            case Call.DdiCopyout c -> { named(c.buf(), out); named(c.driverbuf(), out); }
            case Call.XxIoctl c -> { named(c.arg(), out); named(c.regs(), out); }
            case Call.VmMvc v -> {
                if (world.objectOrNull(v.sid()) != null) out.add(v.sid());
                named(v.ptr(), out);
            }
            case Call.Xmattach x -> { }   // moves no data
            case Call.Xmdetach x -> { }
        }
    }

    private void named(Addr a, Set<String> out) {
        if (a instanceof Addr.In in && world.objectOrNull(in.object()) != null) out.add(in.object());
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

    /**
     * Adopt the implementation's outcome as the new world (memory as observed, descriptor changes of the matched
     * alternative). Whole pages of a write's observed new-data prefix are stored the way {@link #perform} stores
     * them (a shifted pattern, zeros) instead of as copies, so that committing a large move stays sparse.
     */
    public void commit(Call call, Judgement judgement, List<Result> observed) {
        if (judgement.matched() == null) return;
        Alternative alt = judgement.matched();
        Map<String, Set<Long>> stored = new HashMap<>();
        for (Effect e : alt.effects()) {
            if (e instanceof Effect.Write w && w.maxWritten() > 0) {
                Result.Bytes b = bytesOf(w.object(), observed);
                if (b != null) stored.computeIfAbsent(w.object(), x -> new HashSet<>()).addAll(storeWrittenPages(call, w, b, observed));
            }
        }
        for (Result r : observed) {
            if (r instanceof Result.Bytes b && world.objectOrNull(b.object()) != null) {
                adopt(world.objectOrNull(b.object()), b, stored.getOrDefault(b.object(), Set.of()), judge.unchangedPages(b.object(), observed));
            }
        }
        boolean success = alt.effects().stream().allMatch(e -> !(e instanceof Effect.Write w) || w.exact());
        for (Effect e : alt.effects()) {
            if (success && e instanceof Effect.Write w && w.length() > 0) {
                MemObject o = world.object(call, w.object());
                for (long p = MemObject.pageOf(w.offset()); p <= MemObject.pageOf(w.offset() + w.length() - 1); p++) Effects.bringIn(o, p);
            }
        }
        Effects.applyNonMemory(world, call, alt);
        judge.forget();
    }

    private static Result.Bytes bytesOf(String object, List<Result> observed) {
        for (Result r : observed) if (r instanceof Result.Bytes b && b.object().equals(object)) return b;
        return null;
    }

    /**
     * Stores the whole, readable pages inside the part of {@code w} the observation shows holding the new data
     * (the judge has already measured it), symbolically where the data allows; returns those pages. The page
     * was written, so it was in memory.
     */
    private Set<Long> storeWrittenPages(Call call, Effect.Write w, Result.Bytes b, List<Result> observed) {
        long k = Math.min(judge.writtenPrefix(w, b, observed), w.maxWritten());
        MemObject dst = world.object(call, w.object());
        Set<Long> unreadable = new HashSet<>(b.unreadablePages());
        Set<Long> done = new HashSet<>();
        long first = Math.ceilDiv(w.offset(), (long) MemObject.PAGE);
        long end = Math.floorDiv(w.offset() + k, (long) MemObject.PAGE);   // exclusive
        for (long p = first; p < end; p++) {
            long at = p * MemObject.PAGE;
            if (at < b.from() || at + MemObject.PAGE > b.from() + b.data().length || unreadable.contains(p) || dst.isGuard(p) || dst.hole(p)) continue;
            PageContent content = symbolic(w, at - w.offset());
            if (content == null) {
                byte[] copy = new byte[MemObject.PAGE];
                System.arraycopy(b.data(), (int) (at - b.from()), copy, 0, MemObject.PAGE);
                content = new PageContent.Raw(copy);
            }
            dst.setPage(p, content);
            Effects.bringIn(dst, p);
            done.add(p);
        }
        return done;
    }

    /** The page of {@code w}'s data from index {@code i} as a pattern or zeros, or null when it is neither. */
    private PageContent symbolic(Effect.Write w, long i) {
        return switch (w.data()) {
            case Data.Zeros z -> PageContent.Zero.INSTANCE;
            case Data.CopyOf c -> {
                MemObject src = world.objectOrNull(c.object());
                long from = c.offset() + i;
                yield src == null || !src.observable(from) || !src.observable(from + MemObject.PAGE - 1) ? null : src.patternOfPage(from);
            }
        };
    }

    /**
     * Take over every readable observed byte that differs from the model; a page that changed was in memory.
     * Pages already stored, and pages the judge saw equal to the model, are not compared again.
     */
    private static void adopt(MemObject o, Result.Bytes b, Set<Long> stored, BitSet unchanged) {
        Set<Long> unreadable = new HashSet<>(b.unreadablePages());
        byte[] data = b.data();
        byte[] model = new byte[MemObject.PAGE];
        long end = b.from() + data.length;
        for (long at = b.from(); at < end; ) {
            long page = MemObject.pageOf(at);
            int n = (int) (Math.min((page + 1) * MemObject.PAGE, end) - at);
            if (!stored.contains(page) && !unchanged.get((int) (page + Layout.GUARD_PAGES)) && !unreadable.contains(page) && o.observable(at) && (o.isGuard(page) || !o.hole(page))) {
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
                byte[] got = rb.data();
                DiffList diffs = new DiffList(o);
                long end = b.from() + b.length();
                for (long at = b.from(); at < end; ) {
                    long page = MemObject.pageOf(at);
                    int n = (int) (Math.min((page + 1) * MemObject.PAGE, end) - at);
                    Judge.Readability r = Judge.readability(o, page);
                    boolean unr = unreadable.contains(page);
                    if (unr && r == Judge.Readability.MUST) out.add(new Finding(Judge.OBSERVABLE, o.describe() + ": page " + page + " is readable in the model but the implementation reports it unreadable"));
                    if (!unr && r == Judge.Readability.HOLE) out.add(new Finding(Judge.NO_WRITE_OUTSIDE, o.describe() + ": page " + page + " is a hole in the model but the implementation reports it readable"));
                    int base = (int) (at - b.from());
                    int j = unr || r == Judge.Readability.HOLE ? -1 : java.util.Arrays.mismatch(want, base, base + n, got, base, base + n);
                    for (int i = base + Math.max(j, 0); j >= 0 && i < base + n; i++) {
                        if (want[i] == got[i]) continue;
                        if (diffs.showsNext()) diffs.add(b.from() + i, DiffList.hex(want[i]), got[i]);
                        else diffs.addHidden(b.from() + i);
                    }
                    at += n;
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
        judge.forget();
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
