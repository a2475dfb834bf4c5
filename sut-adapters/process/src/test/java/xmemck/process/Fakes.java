package xmemck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import xmemck.spi.SutFailure;

/**
 * Starts the deliberately broken implementations of src/test/c/fake_impl.c for one test and, at its
 * end, closes them and checks that nothing they started is left running.
 */
final class Fakes {
    static final String FAKE = BrokenImplementationTest.FAKE;

    private final List<ProcessSut> opened = new ArrayList<>();

    ProcessSut start(Duration callTimeout, String... args) throws SutFailure {
        return start(ChildProcess.MAX_LINE, callTimeout, args);
    }

    ProcessSut start(int maxLine, Duration callTimeout, String... args) throws SutFailure {
        List<String> cmd = new ArrayList<>(List.of(FAKE));
        cmd.addAll(List.of(args));
        ProcessSut s =
                ProcessSut.start(
                        cmd, callTimeout, Duration.ofSeconds(3), Duration.ofMillis(300), maxLine);
        opened.add(s);
        return s;
    }

    void closeAllAndCheckNothingIsLeft() throws InterruptedException {
        for (ProcessSut s : opened) s.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!Procs.descendantsRunning("").isEmpty() && System.nanoTime() < deadline)
            Thread.sleep(20);
        assertEquals(
                List.of(),
                Procs.descendantsRunning("").stream()
                        .map(h -> h.pid() + " " + h.info().commandLine().orElse("?"))
                        .toList(),
                "no implementation, nor anything it started, may outlive the test");
    }

    static void assertContains(String text, String... parts) {
        for (String p : parts)
            assertTrue(text.contains(p), () -> "expected \"" + p + "\" in: " + text);
    }
}
