package xmemck.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import xmemck.harness.Session;
import xmemck.harness.Step;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.oracle.Verdict;
import xmemck.spi.Capability;

/**
 * The toy copyout of examples/c-toy, the smallest implementation on the C protocol library
 * (sut-adapters/c-protocol): through the process adapter and the oracle, its copyouts pass, a
 * copyout into a read-only page fails with -1 as it must, and what it does not implement is
 * answered unsupported with its reason.
 */
class CToyTest {
    static final String BINARY = System.getProperty("xmemck.cToy", "target/xmemck-c-toy");
    static final Context P = Context.process("p");
    static final int PAGE = 4096;
    static final String COPYOUT_ONLY = "the toy implements copyout only";

    private static ProcessSut toy;

    @BeforeAll
    static void start() throws Exception {
        toy =
                ProcessSut.start(
                        List.of(BINARY),
                        Duration.ofSeconds(5),
                        Duration.ofSeconds(10),
                        Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        if (toy != null) toy.close();
    }

    static List<Op> world(Op... more) {
        List<Op> ops =
                new java.util.ArrayList<>(
                        List.of(
                                new Setup.CreateProcess("p"),
                                new Setup.MapRegion("k", "kernel", 2, Prot.READ_WRITE, 11),
                                new Setup.MapRegion("u", "p", 3, Prot.READ_WRITE, 22)));
        ops.addAll(List.of(more));
        return ops;
    }

    static Addr k(long off) {
        return Addr.in("k", off);
    }

    static Addr u(long off) {
        return Addr.in("u", off);
    }

    private static List<Step> run(List<Op> program) {
        try (Session s = new Session(toy)) {
            return s.runAll(program);
        }
    }

    private static String transcript(List<Step> steps) {
        StringBuilder sb = new StringBuilder();
        for (Step st : steps) {
            sb.append("\n  ")
                    .append(st.verdict())
                    .append("  ")
                    .append(st.op() == null ? "(reset)" : st.op().describe());
            if (!st.message().isEmpty())
                sb.append("\n      ").append(st.message().replace("\n", "\n      "));
        }
        return sb.toString();
    }

    private static void assertAllPass(List<Op> program, List<Step> steps) {
        boolean ok =
                steps.size() == program.size()
                        && steps.stream().allMatch(s -> s.verdict() == Verdict.PASS);
        if (!ok) fail("every step must pass:" + transcript(steps));
    }

    @Test
    void handshakeDeclaresEveryCapabilityWithReasons() {
        assertEquals("xmemck C toy 0.1.0", toy.name());
        assertEquals(
                EnumSet.of(
                        Capability.COPYOUT,
                        Capability.READ_ONLY_PAGES,
                        Capability.NO_ACCESS_PAGES,
                        Capability.SPECIAL_ADDRESSES,
                        Capability.USER_BLOCK,
                        Capability.PROTECTION_OBSERVATION),
                toy.capabilities().supported());
        assertEquals(
                "the toy's memory has no version tags",
                toy.capabilities().missing().get(Capability.ADI));
        assertEquals(COPYOUT_ONLY, toy.capabilities().missing().get(Capability.XMEM_SERVICES));
        assertTrue(
                toy.capabilities().missing().values().stream()
                        .noneMatch("not declared by the implementation"::equals),
                "the library declares every capability the toy does not list missing, with the toy's reason: "
                        + toy.capabilities().missing());
    }

    @Test
    void copyoutsPassAndAReadOnlyDestinationFailsWithMinusOne() {
        List<Op> program =
                world(
                        new Call.Copyout(P, k(3), u(5), 13),
                        new Call.Copyout(P, k(0), u(PAGE - 8), 2 * PAGE),
                        new Setup.Protect("u", 1, 1, Prot.READ),
                        new Call.Copyout(P, k(0), u(PAGE - 8), 16),
                        new Call.Copyout(P, k(0), u(2 * PAGE), 64),
                        new Observe.Protection("u", 1),
                        Observe.Bytes.whole("u", 3 * PAGE));
        List<Step> steps = run(program);
        assertAllPass(program, steps);
        assertEquals(
                new Result.Returned(0), steps.get(3).result(), "13 bytes into a read-write page");
        assertEquals(
                new Result.Returned(-1),
                steps.get(6).result(),
                "16 bytes across into the read-only page");
        assertEquals(new Result.Protection(Prot.READ), steps.get(8).result());
    }

    @Test
    void noAccessPagesAndSpecialAddressesFail() {
        List<Op> program =
                world(
                        new Setup.Protect("u", 2, 1, Prot.NONE),
                        new Setup.Protect("k", 1, 1, Prot.NONE),
                        new Call.Copyout(P, k(0), u(2 * PAGE + 100), 8),
                        new Call.Copyout(P, k(PAGE - 4), u(0), 8),
                        new Call.Copyout(P, k(0), Addr.special(Addr.Place.NULL), 8),
                        new Call.Copyout(P, k(0), Addr.special(Addr.Place.USER_BLOCK), 8),
                        new Call.Copyout(P, k(0), Addr.special(Addr.Place.KERNEL), 8),
                        new Call.Copyout(P, k(0), k(100), 8),
                        new Call.Copyout(P, k(0), u(0), 0));
        List<Step> steps = run(program);
        assertAllPass(program, steps);
        for (int i = 5; i < 11; i++)
            assertEquals(
                    new Result.Returned(-1), steps.get(i).result(), steps.get(i).op().describe());
        assertEquals(new Result.Returned(0), steps.get(11).result(), "cn 0");
    }

    @Test
    void whatTheToyDoesNotImplementIsAnsweredUnsupported() throws Exception {
        toy.reset();
        for (Op op : world()) assertEquals(new Result.Done(), toy.apply(op), op.describe());
        // The kit would not send these (the toy declares them missing), but an op without a
        // callback must still be
        // answered, with the reason.
        assertEquals(
                new Result.Unsupported("op xmattach is not implemented: " + COPYOUT_ONLY),
                toy.apply(new Call.Xmattach(P, u(0), PAGE, "dp", Call.USER_ADSPACE)));
        assertEquals(
                new Result.Unsupported("the toy calls copyout from its process only"),
                toy.apply(new Call.Copyout(Context.interrupt(), k(0), u(0), 8)));

        // xx_ioctl needs COPYOUT, which the toy declares: it implements the ioctl, and the kit
        // judges it.
        List<Step> steps = run(world(new Call.XxIoctl(P, k(0), Call.XX_GETREGS, u(0))));
        Step ioctl = steps.get(steps.size() - 1);
        assertEquals(Verdict.PASS, ioctl.verdict(), transcript(steps));
        assertEquals(new Result.Returned(0), ioctl.result());

        // A set-up that needs a missing capability stops the scenario with the toy's reason from
        // its hello.
        Step unmap = run(world(new Setup.Unmap("u", 1, 1))).get(3);
        assertEquals(Verdict.UNSUPPORTED, unmap.verdict());
        assertTrue(unmap.message().contains(COPYOUT_ONLY), unmap.message());
    }

    @Test
    void selfTestReproducesTheProtocolsCheckValues() throws Exception {
        Process p = new ProcessBuilder(BINARY, "--self-test").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(5, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("33 of 33 checks passed"), out);
    }
}
