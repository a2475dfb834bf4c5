package xmemck.linux;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.linux.Scenarios.*;

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
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.spi.Sut;
import xmemck.spi.SutOptions;

/**
 * copyout, ddi_copyout and the model ioctl against the host kernel, through the harness and the
 * oracle.
 */
class CopyoutOnLinuxTest {
    static Sut sut;

    @BeforeAll
    static void open() throws Exception {
        sut = new LinuxProvider().open(SutOptions.none());
    }

    @AfterAll
    static void close() {
        sut.close();
    }

    /** A process p with a 2-page user buffer u, and a 1-page driver buffer k. */
    private static List<Setup> world() {
        return List.of(process("p"), kernelRegion("k", 1, 11), userRegion("u", "p", 2, 22));
    }

    private static Session with(Object... more) {
        List<xmemck.ops.Op> ops = new java.util.ArrayList<>(world());
        for (Object o : more) ops.add((xmemck.ops.Op) o);
        return run(sut, ops);
    }

    @Test
    void copiesIntoAWritableBuffer() {
        Session s = with(new Call.Copyout(P, at("k", 0), at("u", 100), 64));
        assertPass(s);
        Step call = lastCall(s);
        assertEquals(0, returned(call));
        assertTrue(note(call).startsWith("pread(memfd of k, "), note(call));
        assertTrue(note(call).endsWith(" = 64"), note(call));
        assertTrue(call.clauses().contains("copyout.succ"), call.clauses().toString());
    }

    @Test
    void stopsAtAReadOnlyPageWithAShortCount() {
        // 64 bytes starting 8 bytes before the read-only page: copy_to_user stores 8 and stops
        Session s =
                with(
                        new Setup.Protect("u", 1, 1, Prot.READ),
                        new Call.Copyout(P, at("k", 0), at("u", Layout.PAGE_SIZE - 8), 64));
        assertPass(s);
        Step call = lastCall(s);
        assertEquals(-1, returned(call));
        assertTrue(note(call).endsWith(" = 8 (short)"), note(call));
        assertTrue(call.clauses().contains("copyout.fail.paging-fault"), call.clauses().toString());
    }

    @Test
    void failsWithEfaultWhenTheFirstPageIsReadOnly() {
        Session s =
                with(
                        new Setup.Protect("u", 0, 1, Prot.READ),
                        new Call.Copyout(P, at("k", 0), at("u", 0), 64));
        assertPass(s);
        assertTrue(note(lastCall(s)).endsWith("= -1 EFAULT"), note(lastCall(s)));
    }

    @Test
    void failsOnAHoleAndOnNoAccessPages() {
        assertPass(
                with(
                        new Setup.Unmap("u", 1, 1),
                        new Call.Copyout(P, at("k", 0), at("u", Layout.PAGE_SIZE - 16), 32)));
        assertPass(
                with(
                        new Setup.Protect("u", 1, 1, Prot.NONE),
                        new Call.Copyout(P, at("k", 0), at("u", Layout.PAGE_SIZE - 16), 32)));
    }

    @Test
    void failsOnSpecialAddresses() {
        for (Addr.Place place : List.of(Addr.Place.NULL, Addr.Place.UNMAPPED, Addr.Place.KERNEL)) {
            Session s = with(new Call.Copyout(P, at("k", 0), Addr.special(place), 16));
            assertPass(s);
            assertEquals(-1, returned(lastCall(s)), place.word);
            assertTrue(note(lastCall(s)).endsWith("EFAULT"), note(lastCall(s)));
        }
    }

    @Test
    void aKernelObjectIsNotAUserAddress() {
        Session s =
                run(
                        sut,
                        List.of(
                                process("p"),
                                kernelRegion("k", 1, 11),
                                kernelRegion("k2", 1, 33),
                                new Call.Copyout(P, at("k", 0), at("k2", 0), 16)));
        assertPass(s);
        assertEquals(-1, returned(lastCall(s)));
    }

    @Test
    void aPagingIoErrorIsAFault() {
        Session s =
                with(
                        new Setup.SetPageState("u", 1, 1, PageState.PAGING_IO_ERROR),
                        new Call.Copyout(P, at("k", 0), at("u", Layout.PAGE_SIZE - 8), 64));
        assertPass(s);
        assertTrue(note(lastCall(s)).endsWith(" = 8 (short)"), note(lastCall(s)));
    }

    @Test
    void aPagedOutPageIsBroughtIn() {
        Session s =
                with(
                        new Setup.SetPageState("u", 0, 2, PageState.PAGED_OUT),
                        new Call.Copyout(P, at("k", 0), at("u", 4000), 200));
        if (sut.capabilities().supported().contains(xmemck.spi.Capability.PAGED_OUT_PAGES)) {
            assertPass(s);
            assertEquals(0, returned(lastCall(s)));
        } else {
            assertUnsupported(s, "paging");
        }
    }

    @Test
    void aPagedOutDriverBufferIsReadBackFromDisk() {
        Session s =
                run(
                        sut,
                        List.of(
                                process("p"),
                                kernelRegion("k", 3, 11),
                                userRegion("u", "p", 3, 22),
                                new Setup.SetPageState("k", 1, 1, PageState.PAGED_OUT),
                                new Call.Copyout(
                                        P, at("k", 100), at("u", 0), 2L * Layout.PAGE_SIZE)));
        if (!sut.capabilities().supported().contains(xmemck.spi.Capability.PAGED_OUT_PAGES)) {
            assertUnsupported(s, "paging");
            return;
        }
        assertPass(s);
        assertEquals(0, returned(lastCall(s)));
        assertTrue(note(lastCall(s)).contains("pread(paging file, "), note(lastCall(s)));
    }

    @Test
    void countZeroAndAHugeUnsignedCount() throws Exception {
        assertPass(with(new Call.Copyout(P, at("k", 0), at("u", 0), 0)));
        // cn is a size_t: -1L is 18446744073709551615, more than the driver buffer holds; the kit
        // never sends it
        assertOutside(
                with(new Call.Copyout(P, at("k", 0), at("u", 0), -1)), "copyout.caller.driverbuf");
        // and the adapter, asked anyway, refuses it instead of handing the kernel a huge count
        sut.reset();
        for (Setup op : world()) sut.apply(op);
        Result r = sut.apply(new Call.Copyout(P, at("k", 0), at("u", 0), -1));
        assertTrue(
                r instanceof Result.Unsupported u && u.reason().contains("18446744073709551615"),
                r.toString());
    }

    @Test
    void aDriverBufferPageWithoutReadAccessIsAPagingFault() {
        // the driver buffer k2 has 2 pages; its page 1 is made unreadable; the copy starts 8 bytes
        // before it
        for (Setup unreadable :
                List.of(new Setup.Protect("k2", 1, 1, Prot.NONE), new Setup.Unmap("k2", 1, 1))) {
            Session s =
                    run(
                            sut,
                            List.of(
                                    process("p"),
                                    kernelRegion("k2", 2, 11),
                                    userRegion("u", "p", 2, 22),
                                    unreadable,
                                    new Call.Copyout(
                                            P, at("k2", Layout.PAGE_SIZE - 8), at("u", 100), 64)));
            assertPass(s);
            Step call = lastCall(s);
            assertEquals(-1, returned(call));
            assertTrue(
                    call.clauses().contains("copyout.fail.paging-fault"),
                    call.clauses().toString());
            assertTrue(
                    note(call).startsWith("process_vm_readv(the kit, {u+100, 64}, {k2+4088, 64})"),
                    note(call));
            assertTrue(note(call).endsWith(" = 8 (partial)"), note(call));
        }
        // unreadable from its first byte: nothing is copied
        Session s =
                run(
                        sut,
                        List.of(
                                process("p"),
                                kernelRegion("k2", 2, 11),
                                userRegion("u", "p", 2, 22),
                                new Setup.Protect("k2", 0, 1, Prot.NONE),
                                new Call.XxIoctl(P, at("k2", 0), Call.XX_GETREGS, at("u", 0))));
        assertPass(s);
        assertEquals(Call.EFAULT, returned(lastCall(s)));
        assertTrue(note(lastCall(s)).endsWith("= -1 EFAULT"), note(lastCall(s)));
    }

    @Test
    void everyAlignmentAcrossTheBoundaryOfAReadOnlyPage() {
        // a small fault-position sweep: the destination starts 0..15 bytes before the read-only
        // page
        for (int before = 0; before < 16; before++) {
            Session s =
                    with(
                            new Setup.Protect("u", 1, 1, Prot.READ),
                            new Call.Copyout(
                                    P, at("k", before), at("u", Layout.PAGE_SIZE - before), 40));
            assertPass(s);
        }
    }

    @Test
    void ddiCopyoutToUserAndToKernel() {
        assertPass(with(new Call.DdiCopyout(P, at("k", 8), at("u", 8), 100, 0)));
        Session s =
                run(
                        sut,
                        List.of(
                                process("p"),
                                kernelRegion("k", 1, 11),
                                kernelRegion("k2", 1, 33),
                                new Call.DdiCopyout(
                                        KPROC, at("k", 8), at("k2", 16), 100, Call.FKIOCTL)));
        assertPass(s);
        assertEquals(0, returned(lastCall(s)));
    }

    @Test
    void theModelIoctlReturnsEfaultOnABadArgument() {
        Session ok = with(new Call.XxIoctl(P, at("k", 0), Call.XX_GETREGS, at("u", 0)));
        assertPass(ok);
        assertEquals(0, returned(lastCall(ok)));
        Session bad =
                with(
                        new Setup.Protect("u", 0, 1, Prot.READ),
                        new Call.XxIoctl(P, at("k", 0), Call.XX_GETREGS, at("u", 0)));
        assertPass(bad);
        assertEquals(Call.EFAULT, returned(lastCall(bad)));
    }

    @Test
    void observationsReadTheRealMemory() {
        Session s =
                with(
                        new Setup.Unmap("u", 1, 1),
                        new Setup.Protect("u", 0, 1, Prot.NONE),
                        xmemck.ops.Observe.Bytes.whole("u", 2 * Layout.PAGE_SIZE),
                        xmemck.ops.Observe.Bytes.whole("k", Layout.PAGE_SIZE),
                        new xmemck.ops.Observe.Protection("u", 0),
                        new xmemck.ops.Observe.Protection("u", 1));
        assertPass(s);
    }

    @Test
    void conditionsLinuxCannotCreateAreUnsupportedWithTheReason() {
        assertUnsupported(
                with(new Setup.SetPageState("u", 0, 1, PageState.HARDWARE_ERROR)), "MADV_HWPOISON");
        assertUnsupported(with(new Setup.SetAdiVersion("u", 0, 1, 3)), "SPARC");
        assertUnsupported(
                with(new Call.Copyout(P, at("k", 0), Addr.special(Addr.Place.USER_BLOCK), 8)),
                "user block");
        assertUnsupported(
                run(
                        sut,
                        List.of(
                                process("p"),
                                new Setup.MapRegionBelowUserBlock(
                                        "u", "p", 1, Prot.READ_WRITE, 22))),
                "no user block");
        assertUnsupported(with(new Setup.DamageLines("u", 3, 2)), "64-byte lines");
    }

    @Test
    void theAdapterRefusesTheseOpsEvenWhenAskedDirectly() throws Exception {
        sut.reset();
        for (Setup op : world()) sut.apply(op);
        Result below =
                sut.apply(new Setup.MapRegionBelowUserBlock("v", "p", 1, Prot.READ_WRITE, 22));
        assertTrue(
                below instanceof Result.Unsupported u
                        && u.reason().contains(LinuxCapabilities.NO_USER_BLOCK_NEIGHBOUR),
                below.toString());
        Result damaged = sut.apply(new Setup.DamageLines("u", 0, 1));
        assertTrue(
                damaged instanceof Result.Unsupported u
                        && u.reason().contains(LinuxCapabilities.NO_DAMAGED_LINES),
                damaged.toString());
    }

    @Test
    void aRegionAcrossAnAixSegmentBoundaryIsAnOrdinaryRegion() {
        Session s =
                run(
                        sut,
                        List.of(
                                process("p"),
                                kernelRegion("k", 4, 11),
                                new Setup.MapRegionAcrossSegments(
                                        "u", "p", 4, Prot.READ_WRITE, 22, 2),
                                new Setup.Protect("u", 3, 1, Prot.READ),
                                new Call.Copyout(
                                        P, at("k", 0), at("u", 100), 2L * Layout.PAGE_SIZE),
                                new Call.Copyout(
                                        P,
                                        at("k", 0),
                                        at("u", 2L * Layout.PAGE_SIZE + 8),
                                        Layout.PAGE_SIZE)));
        assertPass(s);
        assertTrue(note(lastCall(s)).endsWith(" (short)"), note(lastCall(s)));
    }

    @Test
    void callerObligationsAreLeftToTheOracle() {
        assertOutside(
                with(new Call.Copyout(Context.interrupt(), at("k", 0), at("u", 0), 8)),
                "copyout.ctx.user-only");
        assertOutside(
                with(new Call.Copyout(KPROC, at("k", 0), at("u", 0), 8)), "copyout.ctx.user-only");
    }
}
