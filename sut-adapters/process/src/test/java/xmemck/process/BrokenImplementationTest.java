package xmemck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.spi.Capability;
import xmemck.spi.SutFailure;
import xmemck.spi.SutFailure.Kind;
import xmemck.wire.CapabilitiesCodec;

/**
 * The adapter against deliberately broken implementations (src/test/c/fake_impl.c): each breakage
 * gives the right failure kind and a message that says what happened, the child is gone afterwards,
 * and the next reset() starts a fresh one so a run can go on.
 */
class BrokenImplementationTest {
    static final String FAKE = System.getProperty("xmemck.fakeImpl", "target/fake-impl");
    static final Op OP = new Setup.CreateProcess("p");
    static final Duration SHORT = Duration.ofMillis(700);

    private final List<ProcessSut> opened = new ArrayList<>();

    @AfterEach
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

    private ProcessSut start(Duration callTimeout, String... args) throws SutFailure {
        List<String> cmd = new ArrayList<>(List.of(FAKE));
        cmd.addAll(List.of(args));
        ProcessSut s =
                ProcessSut.start(cmd, callTimeout, Duration.ofSeconds(3), Duration.ofMillis(300));
        opened.add(s);
        return s;
    }

    private SutFailure startFails(String... args) {
        return assertThrows(SutFailure.class, () -> start(Duration.ofSeconds(5), args));
    }

    private static void assertContains(String text, String... parts) {
        for (String p : parts)
            assertTrue(text.contains(p), () -> "expected \"" + p + "\" in: " + text);
    }

    @Test
    void handshakeGivesNameAndCapabilitiesWithReasons() throws Exception {
        ProcessSut s = start(Duration.ofSeconds(5), "ok");
        assertEquals("fake implementation", s.name());
        assertTrue(s.capabilities().supported().contains(Capability.COPYOUT));
        assertEquals(
                "the fake has no tagged memory", s.capabilities().missing().get(Capability.ADI));
        assertEquals(
                CapabilitiesCodec.UNDECLARED, s.capabilities().missing().get(Capability.VM_MVC));
        s.reset();
        assertEquals(new Result.Unsupported("the fake implements nothing"), s.apply(OP));
        assertEquals(3, s.applyAll(List.of(OP, OP, OP)).size());
        long pid = s.pid();
        s.close();
        assertTrue(
                Procs.awaitGone(pid, Duration.ofSeconds(3)),
                "closed implementation must be gone, not a zombie");
    }

    @Test
    void hungImplementationIsKilledAndRestartedAtReset() throws Exception {
        ProcessSut s = start(SHORT, "hang-on-op", "2");
        s.reset();
        s.apply(OP);
        long pid = s.pid();
        long t0 = System.nanoTime();
        SutFailure f = assertThrows(SutFailure.class, () -> s.apply(new Observe.Bytes("u", 0, 8)));
        long waited = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(Kind.HUNG, f.kind());
        assertContains(
                f.getMessage(),
                "did not send its answer to op 2 (observe u[0, 8)) (nothing arrived for 700 ms)",
                "it was killed");
        assertTrue(waited >= 650 && waited < 4000, "waited " + waited + " ms for a 700 ms timeout");
        assertTrue(
                Procs.awaitGone(pid, Duration.ofSeconds(3)),
                "a hung implementation must be killed and reaped");

        SutFailure again = assertThrows(SutFailure.class, () -> s.apply(OP));
        assertEquals(Kind.HUNG, again.kind());
        assertContains(again.getMessage(), "restarts at the next reset");

        s.reset();
        assertNotEquals(pid, s.pid());
        assertInstanceOf(
                Result.Unsupported.class,
                s.apply(OP),
                "the restarted implementation answers again");
        assertContains(s.drainDiagnostics(), "restarted the implementation", "after HUNG");
    }

    @Test
    void signalIsReportedAsCrashWithTheLastWordsOnStandardError() throws Exception {
        ProcessSut s = start(Duration.ofSeconds(5), "crash-on-op", "2", "segv");
        s.reset();
        s.apply(OP);
        long pid = s.pid();
        SutFailure f = assertThrows(SutFailure.class, () -> s.apply(OP));
        assertEquals(Kind.CRASHED, f.kind());
        assertContains(
                f.getMessage(),
                "was killed by SIGSEGV (signal 11), exit status 139",
                "while the kit waited for its answer to op 2",
                "fake: about to crash");
        assertTrue(Procs.awaitGone(pid, Duration.ofSeconds(3)));
        assertContains(s.drainDiagnostics(), "fake: about to crash");
        s.reset();
        assertInstanceOf(Result.Unsupported.class, s.apply(OP));
    }

    @Test
    void restartsLeaveNoThreadsBehind() throws Exception {
        ProcessSut s = start(Duration.ofSeconds(5), "crash-on-op", "1", "exit:1");
        for (int i = 0; i < 5; i++) {
            s.reset();
            assertEquals(Kind.CRASHED, assertThrows(SutFailure.class, () -> s.apply(OP)).kind());
        }
        s.close();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (childThreads() > 0 && System.nanoTime() < deadline) Thread.sleep(20);
        assertEquals(0, childThreads(), "the adapter's pipe threads end with their process");
    }

    private static long childThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("xmemck-child-"))
                .count();
    }

    @Test
    void exitStatusIsReported() throws Exception {
        ProcessSut s = start(Duration.ofSeconds(5), "crash-on-op", "2", "exit:7");
        s.reset();
        SutFailure f = assertThrows(SutFailure.class, () -> s.applyAll(List.of(OP, OP, OP)));
        assertEquals(Kind.CRASHED, f.kind());
        assertContains(f.getMessage(), "exited with status 7", "op 2");
    }

    /**
     * The harness sends a call and its observations in one batch with the set-ups before it. When a
     * set-up is unsupported the scenario stops there, so what the implementation does with the call
     * after it is not reported (it ran in a world that could not be built): a crash there restarts
     * the implementation at the next reset.
     */
    @Test
    void aCrashAfterAnUnsupportedSetupInTheSameBatchIsNotReported() throws Exception {
        ProcessSut s = start(Duration.ofSeconds(5), "crash-on-op", "2", "exit:7");
        s.reset();
        long pid = s.pid();
        xmemck.ops.Call call =
                new xmemck.ops.Call.Copyout(
                        xmemck.ops.Context.process("p"),
                        xmemck.ops.Addr.in("k", 0),
                        xmemck.ops.Addr.in("u", 0),
                        8);
        List<Result> answers = s.applyAll(List.of(OP, call, new Observe.Bytes("u", -4096, 8)));
        assertEquals(3, answers.size());
        assertInstanceOf(Result.Unsupported.class, answers.get(0));
        assertTrue(
                ((Result.Unsupported) answers.get(1))
                        .reason()
                        .startsWith("not run: set-up op 1 was unsupported"),
                answers.get(1).toString());
        assertInstanceOf(Result.Unsupported.class, answers.get(2));
        s.reset();
        assertNotEquals(pid, s.pid(), "a fresh implementation after the one that crashed");
        assertTrue(s.drainDiagnostics().contains("exited with status 7"));
        // Set-ups alone keep the strict reading: a crash among them is reported
        // (exitStatusIsReported).
    }

    @Test
    void garbageIsAProtocolBreachQuotedSafely() throws Exception {
        ProcessSut s = start(Duration.ofSeconds(5), "garbage-on-op", "1");
        s.reset();
        long pid = s.pid();
        SutFailure f = assertThrows(SutFailure.class, () -> s.apply(OP));
        assertEquals(Kind.PROTOCOL, f.kind());
        assertContains(
                f.getMessage(),
                "sent a malformed message where its answer to op 1",
                "at $: invalid JSON at line 1, column 1",
                "received \"Segmentation fault (core dumped)\\u0001\\u0002\"");
        assertTrue(
                Procs.awaitGone(pid, Duration.ofSeconds(3)),
                "after a protocol breach the implementation is stopped");
    }

    @Test
    void answersOutOfOrderOrOfTheWrongKindAreProtocolBreaches() throws Exception {
        ProcessSut seq = start(Duration.ofSeconds(5), "wrong-seq-on-op", "1");
        seq.reset();
        SutFailure f = assertThrows(SutFailure.class, () -> seq.apply(OP));
        assertEquals(Kind.PROTOCOL, f.kind());
        assertContains(f.getMessage(), "answered seq 1001 where the result for op 1");

        ProcessSut kind = start(Duration.ofSeconds(5), "wrong-kind-on-op", "1");
        kind.reset();
        SutFailure g =
                assertThrows(SutFailure.class, () -> kind.apply(new Observe.Bytes("u", -4096, 16)));
        assertEquals(Kind.PROTOCOL, g.kind());
        assertContains(
                g.getMessage(),
                "bytes of elsewhere from 0, 0 bytes long, where u from -4096, 16 bytes long was asked");

        ProcessSut err = start(Duration.ofSeconds(5), "error-on-op", "1");
        err.reset();
        SutFailure h = assertThrows(SutFailure.class, () -> err.apply(OP));
        assertEquals(Kind.PROTOCOL, h.kind());
        assertContains(
                h.getMessage(),
                "reported an error where a result for op 1",
                "fake: cannot parse this op",
                "(seq 1)");
    }

    @Test
    void anUnfinishedLineIsAHangThatShowsWhatArrived() throws Exception {
        ProcessSut s = start(SHORT, "unfinished-on-op", "1");
        s.reset();
        SutFailure f = assertThrows(SutFailure.class, () -> s.apply(OP));
        assertEquals(Kind.HUNG, f.kind());
        assertContains(
                f.getMessage(),
                "an unfinished line had begun: \"{\\\"type\\\":\\\"result\\\",\\\"seq\\\":1,\\\"res\"");
    }

    @Test
    void anEndlessLineIsCutOffAtTheLimit() throws Exception {
        ProcessSut s =
                ProcessSut.start(
                        List.of(FAKE, "endless-on-op", "1"),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(3),
                        SHORT,
                        1 << 20);
        opened.add(s);
        s.reset();
        long pid = s.pid();
        SutFailure f = assertThrows(SutFailure.class, () -> s.apply(OP));
        assertEquals(Kind.PROTOCOL, f.kind());
        assertContains(
                f.getMessage(),
                "sent a line longer than the limit on line length (1048576 bytes",
                "beginning \"xxxxxxxx");
        assertTrue(Procs.awaitGone(pid, Duration.ofSeconds(3)));
    }

    @Test
    void aSlowAnswerThatKeepsArrivingIsNotAHang() throws Exception {
        ProcessSut s = start(SHORT, "slow-on-op", "1");
        s.reset();
        Result r = s.apply(OP); // 1.5 s in all, but a piece every 100 ms: never 700 ms without
        // progress
        assertEquals(new Result.Unsupported("slow" + " slow".repeat(15)), r);
    }

    @Test
    void wrongHandshakesAreRefusedWithReasons() {
        SutFailure version = startFails("hello:version");
        assertEquals(Kind.PROTOCOL, version.kind());
        assertContains(version.getMessage(), "protocol version 99; this kit speaks [1]");

        SutFailure noname = startFails("hello:noname");
        assertEquals(Kind.PROTOCOL, noname.kind());
        assertContains(noname.getMessage(), "at $.name: the hello needs the implementation's name");

        SutFailure nocaps = startFails("hello:nocaps");
        assertEquals(Kind.PROTOCOL, nocaps.kind());
        assertContains(nocaps.getMessage(), "must declare the implementation's capabilities");

        SutFailure notjson = startFails("hello:notjson");
        assertEquals(Kind.PROTOCOL, notjson.kind());
        assertContains(
                notjson.getMessage(),
                "where its hello was due",
                "received \"HELLO, I am a fake implementation\"");

        SutFailure refuse = startFails("hello:refuse");
        assertEquals(Kind.START_FAILED, refuse.kind());
        assertContains(
                refuse.getMessage(),
                "refused the handshake: \"this fake speaks protocol 99 only\"");
    }

    @Test
    void anImplementationThatCannotStartSaysWhy() {
        SutFailure exit = startFails("hello:exit");
        assertEquals(Kind.START_FAILED, exit.kind());
        assertContains(
                exit.getMessage(),
                "exited with status 3",
                "cannot open /dev/imaginary: no such device");

        SutFailure missing =
                assertThrows(
                        SutFailure.class,
                        () ->
                                ProcessSut.start(
                                        List.of("/nonexistent/impl", "--x"), SHORT, SHORT, SHORT));
        assertEquals(Kind.START_FAILED, missing.kind());
        assertContains(
                missing.getMessage(), "cannot start the implementation /nonexistent/impl --x");
    }

    @Test
    void aSilentImplementationTimesOutAtTheHandshake() {
        long t0 = System.nanoTime();
        SutFailure f =
                assertThrows(
                        SutFailure.class,
                        () ->
                                opened.add(
                                        ProcessSut.start(
                                                List.of(FAKE, "hello:silent"),
                                                SHORT,
                                                Duration.ofMillis(800),
                                                SHORT)));
        long waited = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(Kind.START_FAILED, f.kind());
        assertContains(
                f.getMessage(), "handshake", "did not send its hello (nothing arrived for 800 ms)");
        assertTrue(waited < 4000, "gave up after " + waited + " ms");
    }

    @Test
    void closeKillsAnImplementationThatIgnoresEndOfInputAndSigterm() throws Exception {
        ProcessSut s = start(Duration.ofSeconds(5), "ignore-eof");
        s.reset();
        long pid = s.pid();
        long t0 = System.nanoTime();
        s.close();
        long took = (System.nanoTime() - t0) / 1_000_000;
        assertTrue(Procs.awaitGone(pid, Duration.ofSeconds(3)), "state now " + Procs.state(pid));
        assertTrue(took < 4000, "close took " + took + " ms");
    }

    @Test
    void closeAlsoEndsWhatTheImplementationStarted() throws Exception {
        ProcessSut s = start(Duration.ofSeconds(5), "spawn-child");
        s.reset();
        s.apply(OP);
        String err = awaitDiagnostics(s, text -> text.contains("child "));
        Matcher m = Pattern.compile("child (\\d+)").matcher(err);
        assertTrue(m.find(), "the fake reports its child's pid on standard error: " + err);
        long grandchild = Long.parseLong(m.group(1));
        String before = Procs.state(grandchild);
        assertTrue(
                before != null && !before.equals("Z"),
                "the grandchild runs before close, state " + before);
        s.close();
        assertTrue(
                Procs.awaitDead(grandchild, Duration.ofSeconds(3)),
                "grandchild state after close: " + Procs.state(grandchild));
    }

    @Test
    void standardErrorIsCapturedForTheReport() throws Exception {
        ProcessSut s = start(Duration.ofSeconds(5), "chatty");
        s.reset();
        s.applyAll(List.of(OP, OP));
        String first =
                awaitDiagnostics(
                        s,
                        text -> text.lines().filter(l -> l.startsWith("fake: got")).count() >= 4);
        assertTrue(first.lines().filter(l -> l.startsWith("fake: got")).count() >= 4, first);
        assertEquals("", s.drainDiagnostics(), "drained text is not given twice");
    }

    /**
     * Standard error drained until {@code done} holds for all of it, or 10 s passed: it is read by
     * its own thread, so a fixed wait is too short on a loaded machine.
     */
    private static String awaitDiagnostics(ProcessSut s, java.util.function.Predicate<String> done)
            throws InterruptedException {
        StringBuilder err = new StringBuilder(s.drainDiagnostics());
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!done.test(err.toString()) && System.nanoTime() < deadline) {
            Thread.sleep(20);
            err.append(s.drainDiagnostics());
        }
        return err.toString();
    }

    @Test
    void aShellCommandLineIsSplitAndItsChildrenCleanedUp() {
        SutFailure f =
                assertThrows(
                        SutFailure.class,
                        () ->
                                opened.add(
                                        ProcessSutProviderTestSupport.open(
                                                "sh -c 'read hello; echo \"not json at all\"; exec sleep 30' fake-impl-shell",
                                                SHORT)));
        assertEquals(Kind.PROTOCOL, f.kind());
        assertContains(f.getMessage(), "received \"not json at all\"");
    }
}
