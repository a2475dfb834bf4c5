package xmemck.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.oracle.Twin.assertAllowedOnly;
import static xmemck.oracle.Twin.at;
import static xmemck.oracle.Twin.p;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Fill;
import xmemck.ops.Observe;
import xmemck.ops.Setup;

/**
 * One rule for every service. Causes about the arguments themselves (a descriptor that is not
 * valid, a deleted segment, a command that is not valid, a (sid, pno) without a real frame, m1
 * crossing its page) hold whatever the count. Causes that arise only when a byte is accessed (no
 * access, an invalid address, a hole, the user block, a hardware error, ADI, paging I/O, not
 * resident at interrupt level) cannot arise when nothing is accessed, so a count of 0 (or less, for
 * the int counts) leaves success and failure open and the choice is recorded. And a call that may
 * write nothing is still observed, so a stray write by it is seen.
 */
class CountZeroTest {

    private static final int PAGE = 4096;

    /** The standard world with u attached whole to descriptor d from p1. */
    private static Twin attached() {
        Twin t = Twin.standard();
        t.call(new Call.Xmattach(p("p1"), at("u", 0), 2 * PAGE, "d", Call.USER_ADSPACE));
        return t;
    }

    private static List<Long> values(Expectation e) {
        return ((Expectation.Allowed) e)
                .alternatives().stream().map(Alternative::returnValue).toList();
    }

    private static Alternative returning(Expectation e, long value) {
        return ((Expectation.Allowed) e)
                .alternatives().stream()
                        .filter(a -> a.returnValue() == value)
                        .findFirst()
                        .orElseThrow();
    }

    // ---------------------------------------------------------------- xmemout

    @Test
    void xmemout_count_zero_into_a_deleted_segment_still_fails_the_segment_is_an_argument() {
        Twin t = attached().setup(new Setup.DeleteSegment("u"));
        Call zero = new Call.Xmemout(p("p1"), at("k", 0), at("u", 0), 0, "d");
        assertAllowedOnly(t.model.expect(zero), Call.XMEM_FAIL, "xmemout.fail.segment-deleted");
        Twin.Outcome succ = t.callReturning(zero, Call.XMEM_SUCC, UnaryOperator.identity());
        assertEquals(List.of("xmemout.fail.segment-deleted"), succ.findingClauses());
        assertEquals(
                List.of(-1L),
                values(t.model.expect(new Call.Xmemout(p("p1"), at("k", 0), at("u", 0), -1, "d"))),
                "a negative count too");
    }

    @Test
    void xmemout_count_zero_into_a_read_only_page_may_succeed_or_fail_and_the_choice_is_recorded() {
        Twin t = attached().setup(new xmemck.ops.Setup.Protect("u", 0, 2, xmemck.ops.Prot.READ));
        Call zero = new Call.Xmemout(p("p1"), at("k", 0), at("u", 0), 0, "d");
        Expectation e = t.model.expect(zero);
        assertEquals(List.of((long) Call.XMEM_SUCC, (long) Call.XMEM_FAIL), values(e));
        assertEquals("xmemout.count.nonpositive", returning(e, Call.XMEM_SUCC).clauses().get(0));
        Twin.Outcome succ = t.callReturning(zero, Call.XMEM_SUCC, UnaryOperator.identity());
        assertTrue(succ.judgement().conforms(), succ.judgement().findings()::toString);
        assertEquals(
                "returned 0 (XMEM_SUCC)",
                succ.judgement().answers().get("xmemout.count-nonpositive"));
        Twin.Outcome failed = t.callReturning(zero, Call.XMEM_FAIL, UnaryOperator.identity());
        assertTrue(failed.judgement().conforms(), failed.judgement().findings()::toString);
        assertEquals(
                "returned -1 (XMEM_FAIL)",
                failed.judgement().answers().get("xmemout.count-nonpositive"));
    }

    @Test
    void a_negative_xmemout_count_never_writes() {
        Twin t = attached();
        Call negative = new Call.Xmemout(p("p1"), at("k", 0), at("u", 0), -5, "d");
        assertEquals(
                List.of((long) Call.XMEM_SUCC, (long) Call.XMEM_FAIL),
                values(t.model.expect(negative)));
        Twin.Outcome o =
                t.callReturning(negative, Call.XMEM_SUCC, Twin.poke("u", 0, Fill.byteAt(11, 0)));
        assertEquals(
                List.of("inv.no-write-outside"),
                o.findingClauses(),
                "an int count below 0 is an error return or nothing, never a write");
    }

    @Test
    void xmemout_count_zero_to_a_special_address_may_succeed_or_fail() {
        Twin t = attached();
        Expectation e =
                t.model.expect(
                        new Call.Xmemout(
                                p("p1"), at("k", 0), Addr.special(Addr.Place.UNMAPPED), 0, "d"));
        assertEquals(List.of((long) Call.XMEM_SUCC, (long) Call.XMEM_FAIL), values(e));
        assertEquals(
                List.of("xmemout.count.nonpositive", "xmemout.fail.range"),
                returning(e, Call.XMEM_FAIL).clauses().subList(0, 2));
    }

    @Test
    void xmemout_count_zero_with_a_descriptor_that_is_not_valid_still_fails() {
        Twin t = Twin.standard();
        assertAllowedOnly(
                t.model.expect(new Call.Xmemout(p("p1"), at("k", 0), at("u", 0), 0, "d")),
                Call.XMEM_FAIL,
                "xmemout.fail.descriptor");
    }

    // ---------------------------------------------------------------- vm_mvc

    private static Twin fileWorld() {
        Twin t =
                Twin.standard()
                        .setup(new Setup.CreateFileSegment("f", 2, 33), new Setup.Pin("u", 0, 2));
        t.call(new Call.Xmattach(p("p1"), at("u", 0), 2 * PAGE, "d", Call.USER_ADSPACE));
        return t;
    }

    @Test
    void vm_mvc_count_zero_on_a_page_without_a_frame_is_enoent_the_frame_is_an_argument() {
        Twin t = fileWorld().setup(new Setup.SetFrame("f", 1, false));
        assertAllowedOnly(
                t.model.expect(
                        new Call.VmMvc(p("p1"), "f", 1, 0, 0, Call.VM_MVC_ZERO, "d", at("u", 0))),
                Call.ENOENT,
                "vm_mvc.enoent");
        assertAllowedOnly(
                t.model.expect(
                        new Call.VmMvc(p("p1"), "f", 1, 0, 8, Call.VM_MVC_ZERO, "d", at("u", 0))),
                Call.ENOENT,
                "vm_mvc.enoent");
    }

    @Test
    void vm_mvc_count_zero_elsewhere_allows_zero_or_einval() {
        Expectation e =
                fileWorld()
                        .model
                        .expect(
                                new Call.VmMvc(
                                        p("p1"), "f", 1, 0, 0, Call.VM_MVC_READ, "d", at("u", 0)));
        assertEquals(List.of(0L, (long) Call.EINVAL), values(e));
        assertEquals("vm_mvc.count-nonpositive", ((Expectation.Allowed) e).questions().get(0).id());
    }

    @Test
    void vm_mvc_count_zero_with_an_invalid_command_or_an_offset_beyond_the_page_is_still_einval() {
        Twin t = fileWorld();
        assertAllowedOnly(
                t.model.expect(new Call.VmMvc(p("p1"), "f", 0, 0, 0, 99, "d", at("u", 0))),
                Call.EINVAL,
                "vm_mvc.einval.cmd");
        assertAllowedOnly(
                t.model.expect(
                        new Call.VmMvc(
                                p("p1"), "f", 0, PAGE + 1, 0, Call.VM_MVC_ZERO, "d", at("u", 0))),
                Call.EINVAL,
                "vm_mvc.einval.boundary");
    }

    @Test
    void an_empty_range_at_the_end_of_the_page_crosses_nothing() {
        Expectation e =
                fileWorld()
                        .model
                        .expect(
                                new Call.VmMvc(
                                        p("p1"),
                                        "f",
                                        0,
                                        PAGE,
                                        0,
                                        Call.VM_MVC_ZERO,
                                        "d",
                                        at("u", 0)));
        assertEquals(
                List.of(0L, (long) Call.EINVAL),
                values(e),
                "pgoffs == page size with count 0: 0 conforms too");
    }

    // ---------------------------------------------------------------- observed anyway

    @Test
    void a_count_zero_call_observes_its_destination_and_its_source() {
        Twin t = attached();
        Call.Xmemout zero = new Call.Xmemout(p("p1"), at("k", 0), at("u", 0), 0, "d");
        assertEquals(
                List.of(Observe.Bytes.whole("u", 2 * PAGE), Observe.Bytes.whole("k", 2 * PAGE)),
                t.model.observationsFor(zero, t.model.expect(zero)));
        Call.VmMvc zeroMvc =
                new Call.VmMvc(p("p1"), "f", 0, 0, 0, Call.VM_MVC_ZERO, "d", at("u", 0));
        Twin f = fileWorld();
        List<Observe> wanted = f.model.observationsFor(zeroMvc, f.model.expect(zeroMvc));
        assertTrue(
                wanted.contains(Observe.Bytes.whole("f", 2 * PAGE))
                        && wanted.contains(Observe.Bytes.whole("u", 2 * PAGE)),
                wanted::toString);
    }

    @Test
    void a_stray_write_by_a_count_zero_xmemout_is_seen() {
        Twin t = attached();
        Call zero = new Call.Xmemout(p("p1"), at("k", 0), at("u", 0), 0, "d");
        Twin.Outcome o =
                t.callReturning(zero, Call.XMEM_SUCC, Twin.poke("u", 5, Fill.byteAt(22, 5) ^ 1));
        assertFalse(o.judgement().conforms());
        assertEquals(List.of("inv.no-write-outside"), o.findingClauses());
        assertTrue(
                o.judgement()
                        .findings()
                        .get(0)
                        .message()
                        .contains("(this call may write nothing here)"),
                o.judgement().findings()::toString);
    }

    @Test
    void a_stray_write_into_the_source_of_a_count_zero_copyout_is_seen() {
        Twin t = Twin.standard();
        Twin.Outcome o =
                t.callReturning(
                        new Call.Copyout(p("p1"), at("k", 0), at("u", 0), 0),
                        0,
                        Twin.poke("k", 0, Fill.byteAt(11, 0) ^ 1));
        assertFalse(o.judgement().conforms());
        assertEquals(List.of("inv.no-write-outside"), o.findingClauses());
    }
}
