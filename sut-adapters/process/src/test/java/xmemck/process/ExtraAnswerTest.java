package xmemck.process;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static xmemck.process.Fakes.assertContains;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.spi.SutFailure;
import xmemck.spi.SutFailure.Kind;

/**
 * An answer nobody asked for is an ERROR of the scenario that caused it. Before endScenario() a
 * second answer to a scenario's last op left that scenario PASS and gave the next one an ERROR (or,
 * after the run's last op, went unseen). The check reads up to the ready of a reset sent at once,
 * so it is deterministic, and it costs no round trip: the next scenario's reset() then has nothing
 * left to do.
 */
class ExtraAnswerTest {
    static final Op OP = new Setup.CreateProcess("p");

    private final Fakes fakes = new Fakes();

    @AfterEach
    void nothingLeft() throws InterruptedException {
        fakes.closeAllAndCheckNothingIsLeft();
    }

    @Test
    void aSecondAnswerToTheLastOpIsAnErrorOfTheScenarioThatEndsAndTheNextScenarioIsClean()
            throws Exception {
        ProcessSut s = fakes.start(Duration.ofSeconds(5), "twice-on-op", "2");
        s.reset();
        assertInstanceOf(Result.Unsupported.class, s.apply(OP));
        s.endScenario(); // a scenario whose implementation behaved
        s.reset();
        assertInstanceOf(
                Result.Unsupported.class,
                s.apply(OP),
                "the scenario's last op is answered (and then answered again)");
        long pid = s.pid();
        SutFailure f = assertThrows(SutFailure.class, s::endScenario);
        assertEquals(Kind.PROTOCOL, f.kind());
        assertContains(
                f.getMessage(),
                "answered op 2 (create process p) a second time, after the scenario's last answer");

        s.reset(); // the next scenario: a fresh implementation, and nothing held against it
        assertNotEquals(pid, s.pid());
        assertInstanceOf(Result.Unsupported.class, s.apply(OP));
        assertDoesNotThrow(s::endScenario);
    }

    @Test
    void withoutEndScenarioTheExtraAnswerIsStillNamedAsOneAtTheNextReset() throws Exception {
        ProcessSut s = fakes.start(Duration.ofSeconds(5), "twice-on-op", "1");
        s.reset();
        s.apply(OP);
        SutFailure f = assertThrows(SutFailure.class, s::reset);
        assertEquals(Kind.PROTOCOL, f.kind());
        assertContains(
                f.getMessage(),
                "answered op 1 (create process p) a second time",
                "found at the reset that starts the next scenario");
    }

    @Test
    void endingAScenarioCostsNoExtraRoundTrip() throws Exception {
        // The chatty fake logs every line it reads: a reset line is 16 bytes and its line end.
        ProcessSut s = fakes.start(Duration.ofSeconds(5), "chatty");
        for (int scenario = 0; scenario < 3; scenario++) {
            s.reset();
            s.applyAll(java.util.List.of(OP, OP));
            s.endScenario();
        }
        s.close(); // waits for the implementation's standard error to end
        long resets =
                s.drainDiagnostics().lines().filter(l -> l.equals("fake: got 17 bytes")).count();
        assertEquals(
                4,
                resets,
                "the first reset, then one per scenario sent by endScenario(): reset() had nothing left to do");
    }

    /**
     * A whole scenario ({@link ProcessSut#applyRest}) carries the reset that ends it behind its
     * ops: an extra answer still arrives before that reset's ready, and is found at endScenario (or
     * at the next reset) as one.
     */
    @Test
    void anExtraAnswerToAWholeScenarioIsFoundAsOne() throws Exception {
        ProcessSut s = fakes.start(Duration.ofSeconds(5), "twice-on-op", "2");
        s.reset();
        assertInstanceOf(Result.Unsupported.class, s.applyRest(java.util.List.of(OP)).getFirst());
        s.endScenario();
        s.reset();
        assertInstanceOf(Result.Unsupported.class, s.applyRest(java.util.List.of(OP)).getFirst());
        SutFailure f = assertThrows(SutFailure.class, s::endScenario);
        assertEquals(Kind.PROTOCOL, f.kind());
        assertContains(
                f.getMessage(),
                "answered op 2 (create process p) a second time, after the scenario's last answer");

        ProcessSut t = fakes.start(Duration.ofSeconds(5), "twice-on-op", "1");
        t.reset();
        t.applyRest(java.util.List.of(OP));
        SutFailure g = assertThrows(SutFailure.class, t::reset);
        assertContains(
                g.getMessage(),
                "answered op 1 (create process p) a second time",
                "found at the reset that starts the next scenario");
    }

    @Test
    void aWholeScenarioSendsOneResetAndReadsItsReadyOnce() throws Exception {
        ProcessSut s = fakes.start(Duration.ofSeconds(5), "chatty");
        for (int scenario = 0; scenario < 3; scenario++) {
            s.reset();
            assertEquals(2, s.applyRest(java.util.List.of(OP, OP)).size());
            s.endScenario();
        }
        s.reset();
        s.applyRest(java.util.List.of(OP)); // no endScenario: the next reset reads the ready
        s.reset();
        s.apply(OP);
        s.close();
        long resets =
                s.drainDiagnostics().lines().filter(l -> l.equals("fake: got 17 bytes")).count();
        assertEquals(5, resets, "the first reset, then one behind each whole scenario");
    }
}
