package xmemck.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.foreign.Arena;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import xmemck.ops.Prot;
import xmemck.spi.SutFailure;

/**
 * Which answers a world waits for, and what a failure costs: the test plays the helper at the far
 * ends of the pipes, opened through /proc/self/fd as a helper opens them through /proc/KIT/fd.
 */
class CommandsTest {
    private final Arena arena = Arena.ofShared();
    private final Libc c = new Libc(arena);
    private Channel channel;
    private Commands commands;
    private BufferedReader helperIn;
    private PrintStream helperOut;

    @BeforeEach
    void open() throws Exception {
        channel = new Channel(c);
        int[] far = channel.farEnds();
        helperIn =
                new BufferedReader(
                        new InputStreamReader(
                                new FileInputStream("/proc/self/fd/" + far[0]),
                                StandardCharsets.US_ASCII));
        helperOut =
                new PrintStream(
                        new FileOutputStream("/proc/self/fd/" + far[1]),
                        true,
                        StandardCharsets.US_ASCII);
        channel.handOver();
        commands =
                new Commands(
                        channel,
                        5_000,
                        "the test helper",
                        what -> new SutFailure(SutFailure.Kind.CRASHED, "gone during " + what));
    }

    @AfterEach
    void close() throws Exception {
        helperOut.close();
        helperIn.close();
        channel.close();
        arena.close();
    }

    private static Region region() {
        return new Region("r", "p", 1, 1, -1, Prot.READ_WRITE, new Region.View(null, 0), null);
    }

    /** The helper side: reads {@code n} commands and answers them with {@code answers}. */
    private void answer(int n, String... answers) throws Exception {
        for (int i = 0; i < n; i++) helperIn.readLine();
        for (String a : answers) helperOut.println(a);
    }

    @Test
    void aWorldWaitsForItsOwnCommandsOnly() throws Exception {
        Region kept = region();
        commands.background(kept);
        commands.post("PROT 1 2 3", false);
        long ready = commands.ticket();
        commands.foreground();
        commands.flushNeeded(); // nothing of the world's: nothing sent
        assertFalse(commands.carriedOut(ready));
        commands.post("UNMAP 4 5", true);
        commands.flushNeeded();
        answer(2, "OK", "OK");
        commands.settle();
        assertTrue(commands.carriedOut(ready));
    }

    @Test
    void whatReadsTheAddressSpaceWaitsForChangesOfMappingsOnly() throws Exception {
        commands.post("PROT 1 2 3", false);
        long protections = commands.ticket();
        commands.flushNeeded();
        commands.settleMappings(); // a change of protection does not change what a forced read
        // sees: no wait
        assertFalse(
                commands.carriedOut(protections),
                "the helper has not answered, and nobody waited for it");
        commands.post("UNMAP 4 5", true);
        commands.flushNeeded();
        answer(2, "OK", "OK");
        commands.settleMappings(); // the hole does: it waits, for the protection before it too
        assertTrue(commands.carriedOut(commands.ticket()));
    }

    @Test
    void aFailedRestoreOfAKeptRegionLosesTheRegionNotTheWorld() throws Exception {
        Region kept = region();
        commands.background(kept);
        commands.post("MAPHOLE 1 2 3 /proc/1/fd/3 0", true);
        commands.foreground();
        commands.post("PROT 1 2 3", false);
        commands.flushNeeded();
        answer(2, "ERR 17 mmap: the hole is taken", "OK");
        commands.settle();
        assertTrue(kept.lost, "the region is let go instead of taken");
        assertTrue(commands.stale(), "the helper is replaced at the next reset");
        assertFalse(commands.broken());
    }

    @Test
    void aFailedRestoreOfARegionTheWorldTookFailsTheWorld() throws Exception {
        Region taken = region();
        commands.background(taken);
        commands.post("MAPHOLE 1 2 3 /proc/1/fd/3 0", true);
        long ready = commands.ticket();
        commands.foreground();
        taken.held = true;
        commands.need(ready);
        commands.flushNeeded();
        answer(1, "ERR 17 mmap: the hole is taken");
        SutFailure f = assertThrows(SutFailure.class, commands::settle);
        assertTrue(f.getMessage().contains("MAPHOLE"), f.getMessage());
        assertTrue(commands.broken());
    }

    @Test
    void aFailedCommandOfTheWorldFailsTheSettle() throws Exception {
        commands.post("PROT 1 2 3", false);
        commands.flushNeeded();
        answer(1, "ERR 22 mprotect: EINVAL");
        assertThrows(SutFailure.class, commands::settle);
        assertThrows(
                SutFailure.class,
                () -> commands.post("PROT 1 2 3", false),
                "a broken helper takes nothing more");
    }

    @Test
    void aCallWaitsForWhatWasQueuedBeforeIt() throws Exception {
        commands.post("PROT 1 2 3", false);
        Thread helper =
                new Thread(
                        () -> {
                            try {
                                answer(2, "OK", "OK 12345");
                            } catch (Exception e) {
                                throw new RuntimeException(e);
                            }
                        });
        helper.start();
        assertEquals("12345", commands.call("MAP /proc/1/fd/3 8192 4096"));
        helper.join();
        commands.settle(); // nothing left to wait for
    }
}
