package xmemck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static xmemck.process.Fakes.assertContains;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.spi.ScenarioAnswers;
import xmemck.spi.SentAhead;
import xmemck.spi.SutFailure.Kind;

/**
 * Scenarios sent ahead ({@link ProcessSut#sendAhead}) go out in one write, each behind a reset, and
 * are read in order when asked for or before anything else: each scenario gets its own answers and
 * its own failures, an extra answer is charged to the scenario it follows, a failure stops only the
 * scenarios after it, and nothing on its way is taken for the answer to a later call.
 */
class SentAheadTest {
    static final Op OP = new Setup.CreateProcess("p");
    static final List<List<? extends Op>> THREE =
            List.of(List.of(OP, OP), List.of(OP, OP), List.of(OP, OP));

    private final Fakes fakes = new Fakes();

    /** Every scenario's answers, in order. */
    static List<ScenarioAnswers> all(SentAhead sent) {
        List<ScenarioAnswers> all = new java.util.ArrayList<>();
        for (int i = 0; i < sent.size(); i++) all.add(sent.answer(i));
        return all;
    }

    @AfterEach
    void nothingLeft() throws InterruptedException {
        fakes.closeAllAndCheckNothingIsLeft();
    }

    @Test
    void eachScenarioIsAnsweredBehindItsOwnReset() throws Exception {
        ProcessSut s = fakes.start(Duration.ofSeconds(5), "chatty");
        SentAhead sent = s.sendAhead(THREE);
        List<ScenarioAnswers> answers = all(sent);
        assertEquals(3, answers.size());
        for (ScenarioAnswers a : answers) {
            ScenarioAnswers.Answered x = assertInstanceOf(ScenarioAnswers.Answered.class, a);
            assertEquals(2, x.results().size());
            assertNull(x.atEnd());
        }
        s.reset(); // the world is a fresh one already: nothing to send
        s.apply(OP);
        s.close();
        long resets =
                s.drainDiagnostics().lines().filter(l -> l.equals("fake: got 17 bytes")).count();
        assertEquals(
                4,
                resets,
                "one to start the first scenario in a fresh world, then one behind each, and none"
                        + " for the reset() after them");
    }

    @Test
    void anExtraAnswerIsTheScenarioItFollowsAndStopsTheRest() throws Exception {
        // op 4 is the second scenario's last
        ProcessSut s = fakes.start(Duration.ofSeconds(5), "twice-on-op", "4");
        long pid = s.pid();
        List<ScenarioAnswers> answers = all(s.sendAhead(THREE));
        assertNull(assertInstanceOf(ScenarioAnswers.Answered.class, answers.get(0)).atEnd());
        ScenarioAnswers.Answered second =
                assertInstanceOf(ScenarioAnswers.Answered.class, answers.get(1));
        assertEquals(Kind.PROTOCOL, second.atEnd().kind());
        assertContains(
                second.atEnd().getMessage(),
                "answered op 4 (create process p) a second time, after the scenario's last answer");
        assertInstanceOf(ScenarioAnswers.NotRun.class, answers.get(2));
        s.reset(); // a fresh implementation for what comes next
        assertNotEquals(pid, s.pid());
        assertInstanceOf(Result.Unsupported.class, s.apply(OP));
        s.endScenario();
    }

    @Test
    void aCrashIsTheScenarioItHappensInAndTheNextWriteStillRuns() throws Exception {
        ProcessSut s = fakes.start(Duration.ofSeconds(5), "crash-on-op", "3");
        List<ScenarioAnswers> answers = all(s.sendAhead(THREE));
        assertInstanceOf(ScenarioAnswers.Answered.class, answers.get(0));
        ScenarioAnswers.Failed failed =
                assertInstanceOf(ScenarioAnswers.Failed.class, answers.get(1));
        assertEquals(Kind.CRASHED, failed.failure().kind());
        assertInstanceOf(ScenarioAnswers.NotRun.class, answers.get(2));
        // Until something restarts it, nothing is sent.
        assertInstanceOf(ScenarioAnswers.NotRun.class, all(s.sendAhead(THREE)).getFirst());
        s.reset(); // a fresh implementation (that crashes at its third op again)
        for (ScenarioAnswers a : all(s.sendAhead(List.of(List.of(OP), List.of(OP)))))
            assertInstanceOf(ScenarioAnswers.Answered.class, a);
    }

    @Test
    void aHangIsTheScenarioItHappensIn() throws Exception {
        ProcessSut s = fakes.start(Duration.ofMillis(300), "hang-on-op", "2");
        List<ScenarioAnswers> answers = all(s.sendAhead(THREE));
        assertEquals(
                Kind.HUNG,
                assertInstanceOf(ScenarioAnswers.Failed.class, answers.get(0)).failure().kind());
        assertInstanceOf(ScenarioAnswers.NotRun.class, answers.get(1));
    }

    /** A scenario is read as soon as it is asked for, without waiting for the rest of its write. */
    @Test
    void aScenarioIsReadWithoutWaitingForTheRestOfItsWrite() throws Exception {
        ProcessSut s = fakes.start(Duration.ofMillis(300), "hang-on-op", "5");
        long pid = s.pid();
        SentAhead sent = s.sendAhead(THREE);
        assertInstanceOf(ScenarioAnswers.Answered.class, sent.answer(0));
        assertInstanceOf(ScenarioAnswers.Answered.class, sent.answer(1));
        assertEquals(pid, s.pid(), "the third scenario, which hangs, is not read yet");
        assertEquals(
                Kind.HUNG,
                assertInstanceOf(ScenarioAnswers.Failed.class, sent.answer(2)).failure().kind());
        assertEquals(-1, s.pid());
    }

    /**
     * Answers still on their way are read before any other call, so they are never mistaken for
     * that call's answers, and are there when asked for later; two writes in flight are read in the
     * order they were sent.
     */
    @Test
    void anyOtherCallReadsWhatIsOnItsWayFirst() throws Exception {
        ProcessSut s = fakes.start(Duration.ofSeconds(5), "chatty");
        SentAhead first = s.sendAhead(THREE);
        SentAhead second = s.sendAhead(List.of(List.of(OP)));
        assertEquals(1, all(second).size()); // reads the first write on the way
        s.reset();
        assertEquals(2, s.applyAll(List.of(OP, OP)).size());
        s.endScenario();
        assertEquals(3, all(first).size());
        for (ScenarioAnswers a : all(first)) assertInstanceOf(ScenarioAnswers.Answered.class, a);
    }

    @Test
    void closingReadsWhatIsOnItsWayAndFindsNothingUnasked() throws Exception {
        ProcessSut s = fakes.start(Duration.ofSeconds(5), "chatty");
        s.sendAhead(THREE);
        s.close();
        String diagnostics = s.drainDiagnostics();
        assertFalse(
                diagnostics.contains("nobody asked for"),
                "the answers sent ahead were read, not left for close() to find: " + diagnostics);
    }
}
