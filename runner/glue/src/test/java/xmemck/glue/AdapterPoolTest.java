package xmemck.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import org.junit.jupiter.api.Test;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.spi.Capabilities;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;

/**
 * The pool's give-up rule: an implementation that cannot start costs {@link
 * AdapterPool#MAX_FAILED_STARTS} opens, not one per scenario; a start that fails by chance is tried
 * again; a good open starts the count again.
 */
class AdapterPoolTest {

    /**
     * Opens as scripted: each entry is a failure message, or empty for a good open. Counts the
     * attempts.
     */
    static final class ScriptedOpener implements AdapterPool.Opener {
        private final Deque<String> script;
        int attempts;

        ScriptedOpener(String... outcomes) {
            script = new ArrayDeque<>(java.util.Arrays.asList(outcomes));
        }

        @Override
        public Sut open(String adapterId) throws SutFailure {
            attempts++;
            String failure = script.isEmpty() ? "the script ran out" : script.poll();
            if (!failure.isEmpty())
                throw new SutFailure(
                        SutFailure.Kind.START_FAILED, failure + " (attempt " + attempts + ")");
            return new NothingSut();
        }
    }

    static final class NothingSut implements Sut {
        boolean closed;

        @Override
        public String name() {
            return "nothing";
        }

        @Override
        public Capabilities capabilities() {
            return Capabilities.all();
        }

        @Override
        public Result apply(Op op) {
            return new Result.Unsupported("nothing");
        }

        @Override
        public void reset() {}

        @Override
        public void close() {
            closed = true;
        }
    }

    @Test
    void afterThreeFailedStartsInARowEveryBorrowFailsAtOnceWithTheReason() {
        ScriptedOpener opener =
                new ScriptedOpener("no such device", "no such device", "no such device", "", "");
        AdapterPool pool = new AdapterPool(opener);
        for (int i = 1; i <= AdapterPool.MAX_FAILED_STARTS; i++) {
            ScenarioError e = assertThrows(ScenarioError.class, pool::borrow);
            assertTrue(
                    e.getMessage().contains("no such device (attempt " + i + ")"), e.getMessage());
        }
        assertEquals(3, opener.attempts);
        for (int i = 0; i < 5; i++) {
            ScenarioError e =
                    assertThrows(
                            ScenarioError.class,
                            pool::borrow,
                            "the pool gave up: no good open is tried any more");
            assertTrue(
                    e.getMessage().startsWith("gave up after 3 failed starts: "), e.getMessage());
            assertTrue(
                    e.getMessage().contains("START_FAILED: no such device (attempt 3)"),
                    "the last reason is given: " + e.getMessage());
        }
        assertEquals(3, opener.attempts, "no further open was attempted after giving up");
    }

    @Test
    void aStartThatFailsByChanceIsTriedAgainAndAGoodOpenStartsTheCountAgain() {
        ScriptedOpener opener = new ScriptedOpener("busy", "busy", "", "busy", "busy", "");
        AdapterPool pool = new AdapterPool(opener);
        assertThrows(ScenarioError.class, pool::borrow);
        assertThrows(ScenarioError.class, pool::borrow);
        Sut good = pool.borrow();
        pool.discard(
                good); // the scenario ended in ERROR: the implementation is closed, the next borrow
        // opens afresh
        assertTrue(((NothingSut) good).closed);
        assertThrows(ScenarioError.class, pool::borrow);
        assertThrows(ScenarioError.class, pool::borrow);
        Sut again = pool.borrow(); // two failures since the last good open: not yet given up
        assertEquals(6, opener.attempts);
        pool.giveBack(again);
        assertSame(again, pool.borrow(), "an implementation given back is reused without opening");
        assertEquals(6, opener.attempts);
    }

    @Test
    void theEndOfARunForgetsThatThePoolGaveUp() {
        ScriptedOpener opener = new ScriptedOpener("x", "x", "x", "");
        AdapterPool pool = new AdapterPool(opener);
        for (int i = 0; i < 4; i++) assertThrows(ScenarioError.class, pool::borrow);
        pool.closeAll();
        Sut s = pool.borrow();
        assertEquals(4, opener.attempts);
        pool.giveBack(s);
        pool.closeAll();
        assertTrue(((NothingSut) s).closed);
    }
}
