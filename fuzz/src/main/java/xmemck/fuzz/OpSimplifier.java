package xmemck.fuzz;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import xmemck.fuzz.engine.Simplifier;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Layout;
import xmemck.ops.Names;
import xmemck.ops.Op;
import xmemck.ops.Setup;

/**
 * The domain passes that run after choice shrinking, on the operations themselves: cut everything
 * after the failing step, drop single operations and pairs of them (world set-up nobody needs, an
 * attach with its detach), fold a protection of a whole region into the region's creation, move a
 * kernel source into spare pages of its kernel destination's region, try a copy-out's destination
 * at a special place (null, unmapped, kernel, user block) instead of in a region, try a vm_mvc
 * command that needs no second memory object, and lower each count, offset and page number toward
 * 0, 1 and page boundaries.
 *
 * <p>Choice shrinking only ever lowers draws, so it cannot reach a case that needs a different
 * shape (one region instead of two, ZERO instead of READ, the null address instead of an unmapped
 * page); the passes here make those moves, each together with the operations it makes unnecessary,
 * so that every candidate has fewer operations.
 *
 * <p>Simpler means fewer operations, then smaller numbers ({@link #cost}), so every pass ends. No
 * candidate refers to an object, process or descriptor whose creation it dropped ({@link
 * OpRefs#closed}).
 */
public final class OpSimplifier implements Simplifier<List<Op>> {

    private static final long PAGE = Layout.PAGE_SIZE;

    /**
     * Every candidate is {@linkplain OpRefs#closed closed}: an operation about an object, process
     * or descriptor whose creation the candidate removed goes with it (an implementation would
     * answer it with {@code error}); candidates that become the same are tried once.
     */
    @Override
    public List<List<Op>> candidates(List<Op> ops) {
        Set<List<Op>> closed = new LinkedHashSet<>();
        for (List<Op> c : proposals(ops)) closed.add(OpRefs.closed(ops, c));
        return new ArrayList<>(closed);
    }

    private List<List<Op>> proposals(List<Op> ops) {
        List<List<Op>> out = new ArrayList<>();
        for (int k = 1; k < ops.size(); k++) out.add(List.copyOf(ops.subList(0, k)));
        for (int i = 0; i < ops.size(); i++) out.add(without(ops, i));
        foldProtections(ops, out);
        for (int i = 0; i < ops.size(); i++) {
            for (int j = i + 1; j < ops.size(); j++) out.add(without(without(ops, j), i));
        }
        sourceIntoDestination(ops, out);
        for (int i = 0; i < ops.size(); i++) {
            // A destination in a region whose page was unmapped or protected may fail the same way
            // at a special place,
            // which needs neither the region nor its set-up.
            for (Addr.Place place : Addr.Place.values()) {
                Op moved = toSpecialPlace(ops.get(i), new Addr.Special(place, 0));
                if (moved == null) continue;
                List<Op> rewritten = new ArrayList<>(ops);
                rewritten.set(i, moved);
                dropOneOrTwo(rewritten, i, out);
            }
            if (ops.get(i) instanceof Call.VmMvc v
                    && (v.cmd() == Call.VM_MVC_READ || v.cmd() == Call.VM_MVC_WRITE)) {
                // ZERO and PROTZERO touch the file page only: the buffer's pinning may then go (its
                // attach stays, since
                // the call still names the descriptor, and closing the candidate would drop the
                // call with the attach).
                for (int cmd : new int[] {Call.VM_MVC_ZERO, Call.VM_MVC_PROTZERO}) {
                    List<Op> rewritten = new ArrayList<>(ops);
                    rewritten.set(
                            i,
                            new Call.VmMvc(
                                    v.context(),
                                    v.sid(),
                                    v.pno(),
                                    v.pgoffs(),
                                    v.count(),
                                    cmd,
                                    v.dp(),
                                    v.ptr()));
                    dropOneOrTwo(rewritten, i, out);
                }
            }
        }
        for (int i = 0; i < ops.size(); i++) {
            long[] numbers = OpNumbers.of(ops.get(i));
            for (int j = 0; j < numbers.length; j++) {
                for (long v : lower(numbers[j])) {
                    long[] n = numbers.clone();
                    n[j] = v;
                    try {
                        Op changed = OpNumbers.with(ops.get(i), n);
                        List<Op> copy = new ArrayList<>(ops);
                        copy.set(i, changed);
                        out.add(copy);
                    } catch (IllegalArgumentException notAnOp) {
                        // e.g. a page count of 0: not an operation at all, so not a candidate
                    }
                }
            }
        }
        return out;
    }

    private static List<Op> without(List<Op> ops, int i) {
        List<Op> fewer = new ArrayList<>(ops);
        fewer.remove(i);
        return fewer;
    }

    /** {@code ops} less one or two operations other than the one at {@code keep}. */
    private static void dropOneOrTwo(List<Op> ops, int keep, List<List<Op>> out) {
        for (int i = 0; i < ops.size(); i++) {
            if (i == keep) continue;
            out.add(without(ops, i));
            for (int j = i + 1; j < ops.size(); j++)
                if (j != keep) out.add(without(without(ops, j), i));
        }
    }

    /**
     * A copy between two kernel regions (xmemout into a kernel-space descriptor, ddi_copyout with
     * FKIOCTL) reads its source from pages appended to the destination's region instead: the same
     * offsets, past the region's old end, so source and destination never overlap, and the source
     * region is no longer created. One operation fewer; whether the failure survives (the source's
     * fill differs, the region is larger) the check decides.
     */
    private static void sourceIntoDestination(List<Op> ops, List<List<Op>> out) {
        for (int i = 0; i < ops.size(); i++) {
            Addr src, dst;
            switch (ops.get(i)) {
                case Call.Xmemout x -> {
                    src = x.kaddr();
                    dst = x.uaddr();
                }
                case Call.DdiCopyout d when d.flags() == Call.FKIOCTL -> {
                    src = d.driverbuf();
                    dst = d.buf();
                }
                default -> {
                    continue;
                }
            }
            if (!(src instanceof Addr.In s)
                    || !(dst instanceof Addr.In d)
                    || s.object().equals(d.object())) continue;
            int si = regionIndex(ops, s.object()), di = regionIndex(ops, d.object());
            if (si < 0 || di < 0) continue;
            Setup.MapRegion source = (Setup.MapRegion) ops.get(si),
                    destination = (Setup.MapRegion) ops.get(di);
            if (!source.space().equals(Names.KERNEL) || !destination.space().equals(Names.KERNEL))
                continue;
            // Set-up operations on the source's pages would need moving too; such cases are left as
            // they are.
            if (ops.stream()
                    .anyMatch(
                            op ->
                                    op instanceof Setup
                                            && !(op instanceof Setup.MapRegion)
                                            && names(op, source.name()))) continue;
            long base = (long) destination.pages() * PAGE;
            List<Op> merged = new ArrayList<>(ops.size() - 1);
            for (int j = 0; j < ops.size(); j++) {
                if (j == si) continue;
                if (j == di) {
                    merged.add(
                            new Setup.MapRegion(
                                    destination.name(),
                                    destination.space(),
                                    destination.pages() + source.pages(),
                                    destination.prot(),
                                    destination.seed()));
                    continue;
                }
                merged.add(
                        OpAddresses.map(
                                ops.get(j),
                                a ->
                                        a instanceof Addr.In in && in.object().equals(source.name())
                                                ? new Addr.In(
                                                        destination.name(),
                                                        base + in.offset(),
                                                        in.adiVersion())
                                                : a));
            }
            out.add(merged);
        }
    }

    /**
     * A copy-out call whose user destination is in an object, with {@code place} as its destination
     * instead; null for other operations.
     */
    private static Op toSpecialPlace(Op op, Addr.Special place) {
        return switch (op) {
            case Call.Copyout c when c.userbuf() instanceof Addr.In ->
                    new Call.Copyout(c.context(), c.driverbuf(), place, c.cn());
            case Call.DdiCopyout d when d.buf() instanceof Addr.In && d.flags() != Call.FKIOCTL ->
                    new Call.DdiCopyout(d.context(), d.driverbuf(), place, d.cn(), d.flags());
            case Call.XxIoctl x when x.arg() instanceof Addr.In ->
                    new Call.XxIoctl(x.context(), x.regs(), x.cmd(), place);
            default -> null;
        };
    }

    private static int regionIndex(List<Op> ops, String name) {
        for (int i = 0; i < ops.size(); i++)
            if (ops.get(i) instanceof Setup.MapRegion r && r.name().equals(name)) return i;
        return -1;
    }

    /** Whether a set-up operation acts on object {@code name}. */
    private static boolean names(Op op, String name) {
        return switch (op) {
            case Setup.Protect p -> p.object().equals(name);
            case Setup.Unmap u -> u.object().equals(name);
            case Setup.SetPageState s -> s.object().equals(name);
            case Setup.Pin p -> p.object().equals(name);
            case Setup.SetAdiVersion a -> a.object().equals(name);
            case Setup.DamageLines d -> d.object().equals(name);
            case Setup.DeleteSegment d -> d.object().equals(name);
            default -> false;
        };
    }

    /**
     * A Protect of a whole region becomes the region's protection from its creation on. Calls in
     * between may then see other protections; the candidate is checked like any other, so only a
     * fold that keeps the failure stays.
     */
    private static void foldProtections(List<Op> ops, List<List<Op>> out) {
        for (int i = 0; i < ops.size(); i++) {
            if (!(ops.get(i) instanceof Setup.Protect p) || p.firstPage() != 0) continue;
            for (int j = i - 1; j >= 0; j--) {
                Op before = ops.get(j);
                if (before instanceof Setup.MapRegion r && r.name().equals(p.object())) {
                    if (r.pages() == p.pages()) {
                        List<Op> folded = new ArrayList<>(ops);
                        folded.set(
                                j,
                                new Setup.MapRegion(
                                        r.name(), r.space(), r.pages(), p.prot(), r.seed()));
                        folded.remove(i);
                        out.add(folded);
                    }
                    break;
                }
            }
        }
    }

    /**
     * Lower values worth trying for {@code v}, each with a smaller {@link #cost}: 0, 1, the page
     * boundary below, half, then {@code v} less each power of two (largest first, so that repeated
     * rounds close in on the smallest failing value like a binary search), down to one less.
     */
    static long[] lower(long v) {
        Set<Long> c = new LinkedHashSet<>();
        c.add(0L);
        c.add(v < 0 ? -1L : 1L);
        if (v > PAGE && v % PAGE != 0) c.add(v - v % PAGE);
        c.add(v / 2);
        if (v != Long.MIN_VALUE) {
            long magnitude = Math.abs(v);
            for (long step = Long.highestOneBit(Math.max(1, magnitude / 2)); step >= 1; step >>= 1)
                c.add(v < 0 ? v + step : v - step);
        }
        return c.stream().filter(x -> cost(x) < cost(v)).mapToLong(Long::longValue).toArray();
    }

    /** The size of a number: its magnitude, negative numbers a little bigger than positive ones. */
    static long cost(long v) {
        if (v == Long.MIN_VALUE) return Long.MAX_VALUE;
        return Math.abs(v) * 2 + (v < 0 ? 1 : 0);
    }

    @Override
    public Comparator<List<Op>> order() {
        return Comparator.<List<Op>>comparingInt(List::size)
                .thenComparingLong(OpSimplifier::totalCost);
    }

    private static long totalCost(List<Op> ops) {
        long total = 0;
        for (Op op : ops) for (long n : OpNumbers.of(op)) total = saturatedAdd(total, cost(n));
        return total;
    }

    private static long saturatedAdd(long a, long b) {
        long s = a + b;
        return ((a ^ s) & (b ^ s)) < 0 ? Long.MAX_VALUE : s;
    }
}
