package xmemck.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Op;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.oracle.Verdict;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;
import xmemck.spi.SutFailure;

class SessionTest {
    static final Context P = Context.process("p");
    static final List<Op> WORLD =
            List.of(
                    new Setup.CreateProcess("p"),
                    new Setup.MapRegion("drv", "kernel", 1, Prot.READ_WRITE, 1),
                    new Setup.MapRegion("ubuf", "p", 2, Prot.READ_WRITE, 2));
    static final Call COPY = new Call.Copyout(P, Addr.in("drv", 0), Addr.in("ubuf", 100), 64);

    @Test
    void aConformingImplementationPasses() {
        Session s = new Session(FakeSut.conforming());
        s.runAll(WORLD);
        Step step = s.run(COPY);
        assertEquals(Verdict.PASS, step.verdict(), step.message());
        assertTrue(step.clauses().contains("copyout.succ"), step.clauses().toString());
        assertEquals(Verdict.PASS, s.verdict());
        assertFalse(s.stopped());
    }

    @Test
    void aCallAndTheObservationsThatJudgeItTravelInOneBatch() {
        FakeSut sut = FakeSut.conforming();
        Session s = new Session(sut);
        s.runAll(WORLD);
        s.run(COPY);
        List<? extends Op> last = sut.batches.getLast();
        assertEquals(COPY, last.getFirst());
        assertTrue(
                last.size() >= 3
                        && last.subList(1, last.size()).stream()
                                .allMatch(op -> op instanceof xmemck.ops.Observe),
                "the call, then an observation of each object it may touch: " + last);
    }

    @Test
    void aBatchAnsweredWithTooFewResultsIsAProtocolError() {
        FakeSut sut =
                new FakeSut(Capabilities.all(), (op, r) -> r) {
                    @Override
                    public List<Result> applyAll(List<? extends Op> ops) throws SutFailure {
                        List<Result> all = super.applyAll(ops);
                        return ops.getFirst() instanceof Call ? all.subList(0, 1) : all;
                    }
                };
        Session s = new Session(sut);
        s.runAll(WORLD);
        Step step = s.run(COPY);
        assertEquals(Verdict.ERROR, step.verdict());
        assertTrue(step.message().startsWith("protocol"), step.message());
    }

    @Test
    void consecutiveSetUpsTravelInOneBatchWithOneStepEach() {
        FakeSut sut = FakeSut.conforming();
        Session s = new Session(sut);
        List<Step> out = s.runAll(WORLD);
        assertEquals(WORLD.size(), out.size());
        assertTrue(out.stream().allMatch(st -> st.verdict() == Verdict.PASS));
        assertEquals(WORLD, sut.batches.getFirst());
    }

    @Test
    void inABatchAMissingCapabilityStopsAtItsOpAndLaterOpsAreNotRun() {
        FakeSut sut =
                new FakeSut(
                        Capabilities.allBut(Map.of(Capability.READ_ONLY_PAGES, "no mprotect here")),
                        (op, r) -> r);
        Session s = new Session(sut);
        List<Op> ops = new java.util.ArrayList<>(WORLD);
        ops.add(new Setup.Protect("ubuf", 1, 1, Prot.READ));
        ops.add(new Setup.Protect("ubuf", 0, 1, Prot.READ_WRITE));
        ops.add(COPY);
        List<Step> out = s.runAll(ops);
        assertEquals(ops.size(), out.size());
        for (int i = 0; i < WORLD.size(); i++) assertEquals(Verdict.PASS, out.get(i).verdict());
        assertEquals(Verdict.UNSUPPORTED, out.get(3).verdict());
        assertTrue(out.get(3).message().contains("no mprotect here"));
        assertNull(out.get(4).result());
        assertNull(out.get(5).result());
        assertFalse(sut.received.contains(ops.get(3)));
        assertEquals(Verdict.UNSUPPORTED, s.verdict());
        for (int i = 0; i < ops.size(); i++) assertEquals(ops.get(i), out.get(i).op());
    }

    @Test
    void aCrashInABatchOfSetUpsIsOneErrorAndTheRestAreNotRun() {
        FakeSut sut =
                new FakeSut(
                        Capabilities.all(),
                        (op, r) -> {
                            if (op instanceof Setup.MapRegion)
                                throw new SutFailure(SutFailure.Kind.CRASHED, "exit status 1");
                            return r;
                        });
        Session s = new Session(sut);
        List<Step> out = s.runAll(WORLD);
        assertEquals(WORLD.size(), out.size());
        assertEquals(Verdict.ERROR, out.getFirst().verdict());
        for (int i = 0; i < WORLD.size(); i++) assertEquals(WORLD.get(i), out.get(i).op());
        assertNull(out.get(2).result());
        assertEquals(Verdict.ERROR, s.verdict());
    }

    @Test
    void anIllFormedSetUpInABatchIsAnErrorAtItsPlace() {
        Session s = new Session(FakeSut.conforming());
        List<Op> ops =
                List.of(
                        WORLD.get(0),
                        new Setup.MapRegion("ubuf", "nosuchprocess", 1, Prot.READ_WRITE, 1),
                        WORLD.get(1));
        List<Step> out = s.runAll(ops);
        assertEquals(Verdict.PASS, out.get(0).verdict());
        assertEquals(Verdict.ERROR, out.get(1).verdict());
        assertTrue(out.get(1).message().startsWith("ill-formed scenario"), out.get(1).message());
        assertNull(out.get(2).result());
    }

    @Test
    void aWrongReturnValueFailsNamingTheClause() {
        Session s = new Session(FakeSut.returning(r -> new Result.Returned(-1)));
        s.runAll(WORLD);
        Step step = s.run(COPY);
        assertEquals(Verdict.FAIL, step.verdict());
        assertTrue(step.message().contains("copyout.succ"), step.message());
        assertTrue(s.stopped());
    }

    @Test
    void aMissingCapabilityIsUnsupportedWithItsReasonAndNeverReachesTheImplementation() {
        FakeSut sut =
                new FakeSut(
                        Capabilities.allBut(Map.of(Capability.READ_ONLY_PAGES, "no mprotect here")),
                        (op, r) -> r);
        Session s = new Session(sut);
        s.runAll(WORLD);
        Step step = s.run(new Setup.Protect("ubuf", 1, 1, Prot.READ));
        assertEquals(Verdict.UNSUPPORTED, step.verdict());
        assertTrue(step.message().contains("no mprotect here"), step.message());
        assertFalse(sut.received.contains(step.op()));
        // Unsupported is never shown as passed: later steps do not run and the session stays
        // UNSUPPORTED.
        Step later = s.run(COPY);
        assertEquals(Verdict.UNSUPPORTED, later.verdict());
        assertNull(later.result());
        assertEquals(Verdict.UNSUPPORTED, s.verdict());
    }

    @Test
    void anUnsupportedAnswerToAnOperationNeedingNoCapabilityIsUnsupported() {
        FakeSut sut =
                new FakeSut(
                        Capabilities.all(),
                        (op, r) ->
                                op instanceof Setup.CreateProcess
                                        ? new Result.Unsupported("no processes yet")
                                        : r);
        Session s = new Session(sut);
        assertEquals(Verdict.UNSUPPORTED, s.run(WORLD.getFirst()).verdict());
    }

    @Test
    void anUnsupportedAnswerToAnOperationWhoseCapabilitiesAreDeclaredBreaksTheProtocol() {
        FakeSut sut =
                new FakeSut(
                        Capabilities.all(),
                        (op, r) ->
                                op instanceof Setup.Protect
                                        ? new Result.Unsupported("cannot protect")
                                        : r);
        Session s = new Session(sut);
        s.runAll(WORLD);
        Step step = s.run(new Setup.Protect("ubuf", 0, 1, Prot.READ));
        assertEquals(Verdict.ERROR, step.verdict());
        assertTrue(step.message().contains("declares [READ_ONLY_PAGES]"), step.message());
        assertTrue(step.message().contains("cannot protect"), step.message());
    }

    @Test
    void aCallOutsideTheContractIsNotMadeAndNotJudged() {
        FakeSut sut = FakeSut.conforming();
        Session s = new Session(sut);
        s.runAll(WORLD);
        Call atInterrupt =
                new Call.Copyout(Context.interrupt(), Addr.in("drv", 0), Addr.in("ubuf", 0), 8);
        Step step = s.run(atInterrupt);
        assertEquals(Verdict.OUTSIDE_CONTRACT, step.verdict());
        assertEquals(List.of("copyout.ctx.user-only"), step.clauses());
        assertFalse(sut.received.contains(atInterrupt));
    }

    @Test
    void aCrashIsAnErrorWithTheImplementationsDiagnostics() {
        FakeSut sut =
                new FakeSut(
                        Capabilities.all(),
                        (op, r) -> {
                            if (op instanceof Call)
                                throw new SutFailure(SutFailure.Kind.CRASHED, "exit status 139");
                            return r;
                        });
        sut.diagnostics = "segmentation fault in copyout";
        Session s = new Session(sut);
        s.runAll(WORLD);
        Step step = s.run(COPY);
        assertEquals(Verdict.ERROR, step.verdict());
        assertTrue(
                step.message().contains("crashed")
                        && step.message().contains("exit status 139")
                        && step.message().contains("segmentation fault"),
                step.message());
    }

    @Test
    void aFailedResetIsAnError() {
        FakeSut sut = FakeSut.conforming();
        sut.failOnReset = new SutFailure(SutFailure.Kind.START_FAILED, "no such file");
        Session s = new Session(sut);
        assertEquals(Verdict.ERROR, s.verdict());
        assertEquals(Verdict.ERROR, s.run(WORLD.get(0)).verdict());
    }

    @Test
    void anIllFormedScenarioIsAnErrorNamingTheProblem() {
        Session s = new Session(FakeSut.conforming());
        Step step = s.run(new Setup.MapRegion("ubuf", "nosuchprocess", 1, Prot.READ_WRITE, 1));
        assertEquals(Verdict.ERROR, step.verdict());
        assertTrue(step.message().startsWith("ill-formed scenario"), step.message());
    }

    @Test
    void anAnswerOfTheWrongKindIsAProtocolError() {
        FakeSut sut =
                new FakeSut(
                        Capabilities.all(), (op, r) -> op instanceof Call ? new Result.Done() : r);
        Session s = new Session(sut);
        s.runAll(WORLD);
        Step step = s.run(COPY);
        assertEquals(Verdict.ERROR, step.verdict());
        assertTrue(step.message().startsWith("protocol"), step.message());
    }

    @Test
    void aChangedByteThatAnExplicitObservationSeesFails() {
        FakeSut sut =
                new FakeSut(
                        Capabilities.all(),
                        (op, r) -> {
                            if (r instanceof Result.Bytes b && b.object().equals("ubuf")) {
                                byte[] d = b.data().clone();
                                d[d.length - 1] ^= 1;
                                return new Result.Bytes(
                                        b.object(), b.from(), d, b.unreadablePages());
                            }
                            return r;
                        });
        Session s = new Session(sut);
        s.runAll(WORLD);
        Step step = s.run(xmemck.ops.Observe.Bytes.whole("ubuf", 2 * 4096));
        assertEquals(Verdict.FAIL, step.verdict());
        assertTrue(step.message().contains("1 byte(s) differ"), step.message());
    }

    // ---- observations: digests, protections that cannot be observed, pages that must be readable
    // ----

    static final List<Op> BIG_WORLD =
            List.of(
                    new Setup.CreateProcess("p"),
                    new Setup.MapRegion("drv", "kernel", 32, Prot.READ_WRITE, 1),
                    new Setup.MapRegion("big", "kernel", 32, Prot.READ_WRITE, 2));
    static final Call BIG_COPY =
            new Call.DdiCopyout(P, Addr.in("drv", 0), Addr.in("big", 0), 32 * 4096, Call.FKIOCTL);

    @Test
    void largeObjectsAreObservedThroughDigestsWhenTheAdapterCan() {
        FakeSut sut = FakeSut.conforming();
        Session s = new Session(sut);
        s.runAll(BIG_WORLD);
        Step step = s.run(BIG_COPY);
        assertEquals(Verdict.PASS, step.verdict(), step.message());
        assertTrue(
                sut.batches.getLast().subList(1, 3).stream()
                        .allMatch(op -> op instanceof xmemck.ops.Observe.Digest),
                sut.batches.getLast().toString());
        assertEquals(
                1,
                sut.batches.size() - 1,
                "one round trip for the call and its digests; nothing to fetch");
    }

    @Test
    void withoutTheDigestCapabilityTheBytesTravel() {
        FakeSut sut =
                new FakeSut(
                        Capabilities.allBut(Map.of(Capability.DIGEST_OBSERVATION, "no digests")),
                        (op, r) -> r);
        Session s = new Session(sut);
        s.runAll(BIG_WORLD);
        assertEquals(Verdict.PASS, s.run(BIG_COPY).verdict());
        assertTrue(
                sut.batches.getLast().subList(1, 3).stream()
                        .allMatch(op -> op instanceof xmemck.ops.Observe.Bytes),
                sut.batches.getLast().toString());
    }

    @Test
    void aPageWhoseDigestMatchesNothingIsFetchedAndAWrongPageFails() {
        FakeSut sut =
                new FakeSut(
                        Capabilities.all(),
                        (op, r) -> {
                            if (r instanceof Result.Digest d && d.object().equals("big")) {
                                long[] digests = d.digests();
                                digests[5] = 42; // page 4 claims other content...
                                return new Result.Digest(
                                        d.object(), d.from(), digests, d.unreadablePages());
                            }
                            if (op instanceof xmemck.ops.Observe.Bytes b
                                    && b.object().equals("big")
                                    && b.length() == 4096) {
                                return new Result.Bytes(
                                        "big",
                                        b.from(),
                                        new byte[4096]); // ...and its bytes are zeros: foreign data
                            }
                            return r;
                        });
        Session s = new Session(sut);
        s.runAll(BIG_WORLD);
        Step step = s.run(BIG_COPY);
        assertEquals(Verdict.FAIL, step.verdict(), step.message());
        assertTrue(
                step.message().startsWith("violates inv.no-foreign-data, ddi_copyout.fkioctl\n"),
                step.message());
        assertEquals(
                List.of("inv.no-foreign-data", "ddi_copyout.fkioctl"),
                step.findings().stream().map(xmemck.oracle.Finding::clause).toList());
        assertEquals(1, step.pictures().size(), "a failing call has a picture of its destination");
        assertEquals(
                List.of(new xmemck.ops.Observe.Bytes("big", 4L * 4096, 4096)),
                sut.batches.getLast(),
                "only the page that matched nothing travelled as bytes");
    }

    @Test
    void aProtectionTheAdapterCannotObserveMakesTheCallUnsupportedNeverPassed() {
        FakeSut sut =
                new FakeSut(
                        Capabilities.allBut(
                                Map.of(
                                        Capability.PROTECTION_OBSERVATION,
                                        "no way to read protections")),
                        (op, r) -> r);
        Session s = new Session(sut);
        s.runAll(
                List.of(
                        new Setup.CreateProcess("p"),
                        new Setup.CreateFileSegment("f", 1, 3),
                        new Setup.MapRegion("ubuf", "p", 1, Prot.READ_WRITE, 2),
                        new Setup.Pin("ubuf", 0, 1)));
        s.run(new Call.Xmattach(P, Addr.in("ubuf", 0), 4096, "d", Call.USER_ADSPACE));
        Step step =
                s.run(
                        new Call.VmMvc(
                                P, "f", 0, 0, 4096, Call.VM_MVC_PROTZERO, "d", Addr.in("ubuf", 0)));
        assertEquals(Verdict.UNSUPPORTED, step.verdict(), step.message());
        assertTrue(step.message().contains("no way to read protections"), step.message());
        assertTrue(
                sut.received.stream().noneMatch(op -> op instanceof xmemck.ops.Observe.Protection),
                "the protection is never asked for");
    }

    @Test
    void anExistingPageReportedUnreadableIsAProtocolBreachNotAFail() {
        FakeSut sut =
                new FakeSut(
                        Capabilities.all(),
                        (op, r) ->
                                r instanceof Result.Bytes b && b.object().equals("ubuf")
                                        ? new Result.Bytes(
                                                b.object(), b.from(), b.data(), List.of(1L))
                                        : r);
        Session s = new Session(sut);
        s.runAll(
                List.of(
                        new Setup.CreateProcess("p"),
                        new Setup.MapRegion("drv", "kernel", 1, Prot.READ_WRITE, 1),
                        new Setup.MapRegion("ubuf", "p", 2, Prot.NONE, 2)));
        Step step = s.run(new Call.Copyout(P, Addr.in("drv", 0), Addr.in("ubuf", 0), 64));
        assertEquals(Verdict.ERROR, step.verdict(), step.message());
        assertTrue(
                step.message()
                        .startsWith("protocol: the observations do not answer what was asked"),
                step.message());
    }
}
