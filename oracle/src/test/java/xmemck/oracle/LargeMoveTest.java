package xmemck.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Fill;
import xmemck.ops.Observe;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;

/**
 * A 256 MiB xmemout: the model stays sparse (cost per page touched, data referred to, never
 * copied).
 */
class LargeMoveTest {

    private static final long MIB = 1024 * 1024;
    private static final long N = 256 * MIB;
    private static final int PAGES = (int) (N / 4096);

    private static long allocated() {
        return ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                .getCurrentThreadAllocatedBytes();
    }

    @Test
    void a_256_MiB_xmemout_is_expected_without_copying_and_performed_sparsely() {
        Oracle o = new Oracle();
        o.apply(new Setup.CreateProcess("p1"));
        o.apply(new Setup.MapRegion("k", "kernel", PAGES, Prot.READ_WRITE, 7));
        o.apply(new Setup.MapRegion("u", "p1", PAGES, Prot.READ_WRITE, 8));
        assertEquals(
                Call.XMEM_SUCC,
                o.perform(
                                new Call.Xmattach(
                                        Context.process("p1"),
                                        Addr.in("u", 0),
                                        N,
                                        "d",
                                        Call.USER_ADSPACE))
                        .value());
        Call move = new Call.Xmemout(Context.interrupt(), Addr.in("k", 0), Addr.in("u", 0), N, "d");

        long before = allocated();
        Expectation e = o.expect(move);
        long expectCost = allocated() - before;
        Effect.Write w = Twin.onlyWrite(((Expectation.Allowed) e).alternatives().get(0));
        assertEquals(Outcomes.exact("u", 0, N, new Data.CopyOf("k", 0)), w);
        assertTrue(
                expectCost < MIB,
                "expect() must not copy data: it allocated " + expectCost + " bytes");

        before = allocated();
        assertEquals(Call.XMEM_SUCC, o.perform(move).value());
        long performCost = allocated() - before;
        assertTrue(
                performCost < 32 * MIB,
                "a whole-page copy of pattern memory stays sparse: perform() allocated "
                        + performCost
                        + " bytes");

        for (long at : new long[] {0, 4095, 4096, N / 2 + 17, N - 1}) {
            byte got = ((Result.Bytes) o.observe(new Observe.Bytes("u", at, 1))).data()[0];
            assertEquals(
                    Fill.byteAt(7, at), got, "byte " + at + " of the destination is the source's");
        }
        assertEquals(
                Fill.byteAt(8, N),
                ((Result.Bytes) o.observe(new Observe.Bytes("u", N, 1))).data()[0],
                "the guard page after u is untouched");
    }

    @Test
    void an_unaligned_large_copy_is_still_correct() {
        Oracle o = new Oracle();
        o.apply(new Setup.CreateProcess("p1"));
        o.apply(new Setup.MapRegion("k", "kernel", 64, Prot.READ_WRITE, 7));
        o.apply(new Setup.MapRegion("u", "p1", 64, Prot.READ_WRITE, 8));
        o.perform(
                new Call.Xmattach(
                        Context.process("p1"), Addr.in("u", 0), 64 * 4096, "d", Call.USER_ADSPACE));
        assertEquals(
                0,
                o.perform(
                                new Call.Xmemout(
                                        Context.process("p1"),
                                        Addr.in("k", 5),
                                        Addr.in("u", 4090),
                                        40 * 4096,
                                        "d"))
                        .value());
        byte[] got = ((Result.Bytes) o.observe(new Observe.Bytes("u", 4089, 40 * 4096 + 2))).data();
        assertEquals(Fill.byteAt(8, 4089), got[0]);
        for (int i = 0; i < 40 * 4096; i++)
            if (got[i + 1] != Fill.byteAt(7, 5 + i))
                throw new AssertionError("byte " + i + " of the copy differs");
        assertEquals(Fill.byteAt(8, 4090 + 40 * 4096), got[got.length - 1]);
    }

    @Test
    void a_16_MiB_move_is_committed_sparsely_and_the_model_then_holds_the_new_data() {
        int pages = 4096;
        Twin t =
                new Twin()
                        .setup(
                                new Setup.CreateProcess("p1"),
                                new Setup.MapRegion("k", "kernel", pages + 1, Prot.READ_WRITE, 7),
                                new Setup.MapRegion("u", "p1", pages, Prot.READ_WRITE, 8));
        t.call(
                new Call.Xmattach(
                        Context.process("p1"),
                        Addr.in("u", 0),
                        (long) pages * 4096,
                        "d",
                        Call.USER_ADSPACE));
        long n = (long) pages * 4096 - 100;
        Call move =
                new Call.Xmemout(
                        Context.process("p1"),
                        Addr.in("k", 5),
                        Addr.in("u", 0),
                        n,
                        "d"); // unaligned source
        Expectation e = t.model.expect(move);
        assertEquals(Call.XMEM_SUCC, t.impl.perform(move).value());
        java.util.List<Result> observed =
                t.model.observationsFor(move, e).stream().map(t.impl::observe).toList();
        Judgement j = t.model.judge(move, e, Call.XMEM_SUCC, observed);
        assertTrue(j.conforms(), j.findings()::toString);

        long before = allocated();
        t.model.commit(move, j);
        long commitCost = allocated() - before;
        assertTrue(
                commitCost < 4 * MIB,
                "whole written pages are stored as patterns, not copied: commit allocated "
                        + commitCost
                        + " bytes");

        Result.Bytes model =
                (Result.Bytes) t.model.observe(Observe.Bytes.whole("u", (long) pages * 4096));
        assertEquals(
                observed.get(0),
                model,
                "after commit the model's memory is what the implementation showed");
        assertEquals(Fill.byteAt(7, 5 + n - 1), model.data()[(int) (4096 + n - 1)]);
        assertEquals(
                Fill.byteAt(8, n),
                model.data()[(int) (4096 + n)],
                "the bytes after the move keep their old value");
    }

    @Test
    void a_wholly_wrong_large_copy_counts_every_wrong_byte_and_shows_a_few() {
        int pages = 256; // 1 MiB
        long n = (long) pages * 4096;
        Twin t =
                new Twin()
                        .setup(
                                new Setup.CreateProcess("p1"),
                                new Setup.MapRegion("k", "kernel", pages, Prot.READ_WRITE, 7),
                                new Setup.MapRegion("u", "p1", pages, Prot.READ_WRITE, 8));
        t.call(
                new Call.Xmattach(
                        Context.process("p1"), Addr.in("u", 0), n, "d", Call.USER_ADSPACE));
        Call move =
                new Call.Xmemout(Context.process("p1"), Addr.in("k", 0), Addr.in("u", 0), n, "d");
        Twin.Outcome o =
                t.call(
                        move,
                        list ->
                                list.stream()
                                        .map(
                                                r -> {
                                                    if (!(r instanceof Result.Bytes b)
                                                            || !b.object().equals("u")) return r;
                                                    byte[] zeros = b.data().clone();
                                                    java.util.Arrays.fill(
                                                            zeros,
                                                            4096,
                                                            (int) (4096 + n),
                                                            (byte) 0);
                                                    return (Result)
                                                            new Result.Bytes(
                                                                    b.object(),
                                                                    b.from(),
                                                                    zeros,
                                                                    b.unreadablePages());
                                                })
                                        .toList());
        long foreign = 0;
        for (long i = 0; i < n; i++)
            if (Fill.byteAt(7, i) != 0 && Fill.byteAt(8, i) != 0) foreign++;
        String findings = o.judgement().findings().toString();
        assertTrue(
                findings.contains(
                        "inv.no-foreign-data: region u: destination bytes hold data that is neither their old value nor the source's: "
                                + foreign
                                + " byte(s) differ"),
                findings);
        assertTrue(findings.contains("(4 of " + foreign + " shown)"), findings);
    }

    @Test
    void an_8_MiB_move_is_judged_and_a_single_bad_byte_near_its_end_is_found() {
        int pages = 2048;
        long n = (long) pages * 4096 - 3;
        Twin t =
                new Twin()
                        .setup(
                                new Setup.CreateProcess("p1"),
                                new Setup.MapRegion("k", "kernel", pages, Prot.READ_WRITE, 7),
                                new Setup.MapRegion("u", "p1", pages, Prot.READ_WRITE, 8));
        t.call(
                new Call.Xmattach(
                        Context.process("p1"),
                        Addr.in("u", 0),
                        (long) pages * 4096,
                        "d",
                        Call.USER_ADSPACE));
        Call move =
                new Call.Xmemout(Context.process("p1"), Addr.in("k", 1), Addr.in("u", 2), n, "d");
        long t0 = System.nanoTime();
        Twin.Outcome ok = t.call(move);
        assertTrue(ok.judgement().conforms(), ok.judgement().findings()::toString);
        long bad = n - 10;
        Twin.Outcome wrong = t.call(move, Twin.poke("u", 2 + bad, Fill.byteAt(7, 1 + bad) ^ 0x40));
        long millis = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(
                "xmemout.succ",
                wrong.judgement().findings().get(wrong.judgement().findings().size() - 1).clause(),
                wrong.judgement().findings()::toString);
        assertTrue(
                wrong.judgement()
                        .findings()
                        .toString()
                        .contains("first at offset " + (2 + bad) + " (page 2047)"),
                wrong.judgement().findings()::toString);
        System.out.println("two 8 MiB moves performed, observed and judged in " + millis + " ms");
    }
}
