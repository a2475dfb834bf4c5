package xmemck.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.oracle.Twin.assertAllowedOnly;
import static xmemck.oracle.Twin.assertOutside;
import static xmemck.oracle.Twin.at;
import static xmemck.oracle.Twin.onlyWrite;
import static xmemck.oracle.Twin.p;
import static xmemck.oracle.Twin.storesOnlyFirst;

import java.util.List;
import org.junit.jupiter.api.Test;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Fill;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;

/**
 * One example per clause of xmattach, xmdetach and xmemout; each would fail if the code deciding it
 * were wrong.
 */
class XmemClausesTest {

    private static final int PAGE = 4096;

    /** The standard world with u attached whole to descriptor d from p1. */
    private static Twin attached() {
        Twin t = Twin.standard();
        Twin.Outcome o =
                t.call(new Call.Xmattach(p("p1"), at("u", 0), 2 * PAGE, "d", Call.USER_ADSPACE));
        assertTrue(o.judgement().conforms(), o.judgement().findings()::toString);
        return t;
    }

    private static Call.Xmemout out(Context ctx, long kOff, long uOff, long count) {
        return new Call.Xmemout(ctx, at("k", kOff), at("u", uOff), count, "d");
    }

    // ---------------------------------------------------------------- xmattach

    @Test
    void xmattach_succ_attaches_the_range_in_the_callers_process() {
        Twin t = Twin.standard();
        Expectation e =
                t.model.expect(
                        new Call.Xmattach(p("p1"), at("u", 100), 50, "d", Call.USER_ADSPACE));
        assertAllowedOnly(e, Call.XMEM_SUCC, "xmattach.succ");
        assertEquals(
                List.of(new Effect.Attach("d", "p1", "u", 100, 50, Call.USER_ADSPACE)),
                ((Expectation.Allowed) e).alternatives().get(0).effects());
    }

    @Test
    void xmattach_succ_with_sys_adspace_describes_kernel_memory() {
        Twin t = Twin.standard();
        assertAllowedOnly(
                t.model.expect(
                        new Call.Xmattach(
                                Context.kernelProcess(), at("k", 0), 10, "d", Call.SYS_ADSPACE)),
                Call.XMEM_SUCC,
                "xmattach.succ");
    }

    @Test
    void xmattach_fail_count_for_zero_and_negative() {
        Twin t = Twin.standard();
        assertAllowedOnly(
                t.model.expect(new Call.Xmattach(p("p1"), at("u", 0), 0, "d", Call.USER_ADSPACE)),
                Call.XMEM_FAIL,
                "xmattach.fail.count");
        assertAllowedOnly(
                t.model.expect(new Call.Xmattach(p("p1"), at("u", 0), -5, "d", Call.USER_ADSPACE)),
                Call.XMEM_FAIL,
                "xmattach.fail.count");
    }

    @Test
    void xmattach_fail_in_use_when_already_attached() {
        Twin t = attached();
        assertAllowedOnly(
                t.model.expect(new Call.Xmattach(p("p1"), at("u", 0), 10, "d", Call.USER_ADSPACE)),
                Call.XMEM_FAIL,
                "xmattach.fail.in-use");
    }

    @Test
    void xmattach_env_process_only_at_interrupt_level() {
        assertOutside(
                Twin.standard()
                        .model
                        .expect(
                                new Call.Xmattach(
                                        Context.interrupt(),
                                        at("u", 0),
                                        10,
                                        "d",
                                        Call.USER_ADSPACE)),
                "xmattach.env.process-only");
    }

    @Test
    void xmattach_caller_space_buffer_of_another_process_or_bad_segflag() {
        Twin t = Twin.standard();
        assertOutside(
                t.model.expect(new Call.Xmattach(p("p2"), at("u", 0), 10, "d", Call.USER_ADSPACE)),
                "xmattach.caller.space");
        assertOutside(
                t.model.expect(new Call.Xmattach(p("p1"), at("u", 0), 10, "d", 7)),
                "xmattach.caller.space");
        assertOutside(
                t.model.expect(new Call.Xmattach(p("p1"), at("u", 0), 10, "d", Call.SYS_ADSPACE)),
                "xmattach.caller.space");
        assertOutside(
                t.model.expect(
                        new Call.Xmattach(
                                Context.kernelProcess(), at("u", 0), 10, "d", Call.USER_ADSPACE)),
                "xmattach.caller.space");
    }

    // ---------------------------------------------------------------- xmdetach

    @Test
    void xmdetach_succ_then_the_descriptor_is_invalid() {
        Twin t = attached();
        Twin.Outcome o = t.call(new Call.Xmdetach(Context.interrupt(), "d"));
        assertAllowedOnly(o.expectation(), Call.XMEM_SUCC, "xmdetach.succ");
        assertTrue(o.judgement().conforms());
        assertAllowedOnly(
                t.model.expect(out(p("p1"), 0, 0, 10)), Call.XMEM_FAIL, "xmemout.fail.descriptor");
    }

    @Test
    void xmdetach_fail_invalid_for_a_descriptor_never_attached_or_detached_twice() {
        Twin t = attached();
        assertAllowedOnly(
                t.model.expect(new Call.Xmdetach(p("p1"), "other")),
                Call.XMEM_FAIL,
                "xmdetach.fail.invalid");
        t.call(new Call.Xmdetach(p("p1"), "d"));
        assertAllowedOnly(
                t.model.expect(new Call.Xmdetach(p("p1"), "d")),
                Call.XMEM_FAIL,
                "xmdetach.fail.invalid");
    }

    // ---------------------------------------------------------------- xmemout

    @Test
    void xmemout_succ_copies_exactly_and_the_reference_does_it() {
        Twin t = attached();
        Twin.Outcome o = t.call(out(p("p1"), 8, 100, 5000));
        assertAllowedOnly(o.expectation(), Call.XMEM_SUCC, "xmemout.succ");
        Effect.Write w = onlyWrite(o.allowed().alternatives().get(0));
        assertEquals(Outcomes.exact("u", 100, 5000, new Data.CopyOf("k", 8)), w);
        assertTrue(o.judgement().conforms(), o.judgement().findings()::toString);
        Result.Bytes b = (Result.Bytes) t.impl.observe(new xmemck.ops.Observe.Bytes("u", 99, 5002));
        assertEquals(Fill.byteAt(22, 99), b.data()[0], "byte before the destination unchanged");
        assertEquals(Fill.byteAt(11, 8), b.data()[1], "first byte copied");
        assertEquals(Fill.byteAt(11, 8 + 4999), b.data()[5000], "last byte copied");
        assertEquals(Fill.byteAt(22, 5100), b.data()[5001], "byte after the destination unchanged");
    }

    @Test
    void xmemout_env_process_and_env_interrupt_are_both_allowed() {
        Twin t = attached();
        assertAllowedOnly(
                t.model.expect(out(Context.kernelProcess(), 0, 0, 10)),
                Call.XMEM_SUCC,
                "xmemout.env.process");
        assertAllowedOnly(
                t.model.expect(out(Context.interrupt(), 0, 0, 10)),
                Call.XMEM_SUCC,
                "xmemout.env.interrupt");
    }

    @Test
    void xmemout_cross_space_from_another_process() {
        Twin t = attached();
        Expectation e = t.model.expect(out(p("p2"), 0, 0, 10));
        assertAllowedOnly(e, Call.XMEM_SUCC, "xmemout.cross-space");
        assertFalse(
                ((Expectation.Allowed) t.model.expect(out(p("p1"), 0, 0, 10)))
                        .alternatives()
                        .get(0)
                        .clauses()
                        .contains("xmemout.cross-space"),
                "running under the descriptor's own process is not cross-space");
    }

    @Test
    void xmemout_fail_authority_on_a_read_only_page_allows_a_prefix_up_to_it() {
        Twin t = attached().setup(new Setup.Protect("u", 1, 1, Prot.READ));
        Expectation e = t.model.expect(out(p("p1"), 0, 4000, 200));
        assertAllowedOnly(e, Call.XMEM_FAIL, "xmemout.fail.authority");
        Effect.Write w = onlyWrite(((Expectation.Allowed) e).alternatives().get(0));
        assertTrue(
                storesOnlyFirst(w, 96),
                "only the bytes before the read-only page may be stored: " + w);
    }

    @Test
    void xmemout_fail_range_for_a_hole_and_for_a_special_address() {
        Twin t = attached().setup(new Setup.Unmap("u", 1, 1));
        assertAllowedOnly(
                t.model.expect(out(p("p1"), 0, 0, 2 * PAGE)), Call.XMEM_FAIL, "xmemout.fail.range");
        Expectation special =
                t.model.expect(
                        new Call.Xmemout(
                                p("p1"), at("k", 0), Addr.special(Addr.Place.NULL), 10, "d"));
        assertAllowedOnly(special, Call.XMEM_FAIL, "xmemout.fail.range");
        assertTrue(
                ((Expectation.Allowed) special).alternatives().get(0).effects().isEmpty(),
                "a special address is refused before anything is touched");
    }

    @Test
    void xmemout_fail_segment_deleted_leaves_the_destination_untouched() {
        Twin t = attached().setup(new Setup.DeleteSegment("u"));
        Expectation e = t.model.expect(out(p("p1"), 0, 0, 10));
        assertAllowedOnly(e, Call.XMEM_FAIL, "xmemout.fail.segment-deleted");
        assertTrue(onlyWrite(((Expectation.Allowed) e).alternatives().get(0)).untouched());
    }

    @Test
    void xmemout_fail_descriptor_never_attached() {
        Twin t = Twin.standard();
        assertAllowedOnly(
                t.model.expect(out(p("p1"), 0, 0, 10)), Call.XMEM_FAIL, "xmemout.fail.descriptor");
    }

    @Test
    void xmemout_fail_paging_io() {
        Twin t = attached().setup(new Setup.SetPageState("u", 1, 1, PageState.PAGING_IO_ERROR));
        assertAllowedOnly(
                t.model.expect(out(p("p1"), 0, 0, 2 * PAGE)),
                Call.XMEM_FAIL,
                "xmemout.fail.paging-io");
    }

    @Test
    void xmemout_hardware_error_allows_success_or_failure_the_page_lists_no_such_error() {
        Twin t = attached().setup(new Setup.DamageLines("u", 1, 1)); // bytes 64..127
        Expectation.Allowed a = (Expectation.Allowed) t.model.expect(out(p("p1"), 0, 0, 200));
        assertEquals(
                List.of((long) Call.XMEM_FAIL, (long) Call.XMEM_SUCC),
                a.alternatives().stream().map(Alternative::returnValue).toList());
        assertEquals("xmemout.hardware-error", a.alternatives().get(1).clauses().getFirst());
        assertTrue(onlyWrite(a.alternatives().get(1)).exact(), "XMEM_SUCC moves everything");
        assertEquals(
                List.of(new Effect.Range(0, 64), new Effect.Range(128, 200)),
                Twin.writable(onlyWrite(a.alternatives().get(0))),
                "XMEM_FAIL may store every byte but the damaged line's");
        assertEquals("xmemout.hardware-error", a.questions().getLast().id());
        Twin.Outcome failed = t.call(out(p("p1"), 0, 0, 200));
        assertTrue(failed.judgement().conforms(), failed.judgement().findings()::toString);
        assertEquals(
                "returned -1 (XMEM_FAIL)",
                failed.judgement().answers().get("xmemout.hardware-error"));
        // A move that never touches the damaged line is an ordinary move.
        assertAllowedOnly(
                t.model.expect(out(p("p1"), 0, 128, 100)), Call.XMEM_SUCC, "xmemout.succ");
        // With a documented cause as well, only XMEM_FAIL conforms.
        t.setup(new Setup.Protect("u", 1, 1, Prot.READ));
        assertAllowedOnly(
                t.model.expect(out(p("p1"), 0, 0, PAGE + 10)),
                Call.XMEM_FAIL,
                "xmemout.fail.authority");
    }

    @Test
    void xmemout_fail_interrupt_not_resident_but_process_not_resident_succeeds() {
        Twin t = attached().setup(new Setup.SetPageState("u", 1, 1, PageState.PAGED_OUT));
        assertAllowedOnly(
                t.model.expect(out(Context.interrupt(), 0, 0, 2 * PAGE)),
                Call.XMEM_FAIL,
                "xmemout.fail.interrupt-not-resident");
        Twin.Outcome o = t.call(out(p("p1"), 0, 0, 2 * PAGE));
        assertAllowedOnly(o.expectation(), Call.XMEM_SUCC, "xmemout.process-not-resident");
        // The page was brought in: now an interrupt-level move succeeds.
        assertAllowedOnly(
                t.model.expect(out(Context.interrupt(), 0, 0, 2 * PAGE)),
                Call.XMEM_SUCC,
                "xmemout.succ");
    }

    @Test
    void
            xmemout_process_not_resident_leaves_the_page_resident_even_when_the_bytes_did_not_change() {
        // Source and destination hold the same pattern, so the move changes no byte; the page was
        // still brought in.
        Twin t =
                new Twin()
                        .setup(
                                new Setup.CreateProcess("p1"),
                                new Setup.MapRegion("k", "kernel", 1, Prot.READ_WRITE, 5),
                                new Setup.MapRegion("u", "p1", 1, Prot.READ_WRITE, 5),
                                new Setup.SetPageState("u", 0, 1, PageState.PAGED_OUT));
        t.call(new Call.Xmattach(p("p1"), at("u", 0), PAGE, "d", Call.USER_ADSPACE));
        Twin.Outcome o = t.call(out(p("p1"), 0, 0, PAGE));
        assertAllowedOnly(o.expectation(), Call.XMEM_SUCC, "xmemout.process-not-resident");
        assertAllowedOnly(
                t.model.expect(out(Context.interrupt(), 0, 0, PAGE)),
                Call.XMEM_SUCC,
                "xmemout.succ");
    }

    @Test
    void xmemout_count_nonpositive_allows_success_or_failure_with_nothing_moved() {
        Twin t = attached();
        Expectation.Allowed a = (Expectation.Allowed) t.model.expect(out(p("p1"), 0, 0, 0));
        assertEquals(
                List.of((long) Call.XMEM_SUCC, (long) Call.XMEM_FAIL),
                a.alternatives().stream().map(Alternative::returnValue).toList());
        assertTrue(
                a.alternatives().stream()
                        .allMatch(
                                x ->
                                        x.effects().isEmpty()
                                                && x.clauses()
                                                        .contains("xmemout.count.nonpositive")));
        assertEquals("xmemout.count-nonpositive", a.questions().get(0).id());
    }

    @Test
    void xmemout_count_over_segment_may_also_fail() {
        Twin t =
                new Twin()
                        .setup(
                                new Setup.CreateProcess("p1"),
                                new Setup.MapRegion("k", "kernel", 65537, Prot.READ_WRITE, 1),
                                new Setup.MapRegion("u", "p1", 65537, Prot.READ_WRITE, 2));
        long n = 256L * 1024 * 1024 + PAGE;
        t.call(new Call.Xmattach(p("p1"), at("u", 0), n, "d", Call.USER_ADSPACE));
        Expectation.Allowed a = (Expectation.Allowed) t.model.expect(out(p("p1"), 0, 0, n));
        assertEquals(2, a.alternatives().size());
        assertTrue(a.alternatives().get(1).clauses().contains("xmemout.count.over-segment"));
        assertEquals(Call.XMEM_FAIL, a.alternatives().get(1).returnValue());
    }

    @Test
    void xmemout_caller_kaddr_must_be_kernel_memory() {
        Twin t = attached().setup(new Setup.MapRegion("u2", "p1", 1, Prot.READ_WRITE, 3));
        assertOutside(
                t.model.expect(new Call.Xmemout(p("p1"), at("u2", 0), at("u", 0), 10, "d")),
                "xmemout.caller.kaddr");
        assertOutside(
                t.model.expect(
                        new Call.Xmemout(
                                p("p1"), Addr.special(Addr.Place.NULL), at("u", 0), 10, "d")),
                "xmemout.caller.kaddr");
        assertOutside(t.model.expect(out(p("p1"), 2 * PAGE - 5, 0, 10)), "xmemout.caller.kaddr");
    }

    @Test
    void xmemout_attached_range_outside_it_the_move_or_xmem_fail_untouched() {
        Twin t = Twin.standard();
        t.call(new Call.Xmattach(p("p1"), at("u", 100), 100, "d", Call.USER_ADSPACE));
        Expectation.Allowed a = (Expectation.Allowed) t.model.expect(out(p("p1"), 0, 150, 100));
        assertEquals(
                List.of((long) Call.XMEM_SUCC, (long) Call.XMEM_FAIL),
                a.alternatives().stream().map(Alternative::returnValue).toList());
        assertTrue(a.alternatives().get(0).clauses().contains("xmemout.attached-range"));
        Twin.Outcome moved = t.call(out(p("p1"), 0, 150, 100));
        assertTrue(moved.judgement().conforms(), moved.judgement().findings()::toString);
        assertTrue(onlyWrite(a.alternatives().get(1)).untouched());
        assertAllowedOnly(
                t.model.expect(out(p("p1"), 0, 100, 100)), Call.XMEM_SUCC, "xmemout.succ");
        Twin.Outcome refused =
                t.callReturning(
                        out(p("p1"), 0, 150, 100),
                        Call.XMEM_FAIL,
                        list ->
                                t
                                        .model
                                        .observationsFor(
                                                out(p("p1"), 0, 150, 100),
                                                t.model.expect(out(p("p1"), 0, 150, 100)))
                                        .stream()
                                        .map(t.model::observe)
                                        .toList());
        assertTrue(refused.judgement().conforms(), refused.judgement().findings()::toString);
    }

    @Test
    void xmemout_caller_uaddr_space_an_object_of_another_space() {
        Twin t = Twin.standard().setup(new Setup.MapRegion("v", "p2", 1, Prot.READ_WRITE, 44));
        t.call(new Call.Xmattach(p("p1"), at("u", 0), 2 * PAGE, "d", Call.USER_ADSPACE));
        assertOutside(
                t.model.expect(new Call.Xmemout(p("p1"), at("k", 0), at("v", 0), 10, "d")),
                "xmemout.caller.uaddr-space");
    }

    @Test
    void xmemout_segment_crossing_a_buffer_over_a_256_mib_boundary_is_moved_whole() {
        Twin t =
                Twin.standard()
                        .setup(
                                new Setup.MapRegionAcrossSegments(
                                        "x", "p1", 2, Prot.READ_WRITE, 55, 1));
        t.call(new Call.Xmattach(p("p1"), at("x", 0), 2 * PAGE, "dx", Call.USER_ADSPACE));
        Twin.Outcome o =
                t.call(new Call.Xmemout(p("p1"), at("k", 0), at("x", PAGE - 100), 200, "dx"));
        assertAllowedOnly(o.expectation(), Call.XMEM_SUCC, "xmemout.segment-crossing");
        assertTrue(o.judgement().conforms(), o.judgement().findings()::toString);
        assertFalse(
                ((Expectation.Allowed)
                                t.model.expect(
                                        new Call.Xmemout(
                                                p("p1"), at("k", 0), at("x", 0), 200, "dx")))
                        .alternatives()
                        .get(0)
                        .clauses()
                        .contains("xmemout.segment-crossing"),
                "a buffer within one segment does not cross");
    }
}
