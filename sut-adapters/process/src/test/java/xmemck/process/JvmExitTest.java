package xmemck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * No implementation outlives the kit: not when it exits without closing, not when it is killed
 * outright.
 */
class JvmExitTest {

    private static Process host(String mode, String... command) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(HostMain.class.getName());
        cmd.add(mode);
        cmd.addAll(List.of(command));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static long childPid(Process host) throws Exception {
        BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
        String line = r.readLine();
        assertNotNull(line, "the host JVM printed nothing");
        assertTrue(line.startsWith("pid "), line);
        return Long.parseLong(line.substring(4).trim());
    }

    @Test
    void theShutdownHookKillsAnImplementationLeftOpen() throws Exception {
        // The fake ignores end of input and SIGTERM: only the hook's forcible kill ends it.
        Process host = host("exit", BrokenImplementationTest.FAKE, "ignore-eof");
        long child = childPid(host);
        assertTrue(host.waitFor(20, TimeUnit.SECONDS), "the host JVM should exit");
        assertEquals(0, host.exitValue());
        assertTrue(
                Procs.awaitDead(child, Duration.ofSeconds(5)),
                "implementation still " + Procs.state(child) + " after the kit exited");
    }

    @Test
    void theShutdownHookAlsoKillsWhatAnImplementationLeftBehindWhenItExited() throws Exception {
        // The implementation exits by itself after leaving a child that ignores SIGTERM; that child
        // is then nobody's
        // descendant of the kit, and only the mark in its environment ties it to the
        // implementation.
        Process host =
                host("exit-after-orphan", BrokenImplementationTest.FAKE, "orphan-after-reset");
        BufferedReader r =
                new BufferedReader(
                        new InputStreamReader(host.getInputStream(), StandardCharsets.UTF_8));
        String first = r.readLine();
        assertNotNull(first, "the host JVM printed nothing");
        assertTrue(
                first.startsWith("orphan "),
                "the host reports the process the implementation left: " + first);
        long orphan = Long.parseLong(first.substring(7).trim());
        try {
            assertTrue(host.waitFor(20, TimeUnit.SECONDS), "the host JVM should exit");
            assertTrue(
                    Procs.awaitDead(orphan, Duration.ofSeconds(5)),
                    "the implementation's child is still "
                            + Procs.state(orphan)
                            + " after the kit exited");
        } finally {
            ProcessHandle.of(orphan)
                    .ifPresent(
                            ProcessHandle
                                    ::destroyForcibly); // never leave it behind, even when failing
        }
    }

    @Test
    void theCExampleExitsWhenTheKitIsKilledOutright() throws Exception {
        Process host = host("wait", CExampleTest.BINARY);
        long child = childPid(host);
        String before = Procs.state(child);
        assertTrue(
                before != null && !before.equals("Z"),
                "the C example runs before the kill, state " + before);
        host.destroyForcibly(); // SIGKILL: no shutdown hook runs
        assertTrue(host.waitFor(10, TimeUnit.SECONDS));
        assertTrue(
                Procs.awaitDead(child, Duration.ofSeconds(5)),
                "the C example must exit on end of input; it is still " + Procs.state(child));
    }
}
