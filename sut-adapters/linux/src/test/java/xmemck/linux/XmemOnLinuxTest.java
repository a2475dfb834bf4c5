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
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Layout;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Setup;
import xmemck.spi.Capability;
import xmemck.spi.Sut;
import xmemck.spi.SutOptions;

/**
 * xmattach, xmdetach and xmemout against the host kernel: process_vm_writev into a helper child.
 */
class XmemOnLinuxTest {
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
     * Process p with a 3-page buffer u attached as dp; kernel memory k of 2 pages; then {@code
     * more}.
     */
    private static Session attached(Op... more) {
        List<Op> ops =
                new ArrayList<>(
                        List.of(
                                process("p"),
                                kernelRegion("k", 2, 5),
                                userRegion("u", "p", 3, 6),
                                new Call.Xmattach(
                                        P, at("u", 0), 3L * PAGE, "dp", Call.USER_ADSPACE)));
        ops.addAll(List.of(more));
        return run(sut, ops);
    }

    private static Call.Xmemout out(long k, long u, long count) {
        return new Call.Xmemout(KPROC, at("k", k), at("u", u), count, "dp");
    }

    @Test
    void movesIntoTheHelpersAddressSpace() {
        Session s = attached(out(0, 0, 2 * PAGE), out(100, 2 * PAGE + 8, 300));
        assertPass(s);
        Step call = lastCall(s);
        assertEquals(Call.XMEM_SUCC, returned(call));
        assertTrue(note(call).startsWith("process_vm_writev("), note(call));
        assertTrue(call.clauses().contains("xmemout.succ"), call.clauses().toString());
    }

    @Test
    void fromTheOwningProcessToo() {
        assertPass(attached(new Call.Xmemout(P, at("k", 0), at("u", 0), 64, "dp")));
    }

    @Test
    void aReadOnlyPageIsNoAuthority() {
        Session s = attached(new Setup.Protect("u", 1, 1, Prot.READ), out(0, PAGE - 8, 64));
        assertPass(s);
        assertEquals(Call.XMEM_FAIL, returned(lastCall(s)));
        assertTrue(note(lastCall(s)).endsWith("= 8 (partial)"), note(lastCall(s)));
        assertTrue(lastCall(s).clauses().contains("xmemout.fail.authority"));
    }

    @Test
    void aHoleIsAnInvalidRange() {
        Session s = attached(new Setup.Unmap("u", 2, 1), out(0, PAGE, 2 * PAGE));
        assertPass(s);
        assertTrue(lastCall(s).clauses().contains("xmemout.fail.range"));
    }

    @Test
    void aDeletedSegmentFails() {
        Session s = attached(new Setup.DeleteSegment("u"), out(0, 0, 64));
        assertPass(s);
        assertEquals(Call.XMEM_FAIL, returned(lastCall(s)));
        assertTrue(note(lastCall(s)).endsWith("EFAULT"), note(lastCall(s)));
    }

    @Test
    void aDetachedDescriptorIsInvalid() {
        Session s =
                attached(new Call.Xmdetach(KPROC, "dp"), out(0, 0, 64), new Call.Xmdetach(P, "dp"));
        assertPass(s);
        assertEquals(Call.XMEM_FAIL, returned(lastCall(s)));
    }

    @Test
    void attachingTwiceOrNothingFails() {
        assertPass(attached(new Call.Xmattach(P, at("u", 0), 8, "dp", Call.USER_ADSPACE)));
        assertPass(attached(new Call.Xmattach(P, at("u", 0), 0, "dp2", Call.USER_ADSPACE)));
    }

    @Test
    void aTruncatedFileBehindThePageIsAPagingIoError() {
        Session s =
                attached(
                        new Setup.SetPageState("u", 1, 1, PageState.PAGING_IO_ERROR),
                        out(0, PAGE - 32, 64));
        assertPass(s);
        assertTrue(lastCall(s).clauses().contains("xmemout.fail.paging-io"));
        assertTrue(note(lastCall(s)).endsWith("= 32 (partial)"), note(lastCall(s)));
        // and back in memory, the move goes through
        Session back =
                attached(
                        new Setup.SetPageState("u", 1, 1, PageState.PAGING_IO_ERROR),
                        new Setup.SetPageState("u", 1, 1, PageState.RESIDENT),
                        out(0, PAGE - 32, 64));
        assertPass(back);
        assertEquals(Call.XMEM_SUCC, returned(lastCall(back)));
    }

    @Test
    void aPagedOutPageIsBroughtInAtProcessLevel() {
        Session s =
                attached(
                        new Setup.SetPageState("u", 0, 3, PageState.PAGED_OUT),
                        out(0, 100, 2 * PAGE));
        if (sut.capabilities().supported().contains(Capability.PAGED_OUT_PAGES)) {
            assertPass(s);
            assertTrue(
                    lastCall(s).clauses().contains("xmemout.process-not-resident"),
                    lastCall(s).clauses().toString());
        } else {
            assertUnsupported(s, "paging");
        }
    }

    @Test
    void interruptLevelIsUnsupported() {
        assertUnsupported(
                attached(new Call.Xmemout(Context.interrupt(), at("k", 0), at("u", 0), 64, "dp")),
                "interrupt level");
    }

    @Test
    void kernelGlobalMemoryDescriptor() {
        Session s =
                run(
                        sut,
                        List.of(
                                process("p"),
                                kernelRegion("k", 1, 5),
                                kernelRegion("g", 2, 7),
                                new Call.Xmattach(P, at("g", 0), 2L * PAGE, "dg", Call.SYS_ADSPACE),
                                new Setup.Protect("g", 1, 1, Prot.READ),
                                new Call.Xmemout(KPROC, at("k", 0), at("g", 0), 128, "dg"),
                                new Call.Xmemout(KPROC, at("k", 0), at("g", PAGE - 4), 128, "dg")));
        assertPass(s);
        assertEquals(Call.XMEM_FAIL, returned(lastCall(s)));
    }

    @Test
    void twoProcessesEachWithItsHelper() {
        Session s =
                run(
                        sut,
                        List.of(
                                process("p"),
                                process("q"),
                                kernelRegion("k", 1, 5),
                                userRegion("u", "p", 1, 6),
                                userRegion("v", "q", 1, 8),
                                new Call.Xmattach(P, at("u", 0), PAGE, "du", Call.USER_ADSPACE),
                                new Call.Xmattach(
                                        Context.process("q"),
                                        at("v", 0),
                                        PAGE,
                                        "dv",
                                        Call.USER_ADSPACE),
                                new Call.Xmemout(
                                        Context.process("q"), at("k", 0), at("u", 0), 256, "du"),
                                new Call.Xmemout(P, at("k", 256), at("v", 512), 256, "dv"),
                                new Call.Copyout(
                                        Context.process("q"), at("k", 0), at("v", 1024), 64),
                                Observe.Bytes.whole("u", PAGE),
                                Observe.Bytes.whole("v", PAGE)));
        assertPass(s);
    }

    /**
     * The buffer lies in the descriptor's address space but outside the range it was attached to.
     * Linux has no descriptor to hold the range against the call, so the adapter makes the ordinary
     * move and the kernel decides; the kit allows that (or XMEM_FAIL with nothing moved) and
     * records which.
     */
    @Test
    void outsideTheAttachedRangeTheMoveIsTheOrdinaryOne() {
        List<Op> ops =
                new ArrayList<>(
                        List.of(
                                process("p"),
                                kernelRegion("k", 2, 5),
                                userRegion("u", "p", 3, 6),
                                userRegion("w", "p", 1, 7),
                                new Call.Xmattach(P, at("u", 0), PAGE, "dp", Call.USER_ADSPACE)));
        // beyond the attached page of u; then in another region of the same process
        for (Call.Xmemout x :
                List.of(
                        out(0, PAGE + 16, 2 * PAGE - 32),
                        new Call.Xmemout(KPROC, at("k", 0), at("w", 8), 64, "dp"))) {
            List<Op> all = new ArrayList<>(ops);
            all.add(x);
            Session s = run(sut, all);
            assertPass(s);
            Step call = lastCall(s);
            assertEquals(Call.XMEM_SUCC, returned(call));
            assertTrue(
                    call.clauses().contains("xmemout.attached-range"), call.clauses().toString());
            assertTrue(note(call).startsWith("process_vm_writev("), note(call));
            assertEquals(
                    "returned 0 (XMEM_SUCC)",
                    call.implementationDefined().get("xmemout.attached-range"),
                    call.implementationDefined().toString());
        }
        // where the ordinary move fails, it fails as it would inside the range: a prefix stored,
        // XMEM_FAIL
        List<Op> all = new ArrayList<>(ops);
        all.addAll(List.of(new Setup.Protect("u", 2, 1, Prot.READ), out(0, 2 * PAGE - 8, 64)));
        Session s = run(sut, all);
        assertPass(s);
        assertEquals(Call.XMEM_FAIL, returned(lastCall(s)));
        assertTrue(note(lastCall(s)).endsWith("= 8 (partial)"), note(lastCall(s)));
    }

    @Test
    void acrossAnAixSegmentBoundaryTheMoveIsOrdinary() {
        Session s =
                run(
                        sut,
                        List.of(
                                process("p"),
                                kernelRegion("k", 3, 5),
                                new Setup.MapRegionAcrossSegments(
                                        "u", "p", 3, Prot.READ_WRITE, 6, 1),
                                new Call.Xmattach(
                                        P, at("u", 0), 3L * PAGE, "dp", Call.USER_ADSPACE),
                                out(0, PAGE - 100, 200)));
        assertPass(s);
        assertEquals(Call.XMEM_SUCC, returned(lastCall(s)));
        assertTrue(
                lastCall(s).clauses().contains("xmemout.segment-crossing"),
                lastCall(s).clauses().toString());
    }

    @Test
    void nonPositiveCounts() {
        assertPass(attached(out(0, 0, 0)));
        assertPass(attached(out(0, 0, -5)));
    }

    @Test
    void specialUserAddressesFail() {
        for (Addr.Place place : List.of(Addr.Place.NULL, Addr.Place.UNMAPPED, Addr.Place.KERNEL)) {
            Session s =
                    attached(new Call.Xmemout(KPROC, at("k", 0), Addr.special(place), 16, "dp"));
            assertPass(s);
            assertEquals(Call.XMEM_FAIL, returned(lastCall(s)), place.word);
        }
    }
}
