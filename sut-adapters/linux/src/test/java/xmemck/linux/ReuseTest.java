package xmemck.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.spi.SutFailure;
import xmemck.spi.SutOptions;

/**
 * A region or file segment taken over from an earlier world is indistinguishable from a new one:
 * the same worlds, run on an adapter that builds every world from scratch ({@code reuse=false}) and
 * on one that reuses, answer every operation alike, down to every byte (guard pages included) and
 * every page's protection. The worlds are random but fixed (a seeded generator): objects of one to
 * five pages in the kernel and in one or two processes, written by calls, protected, unmapped,
 * paged out, given paging I/O errors, pinned, deleted, their frames taken away.
 */
class ReuseTest {
    private static final int PAGE = 4096;
    private static final Context P = Context.process("p");
    private static final Context KPROC = Context.kernelProcess();

    @Test
    void worldsAnswerAlikeWithAndWithoutReuse() throws Exception {
        Random random = new Random(20261205);
        try (LinuxSut fresh = open(false);
                LinuxSut reusing = open(true)) {
            for (int w = 0; w < 400; w++) {
                List<Op> ops = world(random);
                List<String> a = run(fresh, ops), b = run(reusing, ops);
                for (int i = 0; i < ops.size(); i++) {
                    int k = i;
                    assertEquals(
                            a.get(i),
                            b.get(i),
                            () ->
                                    "world "
                                            + k
                                            + " differs at "
                                            + ops.get(k).describe()
                                            + "\nthe world:\n"
                                            + describe(ops));
                }
                checkLayout(reusing);
            }
            assertTrue(
                    reusing.world().reused() > 300,
                    "the reusing adapter reused only " + reusing.world().reused() + " objects");
            assertEquals(0, fresh.world().reused());
        }
    }

    /**
     * A world after a dirty one answers as it does on an adapter just opened (new helpers, nothing
     * kept): world A protects, unmaps, pages out, pins, deletes and writes; world B names objects
     * of the same sizes in the same address spaces, so that it takes A's over, writes into them
     * with copyout and xmemout (which meet the kit's and the helper's protections and holes) and
     * looks at every byte, digest and protection.
     */
    @Test
    void aWorldAfterADirtyOneAnswersAsOnAFreshAdapter() throws Exception {
        Random random = new Random(20261206);
        try (LinuxSut reusing = open(true)) {
            for (int pair = 0; pair < 8; pair++) {
                List<Op> a = dirtyWorld(random);
                List<Op> b = followingWorld(a, random);
                run(reusing, a);
                long reusedBefore = reusing.world().reused();
                List<String> afterA = run(reusing, b);
                assertTrue(
                        reusing.world().reused() > reusedBefore,
                        "world B took nothing over from world A");
                List<String> alone;
                try (LinuxSut fresh = open(true)) {
                    alone = run(fresh, b);
                }
                for (int i = 0; i < b.size(); i++) {
                    int k = i;
                    assertEquals(
                            alone.get(i),
                            afterA.get(i),
                            () ->
                                    "world B differs at "
                                            + b.get(k).describe()
                                            + "\nworld A:\n"
                                            + describe(a)
                                            + "world B:\n"
                                            + describe(b));
                }
                checkLayout(reusing);
            }
        }
    }

    /**
     * A random world with at least three changes of its objects (protection, holes, page states,
     * pins, deletion, frames).
     */
    private static List<Op> dirtyWorld(Random random) {
        while (true) {
            List<Op> ops = world(random);
            long changes =
                    ops.stream()
                            .filter(
                                    op ->
                                            op instanceof Setup
                                                    && !(op instanceof Setup.CreateProcess
                                                            || op instanceof Setup.MapRegion
                                                            || op
                                                                    instanceof
                                                                    Setup.CreateFileSegment))
                            .count();
            if (changes >= 3) return ops;
        }
    }

    /**
     * The objects of {@code a} (same names, sizes and spaces; other patterns and protections), a
     * copyout from the kernel region into every other region, an xmemout of the whole of {@code u},
     * and every observation.
     */
    private static List<Op> followingWorld(List<Op> a, Random r) {
        List<Op> ops = new ArrayList<>();
        List<Obj> all = new ArrayList<>();
        for (Op op : a) {
            switch (op) {
                case Setup.CreateProcess p -> ops.add(p);
                case Setup.MapRegion m -> {
                    ops.add(
                            new Setup.MapRegion(
                                    m.name(), m.space(), m.pages(), prot(r, 3), seed(r)));
                    all.add(new Obj(m.name(), m.space(), m.pages()));
                }
                case Setup.CreateFileSegment f -> {
                    ops.add(new Setup.CreateFileSegment(f.sid(), f.pages(), seed(r)));
                    all.add(new Obj(f.sid(), "segment", f.pages()));
                }
                default -> {}
            }
        }
        Obj u = null;
        for (Obj o : all) {
            if (o.name().equals("u")) u = o;
            if (o.space().equals("segment") || o.name().equals("k")) continue;
            Context caller = o.space().equals("kernel") ? P : Context.process(o.space());
            if (!o.space().equals("kernel"))
                ops.add(
                        new Call.Copyout(
                                caller,
                                at("k", 0),
                                at(o.name(), 100),
                                (long) o.pages() * PAGE - 200));
        }
        boolean kernel = u.space().equals("kernel");
        ops.add(
                new Call.Xmattach(
                        kernel ? KPROC : Context.process(u.space()),
                        at("u", 0),
                        (long) u.pages() * PAGE,
                        "dp",
                        kernel ? Call.SYS_ADSPACE : Call.USER_ADSPACE));
        ops.add(
                new Call.Xmemout(
                        KPROC,
                        at("k", 0),
                        at("u", 0),
                        Math.min(PAGE, (long) u.pages() * PAGE),
                        "dp"));
        observeAll(ops, all);
        return ops;
    }

    @Test
    void pinnedPagesAreUnlockedByTheReset() throws Exception {
        long kit = ProcessHandle.current().pid();
        try (LinuxSut sut = open(true)) {
            sut.reset();
            long before = lockedKb(kit);
            for (Op op :
                    List.of(
                            new Setup.CreateProcess("p"),
                            new Setup.MapRegion("u", "p", 3, Prot.READ_WRITE, 1),
                            new Setup.MapRegion("k", "kernel", 2, Prot.READ_WRITE, 2),
                            new Setup.Pin("u", 0, 3),
                            new Setup.Pin("k", 0, 2))) {
                assertEquals(new Result.Done(), sut.apply(op), op.describe());
            }
            assertEquals(before + 20, lockedKb(kit), "the pins locked five pages");
            sut.reset();
            // the next world takes both regions over, unlocked
            for (Op op :
                    List.of(
                            new Setup.CreateProcess("p"),
                            new Setup.MapRegion("u", "p", 3, Prot.READ_WRITE, 1),
                            new Setup.MapRegion("k", "kernel", 2, Prot.READ_WRITE, 2))) {
                assertEquals(new Result.Done(), sut.apply(op), op.describe());
            }
            assertEquals(2, sut.world().reused(), "both regions were taken over");
            assertEquals(before, lockedKb(kit), "locked memory after the reset");
        }
    }

    private static LinuxSut open(boolean reuse) throws SutFailure {
        return (LinuxSut)
                new LinuxProvider().open(new SutOptions(Map.of("reuse", String.valueOf(reuse))));
    }

    /** Every operation's answer, or the failure it raised, as text (byte contents included). */
    private static List<String> run(LinuxSut sut, List<Op> ops) throws SutFailure {
        sut.reset();
        List<String> out = new ArrayList<>();
        for (Op op : ops) {
            try {
                out.add(show(sut.apply(op)));
            } catch (SutFailure f) {
                out.add("failure " + f.kind() + ": " + f.getMessage());
            }
        }
        return out;
    }

    private static String show(Result r) {
        return switch (r) {
            case Result.Bytes b -> b + " " + java.util.HexFormat.of().formatHex(b.data());
            case Result.Digest d -> d + " " + java.util.Arrays.toString(d.digests());
            default -> r.toString();
        };
    }

    private static String describe(List<Op> ops) {
        StringBuilder sb = new StringBuilder();
        for (Op op : ops) sb.append("  ").append(op.describe()).append('\n');
        return sb.toString();
    }

    // ------------------------------------------------------------------ the worlds

    private record Obj(String name, String space, int pages) {}

    private static List<Op> world(Random r) {
        List<Op> ops = new ArrayList<>();
        List<Obj> regions = new ArrayList<>();
        ops.add(new Setup.CreateProcess("p"));
        boolean q = r.nextInt(3) == 0;
        if (q) ops.add(new Setup.CreateProcess("q"));
        regions.add(region(ops, r, "k", "kernel"));
        regions.add(region(ops, r, "u", r.nextInt(4) == 0 ? "kernel" : "p"));
        if (r.nextBoolean()) regions.add(region(ops, r, "v", q && r.nextBoolean() ? "q" : "p"));
        Obj segment = null;
        if (r.nextInt(3) == 0) {
            segment = new Obj("f", "kernel", 1 + r.nextInt(3));
            ops.add(new Setup.CreateFileSegment("f", segment.pages(), seed(r)));
        }
        Obj u = regions.get(1);
        boolean attached = false;
        for (int n = r.nextInt(7); n > 0; n--) {
            Obj o = regions.get(r.nextInt(regions.size()));
            int first = r.nextInt(o.pages()), count = 1 + r.nextInt(o.pages() - first);
            switch (r.nextInt(11)) {
                case 0 -> ops.add(new Setup.Protect(o.name(), first, count, prot(r, 0)));
                case 1 -> ops.add(new Setup.Unmap(o.name(), first, count));
                case 2 ->
                        ops.add(
                                new Setup.SetPageState(
                                        o.name(), first, count, PageState.PAGED_OUT));
                case 3 ->
                        ops.add(
                                new Setup.SetPageState(
                                        o.name(),
                                        first,
                                        count,
                                        r.nextBoolean()
                                                ? PageState.PAGING_IO_ERROR
                                                : PageState.RESIDENT));
                case 4 -> ops.add(new Setup.Pin(o.name(), first, count));
                case 5 -> {
                    if (r.nextInt(3) == 0) ops.add(new Setup.DeleteSegment(o.name()));
                }
                case 6 -> {
                    long cn = 1 + r.nextInt(3 * PAGE);
                    ops.add(
                            new Call.Copyout(
                                    P,
                                    at("k", r.nextInt(PAGE)),
                                    at(u.name(), r.nextInt((int) (u.pages() * (long) PAGE))),
                                    cn));
                }
                case 7 -> {
                    // into kernel memory (FKIOCTL), or the model driver's register block
                    String to = u.space().equals("kernel") ? u.name() : "k";
                    ops.add(
                            r.nextBoolean()
                                    ? new Call.DdiCopyout(
                                            P,
                                            at("k", r.nextInt(PAGE)),
                                            at(to, r.nextInt(PAGE)),
                                            1 + r.nextInt(2 * PAGE),
                                            Call.FKIOCTL)
                                    : new Call.XxIoctl(
                                            P,
                                            at("k", r.nextInt(PAGE)),
                                            Call.XX_GETREGS,
                                            at(u.name(), r.nextInt(u.pages() * PAGE))));
                }
                case 8 -> {
                    if (!attached) {
                        ops.add(
                                new Call.Xmattach(
                                        u.space().equals("kernel") ? KPROC : P,
                                        at(u.name(), 0),
                                        (long) u.pages() * PAGE,
                                        "dp",
                                        u.space().equals("kernel")
                                                ? Call.SYS_ADSPACE
                                                : Call.USER_ADSPACE));
                        attached = true;
                    }
                    ops.add(
                            new Call.Xmemout(
                                    KPROC,
                                    at("k", r.nextInt(PAGE)),
                                    at(u.name(), r.nextInt(u.pages() * PAGE)),
                                    1 + r.nextInt(2 * PAGE),
                                    "dp"));
                }
                case 9 -> {
                    if (segment == null) break;
                    if (!attached) {
                        ops.add(
                                new Call.Xmattach(
                                        u.space().equals("kernel") ? KPROC : P,
                                        at(u.name(), 0),
                                        (long) u.pages() * PAGE,
                                        "dp",
                                        u.space().equals("kernel")
                                                ? Call.SYS_ADSPACE
                                                : Call.USER_ADSPACE));
                        attached = true;
                    }
                    int cmd = 1 + r.nextInt(4);
                    long pgoffs = r.nextInt(PAGE);
                    ops.add(
                            new Call.VmMvc(
                                    u.space().equals("kernel") ? KPROC : P,
                                    "f",
                                    r.nextInt(segment.pages()),
                                    pgoffs,
                                    1 + r.nextInt((int) (PAGE - pgoffs)),
                                    cmd,
                                    "dp",
                                    at(u.name(), 0)));
                }
                default -> {
                    if (segment != null)
                        ops.add(
                                new Setup.SetFrame(
                                        "f", r.nextInt(segment.pages()), r.nextBoolean()));
                }
            }
        }
        // look at everything: every byte with the guard pages, every page's protection, the digests
        List<Obj> all = new ArrayList<>(regions);
        if (segment != null) all.add(segment);
        observeAll(ops, all);
        return ops;
    }

    /** Every byte of every object with its guard pages, its digests and every page's protection. */
    private static void observeAll(List<Op> ops, List<Obj> all) {
        for (Obj o : all) {
            long size = (long) o.pages() * PAGE;
            ops.add(new Observe.Bytes(o.name(), -PAGE, size + 2 * PAGE));
            ops.add(new Observe.Digest(o.name(), -PAGE, size + 2 * PAGE));
            for (int p = 0; p < o.pages(); p++) ops.add(new Observe.Protection(o.name(), p));
        }
    }

    private static Obj region(List<Op> ops, Random r, String name, String space) {
        int pages = 1 + r.nextInt(5);
        ops.add(new Setup.MapRegion(name, space, pages, prot(r, 5), seed(r)));
        return new Obj(name, space, pages);
    }

    /**
     * Read-write {@code readWriteWeight} times in {@code readWriteWeight + 2}, else read-only or no
     * access.
     */
    private static Prot prot(Random r, int readWriteWeight) {
        int k = r.nextInt(readWriteWeight + 2);
        return k < readWriteWeight ? Prot.READ_WRITE : k == readWriteWeight ? Prot.READ : Prot.NONE;
    }

    /**
     * The fuzzer's seeds mostly, so that regions are often taken over by an object with another
     * pattern.
     */
    private static long seed(Random r) {
        return r.nextInt(5) == 0 ? r.nextLong() : new long[] {11, 22, 33, 44}[r.nextInt(4)];
    }

    private static Addr at(String object, long offset) {
        return Addr.in(object, offset);
    }

    // ------------------------------------------------------------------ what the kernel holds

    /**
     * Around every object of the current world, in every address space that maps it: the fence
     * pages are still the reservation's no-access anonymous pages, and the guard pages are mapped
     * from the object's memory file, read-write.
     */
    private static void checkLayout(LinuxSut sut) throws IOException {
        World w = sut.world();
        for (Region r : w.regions.values()) {
            for (Region.View v : r.views()) {
                List<String> maps =
                        Files.readAllLines(Path.of("/proc/" + v.space().pid() + "/maps"));
                long afterGuard = v.objectAddress() + r.size();
                assertEquals(
                        "---p anonymous",
                        mapping(maps, v.base()),
                        r.name + ": the fence before, in " + v.space().describe());
                assertEquals(
                        "rw-s memfd",
                        mapping(maps, v.objectAddress() - PAGE),
                        r.name + ": the guard before, in " + v.space().describe());
                assertEquals(
                        "rw-s memfd",
                        mapping(maps, afterGuard),
                        r.name + ": the guard after, in " + v.space().describe());
                assertEquals(
                        "---p anonymous",
                        mapping(maps, afterGuard + PAGE),
                        r.name + ": the fence after, in " + v.space().describe());
            }
        }
    }

    /** "perms kind" of the mapping holding {@code address}. */
    private static String mapping(List<String> maps, long address) {
        for (String line : maps) {
            String[] f = line.trim().split("\\s+");
            String[] range = f[0].split("-");
            long start = Long.parseUnsignedLong(range[0], 16),
                    end = Long.parseUnsignedLong(range[1], 16);
            if (address >= start && address < end)
                return f[1]
                        + " "
                        + (f.length > 5 && f[5].startsWith("/memfd:xmemck")
                                ? "memfd"
                                : f[4].equals("0") ? "anonymous" : "file");
        }
        return "unmapped";
    }

    private static long lockedKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmLck:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
        return -1;
    }
}
