package xmemck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xmemck.fuzz.engine.Budget;
import xmemck.ops.Call;
import xmemck.ops.Layout;
import xmemck.ops.Op;
import xmemck.ops.Prot;
import xmemck.ops.Setup;
import xmemck.spi.Adapters;
import xmemck.spi.Sut;
import xmemck.spi.SutOptions;

/**
 * Fuzzing finds planted bugs in the reference implementation and shrinks them to their known
 * minimum.
 */
class PlantedBugTest {

    @TempDir Path reports;

    static Sut planted(PlantedBugSut.Bug bug) throws Exception {
        return new PlantedBugSut(Adapters.find("reference").open(SutOptions.none()), bug);
    }

    FuzzRun.Summary fuzz(Sut sut, long seed) {
        var options =
                new FuzzRun.Options(
                        "planted",
                        SutOptions.none(),
                        Budget.calls(20_000),
                        seed,
                        reports,
                        1,
                        false);
        return FuzzRun.run(sut, options, null);
    }

    static String regionSpace(List<Op> ops) {
        for (Op op : ops)
            if (op instanceof Setup.MapRegion r && r.name().equals("u")) return r.space();
        return "none";
    }

    static Call lastCall(List<Op> ops) {
        return (Call) ops.getLast();
    }

    static long count(Call call) {
        return switch (call) {
            case Call.Copyout c -> c.cn();
            case Call.DdiCopyout c -> c.cn();
            case Call.Xmemout x -> x.count();
            default -> -1;
        };
    }

    @Test
    void aDroppedLastByteShrinksToACopyOfExactlyNineBytes() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            FuzzRun.Summary s = fuzz(planted(PlantedBugSut.Bug.DROPS_LAST_BYTE_OF_9_PLUS), seed);
            assertEquals(1, s.failures().size(), "seed " + seed + ": the bug must be found");
            Failure f = s.failures().getFirst();
            assertEquals("FAIL", f.verdict());
            assertTrue(f.reproduced());
            assertEquals(
                    9, count(lastCall(f.ops())), "seed " + seed + ": minimal count\n" + f.ops());
            assertTrue(
                    f.ops().size() <= 5,
                    "seed " + seed + ": at most 5 operations, got\n" + f.ops());
        }
    }

    @Test
    void aWriteOnePastTheEndShrinksToACountOfZeroOrOne() throws Exception {
        for (long seed = 1; seed <= 3; seed++) {
            FuzzRun.Summary s = fuzz(planted(PlantedBugSut.Bug.WRITES_ONE_PAST_THE_END), seed);
            assertEquals(1, s.failures().size(), "seed " + seed + ": the bug must be found");
            Failure f = s.failures().getFirst();
            // Two minima, by the failure's kind: the stray byte lands inside the region (count 0
            // where the oracle
            // observes the destination of an empty copy, as for copyout; else 1), or the extra byte
            // would leave the
            // region, which the reference refuses: then a one-page copy that ends exactly at the
            // region's end.
            long n = count(lastCall(f.ops()));
            boolean strayByte = n <= 1;
            boolean endOfRegion =
                    n == Layout.PAGE_SIZE
                            && f.ops()
                                    .contains(
                                            new Setup.MapRegion(
                                                    "u",
                                                    regionSpace(f.ops()),
                                                    1,
                                                    Prot.READ_WRITE,
                                                    22));
            assertTrue(strayByte || endOfRegion, "seed " + seed + ": not a minimum\n" + f.ops());
            assertTrue(
                    f.ops().size() <= 5,
                    "seed " + seed + ": at most 5 operations, got\n" + f.ops());
        }
    }

    /**
     * An implementation behind a pipe is sent whole cases, its pages observed as digests: a page
     * the bug left half written needs its bytes, and the case runs again step by step. The same bug
     * is found, and shrinks to the same case.
     */
    @Test
    void casesSentWholeFindAndShrinkTheSameBugs() throws Exception {
        for (PlantedBugSut.Bug bug : PlantedBugSut.Bug.values()) {
            FuzzRun.Summary stepByStep = fuzz(planted(bug), 1);
            PlantedBugSut piped =
                    new PlantedBugSut(
                            Adapters.find("reference").open(SutOptions.none()), bug, true);
            FuzzRun.Summary whole = fuzz(piped, 1);
            assertTrue(piped.wholeCases > 0, "cases were sent whole");
            assertEquals(1, whole.failures().size(), bug + ": the bug must be found");
            Failure a = stepByStep.failures().getFirst(), b = whole.failures().getFirst();
            assertEquals(a.signature(), b.signature(), bug.toString());
            assertEquals(a.ops(), b.ops(), bug + ": shrunk to the same case");
            assertTrue(b.reproduced());
        }
    }

    /**
     * The summary's case endings count the search's cases, one each: not the hundreds of tries the
     * shrink of the failure checks (they once made the endings add up to several times the cases).
     */
    @Test
    void caseEndingsCountTheCasesNotTheShrinksTries() throws Exception {
        FuzzRun.Summary s = fuzz(planted(PlantedBugSut.Bug.WRITES_ONE_PAST_THE_END), 1);
        assertEquals(1, s.failures().size(), "the bug is found and shrunk");
        long ended = s.caseEndings().values().stream().mapToLong(Long::longValue).sum();
        assertEquals(s.cases() - s.invalidCases(), ended, "endings " + s.caseEndings());
        assertEquals(1L, s.caseEndings().get("FAIL"), "only the case that found the bug failed");
    }

    @Test
    void theReferenceItselfHasNoFailures() throws Exception {
        FuzzRun.Summary s = fuzz(Adapters.find("reference").open(SutOptions.none()), 7);
        assertTrue(
                s.passed(), () -> "the reference disagrees with its own oracle: " + s.failures());
        assertEquals(0, s.invalidCases(), "the generators made ill-formed cases");
        assertEquals(0, s.generatorErrors());
        assertTrue(
                s.clausesReached().size() >= 40,
                "only " + s.clausesReached().size() + " clauses reached: " + s.clausesReached());
        assertFalse(s.caseEndings().isEmpty());
    }
}
