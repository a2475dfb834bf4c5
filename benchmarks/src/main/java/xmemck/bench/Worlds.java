package xmemck.bench;

import java.util.List;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Prot;
import xmemck.ops.Setup;

/** The small worlds and calls the benchmarks measure. */
final class Worlds {
    private Worlds() {}

    static final Context P = Context.process("p");

    /** A process, a one-page driver buffer and a two-page user buffer. */
    static List<Setup> copyoutWorld() {
        return List.of(
                new Setup.CreateProcess("p"),
                new Setup.MapRegion("drv", "kernel", 1, Prot.READ_WRITE, 11),
                new Setup.MapRegion("ubuf", "p", 2, Prot.READ_WRITE, 22));
    }

    static Call smallCopyout() {
        return new Call.Copyout(P, Addr.in("drv", 8), Addr.in("ubuf", 4090), 64);
    }

    /** A world in which one xmemout of {@code pages} pages goes to an attached user buffer. */
    static List<Op> xmemoutWorld(int pages) {
        return List.of(
                new Setup.CreateProcess("p"),
                new Setup.MapRegion("kbuf", "kernel", pages, Prot.READ_WRITE, 33),
                new Setup.MapRegion("ubuf", "p", pages, Prot.READ_WRITE, 44),
                new Call.Xmattach(
                        P, Addr.in("ubuf", 0), (long) pages * 4096, "dp", Call.USER_ADSPACE));
    }

    static Call xmemout(long count) {
        return new Call.Xmemout(
                Context.interrupt(), Addr.in("kbuf", 0), Addr.in("ubuf", 0), count, "dp");
    }

    /**
     * A world of the size the fuzzer builds: a process, a 2-page driver buffer, a 3-page user
     * buffer with a read-only last page, a copyout that runs into it (and stops there), and an
     * observation of the user buffer.
     */
    static List<Op> fuzzSizedWorld() {
        return List.of(
                new Setup.CreateProcess("p"),
                new Setup.MapRegion("kbuf", "kernel", 2, Prot.READ_WRITE, 11),
                new Setup.MapRegion("ubuf", "p", 3, Prot.READ_WRITE, 22),
                new Setup.Protect("ubuf", 2, 1, Prot.READ),
                new Call.Copyout(P, Addr.in("kbuf", 100), Addr.in("ubuf", 8000), 500),
                new Observe.Bytes("ubuf", -4096, 5 * 4096));
    }

    /** A small differential case: world, one call. */
    static List<Op> smallCase() {
        var ops = new java.util.ArrayList<Op>(copyoutWorld());
        ops.add(smallCopyout());
        return ops;
    }
}
