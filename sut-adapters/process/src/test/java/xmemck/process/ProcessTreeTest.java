package xmemck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.process.Fakes.assertContains;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import xmemck.ops.Op;
import xmemck.ops.Setup;
import xmemck.spi.SutFailure;
import xmemck.spi.SutFailure.Kind;

/**
 * No process outlives the kit, and an exit is a crash even when the pipe stays open. The fake exits
 * with status 5 while a child it started (which ignores SIGTERM) keeps its standard output open: no
 * end of file ever comes. Before, the kit waited out the timeout, called that a hang, and the
 * child, no longer a descendant of anything the kit knew, survived it.
 */
class ProcessTreeTest {
    static final Op OP = new Setup.CreateProcess("p");

    private final Fakes fakes = new Fakes();

    @AfterEach
    void nothingLeft() throws InterruptedException {
        fakes.closeAllAndCheckNothingIsLeft();
    }

    @Test
    void anExitWhileAChildHoldsTheOutputIsACrashWithItsStatusAndTheChildIsKilled()
            throws Exception {
        // A long timeout: reporting the exit must not wait for it (a HUNG verdict would mean it
        // did).
        ProcessSut s = fakes.start(Duration.ofSeconds(20), "orphan-on-op", "1");
        s.reset();
        long pid = s.pid();
        SutFailure f = assertThrows(SutFailure.class, () -> s.apply(OP));
        Matcher m = Pattern.compile("orphan (\\d+)").matcher(f.getMessage());
        assertTrue(
                m.find(),
                "the fake names its child on standard error, quoted in the failure: "
                        + f.getMessage());
        long orphan = Long.parseLong(m.group(1));
        try {
            assertEquals(Kind.CRASHED, f.kind(), f.getMessage());
            assertContains(
                    f.getMessage(),
                    "exited with status 5 while the kit waited for its answer to op 1 (create process p)",
                    "its standard output stayed open: a process it started holds it");
            assertTrue(Procs.awaitGone(pid, Duration.ofSeconds(3)), "the implementation is reaped");
            assertTrue(
                    Procs.awaitDead(orphan, Duration.ofSeconds(3)),
                    "the child that ignored SIGTERM is killed, though it was no longer a descendant: state "
                            + Procs.state(orphan));
        } finally {
            ProcessHandle.of(orphan)
                    .ifPresent(
                            ProcessHandle
                                    ::destroyForcibly); // never leave it behind, even when failing
        }
        s.reset(); // the run goes on with a fresh implementation
        assertTrue(s.pid() > 0 && s.pid() != pid);
    }

    @Test
    void theTreeIsFoundByTheMarkInTheEnvironment() throws Exception {
        ProcessSut s = fakes.start(Duration.ofSeconds(5), "spawn-child");
        s.reset();
        s.apply(OP);
        Matcher m = Pattern.compile("child (\\d+)").matcher(s.drainDiagnostics());
        assertTrue(m.find());
        long grandchild = Long.parseLong(m.group(1));
        String mark =
                new String(
                        java.nio.file.Files.readAllBytes(
                                java.nio.file.Path.of("/proc/" + grandchild + "/environ")),
                        java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(mark.contains(ProcessTree.MARK + "="), "children inherit the mark");
        s.close();
        assertTrue(Procs.awaitDead(grandchild, Duration.ofSeconds(3)));
    }
}
