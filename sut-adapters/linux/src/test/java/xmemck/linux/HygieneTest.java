package xmemck.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.linux.Scenarios.*;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import xmemck.ops.Call;
import xmemck.ops.Op;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Setup;
import xmemck.spi.SutOptions;

/** Helper processes, mappings and file descriptors do not outlive the adapter, nor a killed kit. */
class HygieneTest {

    /**
     * A world that uses every kind of resource: helpers, memory files, the paging files, a segment
     * and its backing.
     */
    private static final List<Op> BUSY_WORLD =
            List.of(
                    process("p"),
                    process("q"),
                    kernelRegion("k", 2, 1),
                    userRegion("u", "p", 3, 2),
                    userRegion("v", "q", 1, 3),
                    new Setup.CreateFileSegment("f", 2, 4),
                    new Setup.SetFrame("f", 1, false),
                    new Setup.Unmap("u", 2, 1),
                    new Setup.Protect("u", 1, 1, Prot.READ),
                    new Setup.SetPageState("u", 0, 1, PageState.PAGING_IO_ERROR),
                    new Setup.SetPageState("v", 0, 1, PageState.PAGED_OUT),
                    new Call.Xmattach(P, at("u", 0), 4096, "dp", Call.USER_ADSPACE),
                    new Call.Xmemout(KPROC, at("k", 0), at("u", 0), 64, "dp"),
                    new Call.Copyout(P, at("k", 0), at("u", 4000), 200));

    @Test
    void helpersEndWithClose() throws Exception {
        List<Long> pids;
        try (LinuxSut sut = (LinuxSut) new LinuxProvider().open(SutOptions.none())) {
            assertPass(run(sut, BUSY_WORLD));
            pids = sut.helperPids();
            assertEquals(2, pids.size(), "one helper per process");
            // a reset keeps the helpers for the next world
            assertPass(run(sut, BUSY_WORLD));
            assertEquals(
                    pids.stream().sorted().toList(), sut.helperPids().stream().sorted().toList());
        }
        for (long pid : pids)
            assertTrue(gone(pid, 10), "helper " + pid + " still runs after close()");
    }

    @Test
    void noFileDescriptorOrMappingLeftBehind() throws Exception {
        // a first round loads every class and lets the JVM open what it keeps open anyway
        try (LinuxSut sut = (LinuxSut) new LinuxProvider().open(SutOptions.none())) {
            run(sut, BUSY_WORLD);
        }
        long fdsBefore = settledFdCount();
        try (LinuxSut sut =
                (LinuxSut) new LinuxProvider().open(new SutOptions(Map.of("reuse", "false")))) {
            assertPass(run(sut, BUSY_WORLD));
            assertTrue(memoryFileMappings() > 0, "the world maps memory files");
            sut.reset();
            assertEquals(
                    0,
                    memoryFileMappings(),
                    "mappings left after reset() without reuse:\n"
                            + String.join("\n", xmemckMaps()));
            assertPass(run(sut, BUSY_WORLD));
        }
        assertEquals(0, memoryFileMappings(), "mappings left after close()");
        try (LinuxSut sut = (LinuxSut) new LinuxProvider().open(SutOptions.none())) {
            // What a reset leaves is what the pool keeps for the next worlds: one mapping of the
            // kit's per kept object,
            // restored, and no more than RegionPool.PER_SIZE for each of the world's four objects
            // however many worlds run.
            for (int i = 0; i < 30; i++) {
                assertPass(run(sut, BUSY_WORLD));
                sut.reset();
                int kept = sut.world().kept();
                assertTrue(
                        kept >= 1 && kept <= 4 * RegionPool.PER_SIZE,
                        "objects kept after world " + i + ": " + kept);
                assertEquals(
                        kept,
                        memoryFileMappings(),
                        "the kit's mappings after reset(), one per kept object:\n"
                                + String.join("\n", xmemckMaps()));
            }
        }
        assertEquals(0, memoryFileMappings(), "mappings left after close()");
        assertEquals(
                fdsBefore,
                settledFdCount(),
                "file descriptors before and after whole open/use/reset/close cycles");
    }

    @Test
    void aDeadHelperMakesItsDescriptorsInvalidAndIsReplacedAtReset() throws Exception {
        try (LinuxSut sut = (LinuxSut) new LinuxProvider().open(SutOptions.none())) {
            sut.reset();
            for (Op op :
                    List.of(
                            process("p"),
                            kernelRegion("k", 1, 1),
                            userRegion("u", "p", 1, 2),
                            new Call.Xmattach(P, at("u", 0), 4096, "dp", Call.USER_ADSPACE)))
                sut.apply(op);
            long helper = sut.helperPids().getFirst();
            ProcessHandle.of(helper).orElseThrow().destroyForcibly();
            assertTrue(gone(helper, 10), "the helper was killed");
            // The JDK's reaper marks the process exited just after it is reaped: wait for the
            // adapter to see it, however loaded the machine (a fixed sleep was a guess).
            HelperClient h = sut.world().processes.get("p");
            for (long end = System.nanoTime() + 10_000_000_000L;
                    h.alive() && System.nanoTime() < end; ) Thread.sleep(10);
            assertFalse(h.alive(), "the adapter sees the helper gone");
            var r =
                    (xmemck.ops.Result.Returned)
                            sut.apply(new Call.Xmemout(KPROC, at("k", 0), at("u", 0), 64, "dp"));
            assertEquals(Call.XMEM_FAIL, r.value());
            assertTrue(
                    r.notes().get(CopyoutService.NOTE).contains("is gone"), r.notes().toString());
            // the next world gets a live helper again
            assertPass(run(sut, BUSY_WORLD));
            assertFalse(sut.helperPids().contains(helper));
        }
    }

    @Test
    void helpersDieWithAKilledKit() throws Exception {
        String cp =
                classPathOf(
                        KitToKill.class, LinuxProvider.class, Setup.class, xmemck.spi.Sut.class);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process kit =
                new ProcessBuilder(
                                java.toString(),
                                "--enable-native-access=ALL-UNNAMED",
                                "-cp",
                                cp,
                                KitToKill.class.getName())
                        .redirectError(ProcessBuilder.Redirect.INHERIT)
                        .start();
        long[] helpers;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(kit.getInputStream()))) {
            String line = r.readLine();
            assertTrue(line != null && line.startsWith("HELPERS "), "the kit said " + line);
            helpers = Stream.of(line.substring(8).split(" ")).mapToLong(Long::parseLong).toArray();
            for (long h : helpers)
                assertTrue(
                        ProcessHandle.of(h).map(ProcessHandle::isAlive).orElse(false),
                        "helper " + h + " should run");
            kit.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            assertTrue(kit.waitFor(10, TimeUnit.SECONDS));
        } finally {
            kit.destroyForcibly();
        }
        for (long h : helpers) assertTrue(gone(h, 10), "helper " + h + " outlived its killed kit");
    }

    /**
     * Where these classes were loaded from (the class path property does not say, under every
     * launcher).
     */
    private static String classPathOf(Class<?>... classes) throws Exception {
        java.util.LinkedHashSet<String> out = new java.util.LinkedHashSet<>();
        for (Class<?> k : classes)
            out.add(
                    Path.of(k.getProtectionDomain().getCodeSource().getLocation().toURI())
                            .toString());
        return String.join(java.io.File.pathSeparator, out);
    }

    private static boolean gone(long pid, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 10; i++) {
            if (!Files.exists(Path.of("/proc/" + pid)) || isZombieOfOthers(pid)) return true;
            Thread.sleep(100);
        }
        return false;
    }

    /** A dead child not yet reaped by its (killed) parent's reaper is gone for our purposes. */
    private static boolean isZombieOfOthers(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.substring(stat.lastIndexOf(')') + 2).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    /**
     * The number of open descriptors once the reader threads of ended helpers have closed their
     * pipes.
     */
    private static long settledFdCount() throws InterruptedException, IOException {
        long last = -1;
        for (int i = 0; i < 50; i++) {
            long n;
            try (Stream<Path> s = Files.list(Path.of("/proc/self/fd"))) {
                n = s.count();
            }
            if (n == last) return n;
            last = n;
            Thread.sleep(100);
        }
        return last;
    }

    private static List<String> xmemckMaps() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/maps")).stream()
                .filter(l -> l.contains("memfd:xmemck"))
                .toList();
    }

    private static long memoryFileMappings() throws IOException {
        return xmemckMaps().size();
    }
}
