package xmemck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import xmemck.fuzz.engine.Budget;
import xmemck.fuzz.engine.Outcome;
import xmemck.fuzz.engine.Property;
import xmemck.fuzz.engine.Simplifier;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Op;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Setup;

class OpSimplifierTest {

    static final OpSimplifier S = new OpSimplifier();

    static Call.Copyout copyout(long offset, long cn) {
        return new Call.Copyout(Context.process("p"), Addr.in("k", 0), Addr.in("u", offset), cn);
    }

    @Test
    void lowerValuesAreAlwaysCheaperAndIncludeThePageBoundaryBelow() {
        for (long v :
                new long[] {
                    -4097, -2, -1, 1, 2, 9, 4095, 4096, 4097, 12289, Long.MAX_VALUE, Long.MIN_VALUE
                }) {
            for (long w : OpSimplifier.lower(v))
                assertTrue(OpSimplifier.cost(w) < OpSimplifier.cost(v), v + " -> " + w);
        }
        assertEquals(0, OpSimplifier.lower(0).length);
        assertTrue(
                List.of(4096L).stream()
                        .allMatch(
                                x ->
                                        java.util.Arrays.stream(OpSimplifier.lower(4097))
                                                .anyMatch(y -> y == x)));
        assertTrue(java.util.Arrays.stream(OpSimplifier.lower(-7)).anyMatch(y -> y == -1));
    }

    @Test
    void aProtectionOfAWholeRegionFoldsIntoItsCreation() {
        List<Op> ops =
                List.of(
                        new Setup.MapRegion("u", "p", 2, Prot.READ_WRITE, 22),
                        new Setup.Protect("u", 0, 2, Prot.READ),
                        copyout(0, 5));
        List<Op> folded = List.of(new Setup.MapRegion("u", "p", 2, Prot.READ, 22), copyout(0, 5));
        assertTrue(S.candidates(ops).contains(folded));
        // across a call too (the check decides whether the failure survives it); a partial
        // protection never folds
        List<Op> afterCall =
                List.of(
                        new Setup.MapRegion("u", "p", 2, Prot.READ_WRITE, 22),
                        copyout(0, 1),
                        new Setup.Protect("u", 0, 2, Prot.READ),
                        copyout(0, 5));
        assertTrue(
                S.candidates(afterCall)
                        .contains(
                                List.of(
                                        new Setup.MapRegion("u", "p", 2, Prot.READ, 22),
                                        copyout(0, 1),
                                        copyout(0, 5))));
        List<Op> partial =
                List.of(
                        new Setup.MapRegion("u", "p", 2, Prot.READ_WRITE, 22),
                        new Setup.Protect("u", 0, 1, Prot.READ),
                        copyout(0, 5));
        assertTrue(
                S.candidates(partial).stream()
                        .noneMatch(
                                c -> c.contains(new Setup.MapRegion("u", "p", 2, Prot.READ, 22))));
    }

    @Test
    void everyCandidateIsSimplerInTheOrder() {
        List<Op> ops =
                List.of(
                        new Setup.CreateProcess("p"),
                        new Setup.MapRegion("u", "p", 3, Prot.READ_WRITE, 22),
                        new Setup.SetPageState("u", 2, 1, xmemck.ops.PageState.PAGED_OUT),
                        copyout(4090, 8200));
        for (List<Op> c : S.candidates(ops))
            assertTrue(S.order().compare(c, ops) < 0, c.toString());
    }

    static final Context KP = Context.kernelProcess();

    static List<Op> kernelXmemout(int upages, long uoff) {
        return List.of(
                new Setup.MapRegion("k", "kernel", 2, Prot.READ_WRITE, 11),
                new Setup.MapRegion("u", "kernel", upages, Prot.READ_WRITE, 22),
                new Call.Xmattach(KP, Addr.in("u", 0), 4096, "dp", Call.SYS_ADSPACE),
                new Setup.SetPageState("u", 0, 1, PageState.PAGED_OUT),
                new Call.Xmemout(
                        Context.interrupt(), Addr.in("k", 5), Addr.in("u", uoff), 8, "dp"));
    }

    @Test
    void aKernelSourceMovesIntoPagesAppendedToItsKernelDestination() {
        List<Op> merged =
                List.of(
                        new Setup.MapRegion("u", "kernel", 3, Prot.READ_WRITE, 22),
                        new Call.Xmattach(KP, Addr.in("u", 0), 4096, "dp", Call.SYS_ADSPACE),
                        new Setup.SetPageState("u", 0, 1, PageState.PAGED_OUT),
                        new Call.Xmemout(
                                Context.interrupt(),
                                Addr.in("u", 4096 + 5),
                                Addr.in("u", 100),
                                8,
                                "dp"));
        assertTrue(
                S.candidates(kernelXmemout(1, 100)).contains(merged),
                "k's bytes now start at u+4096, after u's own page");
        // a user destination cannot hold a kernel source; nor is a source moved whose own pages
        // were set up
        List<Op> user =
                List.of(
                        new Setup.CreateProcess("p"),
                        new Setup.MapRegion("k", "kernel", 1, Prot.READ_WRITE, 11),
                        new Setup.MapRegion("u", "p", 1, Prot.READ_WRITE, 22),
                        new Call.Xmattach(
                                Context.process("p"),
                                Addr.in("u", 0),
                                4096,
                                "dp",
                                Call.USER_ADSPACE),
                        new Call.Xmemout(
                                Context.interrupt(), Addr.in("k", 0), Addr.in("u", 0), 8, "dp"));
        assertTrue(S.candidates(user).stream().noneMatch(OpSimplifierTest::readsFromU));
        List<Op> protectedSource = new java.util.ArrayList<>(kernelXmemout(1, 100));
        protectedSource.add(2, new Setup.Protect("k", 1, 1, Prot.READ));
        assertTrue(
                S.candidates(protectedSource).stream().noneMatch(OpSimplifierTest::readsFromU),
                "k's protected page would need moving too");
        assertTrue(
                S.candidates(kernelXmemout(1, 100)).stream()
                        .anyMatch(OpSimplifierTest::readsFromU));
    }

    static boolean readsFromU(List<Op> ops) {
        return ops.stream()
                .anyMatch(
                        o ->
                                o instanceof Call.Xmemout x
                                        && x.kaddr() instanceof Addr.In in
                                        && in.object().equals("u"));
    }

    @Test
    void aVmMvcThatNeedsNoBufferLosesItsPinButKeepsTheAttachItNames() {
        List<Op> ops =
                List.of(
                        new Setup.CreateFileSegment("f", 1, 33),
                        new Setup.MapRegion("b", "kernel", 1, Prot.READ_WRITE, 44),
                        new Setup.Pin("b", 0, 1),
                        new Call.Xmattach(KP, Addr.in("b", 0), 4096, "dp", Call.SYS_ADSPACE),
                        new Call.VmMvc(
                                KP, "f", 0, 0, 4097, Call.VM_MVC_WRITE, "dp", Addr.in("b", 0)));
        List<List<Op>> candidates = S.candidates(ops);
        assertTrue(
                candidates.contains(
                        List.of(
                                ops.get(0),
                                ops.get(1),
                                ops.get(3),
                                new Call.VmMvc(
                                        KP,
                                        "f",
                                        0,
                                        0,
                                        4097,
                                        Call.VM_MVC_ZERO,
                                        "dp",
                                        Addr.in("b", 0)))));
        // The call names the descriptor: without the attach that creates it, the call goes too (no
        // candidate sends it).
        assertTrue(
                candidates.stream()
                        .noneMatch(c -> has(c, Call.VmMvc.class) && !has(c, Call.Xmattach.class)),
                candidates.toString());
        for (List<Op> c : candidates) assertTrue(S.order().compare(c, ops) < 0, c.toString());
        for (List<Op> c : S.candidates(kernelXmemout(1, 0)))
            assertTrue(S.order().compare(c, kernelXmemout(1, 0)) < 0, c.toString());
    }

    @Test
    void pairsOfOperationsAreDroppedTogether() {
        List<Op> ops =
                List.of(
                        new Setup.CreateFileSegment("f", 1, 33),
                        new Setup.MapRegion("b", "kernel", 1, Prot.READ_WRITE, 44),
                        new Setup.Pin("b", 0, 1),
                        new Call.Xmattach(KP, Addr.in("b", 0), 4096, "dp", Call.SYS_ADSPACE),
                        new Setup.SetFrame("f", 0, false),
                        new Call.VmMvc(
                                KP, "f", 0, 0, 4097, Call.VM_MVC_WRITE, "dp", Addr.in("b", 0)));
        assertTrue(
                S.candidates(ops).contains(List.of(ops.get(0), ops.get(1), ops.get(3), ops.get(5))),
                "the pin and the frame go together");
    }

    @Test
    void droppingACreationDropsEveryOperationAboutWhatItCreated() {
        // u goes: so do its fault, the attach of u, and the xmemout that names the attach's
        // descriptor.
        List<Op> ops = kernelXmemout(1, 100);
        List<List<Op>> candidates = S.candidates(ops);
        assertTrue(candidates.contains(List.of(ops.get(0))), candidates.toString());
        assertTrue(
                candidates.stream()
                        .noneMatch(
                                c ->
                                        has(c, Call.Xmattach.class)
                                                && c.stream()
                                                        .noneMatch(
                                                                o ->
                                                                        o
                                                                                        instanceof
                                                                                        Setup
                                                                                                        .MapRegion
                                                                                                r
                                                                                && r.name()
                                                                                        .equals(
                                                                                                "u"))),
                "no attach of u without u");
        assertTrue(
                candidates.stream()
                        .noneMatch(c -> has(c, Call.Xmemout.class) && !has(c, Call.Xmattach.class)),
                "no xmemout through dp without its attach");
    }

    static boolean has(List<Op> ops, Class<? extends Op> kind) {
        return ops.stream().anyMatch(kind::isInstance);
    }

    /**
     * The shrinker's promise (issue 12): a shrunk case never sends an operation about something it
     * no longer creates.
     */
    @Test
    void noCandidateOfAGeneratedCaseRefersToSomethingItNoLongerCreates() {
        xmemck.fuzz.gen.CaseGen gen = new xmemck.fuzz.gen.CaseGen(xmemck.spi.Capabilities.all());
        long candidates = 0;
        for (long i = 0; i < 1_500; i++) {
            List<Op> ops =
                    gen.draw(
                            xmemck.fuzz.engine.Choices.random(
                                    xmemck.fuzz.engine.Search.caseSeed(4, i)));
            assertEquals(null, OpRefs.dangling(ops), "the generator makes only closed cases");
            for (List<Op> c : S.candidates(ops)) {
                candidates++;
                String dangling = OpRefs.dangling(c);
                if (dangling != null)
                    throw new AssertionError(
                            "case "
                                    + i
                                    + ": a candidate "
                                    + dangling
                                    + "\n  case:      "
                                    + ops
                                    + "\n  candidate: "
                                    + c);
            }
        }
        assertTrue(
                candidates > 50_000,
                "the check saw too few candidates to mean anything: " + candidates);
    }

    @Test
    void aCopyoutDestinationMovesToASpecialPlaceWithoutItsRegion() {
        List<Op> ops =
                List.of(
                        new Setup.CreateProcess("p"),
                        new Setup.MapRegion("k", "kernel", 1, Prot.READ_WRITE, 11),
                        new Setup.MapRegion("u", "p", 1, Prot.READ_WRITE, 22),
                        new Setup.Unmap("u", 0, 1),
                        copyout(0, 1));
        List<Op> atUnmapped =
                List.of(
                        ops.get(0),
                        ops.get(1),
                        new Call.Copyout(
                                Context.process("p"),
                                Addr.in("k", 0),
                                new Addr.Special(Addr.Place.UNMAPPED, 0),
                                1));
        assertTrue(
                S.candidates(ops).contains(atUnmapped), "the region and its unmapping go together");
        for (List<Op> c : S.candidates(ops))
            assertTrue(S.order().compare(c, ops) < 0, c.toString());
    }

    @Test
    void simplificationKeepsACandidateThatShowsTheFailureAmongOthers() {
        // a copyout of 4097 bytes or more fails "boundary"; without the process first it names
        // "outside" first, and "boundary" too
        // (the first operation is a region nothing refers to, so dropping it drops nothing else)
        Setup spare = new Setup.MapRegion("x", "kernel", 1, Prot.READ_WRITE, 1);
        Property<List<Op>> p =
                ops -> {
                    if (ops.stream().noneMatch(o -> o instanceof Call.Copyout c && c.cn() >= 4097))
                        return Outcome.PASS;
                    return ops.getFirst().equals(spare)
                            ? new Outcome.Fail("boundary", "")
                            : new Outcome.Fail("outside", "", java.util.Set.of("boundary"));
                };
        var result =
                Simplifier.run(
                        S,
                        p,
                        List.of(spare, copyout(0, 9000)),
                        new Outcome.Fail("boundary", ""),
                        Budget.calls(10_000));
        assertEquals(List.of(copyout(0, 4097)), result.value());
        assertEquals("outside", result.outcome().signature());
        // the other way round it does not go: an "outside" failure never becomes a plain "boundary"
        // one
        Property<List<Op>> q =
                ops -> {
                    if (ops.stream().noneMatch(o -> o instanceof Call.Copyout c && c.cn() >= 4097))
                        return Outcome.PASS;
                    return ops.getFirst().equals(spare)
                            ? new Outcome.Fail("outside", "", java.util.Set.of("boundary"))
                            : new Outcome.Fail("boundary", "");
                };
        result =
                Simplifier.run(
                        S,
                        q,
                        List.of(spare, copyout(0, 9000)),
                        new Outcome.Fail("outside", ""),
                        Budget.calls(10_000));
        assertEquals(List.of(spare, copyout(0, 4097)), result.value());
    }

    @Test
    void simplificationDropsWhatTheFailureDoesNotNeedAndLowersCountsToTheThreshold() {
        // fails when a copyout of 100 bytes or more happens: everything else is noise
        Property<List<Op>> bigCopy =
                ops ->
                        ops.stream().anyMatch(o -> o instanceof Call.Copyout c && c.cn() >= 100)
                                ? new Outcome.Fail("big", "")
                                : Outcome.PASS;
        List<Op> noisy =
                List.of(
                        new Setup.CreateProcess("p"),
                        new Setup.MapRegion("u", "p", 3, Prot.READ_WRITE, 22),
                        new Setup.Protect("u", 1, 2, Prot.READ),
                        copyout(4090, 5000),
                        new Setup.DeleteSegment("u"));
        var result =
                Simplifier.run(
                        S, bigCopy, noisy, new Outcome.Fail("big", ""), Budget.calls(10_000));
        // The process stays: the copyout runs in it. Its region goes, the destination moving to a
        // special place.
        assertEquals(
                List.of(
                        new Setup.CreateProcess("p"),
                        new Call.Copyout(
                                Context.process("p"),
                                Addr.in("k", 0),
                                new Addr.Special(Addr.Place.NULL, 0),
                                100)),
                result.value());
    }
}
