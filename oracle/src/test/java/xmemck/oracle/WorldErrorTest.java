package xmemck.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Observe;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Setup;

/** Ill-formed operations are WorldErrors whose message names the op and the problem. */
class WorldErrorTest {

    private static void error(String message, Executable e) {
        assertEquals(message, assertThrows(WorldError.class, e).getMessage());
    }

    @Test
    void duplicate_names() {
        Oracle o = Twin.standard().model;
        error(
                "create process p1: process \"p1\" already exists",
                () -> o.apply(new Setup.CreateProcess("p1")));
        error(
                "map region u of 1 page(s) READ_WRITE in kernel (seed 1): an object named \"u\" already exists",
                () -> o.apply(new Setup.MapRegion("u", "kernel", 1, Prot.READ_WRITE, 1)));
        error(
                "create file segment k of 1 page(s) (seed 1): an object named \"k\" already exists",
                () -> o.apply(new Setup.CreateFileSegment("k", 1, 1)));
    }

    @Test
    void unknown_names() {
        Oracle o = Twin.standard().model;
        error(
                "map region r of 1 page(s) READ_WRITE in p9 (seed 1): unknown space \"p9\": use \"kernel\" or a process created before",
                () -> o.apply(new Setup.MapRegion("r", "p9", 1, Prot.READ_WRITE, 1)));
        error(
                "protect page 0 of nowhere READ: unknown object \"nowhere\"; known objects: k, u",
                () -> o.apply(new Setup.Protect("nowhere", 0, 1, Prot.READ)));
        Call c = new Call.Copyout(Context.process("p9"), Addr.in("k", 0), Addr.in("u", 0), 1);
        error(c.describe() + ": unknown process \"p9\"; create it first", () -> o.expect(c));
        Call d = new Call.Copyout(Context.process("p1"), Addr.in("k", 0), Addr.in("zz", 0), 1);
        error(d.describe() + ": unknown object \"zz\"; known objects: k, u", () -> o.expect(d));
    }

    @Test
    void page_ranges_beyond_the_object() {
        Oracle o = Twin.standard().model;
        error(
                "unmap pages 1..2 of u: pages 1..2 are beyond region u (pages 0..1)",
                () -> o.apply(new Setup.Unmap("u", 1, 2)));
        error(
                "ADI version 1 on lines 120..129 of u: lines 120..129 are beyond u (lines 0..127)",
                () -> o.apply(new Setup.SetAdiVersion("u", 120, 10, 1)));
        error(
                "observe u[-4097, 10): the range [-4097, 10) reaches beyond the guard pages of region u ([-4096, 12288))",
                () -> o.observe(new Observe.Bytes("u", -4097, 4107)));
        error(
                "observe the protection of page 3 of u: page 3 is beyond region u and its guard pages",
                () -> o.observe(new Observe.Protection("u", 3)));
    }

    @Test
    void a_pinned_page_cannot_be_paged_out_and_a_hole_cannot_be_pinned() {
        Oracle o = Twin.standard().model;
        o.apply(new Setup.Pin("u", 0, 1));
        error(
                "make page 0 of u PAGED_OUT: page 0 of u is pinned and cannot be PAGED_OUT",
                () -> o.apply(new Setup.SetPageState("u", 0, 1, PageState.PAGED_OUT)));
        o.apply(new Setup.Unmap("u", 1, 1));
        error(
                "pin page 1 of u: page 1 of u is unmapped and cannot be pinned",
                () -> o.apply(new Setup.Pin("u", 1, 1)));
    }

    @Test
    void region_and_file_segment_ops_are_not_interchangeable() {
        Oracle o = Twin.standard().model;
        o.apply(new Setup.CreateFileSegment("f", 1, 1));
        error(
                "file page u/0 has no real frame: u is a region, not a file segment",
                () -> o.apply(new Setup.SetFrame("u", 0, false)));
        error(
                "unmap page 0 of f: f is a file segment; this applies to regions only",
                () -> o.apply(new Setup.Unmap("f", 0, 1)));
        error(
                "file page f/1 has no real frame: page 1 is beyond file segment f (pages 0..0)",
                () -> o.apply(new Setup.SetFrame("f", 1, false)));
        error(
                "delete the segment of u: the segment of u is already deleted",
                () -> {
                    o.apply(new Setup.DeleteSegment("u"));
                    o.apply(new Setup.DeleteSegment("u"));
                });
    }
}
