package xmemck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static xmemck.process.Fakes.assertContains;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xmemck.ops.Op;
import xmemck.ops.Setup;
import xmemck.spi.SutFailure;
import xmemck.spi.SutFailure.Kind;

/**
 * An implementation that cannot be restarted costs {@link ProcessSut#MAX_FAILED_STARTS} starts, not
 * one start timeout per scenario (or per fuzz case) for the rest of the run. The fake starts once,
 * crashes, and refuses every later start; it counts its starts in a file.
 */
class FailedRestartsTest {
    static final Op OP = new Setup.CreateProcess("p");

    private final Fakes fakes = new Fakes();

    @AfterEach
    void nothingLeft() throws InterruptedException {
        fakes.closeAllAndCheckNothingIsLeft();
    }

    @Test
    void afterThreeFailedRestartsEveryResetFailsAtOnceWithTheReason(@TempDir Path dir)
            throws Exception {
        Path starts = dir.resolve("starts");
        ProcessSut s = fakes.start(Duration.ofSeconds(5), "start-once", starts.toString());
        s.reset();
        assertEquals(Kind.CRASHED, assertThrows(SutFailure.class, () -> s.apply(OP)).kind());
        for (int i = 1; i <= ProcessSut.MAX_FAILED_STARTS; i++) {
            SutFailure f = assertThrows(SutFailure.class, s::reset);
            assertEquals(Kind.START_FAILED, f.kind());
            assertContains(
                    f.getMessage(),
                    "exited with status 3",
                    "cannot start again: the device is still held");
        }
        for (int i = 0; i < 5; i++) {
            SutFailure f = assertThrows(SutFailure.class, s::reset);
            assertEquals(Kind.START_FAILED, f.kind());
            assertContains(
                    f.getMessage(),
                    "gave up after 3 failed starts: START_FAILED:",
                    "exited with status 3");
        }
        assertEquals(
                1 + ProcessSut.MAX_FAILED_STARTS,
                Files.readAllLines(starts).size(),
                "no start was tried after giving up");
    }
}
