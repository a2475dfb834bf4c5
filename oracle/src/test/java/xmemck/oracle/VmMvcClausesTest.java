package xmemck.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.oracle.Twin.assertAllowedOnly;
import static xmemck.oracle.Twin.assertOutside;
import static xmemck.oracle.Twin.at;
import static xmemck.oracle.Twin.onlyWrite;
import static xmemck.oracle.Twin.p;

import java.util.List;
import org.junit.jupiter.api.Test;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Fill;
import xmemck.ops.Observe;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;

/**
 * One example per vm_mvc clause. File segment f: 2 pages, seed 33; buffer u (p1) attached to d and
 * pinned.
 */
class VmMvcClausesTest {

    private static final int PAGE = 4096;

    private static Twin world(boolean pinned) {
        Twin t = Twin.standard().setup(new Setup.CreateFileSegment("f", 2, 33));
        if (pinned) t.setup(new Setup.Pin("u", 0, 2));
        t.call(new Call.Xmattach(p("p1"), at("u", 0), 2 * PAGE, "d", Call.USER_ADSPACE));
        return t;
    }

    private static Call.VmMvc mvc(long pno, long pgoffs, long count, int cmd, long ptr) {
        return new Call.VmMvc(p("p1"), "f", pno, pgoffs, count, cmd, "d", at("u", ptr));
    }

    @Test
    void vm_mvc_zero_zeroes_m1() {
        Twin t = world(true);
        Twin.Outcome o = t.call(mvc(1, 10, 20, Call.VM_MVC_ZERO, 0));
        assertAllowedOnly(o.expectation(), 0, "vm_mvc.zero");
        assertEquals(
                Outcomes.exact("f", PAGE + 10, 20, new Data.Zeros()),
                onlyWrite(o.allowed().alternatives().get(0)));
        assertTrue(o.judgement().conforms(), o.judgement().findings()::toString);
        Result.Bytes b = (Result.Bytes) t.model.observe(new Observe.Bytes("f", PAGE + 9, 22));
        assertEquals(Fill.byteAt(33, PAGE + 9), b.data()[0]);
        for (int i = 1; i <= 20; i++) assertEquals(0, b.data()[i], "byte " + i + " zeroed");
        assertEquals(Fill.byteAt(33, PAGE + 30), b.data()[21]);
    }

    @Test
    void vm_mvc_protzero_zeroes_and_protects_the_page_against_writes() {
        Twin t = world(true);
        Twin.Outcome o = t.call(mvc(0, 0, PAGE, Call.VM_MVC_PROTZERO, 0));
        assertAllowedOnly(o.expectation(), 0, "vm_mvc.protzero");
        assertTrue(o.judgement().conforms(), o.judgement().findings()::toString);
        assertEquals(
                new Result.Protection(Prot.READ), t.model.observe(new Observe.Protection("f", 0)));
        assertEquals(
                new Result.Protection(Prot.READ_WRITE),
                t.model.observe(new Observe.Protection("f", 1)));
        // An implementation that forgets to protect the page is caught by the same clause.
        Twin t2 = world(true);
        Twin.Outcome bad =
                t2.call(
                        mvc(0, 0, 8, Call.VM_MVC_PROTZERO, 0),
                        list ->
                                list.stream()
                                        .map(
                                                r ->
                                                        r instanceof Result.Protection
                                                                ? new Result.Protection(
                                                                        Prot.READ_WRITE)
                                                                : r)
                                        .toList());
        assertFalse(bad.judgement().conforms());
        assertEquals(List.of("vm_mvc.protzero"), bad.findingClauses());
        assertTrue(
                bad.judgement()
                        .findings()
                        .get(0)
                        .message()
                        .contains("should have protection one of [NONE, READ] but has READ_WRITE"),
                bad.judgement().findings().toString());
        // "schützen" says no more than that: a page left with no access at all conforms too, and
        // the choice is recorded.
        Twin t3 = world(true);
        Twin.Outcome none =
                t3.call(
                        mvc(0, 0, 8, Call.VM_MVC_PROTZERO, 0),
                        list ->
                                list.stream()
                                        .map(
                                                r ->
                                                        r instanceof Result.Protection
                                                                ? new Result.Protection(Prot.NONE)
                                                                : r)
                                        .toList());
        assertTrue(none.judgement().conforms(), none.judgement().findings()::toString);
        assertEquals("NONE", none.judgement().answers().get("vm_mvc.protzero-protection"));
        assertEquals(
                new Result.Protection(Prot.NONE),
                t3.model.observe(new Observe.Protection("f", 0)),
                "the model adopts the protection seen");
    }

    @Test
    void vm_mvc_kernel_buffer_as_m2_and_env_kernel_process() {
        Twin t =
                Twin.standard()
                        .setup(
                                new Setup.CreateFileSegment("f", 2, 33),
                                new Setup.MapRegion("kb", "kernel", 1, Prot.READ_WRITE, 66),
                                new Setup.Pin("kb", 0, 1));
        t.call(
                new Call.Xmattach(
                        Context.kernelProcess(), at("kb", 0), PAGE, "dk", Call.SYS_ADSPACE));
        Twin.Outcome o =
                t.call(
                        new Call.VmMvc(
                                Context.kernelProcess(),
                                "f",
                                1,
                                8,
                                100,
                                Call.VM_MVC_READ,
                                "dk",
                                at("kb", 16)));
        assertAllowedOnly(o.expectation(), 0, "vm_mvc.kernel-buffer");
        assertTrue(
                o.allowed().alternatives().get(0).clauses().contains("vm_mvc.env.kernel-process"));
        assertTrue(o.judgement().conforms(), o.judgement().findings()::toString);
        assertAllowedOnly(
                t.model.expect(
                        new Call.VmMvc(
                                p("p1"), "f", 1, 8, 100, Call.VM_MVC_WRITE, "dk", at("kb", 16))),
                0,
                "vm_mvc.kernel-buffer");
    }

    @Test
    void vm_mvc_read_copies_m1_into_m2() {
        Twin t = world(true);
        Twin.Outcome o = t.call(mvc(1, 100, 50, Call.VM_MVC_READ, 7));
        assertAllowedOnly(o.expectation(), 0, "vm_mvc.read");
        assertEquals(
                Outcomes.exact("u", 7, 50, new Data.CopyOf("f", PAGE + 100)),
                onlyWrite(o.allowed().alternatives().get(0)));
        assertTrue(o.judgement().conforms(), o.judgement().findings()::toString);
        assertEquals(
                Fill.byteAt(33, PAGE + 100),
                ((Result.Bytes) t.model.observe(new Observe.Bytes("u", 7, 1))).data()[0]);
    }

    @Test
    void vm_mvc_write_copies_m2_into_m1() {
        Twin t = world(true);
        Twin.Outcome o = t.call(mvc(0, 0, 50, Call.VM_MVC_WRITE, 3));
        assertAllowedOnly(o.expectation(), 0, "vm_mvc.write");
        assertEquals(
                Outcomes.exact("f", 0, 50, new Data.CopyOf("u", 3)),
                onlyWrite(o.allowed().alternatives().get(0)));
        assertEquals(
                Fill.byteAt(22, 3 + 49),
                ((Result.Bytes) t.model.observe(new Observe.Bytes("f", 49, 1))).data()[0]);
    }

    @Test
    void vm_mvc_partial_page_tagged_for_a_part_but_not_for_a_whole_page() {
        Twin t = world(true);
        assertAllowedOnly(
                t.model.expect(mvc(0, 4000, 96, Call.VM_MVC_READ, 0)), 0, "vm_mvc.partial-page");
        assertFalse(
                ((Expectation.Allowed) t.model.expect(mvc(0, 0, PAGE, Call.VM_MVC_READ, 0)))
                        .alternatives()
                        .get(0)
                        .clauses()
                        .contains("vm_mvc.partial-page"));
    }

    @Test
    void vm_mvc_enoent_without_a_real_frame_and_beyond_the_segment() {
        Twin t = world(true).setup(new Setup.SetFrame("f", 1, false));
        assertAllowedOnly(
                t.model.expect(mvc(1, 0, 10, Call.VM_MVC_ZERO, 0)), Call.ENOENT, "vm_mvc.enoent");
        assertAllowedOnly(
                t.model.expect(mvc(5, 0, 10, Call.VM_MVC_ZERO, 0)), Call.ENOENT, "vm_mvc.enoent");
        t.setup(new Setup.SetFrame("f", 1, true));
        assertAllowedOnly(t.model.expect(mvc(1, 0, 10, Call.VM_MVC_ZERO, 0)), 0, "vm_mvc.zero");
    }

    @Test
    void vm_mvc_einval_boundary_when_m1_crosses_the_page() {
        Twin t = world(true);
        Expectation e = t.model.expect(mvc(0, 4000, 97, Call.VM_MVC_ZERO, 0));
        assertAllowedOnly(e, Call.EINVAL, "vm_mvc.einval.boundary");
        assertTrue(
                ((Expectation.Allowed) e)
                        .alternatives().get(0).effects().stream()
                                .allMatch(w -> ((Effect.Write) w).untouched()),
                "nothing touched");
        assertAllowedOnly(
                t.model.expect(mvc(0, PAGE, 1, Call.VM_MVC_ZERO, 0)),
                Call.EINVAL,
                "vm_mvc.einval.boundary");
        assertAllowedOnly(t.model.expect(mvc(0, 4000, 96, Call.VM_MVC_ZERO, 0)), 0, "vm_mvc.zero");
    }

    @Test
    void vm_mvc_einval_cmd_for_an_unknown_command() {
        Twin t = world(true);
        assertAllowedOnly(t.model.expect(mvc(0, 0, 10, 9, 0)), Call.EINVAL, "vm_mvc.einval.cmd");
        assertAllowedOnly(t.model.expect(mvc(0, 0, 10, 0, 0)), Call.EINVAL, "vm_mvc.einval.cmd");
    }

    @Test
    void vm_mvc_enoent_and_einval_together_allow_both_and_ask_which_wins() {
        Twin t = world(true).setup(new Setup.SetFrame("f", 0, false));
        Expectation.Allowed a =
                (Expectation.Allowed) t.model.expect(mvc(0, 4000, 200, Call.VM_MVC_ZERO, 0));
        assertEquals(
                List.of((long) Call.ENOENT, (long) Call.EINVAL),
                a.alternatives().stream().map(Alternative::returnValue).toList());
        assertEquals("vm_mvc.precedence", a.questions().get(0).id());
        Twin.Outcome o =
                t.callReturning(mvc(0, 4000, 200, Call.VM_MVC_ZERO, 0), Call.EINVAL, r -> r);
        assertTrue(o.judgement().conforms(), "EINVAL is allowed as well");
        assertEquals("returned 22 (EINVAL)", o.judgement().answers().get("vm_mvc.precedence"));
    }

    @Test
    void vm_mvc_env_process_only() {
        Twin t = world(true);
        assertOutside(
                t.model.expect(
                        new Call.VmMvc(
                                Context.interrupt(),
                                "f",
                                0,
                                0,
                                10,
                                Call.VM_MVC_ZERO,
                                "d",
                                at("u", 0))),
                "vm_mvc.env.process-only");
        assertAllowedOnly(
                t.model.expect(
                        new Call.VmMvc(
                                Context.kernelProcess(),
                                "f",
                                0,
                                0,
                                10,
                                Call.VM_MVC_ZERO,
                                "d",
                                at("u", 0))),
                0,
                "vm_mvc.zero");
    }

    @Test
    void vm_mvc_m2_pinned_for_every_command_the_note_is_unconditional() {
        Twin t = world(false);
        for (int cmd :
                new int[] {
                    Call.VM_MVC_READ, Call.VM_MVC_WRITE, Call.VM_MVC_ZERO, Call.VM_MVC_PROTZERO
                }) {
            assertOutside(t.model.expect(mvc(0, 0, 10, cmd, 0)), "vm_mvc.m2-pinned");
        }
        assertOutside(
                t.model.expect(
                        new Call.VmMvc(
                                p("p1"),
                                "f",
                                0,
                                0,
                                10,
                                Call.VM_MVC_ZERO,
                                "d",
                                xmemck.ops.Addr.special(xmemck.ops.Addr.Place.NULL))),
                "vm_mvc.m2-pinned");
    }

    @Test
    void documented_argument_errors_come_before_the_obligations_on_m2() {
        Twin t = world(false);
        assertAllowedOnly(
                t.model.expect(mvc(0, 4000, 200, Call.VM_MVC_READ, 0)),
                Call.EINVAL,
                "vm_mvc.einval.boundary");
        assertAllowedOnly(t.model.expect(mvc(0, 0, 10, 9, 0)), Call.EINVAL, "vm_mvc.einval.cmd");
        // A boundary-crossing READ into an m2 shorter than the count (the descriptor covers 16
        // bytes): still EINVAL.
        Twin s =
                Twin.standard()
                        .setup(new Setup.CreateFileSegment("f", 2, 33), new Setup.Pin("u", 0, 2));
        s.call(new Call.Xmattach(p("p1"), at("u", 0), 16, "d", Call.USER_ADSPACE));
        assertAllowedOnly(
                s.model.expect(mvc(0, 4000, 200, Call.VM_MVC_READ, 0)),
                Call.EINVAL,
                "vm_mvc.einval.boundary");
        assertOutside(
                s.model.expect(mvc(0, 0, 200, Call.VM_MVC_READ, 0)), "vm_mvc.caller.m2-buffer");
    }

    @Test
    void vm_mvc_caller_m2_buffer_inside_the_attached_range_and_usable() {
        Twin t = world(true);
        t.call(new Call.Xmattach(p("p1"), at("u", 0), PAGE, "half", Call.USER_ADSPACE));
        assertOutside(
                t.model.expect(
                        new Call.VmMvc(
                                p("p1"),
                                "f",
                                0,
                                0,
                                10,
                                Call.VM_MVC_READ,
                                "half",
                                at("u", PAGE - 5))),
                "vm_mvc.caller.m2-buffer");
        assertOutside(
                t.model.expect(
                        new Call.VmMvc(
                                p("p1"), "f", 0, 0, 10, Call.VM_MVC_READ, "nod", at("u", 0))),
                "vm_mvc.caller.m2-buffer");
        t.setup(new Setup.Protect("u", 0, 1, Prot.READ));
        assertOutside(
                t.model.expect(mvc(0, 0, 10, Call.VM_MVC_READ, 0)), "vm_mvc.caller.m2-buffer");
        assertAllowedOnly(t.model.expect(mvc(0, 0, 10, Call.VM_MVC_WRITE, 0)), 0, "vm_mvc.write");
    }

    @Test
    void vm_mvc_count_nonpositive_allows_zero_or_einval_untouched() {
        Twin t = world(true);
        Expectation.Allowed a =
                (Expectation.Allowed) t.model.expect(mvc(0, 0, 0, Call.VM_MVC_ZERO, 0));
        assertEquals(
                List.of(0L, (long) Call.EINVAL),
                a.alternatives().stream().map(Alternative::returnValue).toList());
        assertTrue(a.alternatives().get(0).clauses().contains("vm_mvc.count.nonpositive"));
        assertEquals("vm_mvc.count-nonpositive", a.questions().get(0).id());
    }

    @Test
    void a_sid_that_is_not_a_file_segment_is_ill_formed() {
        Twin t = world(true);
        WorldError e =
                org.junit.jupiter.api.Assertions.assertThrows(
                        WorldError.class,
                        () ->
                                t.model.expect(
                                        new Call.VmMvc(
                                                p("p1"),
                                                "u",
                                                0,
                                                0,
                                                10,
                                                Call.VM_MVC_ZERO,
                                                "d",
                                                at("u", 0))));
        assertTrue(e.getMessage().contains("u is a region, not a file segment"), e.getMessage());
    }
}
