package xmemck.fuzz;

import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Setup;

/**
 * The numbers of an operation that simplification may lower (counts, offsets, page numbers and page
 * counts), as an array, and the operation rebuilt with other numbers. Seeds, commands, flags and
 * ADI versions are not among them: changing those changes what the case is about, not how big it
 * is.
 */
final class OpNumbers {
    private OpNumbers() {}

    static long[] of(Op op) {
        return switch (op) {
            case Setup.CreateProcess p -> new long[0];
            case Setup.MapRegion r -> new long[] {r.pages()};
            case Setup.MapRegionBelowUserBlock r -> new long[] {r.pages()};
            case Setup.MapRegionAcrossSegments r -> new long[] {r.pages(), r.boundaryPage()};
            case Setup.DamageLines d -> new long[] {d.firstLine(), d.lines()};
            case Setup.CreateFileSegment f -> new long[] {f.pages()};
            case Setup.SetFrame f -> new long[] {f.pno()};
            case Setup.Protect p -> new long[] {p.firstPage(), p.pages()};
            case Setup.Unmap u -> new long[] {u.firstPage(), u.pages()};
            case Setup.SetPageState s -> new long[] {s.firstPage(), s.pages()};
            case Setup.Pin p -> new long[] {p.firstPage(), p.pages()};
            case Setup.SetAdiVersion a -> new long[] {a.firstLine(), a.lines()};
            case Setup.DeleteSegment d -> new long[0];
            case Call.Xmattach x -> new long[] {offset(x.addr()), x.count()};
            case Call.Xmdetach x -> new long[0];
            case Call.Xmemout x -> new long[] {offset(x.kaddr()), offset(x.uaddr()), x.count()};
            case Call.VmMvc v -> new long[] {v.pno(), v.pgoffs(), v.count(), offset(v.ptr())};
            case Call.Copyout x -> new long[] {offset(x.driverbuf()), offset(x.userbuf()), x.cn()};
            case Call.DdiCopyout x -> new long[] {offset(x.driverbuf()), offset(x.buf()), x.cn()};
            case Call.XxIoctl x -> new long[] {offset(x.regs()), offset(x.arg())};
            case Observe.Bytes b -> new long[] {b.from(), b.length()};
            case Observe.Digest d -> new long[0];
            case Observe.Protection p -> new long[] {p.page()};
        };
    }

    /**
     * {@code op} with numbers {@code n} (as {@link #of} lists them); throws
     * IllegalArgumentException when they do not fit.
     */
    static Op with(Op op, long[] n) {
        return switch (op) {
            case Setup.CreateProcess p -> p;
            case Setup.MapRegion r ->
                    new Setup.MapRegion(r.name(), r.space(), toInt(n[0]), r.prot(), r.seed());
            case Setup.MapRegionBelowUserBlock r ->
                    new Setup.MapRegionBelowUserBlock(
                            r.name(), r.process(), toInt(n[0]), r.prot(), r.seed());
            case Setup.MapRegionAcrossSegments r ->
                    new Setup.MapRegionAcrossSegments(
                            r.name(), r.space(), toInt(n[0]), r.prot(), r.seed(), toInt(n[1]));
            case Setup.DamageLines d -> new Setup.DamageLines(d.object(), n[0], n[1]);
            case Setup.CreateFileSegment f ->
                    new Setup.CreateFileSegment(f.sid(), toInt(n[0]), f.seed());
            case Setup.SetFrame f -> new Setup.SetFrame(f.sid(), n[0], f.hasFrame());
            case Setup.Protect p ->
                    new Setup.Protect(p.object(), toInt(n[0]), toInt(n[1]), p.prot());
            case Setup.Unmap u -> new Setup.Unmap(u.object(), toInt(n[0]), toInt(n[1]));
            case Setup.SetPageState s ->
                    new Setup.SetPageState(s.object(), toInt(n[0]), toInt(n[1]), s.state());
            case Setup.Pin p -> new Setup.Pin(p.object(), toInt(n[0]), toInt(n[1]));
            case Setup.SetAdiVersion a ->
                    new Setup.SetAdiVersion(a.object(), n[0], n[1], a.version());
            case Setup.DeleteSegment d -> d;
            case Call.Xmattach x ->
                    new Call.Xmattach(x.context(), at(x.addr(), n[0]), n[1], x.dp(), x.segflag());
            case Call.Xmdetach x -> x;
            case Call.Xmemout x ->
                    new Call.Xmemout(
                            x.context(), at(x.kaddr(), n[0]), at(x.uaddr(), n[1]), n[2], x.dp());
            case Call.VmMvc v ->
                    new Call.VmMvc(
                            v.context(),
                            v.sid(),
                            n[0],
                            n[1],
                            n[2],
                            v.cmd(),
                            v.dp(),
                            at(v.ptr(), n[3]));
            case Call.Copyout x ->
                    new Call.Copyout(
                            x.context(), at(x.driverbuf(), n[0]), at(x.userbuf(), n[1]), n[2]);
            case Call.DdiCopyout x ->
                    new Call.DdiCopyout(
                            x.context(),
                            at(x.driverbuf(), n[0]),
                            at(x.buf(), n[1]),
                            n[2],
                            x.flags());
            case Call.XxIoctl x ->
                    new Call.XxIoctl(x.context(), at(x.regs(), n[0]), x.cmd(), at(x.arg(), n[1]));
            case Observe.Bytes b -> new Observe.Bytes(b.object(), n[0], n[1]);
            case Observe.Digest d -> d;
            case Observe.Protection p -> new Observe.Protection(p.object(), n[0]);
        };
    }

    private static long offset(Addr a) {
        return switch (a) {
            case Addr.In in -> in.offset();
            case Addr.Special s -> s.offset();
        };
    }

    private static Addr at(Addr a, long offset) {
        return switch (a) {
            case Addr.In in -> new Addr.In(in.object(), offset, in.adiVersion());
            case Addr.Special s -> new Addr.Special(s.place(), offset);
        };
    }

    private static int toInt(long v) {
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE)
            throw new IllegalArgumentException("out of int range: " + v);
        return (int) v;
    }
}
