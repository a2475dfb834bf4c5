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
            if (r.nextInt(3) == 0) ops.add(setup());
            else ops.add(call());
        }
    }

    private void region(String name, String space) {
        int pages = space.equals("kernel") ? 5 + r.nextInt(2) : 1 + r.nextInt(4);   // kernel sources large enough for any copy
        objects.add(new Obj(name, space, pages));
        Prot prot = r.nextInt(10) == 0 ? Prot.READ : Prot.READ_WRITE;
        ops.add(new Setup.MapRegion(name, space, pages, prot, r.nextLong()));
        if (!space.equals("kernel") && pages > 1 && r.nextInt(3) > 0) {
            // A bad page after a good one, so that copies fail part-way.
            int page = 1 + r.nextInt(pages - 1);
            ops.add(switch (r.nextInt(5)) {
                case 0 -> new Setup.Protect(name, page, 1, r.nextBoolean() ? Prot.READ : Prot.NONE);
                case 1 -> new Setup.Unmap(name, page, 1);
                case 2 -> new Setup.SetPageState(name, page, 1, PageState.values()[1 + r.nextInt(3)]);
                case 3 -> new Setup.SetAdiVersion(name, (long) page * 64 - r.nextInt(3), 1 + r.nextInt(4), 1 + r.nextInt(15));
                default -> new Setup.SetPageState(name, page, 1, PageState.PAGED_OUT);
            });
        }
    }

    private Setup setup() {
        Obj o = r.nextInt(6) == 0 ? pick(objects) : userObject();   // kernel sources are damaged only now and then
        int first = r.nextInt(o.pages + (r.nextInt(10) == 0 ? 2 : 0));   // sometimes beyond the object: ill-formed
        int count = 1 + r.nextInt(2);
        return switch (r.nextInt(9)) {
            case 0 -> new Setup.Protect(o.name, first, count, Prot.values()[r.nextInt(3)]);
            case 1 -> new Setup.Unmap(o.name, first, count);
            case 2 -> new Setup.SetPageState(o.name, first, count, PageState.values()[r.nextInt(4)]);
            case 3 -> new Setup.Pin(o.name, first, count);
            case 4 -> new Setup.SetAdiVersion(o.name, r.nextInt(o.pages * 64), 1 + r.nextInt(8), r.nextInt(16));
            case 5 -> r.nextInt(4) == 0 ? new Setup.DeleteSegment(o.name) : new Setup.Protect(o.name, first, count, Prot.READ);
            case 6 -> files.isEmpty() ? new Setup.Pin(o.name, first, count) : new Setup.SetFrame("f0", r.nextInt(files.get(0).pages), r.nextBoolean());
            case 7 -> new Setup.SetPageState(o.name, first, count, PageState.RESIDENT);
            default -> new Setup.Protect(r.nextInt(20) == 0 ? "nowhere" : o.name, first, count, Prot.READ_WRITE);
        };
    }

    /** What the generator believes a descriptor describes (it may be wrong when an attach failed: that is fine). */
    private final java.util.Map<String, long[]> attached = new java.util.HashMap<>();
    private final java.util.Map<String, Obj> attachedObj = new java.util.HashMap<>();

    private Call call() {
        boolean wild = r.nextInt(5) == 0;   // one call in five is unconstrained
        return switch (r.nextInt(8)) {
            case 0 -> {
                Obj o = pick(objects);
                String d = desc();
                long off = nearBoundary(o);
                long n = Math.min(count(), (long) o.pages * PAGE - off);
                Context ctx = wild ? context() : o.space.equals("kernel") ? Context.kernelProcess() : Context.process(o.space);
                int flag = wild ? r.nextInt(3) : o.space.equals("kernel") ? Call.SYS_ADSPACE : Call.USER_ADSPACE;
                if (n > 0) { attached.put(d, new long[] {off, n}); attachedObj.put(d, o); }
                yield new Call.Xmattach(ctx, new Addr.In(o.name, off), wild ? count() : n, d, flag);
            }
            case 1 -> {
                if (r.nextBoolean()) yield call();   // detach less often than the rest
                yield new Call.Xmdetach(wild ? context() : Context.process(processes.get(0)), r.nextInt(3) == 0 ? "d9" : desc());
            }
            case 2, 3 -> {
                String d = attached.isEmpty() || wild ? desc() : pick(new ArrayList<>(attached.keySet()));
                long[] range = attached.get(d);
                Obj o = attachedObj.get(d);
                if (wild) yield new Call.Xmemout(context(), addr(), addr(), count(), d);
                if (range == null) { long n = count(); yield new Call.Xmemout(context(), kernelAddr(n), addr(), n, d); }
                long off = r.nextBoolean() ? range[0] : range[0] + r.nextInt((int) range[1]);
                long n = r.nextBoolean() ? range[0] + range[1] - off : 1 + r.nextInt((int) (range[0] + range[1] - off));
                yield new Call.Xmemout(context(), kernelAddr(n), new Addr.In(o.name, off), r.nextInt(10) == 0 ? 0 : n, d);
            }
            case 4 -> {
                int cmd = r.nextInt(8) == 0 ? r.nextInt(7) : 1 + r.nextInt(4);
                long pgoffs = r.nextInt(4) == 0 ? r.nextInt(PAGE + 2) : r.nextInt(64);
                long n = r.nextInt(4) == 0 ? count() : 1 + r.nextInt(PAGE - (int) Math.min(pgoffs, PAGE - 1)) + (r.nextInt(6) == 0 ? 8 : 0);
                String d = attached.isEmpty() ? desc() : pick(new ArrayList<>(attached.keySet()));
                long[] range = attached.get(d);
                Addr ptr = range == null || wild ? addr() : new Addr.In(attachedObj.get(d).name, range[0]);
                String sid = files.isEmpty() || r.nextInt(15) == 0 ? pick(objects).name : "f0";
                long pno = r.nextInt(files.isEmpty() ? 2 : files.get(0).pages + 1) - (r.nextInt(12) == 0 ? 1 : 0);
                if (range != null && !wild) {
                    n = Math.min(n, range[1]);
                    if (!attachedObj.get(d).name.isEmpty() && r.nextInt(3) > 0) ops.add(new Setup.Pin(attachedObj.get(d).name, (int) (range[0] / PAGE), (int) ((range[0] + n - 1) / PAGE - range[0] / PAGE + 1)));
                }
                yield new Call.VmMvc(wild ? context() : Context.process(processes.get(0)), sid, pno, pgoffs, n, cmd, d, ptr);
            }
            case 5 -> {
                Obj u = userObject();
                long n = count();
                Addr to = wild ? addr() : new Addr.In(u.name, nearBoundary(u), r.nextInt(6) == 0 ? r.nextInt(16) : -1);
                if (to instanceof Addr.In in && !wild) n = r.nextBoolean() ? (long) u.pages * PAGE - in.offset() : Math.min(n, (long) u.pages * PAGE - in.offset());
                Context ctx = wild ? context() : Context.process(u.space);
                yield r.nextInt(3) > 0 ? new Call.Copyout(ctx, kernelAddr(n), to, n)
                        : new Call.XxIoctl(ctx, kernelAddr(12), r.nextInt(6) == 0 ? 7 : Call.XX_GETREGS, to);
            }
            case 6 -> { long n = count(); yield new Call.Copyout(context(), wild ? addr() : kernelAddr(n), addr(), n); }
            default -> {
                boolean k = r.nextBoolean();
                Obj u = k ? kernelObject() : userObject();
                long off = r.nextInt(u.pages * PAGE);
                long n = Math.min(count(), (long) u.pages * PAGE - off);
                Context ctx = wild ? context() : k ? Context.kernelProcess() : u.space.equals("kernel") ? Context.process(processes.get(0)) : Context.process(u.space);
                yield new Call.DdiCopyout(ctx, kernelAddr(n), new Addr.In(u.name, off), n, k ? Call.FKIOCTL : 0);
            }
        };
    }

    /** An offset in {@code o}, often just before a page boundary, so that copies cross pages. */
    private long nearBoundary(Obj o) {
        if (o.pages > 1 && r.nextBoolean()) return (long) (1 + r.nextInt(o.pages - 1)) * PAGE - 1 - r.nextInt(64);
        return r.nextInt(o.pages * PAGE);
    }

    private Obj userObject() {
        List<Obj> users = objects.stream().filter(o -> !o.space.equals("kernel")).toList();
        return users.isEmpty() ? pick(objects) : pick(users);
    }

    private Obj kernelObject() {
        return objects.stream().filter(o -> o.space.equals("kernel")).findFirst().orElseThrow();
    }

    /** A kernel source of {@code n} bytes, nearly always inside a kernel region. */
    private Addr kernelAddr(long n) {
        if (r.nextInt(15) == 0) return addr();
        Obj k = pick(objects.stream().filter(o -> o.space.equals("kernel")).toList());
        long size = (long) k.pages * PAGE;
        long room = Math.max(1, size - Math.max(n, 0));
        return new Addr.In(k.name, r.nextInt((int) Math.min(room, Integer.MAX_VALUE)));
    }

    private Context context() {
        return switch (r.nextInt(6)) {
            case 0 -> Context.interrupt();
            case 1 -> Context.kernelProcess();
            case 2 -> Context.process(r.nextInt(20) == 0 ? "ghost" : pick(processes));
            default -> Context.process(processes.get(0));
        };
    }

    /** Any address: sometimes special, sometimes reaching a guard page, rarely naming no object. */
    private Addr addr() {
        if (r.nextInt(12) == 0) return Addr.special(Addr.Place.values()[r.nextInt(4)]);
        Obj o = pick(objects);
        long size = (long) o.pages * PAGE;
        long off = switch (r.nextInt(5)) {
            case 0 -> 0;
            case 1 -> r.nextInt((int) size);
            case 2 -> (long) r.nextInt(o.pages) * PAGE - r.nextInt(64);
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
