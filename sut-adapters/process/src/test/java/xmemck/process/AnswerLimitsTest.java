package xmemck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.process.Fakes.assertContains;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import xmemck.ops.Layout;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Setup;
import xmemck.spi.SutFailure;
import xmemck.spi.SutFailure.Kind;
import xmemck.wire.WireJson;

/**
 * Parsing an answer is bounded in every dimension an implementation controls: the length of a
 * number, the depth of nesting, the number of tokens, the length of a line (with arithmetic that
 * cannot wrap around), and the time the whole answer takes to arrive. Each breach is an ERROR whose
 * message names the limit (PROTOCOL.md, "Limits"). The timeouts around the calls only detect a kit
 * that hangs: before these limits, a 2 MB number held the kit for minutes and a trickle of bytes
 * held it forever.
 */
class AnswerLimitsTest {
    static final Op OP = new Setup.CreateProcess("p");

    /** Generous: only a kit that is stuck takes this long. */
    static final Duration HANG = Duration.ofSeconds(60);

    private final Fakes fakes = new Fakes();

    @AfterEach
    void nothingLeft() throws InterruptedException {
        fakes.closeAllAndCheckNothingIsLeft();
    }

    private SutFailure failureOf(ProcessSut s, Op op) {
        return assertTimeoutPreemptively(
                HANG, () -> assertThrows(SutFailure.class, () -> s.apply(op)));
    }

    @Test
    void aNumberOfTwoMillionDigitsIsRefusedNamingTheLimitOnNumberLength() throws Exception {
        ProcessSut s = fakes.start(Duration.ofSeconds(1), "number-on-op", "1");
        s.reset();
        SutFailure f = failureOf(s, OP);
        assertEquals(Kind.PROTOCOL, f.kind(), f.getMessage());
        assertContains(
                f.getMessage(),
                "at $.value",
                "over the limit on number length (" + WireJson.MAX_NUMBER_LENGTH + " characters)");
    }

    @Test
    void nestingOneHundredThousandDeepIsRefusedNamingTheLimitOnNestingDepth() throws Exception {
        ProcessSut s = fakes.start(Duration.ofSeconds(5), "deep-on-op", "1");
        s.reset();
        SutFailure f = failureOf(s, OP);
        assertEquals(Kind.PROTOCOL, f.kind(), f.getMessage());
        assertContains(
                f.getMessage(),
                "over the limit on nesting depth (" + WireJson.MAX_NESTING_DEPTH + " levels)");
    }

    @Test
    void aMessageOfMillionsOfTokensIsRefusedBeforeItFillsTheKitsMemory() throws Exception {
        ProcessSut s = fakes.start(Duration.ofSeconds(5), "tokens-on-op", "1");
        s.reset();
        SutFailure f = failureOf(s, new Observe.Bytes("u", 0, 0));
        assertEquals(Kind.PROTOCOL, f.kind(), f.getMessage());
        assertContains(
                f.getMessage(),
                "at $.unreadable_pages",
                "over the limit on tokens per message (" + WireJson.MAX_MESSAGE_TOKENS + ")");
    }

    @Test
    void aLineLongerThanTheLimitIsCutOffNamingTheLimitOnLineLength() throws Exception {
        ProcessSut s = fakes.start(1 << 20, Duration.ofSeconds(5), "endless-on-op", "1");
        s.reset();
        SutFailure f = failureOf(s, OP);
        assertEquals(Kind.PROTOCOL, f.kind());
        assertContains(
                f.getMessage(),
                "sent a line longer than the limit on line length (1048576 bytes;",
                "beginning \"xxxxxxxx");
    }

    @Test
    void aTrickleThatNeverEndsTheLineMissesTheOverallDeadline() throws Exception {
        // A byte every 100 ms never leaves 300 ms of silence: only the overall deadline (10
        // timeouts) ends the wait.
        Duration timeout = Duration.ofMillis(300);
        ProcessSut s = fakes.start(timeout, "trickle-on-op", "1");
        s.reset();
        long pid = s.pid();
        SutFailure f = failureOf(s, OP);
        assertEquals(Kind.HUNG, f.kind(), f.getMessage());
        assertContains(
                f.getMessage(),
                "did not finish its answer to op 1 (create process p) within the deadline for one answer (3000 ms: 10 times the timeout of 300 ms",
                "bytes kept arriving",
                "the unfinished line: \"{\\\"type\\\":\\\"result\\\"",
                "bytes so far",
                "it was killed");
        assertTrue(
                Procs.awaitGone(pid, Duration.ofSeconds(3)),
                "the trickling implementation is killed");
    }

    @Test
    void theDeadlineGrowsWithWhatWasAskedAndNeverOverflows() {
        Duration five = Duration.ofSeconds(5);
        assertEquals(
                Duration.ofSeconds(50),
                ProcessSut.deadline(five, ProcessSut.answerBytes(OP)),
                "a small answer: 10 timeouts");
        long region =
                (1L << 30) + 2 * Layout.PAGE_SIZE; // the largest observation: 1 GiB and its guard
        // pages
        long base64 = ProcessSut.answerBytes(new Observe.Bytes("big", -Layout.PAGE_SIZE, region));
        assertTrue(base64 >= region / 3 * 4, "the base64 of the region: " + base64);
        Duration big = ProcessSut.deadline(five, base64);
        assertEquals(
                five.multipliedBy(10 + (base64 + (1 << 20) - 1) / (1 << 20)),
                big,
                "one more timeout per MiB");
        assertTrue(
                ProcessSut.deadline(
                                        five,
                                        ProcessSut.answerBytes(
                                                new Observe.Digest("big", 0, 1L << 30)))
                                .compareTo(Duration.ofSeconds(55))
                        >= 0);
        Duration absurd =
                ProcessSut.deadline(Duration.ofSeconds(Long.MAX_VALUE / 2), Long.MAX_VALUE);
        assertTrue(
                absurd.compareTo(Duration.ofDays(365L * 50)) > 0,
                "saturates instead of wrapping around: " + absurd);
    }

    @Test
    void theLineBufferGrowsGeometricallyWithoutWrappingAround() {
        int max = ChildProcess.MAX_LINE;
        assertEquals(6144, ChildProcess.grownCapacity(4096, 4097, max));
        assertEquals(
                1 << 20, ChildProcess.grownCapacity(4096, 1 << 20, max), "at least what is needed");
        // Half as large again as 1.47 GB is beyond 2^31: the buffer must jump to the limit, not
        // grow by one read at a
        // time (which copied the whole line for every 64 KiB read and never finished).
        int big = 1_470_000_000;
        assertEquals(max, ChildProcess.grownCapacity(big, big + 65_536L, max));
        for (long capacity = 1L << 30; capacity < max; capacity += 7_654_321) {
            long needed = capacity + 65_536;
            if (needed > max) break;
            int grown = ChildProcess.grownCapacity((int) capacity, needed, max);
            assertTrue(
                    grown >= needed
                            && grown <= max
                            && grown >= Math.min(max, capacity + capacity / 2),
                    "capacity " + capacity + " grew to " + grown);
        }
    }
}
