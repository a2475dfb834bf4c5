package xmemck.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.oracle.Oracle;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;
import xmemck.spi.SutFailure;

/**
 * A scenario planned ahead ({@link ScenarioPlan}) is what the session sends, and a session fed from
 * the plan sent whole ({@link Prefetched}) gives the steps it gives one batch at a time; where it
 * asks for anything else, or the batch fails, the plan says so instead of answering.
 */
class ScenarioPlanTest {
    static final Context P = Context.process("p");

    static final List<Op> COPYOUT =
            List.of(
                    new Setup.CreateProcess("p"),
                    new Setup.MapRegion("drv", "kernel", 2, Prot.READ_WRITE, 1),
                    new Setup.MapRegion("ubuf", "p", 3, Prot.READ_WRITE, 2),
                    new Setup.Protect("ubuf", 2, 1, Prot.READ),
                    new Call.Copyout(P, Addr.in("drv", 100), Addr.in("ubuf", 8000), 500));

    /** Two calls (the second depends on the first's descriptor) and an explicit observation. */
    static final List<Op> XMEMOUT =
            List.of(
                    new Setup.CreateProcess("p"),
                    new Setup.MapRegion("k", "kernel", 2, Prot.READ_WRITE, 3),
                    new Setup.MapRegion("u", "p", 2, Prot.READ_WRITE, 4),
                    new Call.Xmattach(P, Addr.in("u", 0), 8192, "dp", Call.USER_ADSPACE),
                    new Call.Xmemout(
                            Context.interrupt(), Addr.in("k", 10), Addr.in("u", 4000), 300, "dp"),
                    new Observe.Bytes("u", 3990, 40),
                    new Setup.MapRegion("v", "p", 1, Prot.READ_WRITE, 5),
                    new Call.Copyout(P, Addr.in("k", 0), Addr.in("v", 0), 16));

    /**
     * The copyout's count breaks the caller's obligation: the session stops there, sending nothing
     * more.
     */
    static final List<Op> OUTSIDE_THEN_MORE =
            List.of(
                    new Setup.CreateProcess("p"),
                    new Setup.MapRegion("drv", "kernel", 1, Prot.READ_WRITE, 1),
                    new Setup.MapRegion("ubuf", "p", 1, Prot.READ_WRITE, 2),
                    new Call.Copyout(P, Addr.in("drv", 0), Addr.in("ubuf", 0), 8192),
                    new Call.Copyout(P, Addr.in("drv", 0), Addr.in("ubuf", 0), 8));

    static final List<List<Op>> SCENARIOS = List.of(COPYOUT, XMEMOUT, OUTSIDE_THEN_MORE);

    @Test
    void thePlanIsWhatTheSessionSends() {
        for (int digests : new int[] {0, Oracle.DIGEST_MIN_PAGES}) {
            for (List<Op> ops : SCENARIOS) {
                FakeSut sut = FakeSut.conforming();
                new Session(sut, digests).runAll(ops);
                assertEquals(
                        sut.received,
                        ScenarioPlan.of(ops, sut.capabilities(), digests).ops(),
                        "digests above " + digests + " pages: " + ops);
            }
        }
    }

    @Test
    void thePlanEndsWhereTheAdapterCannotGoOn() {
        Capabilities caps = Capabilities.allBut(Map.of(Capability.READ_ONLY_PAGES, "no mprotect"));
        FakeSut sut = new FakeSut(caps, (op, r) -> r);
        new Session(sut).runAll(COPYOUT);
        List<Op> plan = ScenarioPlan.of(COPYOUT, caps, Oracle.DIGEST_MIN_PAGES).ops();
        assertEquals(sut.received, plan);
        assertEquals(3, plan.size(), "the set-ups before the read-only page, and nothing after");
    }

    @Test
    void aSessionFedFromTheWholePlanGivesTheSameSteps() {
        for (List<Op> ops : SCENARIOS) {
            Session stepByStep = new Session(FakeSut.conforming(), 0);
            stepByStep.runAll(ops);
            FakeSut sut = FakeSut.conforming();
            Prefetched whole = new Prefetched(sut, ScenarioPlan.of(ops, sut.capabilities(), 0));
            Session session = new Session(whole, 0);
            session.runAll(ops);
            assertNull(whole.diverged(), whole.diverged());
            assertEquals(stepByStep.log(), session.log());
            assertEquals(1, sut.batches.size(), "one batch for the whole scenario: " + sut.batches);
        }
    }

    @Test
    void aPageWhoseDigestNeedsItsBytesLeavesThePlan() {
        // The implementation reports a digest no allowed content has: the session fetches that
        // page's bytes, which the plan does not hold.
        FakeSut sut =
                new FakeSut(
                        Capabilities.all(),
                        (op, r) -> {
                            if (!(r instanceof Result.Digest d) || !d.object().equals("ubuf"))
                                return r;
                            long[] digests = d.digests();
                            digests[1] ^= 1;
                            return new Result.Digest(
                                    d.object(), d.from(), digests, d.unreadablePages());
                        });
        Prefetched whole = new Prefetched(sut, ScenarioPlan.of(COPYOUT, sut.capabilities(), 0));
        new Session(whole, 0).runAll(COPYOUT);
        assertNotNull(whole.diverged());
        assertTrue(whole.diverged().contains("observe"), whole.diverged());
        assertNull(whole.failure());
    }

    @Test
    void aFailedBatchLeavesThePlanAndKeepsTheFailure() {
        SutFailure crash = new SutFailure(SutFailure.Kind.CRASHED, "signal 11");
        FakeSut sut =
                new FakeSut(
                        Capabilities.all(),
                        (op, r) -> {
                            if (op instanceof Call) throw crash;
                            return r;
                        });
        Prefetched whole = new Prefetched(sut, ScenarioPlan.of(COPYOUT, sut.capabilities(), 0));
        Session session = new Session(whole, 0);
        List<Step> steps = new ArrayList<>(session.runAll(COPYOUT));
        assertSame(crash, whole.failure());
        assertNotNull(whole.diverged());
        assertEquals(COPYOUT.size(), steps.size(), "every operation still has a step");
    }

    /**
     * A vm_mvc read that runs past its one-page segment may fail before it stores anything: its
     * write names bytes past the segment, which have no new page. Judged from digests, such a page
     * is the old page (the fuzzer found the judge computing the new page first, and failing).
     */
    @Test
    void aReadPastItsSegmentIsJudgedFromDigests() {
        List<Op> ops =
                List.of(
                        new Setup.CreateFileSegment("f", 1, 33),
                        new Setup.MapRegion("b", "kernel", 2, Prot.READ_WRITE, 44),
                        new Call.Xmattach(
                                Context.kernelProcess(),
                                Addr.in("b", 0),
                                0,
                                "dp",
                                Call.SYS_ADSPACE),
                        new Call.VmMvc(
                                Context.kernelProcess(),
                                "f",
                                1,
                                0,
                                4097,
                                Call.VM_MVC_READ,
                                "dp",
                                Addr.in("b", 0)));
        for (int digests : new int[] {0, Oracle.DIGEST_MIN_PAGES}) {
            Session s = new Session(FakeSut.conforming(), digests);
            s.runAll(ops);
            assertEquals(
                    xmemck.oracle.Verdict.PASS,
                    s.verdict(),
                    "digests above " + digests + " pages: " + s.log());
        }
    }
}
