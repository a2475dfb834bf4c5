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
import xmemck.ops.PageDigest;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;

/**
 * The executable specification for one world. Build the world with {@link #apply}, then for each
 * call ask {@link #expect}, observe what {@link #observationsFor} names (and, for digests, what
 * {@link #fetchesFor} names), {@link #judge} and {@link #commit}. Deterministic; sparse (cost
 * proportional to the pages touched).
 */
public final class Oracle {

    /**
     * Objects of more pages than this (guard pages included) are observed through page digests when
     * the adapter can.
     */
    public static final int DIGEST_MIN_PAGES = 16;

    private final World world = new World();
    private final XmemOracle xmem = new XmemOracle(world);
    private final VmMvcOracle vmMvc = new VmMvcOracle(world);
    private final CopyoutOracle copyout = new CopyoutOracle(world);
    private final Judge judge = new Judge(world);

    public Oracle() {}

    /** Apply a setup op to the model. @throws WorldError when the op is ill-formed in this world */
    public void apply(Setup op) {
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

    /** {@link #observationsFor(Call, Expectation, boolean)} with bytes only. */
    public List<Observe> observationsFor(Call call, Expectation expectation) {
        return observationsFor(call, expectation, false);
    }

    /**
     * What must be observed to judge {@code call}: each object any alternative may write (whole,
     * with guards), then every object the call's address arguments name (its destination and its
     * source, for {@code inv.source-unchanged}), whatever the count: a call that may write nothing
     * (count 0, or a failure found before any byte is touched) must still be seen to write nothing.
     * Last, the protections an alternative may change. With {@code digests}, objects of more than
     * {@link #DIGEST_MIN_PAGES} pages are observed through page digests.
     */
    public List<Observe> observationsFor(Call call, Expectation expectation, boolean digests) {
        return observationsFor(call, expectation, digests ? DIGEST_MIN_PAGES : Integer.MAX_VALUE);
    }

    /**
     * As {@link #observationsFor(Call, Expectation, boolean)}, with objects of more than {@code
     * digestAbovePages} pages (guards included) observed through page digests: 0 for every object,
     * {@link Integer#MAX_VALUE} for none.
     */
    public List<Observe> observationsFor(Call call, Expectation expectation, int digestAbovePages) {
        if (!(expectation instanceof Expectation.Allowed allowed)) return List.of();
        Set<String> objects = new LinkedHashSet<>();
        Set<Observe.Protection> prots = new LinkedHashSet<>();
        for (Alternative a : allowed.alternatives()) {
            for (Effect e : a.effects()) {
                if (e instanceof Effect.Write w) objects.add(w.object());
                if (e instanceof Effect.Protect p)
                    prots.add(new Observe.Protection(p.object(), p.page()));
            }
        }
        namedObjects(call, objects);
        List<Observe> out = new ArrayList<>(objects.size() + prots.size());
        for (String name : objects) {
            MemObject o = world.object(call, name);
            out.add(
                    o.pages + 2L * Layout.GUARD_PAGES > digestAbovePages
                            ? Observe.Digest.whole(name, o.size)
                            : Observe.Bytes.whole(name, o.size));
        }
        out.addAll(prots);
        return out;
    }

    /**
     * Adds the existing objects that a copying call's address arguments name: destination first,
     * then source.
     */
    private void namedObjects(Call call, Set<String> out) {
        switch (call) {
            case Call.Xmemout x -> {
                named(x.uaddr(), out);
                named(x.kaddr(), out);
            }
            case Call.Copyout c -> {
                named(c.userbuf(), out);
                named(c.driverbuf(), out);
            }
            case Call.DdiCopyout c -> {
                named(c.buf(), out);
                named(c.driverbuf(), out);
            }
            case Call.XxIoctl c -> {
                named(c.arg(), out);
                named(c.regs(), out);
            }
            case Call.VmMvc v -> {
                if (world.objectOrNull(v.sid()) != null) out.add(v.sid());
                named(v.ptr(), out);
            }
            case Call.Xmattach x -> {} // moves no data
            case Call.Xmdetach x -> {}
        }
    }

    private void named(Addr a, Set<String> out) {
        if (a instanceof Addr.In in && world.objectOrNull(in.object()) != null)
            out.add(in.object());
    }

    /**
     * After page digests came back for {@code observations}: the bytes to fetch, one run of pages
     * at a time, for the pages whose digest is that of no content an allowed outcome can leave (the
     * page before the call, or a write's new data). Empty when every page is accounted for, which
     * is the usual case.
     */
    public List<Observe.Bytes> fetchesFor(
            Call call, Expectation expectation, List<Observe> observations, List<Result> results) {
        if (!(expectation instanceof Expectation.Allowed allowed)) return List.of();
        List<Effect.Write> writes = Judge.writesOf(allowed);
        List<Observe.Bytes> out = new ArrayList<>();
        for (int i = 0; i < observations.size() && i < results.size(); i++) {
            if (!(observations.get(i) instanceof Observe.Digest d)
                    || !(results.get(i) instanceof Result.Digest rd)) continue;
            if (!rd.object().equals(d.object())
                    || rd.from() != d.from()
                    || (long) rd.pages() * MemObject.PAGE != d.length())
                continue; // judged malformed
            MemObject o = world.object(call, d.object());
            Set<Long> unreadable = new HashSet<>(rd.unreadablePages());
            long first = MemObject.pageOf(d.from()), runStart = Long.MIN_VALUE;
            for (int k = 0; k <= rd.pages(); k++) {
                long p = first + k;
                boolean fetch =
                        k < rd.pages()
                                && !unreadable.contains(p)
                                && judge.candidateWithDigest(o, p, rd.digest(k), writes) == null;
                if (fetch && runStart == Long.MIN_VALUE) runStart = p;
                if (!fetch && runStart != Long.MIN_VALUE) {
                    out.add(
                            new Observe.Bytes(
                                    o.name,
                                    runStart * MemObject.PAGE,
                                    (p - runStart) * MemObject.PAGE));
                    runStart = Long.MIN_VALUE;
                }
            }
        }
        return out;
    }

    /**
     * Does the implementation's outcome ({@code returned}, and {@code observed}: one result per op
     * of {@code observations}, which are {@link #observationsFor} followed by any {@link
     * #fetchesFor}) lie in the allowed set? Checks the invariants too.
     */
    public Judgement judge(
            Call call,
            Expectation expectation,
            long returned,
            List<Observe> observations,
            List<Result> observed) {
        return switch (expectation) {
            case Expectation.OutsideContract oc ->
                    new Judgement(
                            true,
                            null,
                            List.of(oc.clause()),
                            List.of(),
                            Map.of(),
                            false,
                            Observed.NOTHING,
                            List.of());
            case Expectation.Allowed a ->
                    judge.judge(call, a, returned, observations, observed, sourceOf(call));
        };
    }

    /**
     * {@link #judge(Call, Expectation, long, List, List)} for the observations {@link
     * #observationsFor} names, as bytes.
     */
    public Judgement judge(
            Call call, Expectation expectation, long returned, List<Result> observed) {
        return judge(call, expectation, returned, observationsFor(call, expectation), observed);
    }

    /**
     * Adopt the implementation's outcome as the new world: every observed page that changed (stored
     * the way {@link #perform} stores it, a shifted pattern or zeros, when it equals a write's
     * symbolic new page, so that committing a large move stays sparse), and the matched
     * alternative's descriptor and protection changes.
     */
    public void commit(Call call, Judgement judgement) {
        Alternative alt = judgement.matched();
        if (alt == null || !judgement.conforms()) return;
        Observed seen = judgement.observed();
        Candidates candidates = new Candidates(world);
        List<Effect.Write> writes = new ArrayList<>();
        for (Effect e : alt.effects()) if (e instanceof Effect.Write w) writes.add(w);
        for (Seen s : seen.seen) {
            MemObject o = s.object;
            for (long p = s.firstPage(); p < s.endPage(); p++) {
                if (!s.readable(p)
                        || Judge.readability(o, p) == Judge.Readability.HOLE
                        || seen.facts.isOld(o.name, p)) continue;
                PageContent content = null;
                for (Effect.Write w : Candidates.on(writes, o.name, p)) {
                    if (seen.facts.isNew(o.name, p, w)) {
                        content = candidates.newPage(w, o, p);
                        break;
                    }
                }
                if (content == null || content instanceof PageContent.Slice) {
                    byte[] copy = new byte[MemObject.PAGE];
                    s.page(p).read(0, copy, 0, MemObject.PAGE);
                    content = new PageContent.Raw(copy);
                }
                o.setPage(p, content);
                Effects.bringIn(o, p); // a page that was written was in memory
            }
        }
        for (Effect.Write w : writes) {
            if (!w.exact() || w.length() == 0) continue;
            MemObject o = world.object(call, w.object());
            for (long p = MemObject.pageOf(w.offset());
                    p <= MemObject.pageOf(w.offset() + w.length() - 1);
                    p++) Effects.bringIn(o, p);
        }
        Effects.applyNonMemory(
                world,
                call,
                alt,
                protect -> {
                    for (Judge.SeenProt sp : seen.prots) {
                        if (sp.object().name.equals(protect.object())
                                && sp.page() == protect.page()
                                && sp.prot() != null) return sp.prot();
                    }
                    return canonical(protect);
                });
    }

    /** The protection the reference gives for a PROTZERO: read-only when allowed. */
    private static Prot canonical(Effect.Protect p) {
        return p.allowed().contains(Prot.READ) ? Prot.READ : p.allowed().iterator().next();
    }

    /** The model's own answer to an observation. */
    public Result observe(Observe op) {
        return switch (op) {
            case Observe.Bytes b -> {
                MemObject o = world.object(op, b.object());
                checkRange(op, o, b.from(), b.length());
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
            case Observe.Digest d -> {
                MemObject o = world.object(op, d.object());
                checkRange(op, o, d.from(), d.length());
                int pages = (int) (d.length() / MemObject.PAGE);
                long[] digests = new long[pages];
                List<Long> unreadable = new ArrayList<>();
                for (int i = 0; i < pages; i++) {
                    long page = MemObject.pageOf(d.from()) + i;
                    if (!o.isGuard(page) && o.hole(page)) {
                        unreadable.add(page);
                        digests[i] = PageDigest.ZERO_PAGE;
                    } else digests[i] = PageDigests.of(o.page(page));
                }
                yield new Result.Digest(o.name, d.from(), digests, unreadable);
            }
            case Observe.Protection p -> {
                MemObject o = world.object(op, p.object());
                if (p.page() < -Layout.GUARD_PAGES || p.page() >= o.pages + Layout.GUARD_PAGES) {
                    throw new WorldError(
                            op,
                            "page "
                                    + p.page()
                                    + " is beyond "
                                    + o.describe()
                                    + " and its guard pages");
                }
                yield new Result.Protection(
                        !o.isGuard(p.page()) && o.hole(p.page()) ? Prot.NONE : o.prot(p.page()));
            }
        };
    }

    private static void checkRange(Observe op, MemObject o, long from, long length) {
        if (length > Integer.MAX_VALUE - 16
                || !o.observable(from)
                || (length > 0 && !o.observable(from + length - 1))) {
            throw new WorldError(
                    op,
                    "the range ["
                            + from
                            + ", "
                            + (from + length)
                            + ") reaches beyond the guard pages of "
                            + o.describe()
                            + " (["
                            + -Layout.GUARD_BYTES
                            + ", "
                            + (o.size + Layout.GUARD_BYTES)
                            + "))");
        }
    }

    /**
     * Compare an implementation's answer to an observation with the model's, with the same
     * tolerance the judge uses (pages the model allows to be unreadable are not compared). Empty
     * when they agree. (For the harness's Observe ops.)
     */
    public List<Finding> checkObservation(Observe op, Result observed) {
        List<Finding> out = new ArrayList<>();
        Result mine = observe(op);
        switch (op) {
            case Observe.Bytes b -> {
                MemObject o = world.object(op, b.object());
                if (!(observed instanceof Result.Bytes rb)
                        || rb.from() != b.from()
                        || rb.data().length != b.length()) {
                    out.add(
                            new Finding(
                                    Judge.OBSERVABLE,
                                    Finding.Kind.OBSERVATION,
                                    "could not "
                                            + b.describe()
                                            + ": the implementation answered "
                                            + observed));
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
                    boolean compared = Judge.comparable(o, page, unreadable.contains(page), out);
                    int base = (int) (at - b.from());
                    int j =
                            compared
                                    ? java.util.Arrays.mismatch(
                                            want, base, base + n, got, base, base + n)
                                    : -1;
                    for (int i = base + Math.max(j, 0); j >= 0 && i < base + n; i++) {
                        if (want[i] == got[i]) continue;
                        if (diffs.showsNext())
                            diffs.add(b.from() + i, DiffList.hex(want[i]), got[i]);
                        else diffs.addHidden(b.from() + i);
                    }
                    at += n;
                }
                if (!diffs.isEmpty())
                    out.add(
                            diffs.finding(
                                    Judge.NO_WRITE_OUTSIDE,
                                    Finding.Kind.WRITE_OUTSIDE,
                                    o.describe() + ": memory differs from the model"));
            }
            case Observe.Digest d -> {
                MemObject o = world.object(op, d.object());
                if (!(observed instanceof Result.Digest rd)
                        || rd.from() != d.from()
                        || (long) rd.pages() * MemObject.PAGE != d.length()) {
                    out.add(
                            new Finding(
                                    Judge.OBSERVABLE,
                                    Finding.Kind.OBSERVATION,
                                    "could not "
                                            + d.describe()
                                            + ": the implementation answered "
                                            + observed));
                    break;
                }
                // The same readability rules as for bytes: pages that may be unreadable are not
                // compared.
                Set<Long> unreadable = new HashSet<>(rd.unreadablePages());
                List<Long> differ = new ArrayList<>();
                for (int i = 0; i < rd.pages(); i++) {
                    long page = MemObject.pageOf(d.from()) + i;
                    if (Judge.comparable(o, page, unreadable.contains(page), out)
                            && rd.digest(i) != ((Result.Digest) mine).digest(i)) differ.add(page);
                }
                if (!differ.isEmpty())
                    out.add(
                            new Finding(
                                    Judge.NO_WRITE_OUTSIDE,
                                    Finding.Kind.WRITE_OUTSIDE,
                                    o.describe()
                                            + ": the digests of page(s) "
                                            + differ
                                            + " differ from the model's"));
            }
            case Observe.Protection p -> {
                if (!(observed instanceof Result.Protection rp)) {
                    out.add(
                            new Finding(
                                    Judge.OBSERVABLE,
                                    Finding.Kind.OBSERVATION,
                                    "could not "
                                            + p.describe()
                                            + ": the implementation answered "
                                            + observed));
                } else if (rp.prot() != ((Result.Protection) mine).prot()) {
                    out.add(
                            new Finding(
                                    Judge.OBSERVABLE,
                                    Finding.Kind.OBSERVATION,
                                    "page "
                                            + p.page()
                                            + " of "
                                            + p.object()
                                            + ": the model says "
                                            + ((Result.Protection) mine).prot()
                                            + ", the implementation "
                                            + rp.prot()));
                }
            }
        }
        return out;
    }

    /**
     * Behave as the reference implementation: choose the canonical allowed alternative (the first;
     * a failed copy stores from its start up to the first byte it cannot store, a PROTZERO makes
     * the page read-only), apply it, and return what the call returns. Outside the contract the
     * reference does nothing and returns -1.
     */
    public Result.Returned perform(Call call) {
        Expectation e = expect(call);
        if (!(e instanceof Expectation.Allowed allowed)) return new Result.Returned(-1);
        Alternative alt = allowed.alternatives().getFirst();
        for (Effect effect : alt.effects()) {
            if (effect instanceof Effect.Write w) {
                long k =
                        switch (w.extent()) {
                            case Effect.Extent.Whole whole -> w.length();
                            case Effect.Extent.Partial p -> p.leadingRun();
                        };
                Effects.write(world, call, w, k);
            }
        }
        Effects.applyNonMemory(world, call, alt, Oracle::canonical);
        return new Result.Returned(alt.returnValue());
    }

    /**
     * The bytes a call reads (for inv.source-unchanged), or null when it copies nothing from
     * memory.
     */
    static Span sourceOf(Call call) {
        return switch (call) {
            case Call.Xmemout x -> span(x.kaddr(), Math.max(x.count(), 0));
            case Call.Copyout c -> span(c.driverbuf(), c.cn());
            case Call.DdiCopyout c -> span(c.driverbuf(), c.cn());
            case Call.XxIoctl c -> span(c.regs(), Call.DEVICE_REGS_SIZE);
            case Call.VmMvc v when v.cmd() == Call.VM_MVC_READ ->
                    new Span(
                            v.sid(), v.pno() * MemObject.PAGE + v.pgoffs(), Math.max(v.count(), 0));
            case Call.VmMvc v when v.cmd() == Call.VM_MVC_WRITE ->
                    span(v.ptr(), Math.max(v.count(), 0));
            default -> null;
        };
    }

    /**
     * {@code count} bytes (an unsigned size_t for copyout, but no larger than an object when
     * judged).
     */
    private static Span span(Addr a, long count) {
        return a instanceof Addr.In in && count >= 0
                ? new Span(in.object(), in.offset(), count)
                : null;
    }
}
