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
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Fill;
import xmemck.ops.Observe;
import xmemck.ops.PageState;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;

/** One example per clause of copyout, ddi_copyout and the model ioctl. */
class CopyoutClausesTest {

    private static final int PAGE = 4096;

    private static Call.Copyout copy(long kOff, long uOff, long n) {
        return new Call.Copyout(p("p1"), at("k", kOff), at("u", uOff), n);
    }

    private static long max(Expectation e) { return onlyWrite(((Expectation.Allowed) e).alternatives().get(0)).maxWritten(); }

    @Test void copyout_succ_copies_exactly() {
        Twin t = Twin.standard();
        Twin.Outcome o = t.call(copy(0, 0, 2 * PAGE));
        assertAllowedOnly(o.expectation(), 0, "copyout.succ");
        assertTrue(onlyWrite(o.allowed().alternatives().get(0)).exact());
        assertTrue(o.judgement().conforms(), o.judgement().findings()::toString);
        assertEquals(Fill.byteAt(11, 2 * PAGE - 1), ((Result.Bytes) t.model.observe(new Observe.Bytes("u", 2 * PAGE - 1, 1))).data()[0]);
    }

    @Test void copyout_alignment_tagged_for_unaligned_source_or_destination() {
        Twin t = Twin.standard();
        assertAllowedOnly(t.model.expect(copy(3, 0, 10)), 0, "copyout.alignment");
        assertAllowedOnly(t.model.expect(copy(0, 5, 10)), 0, "copyout.alignment");
        assertFalse(((Expectation.Allowed) t.model.expect(copy(8, 16, 10))).alternatives().get(0).clauses().contains("copyout.alignment"));
    }

    @Test void copyout_fail_no_write_access_read_only_or_no_access() {
        Twin t = Twin.standard().setup(new Setup.Protect("u", 1, 1, Prot.READ));
        Expectation e = t.model.expect(copy(0, PAGE - 8, 64));
        assertAllowedOnly(e, -1, "copyout.fail.no-write-access");
        assertEquals(8, max(e));
        t.setup(new Setup.Protect("u", 1, 1, Prot.NONE));
        assertAllowedOnly(t.model.expect(copy(0, PAGE - 8, 64)), -1, "copyout.fail.no-write-access");
    }

    @Test void copyout_fail_invalid_address_special_hole_and_kernel() {
        Twin t = Twin.standard().setup(new Setup.Unmap("u", 1, 1));
        assertAllowedOnly(t.model.expect(new Call.Copyout(p("p1"), at("k", 0), Addr.special(Addr.Place.NULL), 10)), -1, "copyout.fail.invalid-address");
        assertAllowedOnly(t.model.expect(new Call.Copyout(p("p1"), at("k", 0), Addr.special(Addr.Place.KERNEL), 10)), -1, "copyout.fail.invalid-address");
        assertAllowedOnly(t.model.expect(new Call.Copyout(p("p1"), at("k", 0), Addr.special(Addr.Place.UNMAPPED), 10)), -1, "copyout.fail.invalid-address");
        Expectation hole = t.model.expect(copy(0, PAGE - 100, 200));
        assertAllowedOnly(hole, -1, "copyout.fail.invalid-address");
        assertEquals(100, max(hole));
        t.setup(new Setup.MapRegion("k2", "kernel", 1, Prot.READ_WRITE, 4));
        Expectation kernel = t.model.expect(new Call.Copyout(p("p1"), at("k", 0), at("k2", 0), 10));
        assertAllowedOnly(kernel, -1, "copyout.fail.invalid-address");
        assertEquals(0, max(kernel), "a kernel destination is refused before anything is written");
    }

    @Test void copyout_fail_user_block() {
        assertAllowedOnly(Twin.standard().model.expect(new Call.Copyout(p("p1"), at("k", 0), Addr.special(Addr.Place.USER_BLOCK), 10)), -1, "copyout.fail.user-block");
    }

    @Test void copyout_fail_hardware_for_ecc_and_paging_io_errors() {
        Twin t = Twin.standard().setup(new Setup.SetPageState("u", 1, 1, PageState.HARDWARE_ERROR));
        assertAllowedOnly(t.model.expect(copy(0, 0, 2 * PAGE)), -1, "copyout.fail.hardware");
        assertEquals(PAGE, max(t.model.expect(copy(0, 0, 2 * PAGE))));
        t.setup(new Setup.SetPageState("u", 1, 1, PageState.PAGING_IO_ERROR));
        assertAllowedOnly(t.model.expect(copy(0, 0, 2 * PAGE)), -1, "copyout.fail.hardware");
    }

    @Test void copyout_fail_adi_at_the_first_mismatching_line() {
        Twin t = Twin.standard().setup(new Setup.SetAdiVersion("u", 2, 1, 5));   // line 2 = bytes 128..191 has version 5
        Expectation e = t.model.expect(copy(0, 100, 100));
        assertAllowedOnly(e, -1, "copyout.fail.adi");
        assertEquals(28, max(e), "bytes 100..127 lie in a version-0 line; the store at 128 faults");
        assertAllowedOnly(t.model.expect(new Call.Copyout(p("p1"), at("k", 0), new Addr.In("u", 128, 5), 64)), 0, "copyout.succ");
        Expectation tagged = t.model.expect(new Call.Copyout(p("p1"), at("k", 0), new Addr.In("u", 128, 5), 65));
        assertAllowedOnly(tagged, -1, "copyout.fail.adi");
        assertEquals(64, max(tagged));
    }

    @Test void copyout_fail_adi_when_the_destination_starts_inside_a_mismatching_line() {
        Twin t = Twin.standard().setup(new Setup.SetAdiVersion("u", 2, 1, 5));
        Expectation e = t.model.expect(copy(0, 130, 10));
        assertAllowedOnly(e, -1, "copyout.fail.adi");
        assertEquals(0, max(e), "the very first store faults: nothing may be written");
    }

    @Test void copyout_paged_out_pages_are_brought_in() {
        Twin t = Twin.standard().setup(new Setup.SetPageState("u", 0, 1, PageState.PAGED_OUT));
        assertAllowedOnly(t.model.expect(copy(0, 0, 10)), 0, "copyout.paged-out");
    }

    @Test void copyout_ioctl_efault_when_copyout_fails_else_zero() {
        Twin t = Twin.standard().setup(new Setup.Protect("u", 0, 1, Prot.READ));
        assertAllowedOnly(t.model.expect(new Call.XxIoctl(p("p1"), at("k", 0), Call.XX_GETREGS, at("u", 0))), Call.EFAULT, "copyout.ioctl-efault");
        Twin.Outcome ok = t.call(new Call.XxIoctl(p("p1"), at("k", 0), Call.XX_GETREGS, at("u", PAGE)));
        assertAllowedOnly(ok.expectation(), 0, "copyout.ioctl-efault");
        assertEquals(Call.DEVICE_REGS_SIZE, onlyWrite(ok.allowed().alternatives().get(0)).length());
        assertTrue(ok.judgement().conforms());
    }

    @Test void copyout_ioctl_efault_is_named_first_when_the_ioctl_returns_the_wrong_value_for_a_failed_copyout() {
        Twin t = Twin.standard().setup(new Setup.Protect("u", 0, 1, Prot.READ));
        Call ioctl = new Call.XxIoctl(p("p1"), at("k", 0), Call.XX_GETREGS, at("u", 0));
        Alternative failed = ((Expectation.Allowed) t.model.expect(ioctl)).alternatives().get(0);
        assertEquals(List.of("copyout.ioctl-efault", "copyout.fail.no-write-access"), failed.clauses().subList(0, 2),
                "the ioctl's own clause decides its return value; copyout's cause comes second");
        Twin.Outcome wrong = t.callReturning(ioctl, 0, r -> r);
        assertFalse(wrong.judgement().conforms());
        assertEquals("copyout.ioctl-efault", wrong.findingClauses().get(0), wrong.judgement().findings()::toString);
    }

    @Test void kit_ioctl_command_other_than_getregs() {
        assertOutside(Twin.standard().model.expect(new Call.XxIoctl(p("p1"), at("k", 0), 99, at("u", 0))), "kit.ioctl-command");
    }

    @Test void copyout_ctx_user_only() {
        Twin t = Twin.standard();
        assertOutside(t.model.expect(new Call.Copyout(Context.interrupt(), at("k", 0), at("u", 0), 10)), "copyout.ctx.user-only");
        assertOutside(t.model.expect(new Call.Copyout(Context.kernelProcess(), at("k", 0), at("u", 0), 10)), "copyout.ctx.user-only");
    }

    @Test void copyout_caller_driverbuf_must_be_readable_kernel_memory() {
        Twin t = Twin.standard();
        assertOutside(t.model.expect(new Call.Copyout(p("p1"), at("u", 0), at("u", 100), 10)), "copyout.caller.driverbuf");
        t.setup(new Setup.Protect("k", 0, 1, Prot.NONE));
        assertOutside(t.model.expect(copy(0, 0, 10)), "copyout.caller.driverbuf");
    }

    @Test void copyout_caller_own_process() {
        Twin t = Twin.standard();
        assertOutside(t.model.expect(new Call.Copyout(p("p2"), at("k", 0), at("u", 0), 10)), "copyout.caller.own-process");
    }

    @Test void copyout_count_nonpositive_allows_zero_or_minus_one_untouched() {
        Expectation.Allowed a = (Expectation.Allowed) Twin.standard().model.expect(copy(0, 0, 0));
        assertEquals(List.of(0L, -1L), a.alternatives().stream().map(Alternative::returnValue).toList());
        assertTrue(a.alternatives().get(1).clauses().contains("copyout.count.nonpositive"));
        assertEquals("copyout.count-nonpositive", a.questions().get(0).id());
    }

    @Test void ddi_copyout_like_copyout_without_fkioctl() {
        Twin t = Twin.standard().setup(new Setup.Protect("u", 0, 1, Prot.READ));
        assertAllowedOnly(t.model.expect(new Call.DdiCopyout(p("p1"), at("k", 0), at("u", 0), 10, 0)), -1, "ddi_copyout.like-copyout");
        assertAllowedOnly(t.model.expect(new Call.DdiCopyout(p("p1"), at("k", 0), at("u", PAGE), 10, 0)), 0, "ddi_copyout.like-copyout");
    }

    @Test void ddi_copyout_fkioctl_copies_into_kernel_memory_like_bcopy() {
        Twin t = Twin.standard().setup(new Setup.MapRegion("k2", "kernel", 1, Prot.READ_WRITE, 4));
        Twin.Outcome o = t.call(new Call.DdiCopyout(Context.kernelProcess(), at("k", 1), at("k2", 2), 100, Call.FKIOCTL));
        assertAllowedOnly(o.expectation(), 0, "ddi_copyout.fkioctl");
        assertTrue(onlyWrite(o.allowed().alternatives().get(0)).exact());
        assertTrue(o.judgement().conforms(), o.judgement().findings()::toString);
    }

    @Test void ddi_copyout_ctx_user_or_kernel_not_interrupt() {
        Twin t = Twin.standard().setup(new Setup.MapRegion("k2", "kernel", 1, Prot.READ_WRITE, 4));
        assertOutside(t.model.expect(new Call.DdiCopyout(Context.interrupt(), at("k", 0), at("k2", 0), 10, Call.FKIOCTL)), "ddi_copyout.ctx.user-or-kernel");
    }

    @Test void ddi_copyout_caller_kernel_buffer_with_fkioctl() {
        Twin t = Twin.standard().setup(new Setup.MapRegion("k2", "kernel", 1, Prot.READ, 4));
        assertOutside(t.model.expect(new Call.DdiCopyout(p("p1"), at("k", 0), at("u", 0), 10, Call.FKIOCTL)), "ddi_copyout.caller.kernel-buffer");
        assertOutside(t.model.expect(new Call.DdiCopyout(p("p1"), at("k", 0), at("k2", 0), 10, Call.FKIOCTL)), "ddi_copyout.caller.kernel-buffer");
    }

    @Test void kit_no_overlap_for_a_kernel_to_kernel_copy() {
        Twin t = Twin.standard();
        assertOutside(t.model.expect(new Call.DdiCopyout(p("p1"), at("k", 0), at("k", 50), 100, Call.FKIOCTL)), "kit.no-overlap");
        assertAllowedOnly(t.model.expect(new Call.DdiCopyout(p("p1"), at("k", 0), at("k", 100), 100, Call.FKIOCTL)), 0, "ddi_copyout.fkioctl");
    }

    @Test void kit_buffer_within_object_when_the_destination_reaches_a_guard_page() {
        Twin t = Twin.standard();
        assertOutside(t.model.expect(copy(0, 2 * PAGE - 4, 8)), "kit.buffer-within-object");
        assertOutside(t.model.expect(copy(0, -4, 8)), "kit.buffer-within-object");
    }
}
