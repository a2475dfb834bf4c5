package xmemck.oracle;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Op;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Setup;

/**
 * Seeded random worlds and call sequences (plain {@link Random}): a few processes, kernel and user regions,
 * a file segment, random page conditions, then calls of every service from every context with offsets
 * that sometimes leave their object and names that sometimes do not exist.
 */
final class RandomCases {
    private static final int PAGE = 4096;

    /** An object the generator created, to pick addresses in. */
    record Obj(String name, String space, int pages) {}

    private final Random r;
    final List<Op> ops = new ArrayList<>();
    final List<Obj> objects = new ArrayList<>();
    final List<String> processes = new ArrayList<>();
    final List<Obj> files = new ArrayList<>();

    private RandomCases(long seed) { this.r = new Random(seed); }

    static List<Op> generate(long seed) {
        RandomCases g = new RandomCases(seed);
        g.build();
        return g.ops;
    }

    private void build() {
        int np = 1 + r.nextInt(2);
        for (int i = 0; i < np; i++) { processes.add("p" + i); ops.add(new Setup.CreateProcess("p" + i)); }
        for (int i = 0; i < 1 + r.nextInt(2); i++) region("k" + i, "kernel");
        for (int i = 0; i < 1 + r.nextInt(3); i++) region("u" + i, pick(processes));
        if (r.nextBoolean()) {
            int pages = 1 + r.nextInt(3);
            files.add(new Obj("f0", "kernel", pages));
            ops.add(new Setup.CreateFileSegment("f0", pages, r.nextLong()));
        }
        int steps = 6 + r.nextInt(14);
        for (int i = 0; i < steps; i++) {
            if (r.nextInt(4) == 0) ops.add(setup());
            else ops.add(call());
        }
    }

    private void region(String name, String space) {
        int pages = 1 + r.nextInt(4);
        objects.add(new Obj(name, space, pages));
        Prot prot = r.nextInt(5) == 0 ? Prot.READ : Prot.READ_WRITE;
        ops.add(new Setup.MapRegion(name, space, pages, prot, r.nextLong()));
    }

    private Setup setup() {
        Obj o = pick(objects);
        int first = r.nextInt(o.pages + (r.nextInt(10) == 0 ? 2 : 0));   // sometimes beyond the object: ill-formed
        int count = 1 + r.nextInt(2);
        return switch (r.nextInt(9)) {
            case 0 -> new Setup.Protect(o.name, first, count, Prot.values()[r.nextInt(3)]);
            case 1 -> new Setup.Unmap(o.name, first, count);
            case 2 -> new Setup.SetPageState(o.name, first, count, PageState.values()[r.nextInt(4)]);
            case 3 -> new Setup.Pin(o.name, first, count);
            case 4 -> new Setup.SetAdiVersion(o.name, r.nextInt(o.pages * 64), 1 + r.nextInt(8), r.nextInt(16));
            case 5 -> r.nextInt(4) == 0 ? new Setup.DeleteSegment(o.name) : new Setup.Protect(o.name, first, count, Prot.READ_WRITE);
            case 6 -> files.isEmpty() ? new Setup.Pin(o.name, first, count) : new Setup.SetFrame("f0", r.nextInt(files.get(0).pages), r.nextBoolean());
            case 7 -> new Setup.SetPageState(o.name, first, count, PageState.RESIDENT);
            default -> new Setup.Protect(r.nextInt(20) == 0 ? "nowhere" : o.name, first, count, Prot.READ_WRITE);
        };
    }

    private Call call() {
        Context ctx = context();
        return switch (r.nextInt(7)) {
            case 0 -> new Call.Xmattach(ctx, addr(), count(), desc(), r.nextInt(8) == 0 ? 5 : r.nextInt(3));
            case 1 -> new Call.Xmdetach(ctx, desc());
            case 2, 3 -> new Call.Xmemout(ctx, addr(), addr(), count(), desc());
            case 4 -> new Call.VmMvc(ctx, files.isEmpty() || r.nextInt(15) == 0 ? pick(objects).name : "f0", r.nextInt(4) - (r.nextInt(8) == 0 ? 1 : 0),
                    r.nextInt(3) == 0 ? r.nextInt(PAGE + 2) : r.nextInt(64), count(), r.nextInt(6), desc(), addr());
            case 5 -> r.nextBoolean() ? new Call.Copyout(ctx, addr(), addr(), count())
                    : new Call.XxIoctl(ctx, addr(), r.nextInt(6) == 0 ? 7 : Call.XX_GETREGS, addr());
            default -> new Call.DdiCopyout(ctx, addr(), addr(), count(), r.nextBoolean() ? Call.FKIOCTL : 0);
        };
    }

    private Context context() {
        return switch (r.nextInt(6)) {
            case 0 -> Context.interrupt();
            case 1 -> Context.kernelProcess();
            case 2 -> Context.process(r.nextInt(20) == 0 ? "ghost" : pick(processes));
            default -> Context.process(processes.get(0));
        };
    }

    private Addr addr() {
        if (r.nextInt(12) == 0) return Addr.special(Addr.Place.values()[r.nextInt(4)]);
        Obj o = pick(objects);
        long size = (long) o.pages * PAGE;
        long off = switch (r.nextInt(5)) {
            case 0 -> 0;
            case 1 -> r.nextInt((int) size);
            case 2 -> (long) r.nextInt(o.pages) * PAGE - r.nextInt(64);   // around a page boundary, sometimes in the guard
            case 3 -> size - r.nextInt(200);
            default -> r.nextInt(256);
        };
        return new Addr.In(r.nextInt(40) == 0 ? "missing" : o.name, off, r.nextInt(6) == 0 ? r.nextInt(16) : -1);
    }

    private long count() {
        return switch (r.nextInt(8)) {
            case 0 -> 0;
            case 1 -> -1 - r.nextInt(3);
            case 2 -> PAGE + r.nextInt(3 * PAGE);
            case 3 -> 12;
            default -> 1 + r.nextInt(300);
        };
    }

    private String desc() { return "d" + r.nextInt(3); }

    private <T> T pick(List<T> list) { return list.get(r.nextInt(list.size())); }
}
