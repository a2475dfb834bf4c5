package xmemck.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.linux.Scenarios.*;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import xmemck.harness.Session;
import xmemck.harness.Step;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Layout;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.spi.Sut;
import xmemck.spi.SutOptions;

/**
 * vm_mvc against the host kernel: a memory file's page cache, mincore, hole punching, and m2 in a
 * helper.
 */
class VmMvcOnLinuxTest {
    static Sut sut;
    static final int PAGE = Layout.PAGE_SIZE;

    @BeforeAll
    static void open() throws Exception {
        sut = new LinuxProvider().open(SutOptions.none());
    }

    @AfterAll
    static void close() {
        sut.close();
    }

    /**
     * File segment f of 3 pages; process p with a pinned 2-page buffer m attached as dp; then
     * {@code more}.
     */
    private static Session world(Op... more) {
        List<Op> ops =
                new ArrayList<>(
                        List.of(
                                process("p"),
                                new Setup.CreateFileSegment("f", 3, 40),
                                userRegion("m", "p", 2, 41),
                                new Setup.Pin("m", 0, 2),
                                new Call.Xmattach(
                                        P, at("m", 0), 2L * PAGE, "dp", Call.USER_ADSPACE)));
        ops.addAll(List.of(more));
        return run(sut, ops);
    }

    private static Call.VmMvc mvc(long pno, long pgoffs, long count, int cmd) {
        return new Call.VmMvc(P, "f", pno, pgoffs, count, cmd, "dp", at("m", 100));
    }

    @Test
    void readsAPartOfAPageIntoTheHelper() {
        Session s = world(mvc(1, 10, 500, Call.VM_MVC_READ));
        assertPass(s);
        assertEquals(0, returned(lastCall(s)));
        assertTrue(note(lastCall(s)).startsWith("process_vm_writev("), note(lastCall(s)));
    }

    @Test
    void writesFromTheHelperIntoThePage() {
        Session s = world(mvc(2, 0, PAGE, Call.VM_MVC_WRITE), Observe.Bytes.whole("f", 3L * PAGE));
        assertPass(s);
        assertTrue(note(lastCall(s)).startsWith("process_vm_readv("), note(lastCall(s)));
    }

    @Test
    void zeroesAndProtZeroes() {
        Session s =
                world(
                        mvc(0, 1000, 96, Call.VM_MVC_ZERO),
                        mvc(1, 0, PAGE, Call.VM_MVC_PROTZERO),
                        new Observe.Protection("f", 1),
                        new Observe.Protection("f", 0));
        assertPass(s);
        assertEquals(
                new Result.Protection(Prot.READ), s.steps().get(s.steps().size() - 2).result());
        // a protected page still takes vm_mvc's own stores: the protection is the mapping's, not
        // the frame's
        assertPass(world(mvc(1, 0, PAGE, Call.VM_MVC_PROTZERO), mvc(1, 8, 8, Call.VM_MVC_WRITE)));
    }

    @Test
    void aPageWithoutARealFrameIsEnoent() {
        Session s = world(new Setup.SetFrame("f", 1, false), mvc(1, 0, 16, Call.VM_MVC_READ));
        assertPass(s);
        assertEquals(Call.ENOENT, returned(lastCall(s)));
        assertTrue(note(lastCall(s)).startsWith("mincore("), note(lastCall(s)));
        // the page gets its frame back with its bytes
        Session back =
                world(
                        new Setup.SetFrame("f", 1, false),
                        Observe.Bytes.whole("f", 3L * PAGE),
                        new Setup.SetFrame("f", 1, true),
                        mvc(1, 0, 16, Call.VM_MVC_READ),
                        Observe.Bytes.whole("m", 2L * PAGE));
        assertPass(back);
        assertEquals(0, returned(lastCall(back)));
    }

    @Test
    void crossingThePageBoundaryOrABadCommandIsEinval() {
        Session cross = world(mvc(0, PAGE - 8, 16, Call.VM_MVC_READ));
        assertPass(cross);
        assertEquals(Call.EINVAL, returned(lastCall(cross)));
        Session cmd = world(mvc(0, 0, 16, 9));
        assertPass(cmd);
        assertEquals(Call.EINVAL, returned(lastCall(cmd)));
        // both causes at once: either answer is allowed; the adapter's is recorded
        Step both =
                lastCall(
                        world(
                                new Setup.SetFrame("f", 0, false),
                                mvc(0, PAGE - 8, 16, Call.VM_MVC_READ)));
        assertEquals(Call.EINVAL, returned(both));
    }

    @Test
    void anEmptyRangeAtThePagesEndCrossesNothing() {
        // pgoffs == PAGE with count 0 leaves no page: the frame decides (ENOENT), not the boundary
        // (EINVAL)
        Session s = world(new Setup.SetFrame("f", 1, false), mvc(1, PAGE, 0, Call.VM_MVC_READ));
        assertPass(s);
        assertEquals(Call.ENOENT, returned(lastCall(s)));
        assertPass(world(mvc(0, PAGE, 0, Call.VM_MVC_READ)));
        Session past = world(mvc(0, PAGE + 1, 0, Call.VM_MVC_READ));
        assertPass(past);
        assertEquals(Call.EINVAL, returned(lastCall(past)));
    }

    @Test
    void nonPositiveCount() {
        assertPass(world(mvc(0, 0, 0, Call.VM_MVC_READ)));
        assertPass(world(mvc(0, 0, -1, Call.VM_MVC_ZERO)));
    }

    @Test
    void m2InKernelMemory() {
        Session s =
                run(
                        sut,
                        List.of(
                                process("p"),
                                new Setup.CreateFileSegment("f", 1, 40),
                                kernelRegion("g", 1, 42),
                                new Setup.Pin("g", 0, 1),
                                new Call.Xmattach(P, at("g", 0), PAGE, "dg", Call.SYS_ADSPACE),
                                new Call.VmMvc(
                                        Context.kernelProcess(),
                                        "f",
                                        0,
                                        0,
                                        200,
                                        Call.VM_MVC_READ,
                                        "dg",
                                        at("g", 50)),
                                new Call.VmMvc(
                                        Context.kernelProcess(),
                                        "f",
                                        0,
                                        300,
                                        200,
                                        Call.VM_MVC_WRITE,
                                        "dg",
                                        at("g", 1000))));
        assertPass(s);
        assertTrue(note(lastCall(s)).startsWith("pwrite("), note(lastCall(s)));
    }

    @Test
    void unpinnedM2IsTheCallersProblem() {
        Session s =
                run(
                        sut,
                        List.of(
                                process("p"),
                                new Setup.CreateFileSegment("f", 1, 40),
                                userRegion("m", "p", 1, 41),
                                new Call.Xmattach(P, at("m", 0), PAGE, "dp", Call.USER_ADSPACE),
                                new Call.VmMvc(
                                        P, "f", 0, 0, 16, Call.VM_MVC_READ, "dp", at("m", 0))));
        assertOutside(s, "vm_mvc.m2-pinned");
    }
}
