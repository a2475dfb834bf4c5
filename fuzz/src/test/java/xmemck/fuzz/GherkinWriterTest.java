package xmemck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Setup;

/** Every operation has a sentence in the runner's step vocabulary. */
class GherkinWriterTest {

    static void says(String expected, Op op) {
        assertEquals(expected, GherkinWriter.sentence(op));
    }

    @Test
    void worldSteps() {
        says("a user process p", new Setup.CreateProcess("p"));
        says(
                "a region k of 1 page in kernel with protection read-write and fill seed 11",
                new Setup.MapRegion("k", "kernel", 1, Prot.READ_WRITE, 11));
        says(
                "a region u of 3 pages in p with protection read-only and fill seed -5",
                new Setup.MapRegion("u", "p", 3, Prot.READ, -5));
        says(
                "a file segment f of 2 pages with fill seed 33",
                new Setup.CreateFileSegment("f", 2, 33));
        says("file page 1 of f has no real frame", new Setup.SetFrame("f", 1, false));
        says("file page 0 of f has a real frame", new Setup.SetFrame("f", 0, true));
        says("page 2 of u is inaccessible", new Setup.Protect("u", 2, 1, Prot.NONE));
        says("pages 0 to 1 of u are read-only", new Setup.Protect("u", 0, 2, Prot.READ));
        says("page 0 of u is unmapped", new Setup.Unmap("u", 0, 1));
        says("page 1 of u is paged out", new Setup.SetPageState("u", 1, 1, PageState.PAGED_OUT));
        says(
                "pages 1 to 3 of u are failing with a paging I/O error",
                new Setup.SetPageState("u", 1, 3, PageState.PAGING_IO_ERROR));
        says(
                "page 0 of u is damaged by an uncorrectable hardware error",
                new Setup.SetPageState("u", 0, 1, PageState.HARDWARE_ERROR));
        says("page 0 of u is resident", new Setup.SetPageState("u", 0, 1, PageState.RESIDENT));
        says("pages 0 to 1 of b are pinned", new Setup.Pin("b", 0, 2));
        says("line 3 of u has ADI version 5", new Setup.SetAdiVersion("u", 3, 1, 5));
        says("lines 3 to 6 of u have ADI version 5", new Setup.SetAdiVersion("u", 3, 4, 5));
        says("the segment of u is deleted", new Setup.DeleteSegment("u"));
    }

    @Test
    void callSteps() {
        says(
                "process p calls xmattach(u+0, 8192, dp, USER_ADSPACE)",
                new Call.Xmattach(
                        Context.process("p"), Addr.in("u", 0), 8192, "dp", Call.USER_ADSPACE));
        says(
                "a kernel process calls xmattach(u+4, -1, dp, 7)",
                new Call.Xmattach(Context.kernelProcess(), Addr.in("u", 4), -1, "dp", 7));
        says(
                "an interrupt handler calls xmdetach(dp)",
                new Call.Xmdetach(Context.interrupt(), "dp"));
        says(
                "an interrupt handler calls xmemout(k+0, u-8, 9, dp)",
                new Call.Xmemout(Context.interrupt(), Addr.in("k", 0), Addr.in("u", -8), 9, "dp"));
        says(
                "process p calls vm_mvc(f, 0, 16, 5, VM_MVC_READ, dp, b+0)",
                new Call.VmMvc(
                        Context.process("p"),
                        "f",
                        0,
                        16,
                        5,
                        Call.VM_MVC_READ,
                        "dp",
                        Addr.in("b", 0)));
        says(
                "process p calls vm_mvc(f, 2, 0, 1, -1, dp, b+3)",
                new Call.VmMvc(Context.process("p"), "f", 2, 0, 1, -1, "dp", Addr.in("b", 3)));
        says(
                "process p calls copyout(k+1, u+4095 (ADI version 3), 2)",
                new Call.Copyout(
                        Context.process("p"), Addr.in("k", 1), new Addr.In("u", 4095, 3), 2));
        says(
                "process p calls copyout(k+0, null address, 2)",
                new Call.Copyout(
                        Context.process("p"), Addr.in("k", 0), Addr.special(Addr.Place.NULL), 2));
        says(
                "process q calls copyout(k+0, user block+16, 2)",
                new Call.Copyout(
                        Context.process("q"),
                        Addr.in("k", 0),
                        new Addr.Special(Addr.Place.USER_BLOCK, 16),
                        2));
        says(
                "process p calls ddi_copyout(k+0, u+0, 5, FKIOCTL)",
                new Call.DdiCopyout(
                        Context.process("p"), Addr.in("k", 0), Addr.in("u", 0), 5, Call.FKIOCTL));
        says(
                "process p calls ddi_copyout(k+0, u+0, 5, 0)",
                new Call.DdiCopyout(Context.process("p"), Addr.in("k", 0), Addr.in("u", 0), 5, 0));
        says(
                "process p calls xx_ioctl(XX_GETREGS, u+4) on the device registers at k+0",
                new Call.XxIoctl(
                        Context.process("p"), Addr.in("k", 0), Call.XX_GETREGS, Addr.in("u", 4)));
        says("the kit reads 12 bytes of u from offset -4096", new Observe.Bytes("u", -4096, 12));
        says("the kit reads the protection of page 0 of f", new Observe.Protection("f", 0));
    }

    @Test
    void whatTheVocabularyCannotSayIsRefusedWithTheReason() {
        var e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                GherkinWriter.sentence(
                                        new Call.DdiCopyout(
                                                Context.process("p"),
                                                Addr.in("k", 0),
                                                Addr.in("u", 0),
                                                5,
                                                3)));
        assertTrue(e.getMessage().contains("only 0 and FKIOCTL"), e.getMessage());
    }

    @Test
    void everyCallIsFollowedByTheConformanceClaimAndKeywordsRepeatAsAnd() {
        List<String> steps =
                GherkinWriter.steps(
                        List.of(
                                new Setup.CreateProcess("p"),
                                new Setup.MapRegion("k", "kernel", 1, Prot.READ_WRITE, 1),
                                new Call.Xmdetach(Context.interrupt(), "dp"),
                                new Setup.DeleteSegment("k"),
                                new Call.Xmdetach(Context.interrupt(), "dp")));
        assertEquals(
                List.of(
                        "Given a user process p",
                        "And a region k of 1 page in kernel with protection read-write and fill seed 1",
                        "When an interrupt handler calls xmdetach(dp)",
                        "Then the outcome is allowed by the documentation",
                        "Given the segment of k is deleted",
                        "When an interrupt handler calls xmdetach(dp)",
                        "Then the outcome is allowed by the documentation"),
                steps);
    }

    @Test
    void theFeatureHeaderNamesAdapterSeedAndCase() {
        String f =
                GherkinWriter.feature(
                        new GherkinWriter.Origin(
                                "cexample",
                                "copyout_no_write_check",
                                true,
                                42,
                                7,
                                "FAIL copyout inv.no-write-outside",
                                "inv.no-write-outside",
                                9,
                                "0 1"),
                        List.of(new Setup.CreateProcess("p")),
                        "inv.no-write-outside");
        assertTrue(f.contains("# adapter: cexample\n"), f);
        assertTrue(f.contains("# seed: 42  case: 7\n"), f);
        assertTrue(
                f.contains(
                        "# find it again: ./ck fuzz --adapter cexample --fault copyout_no_write_check --seed 42 --case 7 (with the same --sut)\n"),
                f);
        assertTrue(f.contains("@fuzz @clause:inv.no-write-outside\nFeature: "), f);
        assertTrue(
                f.contains(
                        "  Scenario: inv.no-write-outside (adapter cexample, seed 42, case 7)\n    Given a user process p\n"),
                f);
    }
}
