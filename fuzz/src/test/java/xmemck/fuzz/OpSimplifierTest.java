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
import xmemck.ops.Prot;
import xmemck.ops.Setup;

class OpSimplifierTest {

    static final OpSimplifier S = new OpSimplifier();

    static Call.Copyout copyout(long offset, long cn) {
        return new Call.Copyout(Context.process("p"), Addr.in("k", 0), Addr.in("u", offset), cn);
    }

    @Test
    void lowerValuesAreAlwaysCheaperAndIncludeThePageBoundaryBelow() {
        for (long v : new long[] {-4097, -2, -1, 1, 2, 9, 4095, 4096, 4097, 12289, Long.MAX_VALUE, Long.MIN_VALUE}) {
            for (long w : OpSimplifier.lower(v)) assertTrue(OpSimplifier.cost(w) < OpSimplifier.cost(v), v + " -> " + w);
        }
        assertEquals(0, OpSimplifier.lower(0).length);
        assertTrue(List.of(4096L).stream().allMatch(x -> java.util.Arrays.stream(OpSimplifier.lower(4097)).anyMatch(y -> y == x)));
        assertTrue(java.util.Arrays.stream(OpSimplifier.lower(-7)).anyMatch(y -> y == -1));
    }

    @Test
    void aProtectionOfAWholeRegionFoldsIntoItsCreation() {
        List<Op> ops = List.of(new Setup.MapRegion("u", "p", 2, Prot.READ_WRITE, 22), new Setup.Protect("u", 0, 2, Prot.READ), copyout(0, 5));
        List<Op> folded = List.of(new Setup.MapRegion("u", "p", 2, Prot.READ, 22), copyout(0, 5));
        assertTrue(S.candidates(ops).contains(folded));
        // across a call too (the check decides whether the failure survives it); a partial protection never folds
        List<Op> afterCall = List.of(new Setup.MapRegion("u", "p", 2, Prot.READ_WRITE, 22), copyout(0, 1), new Setup.Protect("u", 0, 2, Prot.READ), copyout(0, 5));
        assertTrue(S.candidates(afterCall).contains(List.of(new Setup.MapRegion("u", "p", 2, Prot.READ, 22), copyout(0, 1), copyout(0, 5))));
        List<Op> partial = List.of(new Setup.MapRegion("u", "p", 2, Prot.READ_WRITE, 22), new Setup.Protect("u", 0, 1, Prot.READ), copyout(0, 5));
        assertTrue(S.candidates(partial).stream().noneMatch(c -> c.contains(new Setup.MapRegion("u", "p", 2, Prot.READ, 22))));
    }

    @Test
    void everyCandidateIsSimplerInTheOrder() {
        List<Op> ops = List.of(new Setup.CreateProcess("p"), new Setup.MapRegion("u", "p", 3, Prot.READ_WRITE, 22),
                new Setup.SetPageState("u", 2, 1, xmemck.ops.PageState.PAGED_OUT), copyout(4090, 8200));
        for (List<Op> c : S.candidates(ops)) assertTrue(S.order().compare(c, ops) < 0, c.toString());
    }

    @Test
    void simplificationDropsWhatTheFailureDoesNotNeedAndLowersCountsToTheThreshold() {
        // fails when a copyout of 100 bytes or more happens: everything else is noise
        Property<List<Op>> bigCopy = ops -> ops.stream().anyMatch(o -> o instanceof Call.Copyout c && c.cn() >= 100)
                ? new Outcome.Fail("big", "") : Outcome.PASS;
        List<Op> noisy = List.of(new Setup.CreateProcess("p"), new Setup.MapRegion("u", "p", 3, Prot.READ_WRITE, 22),
                new Setup.Protect("u", 1, 2, Prot.READ), copyout(4090, 5000), new Setup.DeleteSegment("u"));
        var result = Simplifier.run(S, bigCopy, noisy, new Outcome.Fail("big", ""), Budget.calls(10_000));
        assertEquals(List.of(copyout(0, 100)), result.value());
    }
}
