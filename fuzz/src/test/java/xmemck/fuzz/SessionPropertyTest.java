package xmemck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import xmemck.fuzz.engine.Outcome;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Op;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.oracle.Finding;
import xmemck.spi.SutFailure;

/**
 * The fuzzing property: how a case's failure is named (from data: verdicts, findings' clauses, the
 * kind of an implementation's failure; never from message text), that an extra answer is charged to
 * the case that caused it, and that a case about an object it does not create never reaches the
 * implementation.
 */
class SessionPropertyTest {

    static final Context P = Context.process("p");

    static List<Op> world(Op call) {
        return List.of(
                new Setup.CreateProcess("p"),
                new Setup.MapRegion("k", "kernel", 1, Prot.READ_WRITE, 11),
                new Setup.MapRegion("u", "p", 1, Prot.READ_WRITE, 22),
                call);
    }

    static Call.Copyout copyout(long n) {
        return new Call.Copyout(P, Addr.in("k", 0), Addr.in("u", 0), n);
    }

    static Outcome check(FakeSut sut, List<Op> ops) {
        return new SessionProperty(sut, new Coverage()).check(ops);
    }

    @Test
    void aFailIsNamedByItsVerdictServiceAndTheClauseItsFindingBreaks() throws Exception {
        // An implementation that accepts an attach of 0 bytes: the oracle says XMEM_FAIL
        // (xmattach.fail.count).
        FakeSut sut =
                new FakeSut()
                        .answering(
                                c ->
                                        c instanceof Call.Xmattach x && x.count() <= 0
                                                ? new Result.Returned(Call.XMEM_SUCC, Map.of())
                                                : null);
        Outcome o =
                check(
                        sut,
                        world(new Call.Xmattach(P, Addr.in("u", 0), 0, "dp", Call.USER_ADSPACE)));
        Outcome.Fail f = assertInstanceOf(Outcome.Fail.class, o);
        assertEquals("FAIL xmattach xmattach.fail.count", f.signature());
        // the same case against the reference passes: the signature is the fake's doing
        assertEquals(
                Outcome.PASS,
                check(
                        new FakeSut(),
                        world(new Call.Xmattach(P, Addr.in("u", 0), 0, "dp", Call.USER_ADSPACE))));
    }

    @Test
    void aFailAnswersToEveryClauseItsFindingsBreak() throws Exception {
        // An ioctl that returns -1 where the allowed outcome is EFAULT: the finding is against an
        // outcome that two
        // clauses define together (the copy's failure and the ioctl's EFAULT), and the failure
        // answers to both.
        FakeSut sut =
                new FakeSut()
                        .answering(
                                c ->
                                        c instanceof Call.XxIoctl
                                                ? new Result.Returned(-1, Map.of())
                                                : null);
        List<Op> ops =
                world(
                        new Call.XxIoctl(
                                P,
                                Addr.in("k", 0),
                                Call.XX_GETREGS,
                                Addr.special(Addr.Place.NULL)));
        Outcome.Fail f = assertInstanceOf(Outcome.Fail.class, check(sut, ops));
        List<Finding> findings = Replay.run(sut, ops).failing().step().findings();
        assertTrue(
                findings.stream().anyMatch(x -> !x.also().isEmpty()),
                "the case must have a finding that breaks several clauses: " + findings);
        Set<String> expected = new LinkedHashSet<>();
        for (Finding x : findings) for (String c : x.breaks()) expected.add("FAIL ioctl " + c);
        assertEquals("FAIL ioctl " + findings.getFirst().clause(), f.signature());
        assertEquals(
                expected, f.alsoAnswersTo(), "every clause of every finding, and nothing else");
    }

    @Test
    void anErrorIsNamedByTheKindOfFailureNeverByItsMessage() throws Exception {
        int[] n = {0};
        // Each crash says something else (a colon, a number that changes): the signature stays the
        // same.
        FakeSut crashing =
                new FakeSut()
                        .answering(
                                c -> {
                                    if (c instanceof Call.Copyout)
                                        throw new SutFailure(
                                                SutFailure.Kind.CRASHED,
                                                "signal 11: at 0x"
                                                        + Integer.toHexString(++n[0] * 4099));
                                    return null;
                                });
        Outcome.Fail first =
                assertInstanceOf(Outcome.Fail.class, check(crashing, world(copyout(8))));
        Outcome.Fail second =
                assertInstanceOf(Outcome.Fail.class, check(crashing, world(copyout(8))));
        assertNotEquals(first.detail(), second.detail(), "the messages differ");
        assertEquals("ERROR copyout crashed", first.signature());
        assertEquals(first.signature(), second.signature());

        FakeSut hanging =
                new FakeSut().failingEveryCall(SutFailure.Kind.HUNG, "no answer in 5000 ms");
        assertEquals(
                "ERROR copyout hung",
                ((Outcome.Fail) check(hanging, world(copyout(8)))).signature());
        FakeSut wrongKind = new FakeSut().answering(c -> new Result.Done());
        assertEquals(
                "ERROR copyout protocol",
                ((Outcome.Fail) check(wrongKind, world(copyout(8)))).signature());
        FakeSut broken =
                new FakeSut()
                        .answering(
                                c -> {
                                    throw new IllegalStateException("adapter bug: " + c);
                                });
        assertEquals(
                "ERROR copyout internal",
                ((Outcome.Fail) check(broken, world(copyout(8)))).signature());
        FakeSut noStart =
                new FakeSut()
                        .failingResets(
                                new SutFailure(SutFailure.Kind.START_FAILED, "exec: no such file"));
        assertEquals(
                "ERROR reset start-failed",
                ((Outcome.Fail) check(noStart, world(copyout(8)))).signature());
    }

    @Test
    void anExtraAnswerIsAnErrorOfTheCaseThatCausedIt() throws Exception {
        // The implementation answers a 1-byte copyout twice; the extra answer shows when the case
        // is over.
        FakeSut sut =
                new FakeSut()
                        .extraAnswerAfter(
                                ops ->
                                        ops.stream()
                                                .anyMatch(
                                                        o ->
                                                                o instanceof Call.Copyout c
                                                                        && c.cn() == 1));
        SessionProperty property = new SessionProperty(sut, new Coverage());
        assertEquals(Outcome.PASS, property.check(world(copyout(2))));
        Outcome.Fail f = assertInstanceOf(Outcome.Fail.class, property.check(world(copyout(1))));
        assertEquals("ERROR end protocol", f.signature());
        assertTrue(f.detail().contains("a second time"), f.detail());
        assertEquals(
                Outcome.PASS,
                property.check(world(copyout(2))),
                "the next case is not charged with it");
        assertEquals(3, sut.ends, "told after every case that it is over");
        // A replay tells it too, so the counterexample fails again the same way.
        assertEquals(
                "ERROR end protocol",
                Replay.failing(sut, world(copyout(1))).orElseThrow().signature());
    }

    @Test
    void anImplementationThatFailedIsNotAskedForTheEndOfTheCase() throws Exception {
        FakeSut sut = new FakeSut().failingEveryCall(SutFailure.Kind.CRASHED, "gone");
        assertInstanceOf(Outcome.Fail.class, check(sut, world(copyout(8))));
        assertEquals(0, sut.ends, "Sut#endScenario: not after an ERROR");
        FakeSut failing = new FakeSut().answering(c -> new Result.Returned(Call.EFAULT, Map.of()));
        assertEquals(
                "FAIL copyout copyout.succ",
                ((Outcome.Fail) check(failing, world(copyout(8)))).signature());
        assertEquals(1, failing.ends, "but after a FAIL");
    }

    /**
     * An implementation behind a pipe gets each case whole, in one batch; its failures are named as
     * step by step (the case runs again step by step to find the operation), and a failure of the
     * whole batch that does not happen again step by step is still its ERROR.
     */
    @Test
    void casesSentWholeAreNamedAsStepByStep() throws Exception {
        FakeSut passing = new FakeSut().whole(null);
        assertEquals(Outcome.PASS, check(passing, world(copyout(8))));
        assertEquals(1, passing.wholeCases);
        assertEquals(1, passing.resets, "a passing case is not run again");

        FakeSut crashing =
                new FakeSut().whole(null).failingEveryCall(SutFailure.Kind.CRASHED, "signal 11");
        assertEquals(
                "ERROR copyout crashed",
                ((Outcome.Fail) check(crashing, world(copyout(8)))).signature());
        FakeSut wrong =
                new FakeSut()
                        .whole(null)
                        .answering(c -> new Result.Returned(Call.EFAULT, Map.of()));
        assertEquals(
                "FAIL copyout copyout.succ",
                ((Outcome.Fail) check(wrong, world(copyout(8)))).signature());
        FakeSut extra = new FakeSut().whole(null).extraAnswerAfter(ops -> true);
        assertEquals(
                "ERROR end protocol", ((Outcome.Fail) check(extra, world(copyout(8)))).signature());

        FakeSut onlyWhole =
                new FakeSut().whole(new SutFailure(SutFailure.Kind.CRASHED, "signal 6"));
        Outcome.Fail f = assertInstanceOf(Outcome.Fail.class, check(onlyWhole, world(copyout(8))));
        assertEquals("ERROR batch crashed", f.signature());
        assertTrue(f.detail().contains("signal 6"), f.detail());
    }

    /**
     * Cases sent ahead of their checks, several to a write, are judged from their answers as a case
     * sent whole is: a passing case is not run again, a failure is named as step by step, an extra
     * answer is its case's, and a failure only when sent ahead is still an ERROR.
     */
    @Test
    void casesSentAheadAreNamedAsStepByStep() throws Exception {
        List<Op> a = world(copyout(8)), b = world(copyout(16));
        FakeSut passing = new FakeSut().ahead(2, null);
        SessionProperty p = new SessionProperty(passing, new Coverage());
        assertEquals(2, p.lookahead());
        p.upcoming(List.of(a, b));
        assertEquals(2, passing.aheadCases);
        assertEquals(Outcome.PASS, p.check(a));
        assertEquals(Outcome.PASS, p.check(b));
        assertEquals(2, passing.aheadRun);
        assertEquals(2, passing.resets, "no case run again: one reset each, when sent ahead");
        assertEquals(0, passing.wholeCases, "nor sent whole");

        assertEquals(
                "ERROR copyout crashed",
                aheadSignature(
                        new FakeSut().failingEveryCall(SutFailure.Kind.CRASHED, "signal 11")));
        assertEquals(
                "FAIL copyout copyout.succ",
                aheadSignature(
                        new FakeSut().answering(c -> new Result.Returned(Call.EFAULT, Map.of()))));
        assertEquals(
                "ERROR end protocol", aheadSignature(new FakeSut().extraAnswerAfter(ops -> true)));

        FakeSut onlyAhead =
                new FakeSut().ahead(2, new SutFailure(SutFailure.Kind.HUNG, "no answer"));
        SessionProperty q = new SessionProperty(onlyAhead, new Coverage());
        q.upcoming(List.of(a, b));
        Outcome.Fail f = assertInstanceOf(Outcome.Fail.class, q.check(a));
        assertEquals("ERROR batch hung", f.signature());
        assertTrue(f.detail().contains("no answer"), f.detail());
        // The second case of that write never ran: it runs now, the ordinary way (whole).
        assertEquals(Outcome.PASS, q.check(b));
        assertEquals(1, onlyAhead.aheadRun);
        assertEquals(1, onlyAhead.wholeCases);
    }

    /** The signature of one case sent ahead to {@code sut} (which is made to take cases ahead). */
    private static String aheadSignature(FakeSut sut) {
        sut.ahead(1, null);
        SessionProperty p = new SessionProperty(sut, new Coverage());
        List<Op> ops = world(copyout(8));
        p.upcoming(List.of(ops));
        return ((Outcome.Fail) p.check(ops)).signature();
    }

    /**
     * The ERROR kinds come from the fuzzer's view of the implementation, which must pass every
     * method on (batching too).
     */
    @Test
    void theWatchedImplementationPassesEveryMethodOn() throws Exception {
        for (java.lang.reflect.Method m : xmemck.spi.Sut.class.getMethods()) {
            if (java.lang.reflect.Modifier.isStatic(m.getModifiers())) continue;
            java.lang.reflect.Method own =
                    WatchedSut.class.getMethod(m.getName(), m.getParameterTypes());
            assertEquals(
                    WatchedSut.class,
                    own.getDeclaringClass(),
                    m + " is not passed on: a new method of Sut needs forwarding");
        }
    }

    @Test
    void aCaseAboutSomethingItDoesNotCreateIsInvalidAndNeverSent() throws Exception {
        FakeSut sut = new FakeSut();
        // the copyout's destination region is not created; nor is the descriptor of the xmemout
        List<Op> noRegion =
                List.of(
                        new Setup.CreateProcess("p"),
                        new Setup.MapRegion("k", "kernel", 1, Prot.READ_WRITE, 11),
                        copyout(8));
        Outcome.Invalid invalid = assertInstanceOf(Outcome.Invalid.class, check(sut, noRegion));
        assertTrue(invalid.reason().contains("object \"u\""), invalid.reason());
        List<Op> noAttach =
                List.of(
                        new Setup.MapRegion("k", "kernel", 1, Prot.READ_WRITE, 11),
                        new Setup.MapRegion("u", "kernel", 1, Prot.READ_WRITE, 22),
                        new Call.Xmemout(
                                Context.interrupt(), Addr.in("k", 0), Addr.in("u", 0), 8, "dp"));
        invalid = assertInstanceOf(Outcome.Invalid.class, check(sut, noAttach));
        assertTrue(invalid.reason().contains("descriptor \"dp\""), invalid.reason());
        assertEquals(0, sut.resets + sut.opsSent, "the implementation saw nothing of either");
        assertFalse(check(sut, world(copyout(8))).failed(), "a closed case runs");
        assertTrue(sut.opsSent > 0);
    }
}
