package xmemck.fuzz;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;
import xmemck.fuzz.engine.Choices;
import xmemck.fuzz.engine.Gen;
import xmemck.fuzz.engine.Gens;
import xmemck.fuzz.engine.Search;
import xmemck.fuzz.gen.CaseGen;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Op;
import xmemck.ops.Setup;
import xmemck.spi.Capabilities;

/**
 * Cases for testing the oracle itself, all made by the one case generator, {@link CaseGen} (for an
 * adapter that can do everything), and drawn through the engine's {@link Choices}: one to three of
 * its cases run one after the other in one world, so that calls commit their effects on a world
 * earlier calls changed (the later cases' objects and descriptor renamed, their processes shared);
 * then, in about two sequences in five, one or two operations changed the way a careless scenario
 * writer would: a number anywhere in or out of range, an address at a special place, an object,
 * process or file segment that does not exist, a creation dropped or made twice, a call from
 * another context, with another command or flag, or with an address in another object (overlapping
 * buffers among them). The oracle must answer every one of those or refuse it with a {@code
 * WorldError}, and the reach test checks that they come up.
 *
 * <p>Not a second generator of worlds (issue 11): every world and call comes from CaseGen; this
 * only strings its cases together and breaks a few, which CaseGen, made to produce well-formed
 * cases for implementations, never does.
 */
final class OracleCases {
    private OracleCases() {}

    static final CaseGen GEN = new CaseGen(Capabilities.all());

    private static final Gen<List<Op>> SEQUENCE =
            Gens.lists(GEN, 1, 3, 45).map(OracleCases::oneWorld);

    /** Sequences, about one in five of them with changed operations. */
    static final Gen<List<Op>> CASES =
            c -> {
                List<Op> ops = SEQUENCE.draw(c);
                int changes = c.weighted(new int[] {6, 2, 2}); // none, one, two
                List<Op> out = new ArrayList<>(ops);
                for (int i = 0; i < changes; i++) change(out, c);
                return out;
            };

    /** Case {@code index} of {@code seed}, as the search draws it. */
    static List<Op> draw(long seed, long index) {
        return CASES.draw(Choices.random(Search.caseSeed(seed, index)));
    }

    /**
     * Cases strung together: the n-th (from 0) has its objects and descriptor suffixed with n;
     * processes are created once.
     */
    private static List<Op> oneWorld(List<List<Op>> cases) {
        List<Op> out = new ArrayList<>();
        Set<String> processes = new HashSet<>();
        for (int n = 0; n < cases.size(); n++) {
            String suffix = n == 0 ? "" : Integer.toString(n);
            for (Op op : cases.get(n)) {
                if (op instanceof Setup.CreateProcess p && !processes.add(p.name())) continue;
                out.add(n == 0 ? op : rename(op, o -> o + suffix, d -> d + suffix, p -> p));
            }
        }
        return out;
    }

    // ---- changes ----

    private static final String MISSING = "nowhere";
    private static final long[] ODD_NUMBERS = {
        0,
        1,
        -1,
        12,
        63,
        64,
        4095,
        4096,
        4097,
        8191,
        8192,
        20_480,
        1L << 31,
        -(1L << 31),
        Long.MAX_VALUE
    };

    private static void change(List<Op> ops, Choices c) {
        int kind = (int) c.below(11);
        // the calls' own changes go to a call (most sequences have one to three among several
        // set-ups)
        List<Integer> calls = new ArrayList<>();
        for (int k = 0; k < ops.size(); k++) if (ops.get(k) instanceof Call) calls.add(k);
        int i =
                kind >= 7 && !calls.isEmpty()
                        ? calls.get((int) c.below(calls.size()))
                        : (int) c.below(ops.size());
        Op op = ops.get(i);
        switch (kind) {
            case 0 -> {
                // one number, in or out of range: a call's anywhere, a set-up's near where it was
                // (a page count
                // of thousands would only make the worlds large)
                long[] n = OpNumbers.of(op);
                if (n.length == 0) return;
                int j = (int) c.below(n.length);
                n[j] =
                        op instanceof Setup || c.below(3) == 0
                                ? n[j] + c.below(9) - 4
                                : ODD_NUMBERS[(int) c.below(ODD_NUMBERS.length)];
                try {
                    ops.set(i, OpNumbers.with(op, n));
                } catch (IllegalArgumentException notAnOp) {
                    // e.g. a page count of 0: the operation language itself refuses it
                }
            }
            case 1 -> {
                // addresses at a special place (a source too: outside the caller's obligations)
                Addr.Place place = Addr.Place.values()[(int) c.below(Addr.Place.values().length)];
                ops.set(
                        i,
                        OpAddresses.map(
                                op,
                                a ->
                                        c.below(2) == 0
                                                ? a
                                                : new Addr.Special(
                                                        place, c.below(2) == 0 ? 0 : 4096)));
            }
            case 2 -> {
                // addresses in another object of the sequence (a source in user memory, a
                // destination the descriptor
                // does not describe, a source that is the destination: overlapping buffers)
                List<String> objects = new ArrayList<>();
                for (Op o : ops)
                    if (OpRefs.creates(o) instanceof OpRefs.Name n
                            && n.space() == OpRefs.Space.OBJECT) objects.add(n.name());
                if (objects.isEmpty()) return;
                ops.set(
                        i,
                        OpAddresses.map(
                                op,
                                a ->
                                        a instanceof Addr.In in && c.below(2) == 0
                                                ? new Addr.In(
                                                        objects.get((int) c.below(objects.size())),
                                                        c.below(2) == 0 ? in.offset() : 0,
                                                        in.adiVersion())
                                                : a));
            }
            case 3 ->
                    ops.set(
                            i,
                            rename(
                                    op,
                                    o -> MISSING,
                                    d -> d,
                                    p -> p)); // an object that does not exist
            case 4 ->
                    ops.set(
                            i,
                            rename(
                                    op,
                                    o -> o,
                                    d -> d,
                                    p -> "ghost")); // a process that does not exist
            case 5 ->
                    ops.set(
                            i,
                            rename(
                                    op, o -> o, d -> "d9",
                                    p -> p)); // a descriptor never attached (valid: XMEM_INVAL)
            case 6 -> {
                // a creation dropped, or made twice
                if (OpRefs.creates(op) == null || op instanceof Call) return;
                if (c.below(2) == 0) ops.remove(i);
                else ops.add(i, op);
            }
            case 7 -> {
                // a call from another context (a process the sequence may not create among them)
                Context[] contexts = {
                    Context.interrupt(),
                    Context.kernelProcess(),
                    Context.process("p"),
                    Context.process("q")
                };
                Context to = contexts[(int) c.below(contexts.length)];
                ops.set(
                        i,
                        rename(op, o -> o, d -> d, p -> p) instanceof Call call
                                ? withContext(call, to)
                                : op);
            }
            case 8 -> {
                // another command, flag or segment flag
                ops.set(
                        i,
                        switch (op) {
                            case Call.XxIoctl x ->
                                    new Call.XxIoctl(
                                            x.context(),
                                            x.regs(),
                                            x.cmd() == Call.XX_GETREGS ? 7 : Call.XX_GETREGS,
                                            x.arg());
                            case Call.DdiCopyout d ->
                                    new Call.DdiCopyout(
                                            d.context(),
                                            d.driverbuf(),
                                            d.buf(),
                                            d.cn(),
                                            d.flags() == 0 ? Call.FKIOCTL : 0);
                            case Call.Xmattach x ->
                                    new Call.Xmattach(
                                            x.context(),
                                            x.addr(),
                                            x.count(),
                                            x.dp(),
                                            (int) c.below(4));
                            case Call.VmMvc v ->
                                    new Call.VmMvc(
                                            v.context(),
                                            v.sid(),
                                            v.pno(),
                                            v.pgoffs(),
                                            v.count(),
                                            (int) c.below(6),
                                            v.dp(),
                                            v.ptr());
                            default -> op;
                        });
            }
            case 9 -> {
                // the source on the destination, or the other way round: overlapping buffers (or a
                // source that is not kernel
                // memory, a destination outside the space the descriptor describes)
                ops.set(
                        i,
                        switch (op) {
                            case Call.Xmemout x
                                    when x.uaddr() instanceof Addr.In u
                                            && x.kaddr() instanceof Addr.In k ->
                                    c.below(2) == 0
                                            ? new Call.Xmemout(
                                                    x.context(),
                                                    near(u, c),
                                                    x.uaddr(),
                                                    x.count(),
                                                    x.dp())
                                            : new Call.Xmemout(
                                                    x.context(),
                                                    x.kaddr(),
                                                    near(k, c),
                                                    x.count(),
                                                    x.dp()); // or the destination on the source
                            case Call.DdiCopyout d when d.buf() instanceof Addr.In u ->
                                    new Call.DdiCopyout(
                                            d.context(), near(u, c), d.buf(), d.cn(), d.flags());
                            case Call.Copyout x when x.userbuf() instanceof Addr.In u ->
                                    new Call.Copyout(x.context(), near(u, c), x.userbuf(), x.cn());
                            default -> op;
                        });
            }
            default -> {
                // vm_mvc's file segment named by a region
                if (op instanceof Call.VmMvc v)
                    ops.set(
                            i,
                            new Call.VmMvc(
                                    v.context(),
                                    v.ptr() instanceof Addr.In in ? in.object() : MISSING,
                                    v.pno(),
                                    v.pgoffs(),
                                    v.count(),
                                    v.cmd(),
                                    v.dp(),
                                    v.ptr()));
            }
        }
    }

    /** An address in the same object as {@code a}, at its offset or a little after. */
    private static Addr near(Addr.In a, Choices c) {
        return new Addr.In(a.object(), a.offset() + c.below(3) * 8, -1);
    }

    private static Call withContext(Call call, Context to) {
        return switch (call) {
            case Call.Xmattach x -> new Call.Xmattach(to, x.addr(), x.count(), x.dp(), x.segflag());
            case Call.Xmdetach x -> new Call.Xmdetach(to, x.dp());
            case Call.Xmemout x -> new Call.Xmemout(to, x.kaddr(), x.uaddr(), x.count(), x.dp());
            case Call.VmMvc v ->
                    new Call.VmMvc(
                            to, v.sid(), v.pno(), v.pgoffs(), v.count(), v.cmd(), v.dp(), v.ptr());
            case Call.Copyout x -> new Call.Copyout(to, x.driverbuf(), x.userbuf(), x.cn());
            case Call.DdiCopyout x ->
                    new Call.DdiCopyout(to, x.driverbuf(), x.buf(), x.cn(), x.flags());
            case Call.XxIoctl x -> new Call.XxIoctl(to, x.regs(), x.cmd(), x.arg());
        };
    }

    /**
     * {@code op} with each object, descriptor and process name it uses or creates passed through
     * the functions.
     */
    static Op rename(
            Op op,
            UnaryOperator<String> object,
            UnaryOperator<String> descriptor,
            UnaryOperator<String> process) {
        UnaryOperator<String> space = s -> s.equals(xmemck.ops.Names.KERNEL) ? s : process.apply(s);
        UnaryOperator<Addr> addr =
                a ->
                        a instanceof Addr.In in
                                ? new Addr.In(
                                        object.apply(in.object()), in.offset(), in.adiVersion())
                                : a;
        UnaryOperator<Context> ctx =
                x ->
                        x instanceof Context.Process p
                                ? Context.process(process.apply(p.process()))
                                : x;
        return switch (op) {
            case Setup.CreateProcess p -> new Setup.CreateProcess(process.apply(p.name()));
            case Setup.MapRegion r ->
                    new Setup.MapRegion(
                            object.apply(r.name()),
                            space.apply(r.space()),
                            r.pages(),
                            r.prot(),
                            r.seed());
            case Setup.MapRegionBelowUserBlock r ->
                    new Setup.MapRegionBelowUserBlock(
                            object.apply(r.name()),
                            process.apply(r.process()),
                            r.pages(),
                            r.prot(),
                            r.seed());
            case Setup.MapRegionAcrossSegments r ->
                    new Setup.MapRegionAcrossSegments(
                            object.apply(r.name()),
                            space.apply(r.space()),
                            r.pages(),
                            r.prot(),
                            r.seed(),
                            r.boundaryPage());
            case Setup.CreateFileSegment f ->
                    new Setup.CreateFileSegment(object.apply(f.sid()), f.pages(), f.seed());
            case Setup.SetFrame f ->
                    new Setup.SetFrame(object.apply(f.sid()), f.pno(), f.hasFrame());
            case Setup.Protect p ->
                    new Setup.Protect(object.apply(p.object()), p.firstPage(), p.pages(), p.prot());
            case Setup.Unmap u ->
                    new Setup.Unmap(object.apply(u.object()), u.firstPage(), u.pages());
            case Setup.SetPageState s ->
                    new Setup.SetPageState(
                            object.apply(s.object()), s.firstPage(), s.pages(), s.state());
            case Setup.DamageLines d ->
                    new Setup.DamageLines(object.apply(d.object()), d.firstLine(), d.lines());
            case Setup.Pin p -> new Setup.Pin(object.apply(p.object()), p.firstPage(), p.pages());
            case Setup.SetAdiVersion a ->
                    new Setup.SetAdiVersion(
                            object.apply(a.object()), a.firstLine(), a.lines(), a.version());
            case Setup.DeleteSegment d -> new Setup.DeleteSegment(object.apply(d.object()));
            case Call.Xmattach x ->
                    new Call.Xmattach(
                            ctx.apply(x.context()),
                            addr.apply(x.addr()),
                            x.count(),
                            descriptor.apply(x.dp()),
                            x.segflag());
            case Call.Xmdetach x ->
                    new Call.Xmdetach(ctx.apply(x.context()), descriptor.apply(x.dp()));
            case Call.Xmemout x ->
                    new Call.Xmemout(
                            ctx.apply(x.context()),
                            addr.apply(x.kaddr()),
                            addr.apply(x.uaddr()),
                            x.count(),
                            descriptor.apply(x.dp()));
            case Call.VmMvc v ->
                    new Call.VmMvc(
                            ctx.apply(v.context()),
                            object.apply(v.sid()),
                            v.pno(),
                            v.pgoffs(),
                            v.count(),
                            v.cmd(),
                            descriptor.apply(v.dp()),
                            addr.apply(v.ptr()));
            case Call.Copyout x ->
                    new Call.Copyout(
                            ctx.apply(x.context()),
                            addr.apply(x.driverbuf()),
                            addr.apply(x.userbuf()),
                            x.cn());
            case Call.DdiCopyout x ->
                    new Call.DdiCopyout(
                            ctx.apply(x.context()),
                            addr.apply(x.driverbuf()),
                            addr.apply(x.buf()),
                            x.cn(),
                            x.flags());
            case Call.XxIoctl x ->
                    new Call.XxIoctl(
                            ctx.apply(x.context()),
                            addr.apply(x.regs()),
                            x.cmd(),
                            addr.apply(x.arg()));
            case xmemck.ops.Observe.Bytes b ->
                    new xmemck.ops.Observe.Bytes(object.apply(b.object()), b.from(), b.length());
            case xmemck.ops.Observe.Digest d ->
                    new xmemck.ops.Observe.Digest(object.apply(d.object()), d.from(), d.length());
            case xmemck.ops.Observe.Protection p ->
                    new xmemck.ops.Observe.Protection(object.apply(p.object()), p.page());
        };
    }
}
