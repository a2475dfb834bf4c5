package xmemck.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.oracle.Twin.assertAllowedOnly;
import static xmemck.oracle.Twin.assertOutside;
import static xmemck.oracle.Twin.at;
import static xmemck.oracle.Twin.onlyWrite;
import static xmemck.oracle.Twin.p;
import static xmemck.oracle.Twin.writable;

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

    private static List<Effect.Range> storable(Expectation e) {
        return writable(onlyWrite(((Expectation.Allowed) e).alternatives().get(0)));
    }

    @Test
    void copyout_succ_copies_exactly() {
        Twin t = Twin.standard();
        Twin.Outcome o = t.call(copy(0, 0, 2 * PAGE));
        assertAllowedOnly(o.expectation(), 0, "copyout.succ");
        assertTrue(onlyWrite(o.allowed().alternatives().get(0)).exact());
        assertTrue(o.judgement().conforms(), o.judgement().findings()::toString);
        assertEquals(
                Fill.byteAt(11, 2 * PAGE - 1),
                ((Result.Bytes) t.model.observe(new Observe.Bytes("u", 2 * PAGE - 1, 1)))
                        .data()[0]);
    }

    @Test
    void copyout_alignment_tagged_for_unaligned_source_or_destination() {
        Twin t = Twin.standard();
        assertAllowedOnly(t.model.expect(copy(3, 0, 10)), 0, "copyout.alignment");
        assertAllowedOnly(t.model.expect(copy(0, 5, 10)), 0, "copyout.alignment");
        assertFalse(
                ((Expectation.Allowed) t.model.expect(copy(8, 16, 10)))
                        .alternatives()
                        .get(0)
                        .clauses()
                        .contains("copyout.alignment"));
    }

    private static List<Effect.Range> first(long n) {
        return List.of(new Effect.Range(0, n));
    }

    @Test
    void copyout_fail_paging_fault_on_a_read_only_or_no_access_destination() {
        Twin t = Twin.standard().setup(new Setup.Protect("u", 1, 1, Prot.READ));
        Expectation e = t.model.expect(copy(0, PAGE - 8, 64));
        assertAllowedOnly(e, -1, "copyout.fail.paging-fault");
        assertEquals(first(8), storable(e), "only the bytes in the writable page may be stored");
        t.setup(new Setup.Protect("u", 1, 1, Prot.NONE));
        assertAllowedOnly(t.model.expect(copy(0, PAGE - 8, 64)), -1, "copyout.fail.paging-fault");
    }

    @Test
    void copyout_fail_paging_fault_on_a_driver_buffer_page_without_read_access() {
        // "the driver tried to access a page of memory for which it did not have read or write
        // access"
        Twin t = Twin.standard().setup(new Setup.Protect("k", 1, 1, Prot.NONE));
        Expectation e = t.model.expect(copy(PAGE - 16, 0, 64));
        assertAllowedOnly(e, -1, "copyout.fail.paging-fault");
        assertEquals(
                first(16),
                storable(e),
                "a destination byte whose source cannot be read cannot be stored");
        t.setup(new Setup.Unmap("k", 1, 1));
        assertAllowedOnly(t.model.expect(copy(PAGE - 16, 0, 64)), -1, "copyout.fail.paging-fault");
        Twin.Outcome o = t.call(copy(PAGE - 16, 0, 64));
        assertTrue(o.judgement().conforms(), o.judgement().findings()::toString);
    }

    @Test
    void copyout_fail_invalid_address_special_hole_and_kernel() {
        Twin t = Twin.standard().setup(new Setup.Unmap("u", 1, 1));
        assertAllowedOnly(
                t.model.expect(
                        new Call.Copyout(p("p1"), at("k", 0), Addr.special(Addr.Place.NULL), 10)),
                -1,
                "copyout.fail.invalid-address");
        assertAllowedOnly(
                t.model.expect(
                        new Call.Copyout(p("p1"), at("k", 0), Addr.special(Addr.Place.KERNEL), 10)),
                -1,
                "copyout.fail.invalid-address");
        assertAllowedOnly(
                t.model.expect(
                        new Call.Copyout(
                                p("p1"), at("k", 0), Addr.special(Addr.Place.UNMAPPED), 10)),
                -1,
                "copyout.fail.invalid-address");
        Expectation hole = t.model.expect(copy(0, PAGE - 100, 200));
        assertAllowedOnly(hole, -1, "copyout.fail.invalid-address");
        assertEquals(first(100), storable(hole));
        t.setup(new Setup.MapRegion("k2", "kernel", 1, Prot.READ_WRITE, 4));
        Expectation kernel = t.model.expect(new Call.Copyout(p("p1"), at("k", 0), at("k2", 0), 10));
        assertAllowedOnly(kernel, -1, "copyout.fail.invalid-address");
        assertEquals(
                List.of(),
                storable(kernel),
                "a kernel destination is refused before anything is written");
    }

    @Test
    void copyout_fail_user_block() {
        assertAllowedOnly(
                Twin.standard()
                        .model
                        .expect(
                                new Call.Copyout(
                                        p("p1"),
                                        at("k", 0),
                                        Addr.special(Addr.Place.USER_BLOCK),
                                        10)),
                -1,
                "copyout.fail.user-block");
    }

    @Test
    void copyout_fail_hardware_for_ecc_and_paging_io_errors() {
        Twin t = Twin.standard().setup(new Setup.SetPageState("u", 1, 1, PageState.HARDWARE_ERROR));
        assertAllowedOnly(t.model.expect(copy(0, 0, 2 * PAGE)), -1, "copyout.fail.hardware");
        assertEquals(first(PAGE), storable(t.model.expect(copy(0, 0, 2 * PAGE))));
        t.setup(new Setup.SetPageState("u", 1, 1, PageState.PAGING_IO_ERROR));
        assertAllowedOnly(t.model.expect(copy(0, 0, 2 * PAGE)), -1, "copyout.fail.hardware");
    }

    @Test
    void copyout_fail_adi_only_in_the_lines_whose_version_differs() {
        Twin t =
                Twin.standard()
                        .setup(
                                new Setup.SetAdiVersion(
                                        "u", 2, 1, 5)); // line 2 = bytes 128..191 has version 5
        Expectation e = t.model.expect(copy(0, 100, 100));
        assertAllowedOnly(e, -1, "copyout.fail.adi");
        assertEquals(
                List.of(new Effect.Range(0, 28), new Effect.Range(92, 100)),
                storable(e),
                "bytes 100..127 and 192..199 lie in version-0 lines, which match any pointer; only line 2 cannot be stored");
        assertAllowedOnly(
                t.model.expect(new Call.Copyout(p("p1"), at("k", 0), new Addr.In("u", 128, 5), 64)),
                0,
                "copyout.succ");
        Expectation tagged =
                t.model.expect(new Call.Copyout(p("p1"), at("k", 0), new Addr.In("u", 120, 5), 80));
        assertAllowedOnly(tagged, 0, "copyout.succ");
    }

    @Test
    void copyout_fail_adi_when_the_destination_starts_inside_a_mismatching_line() {
        Twin t = Twin.standard().setup(new Setup.SetAdiVersion("u", 2, 1, 5));
        Expectation e = t.model.expect(copy(0, 130, 10));
        assertAllowedOnly(e, -1, "copyout.fail.adi");
        assertEquals(List.of(), storable(e), "every store faults: nothing may be written");
    }

    @Test
    void adi_versions_0_and_15_match_every_pointer_version() {
        // adi(7): memory versions 0 and 15 are universal; lines never tagged have version 0.
        Twin t =
                Twin.standard()
                        .setup(
                                new Setup.SetAdiVersion("u", 0, 2, 15),
                                new Setup.SetAdiVersion("u", 4, 1, 3));
        assertAllowedOnly(
                t.model.expect(new Call.Copyout(p("p1"), at("k", 0), new Addr.In("u", 0, 7), 256)),
                0,
                "copyout.succ");
        Expectation e =
                t.model.expect(new Call.Copyout(p("p1"), at("k", 0), new Addr.In("u", 0, 7), 330));
        assertAllowedOnly(e, -1, "copyout.fail.adi");
        assertEquals(
                List.of(new Effect.Range(0, 256), new Effect.Range(320, 330)),
                storable(e),
                "lines 0..1 (version 15) and 2..3 and 5 (untagged, version 0) take any pointer; line 4 (version 3) faults");
        assertAllowedOnly(
                t.model.expect(new Call.Copyout(p("p1"), at("k", 0), new Addr.In("u", 0, 3), 320)),
                0,
                "copyout.succ");
        assertAllowedOnly(
                t.model.expect(new Call.Copyout(p("p1"), at("k", 0), at("u", 0), 256)),
                0,
                "copyout.succ");
    }

    @Test
    void a_hardware_error_in_one_line_blocks_only_that_line() {
        Twin t = Twin.standard().setup(new Setup.DamageLines("u", 10, 1)); // bytes 640..703
        Expectation e = t.model.expect(copy(0, 0, PAGE));
        assertAllowedOnly(e, -1, "copyout.fail.hardware");
        assertEquals(List.of(new Effect.Range(0, 640), new Effect.Range(704, PAGE)), storable(e));
        assertAllowedOnly(t.model.expect(copy(0, 0, 640)), 0, "copyout.succ");
        assertAllowedOnly(t.model.expect(copy(0, 704, 100)), 0, "copyout.succ");
        // A copy that runs back to front and stops at the bad line leaves a suffix: it conforms.
        Twin.Outcome back =
                t.callReturning(copy(0, 0, PAGE), -1, Twin.write("u", 0, backToFront()));
        assertTrue(back.judgement().conforms(), back.judgement().findings()::toString);
        assertTrue(
                back.judgement().answers().get("copyout.failure-effect").startsWith("a suffix"),
                back.judgement().answers()::toString);
    }

    /**
     * Page 0 of u after a copy from k that ran back to front and stopped at the damaged line 10.
     */
    private static byte[] backToFront() {
        byte[] page = Fill.bytes(22, 0, PAGE);
        System.arraycopy(Fill.bytes(11, 704, PAGE - 704), 0, page, 704, PAGE - 704);
        return page;
    }

    @Test
    void a_copy_into_the_user_block_from_a_region_just_below_it_stores_nothing_there() {
        Twin t =
                Twin.standard()
                        .setup(
                                new Setup.MapRegionBelowUserBlock(
                                        "ub", "p1", 1, Prot.READ_WRITE, 33));
        Expectation e =
                t.model.expect(new Call.Copyout(p("p1"), at("k", 0), at("ub", PAGE - 32), 64));
        assertAllowedOnly(e, -1, "copyout.fail.user-block");
        assertEquals(
                first(32),
                storable(e),
                "the 32 bytes below the user block may be stored, none in it");
        Twin.Outcome o = t.call(new Call.Copyout(p("p1"), at("k", 0), at("ub", PAGE - 32), 64));
        assertTrue(o.judgement().conforms(), o.judgement().findings()::toString);
        Twin.Outcome into =
                t.callReturning(
                        new Call.Copyout(p("p1"), at("k", 0), at("ub", PAGE - 32), 64),
                        -1,
                        Twin.poke("ub", PAGE + 3, Fill.byteAt(11, 35)));
        assertEquals(
                List.of("inv.failure-effect"),
                into.findingClauses(),
                "a byte written into the user block breaks the failure rule");
        assertOutside(
                t.model.expect(
                        new Call.Copyout(p("p1"), at("k", 0), at("ub", PAGE - 32), PAGE + 64)),
                "kit.buffer-within-object");
    }

    @Test
    void copyout_paged_out_pages_are_brought_in() {
        Twin t = Twin.standard().setup(new Setup.SetPageState("u", 0, 1, PageState.PAGED_OUT));
        assertAllowedOnly(t.model.expect(copy(0, 0, 10)), 0, "copyout.paged-out");
    }

    @Test
    void copyout_ioctl_efault_when_copyout_fails_else_zero() {
        Twin t = Twin.standard().setup(new Setup.Protect("u", 0, 1, Prot.READ));
        assertAllowedOnly(
                t.model.expect(new Call.XxIoctl(p("p1"), at("k", 0), Call.XX_GETREGS, at("u", 0))),
                Call.EFAULT,
                "copyout.ioctl-efault");
        Twin.Outcome ok =
                t.call(new Call.XxIoctl(p("p1"), at("k", 0), Call.XX_GETREGS, at("u", PAGE)));
        assertAllowedOnly(ok.expectation(), 0, "copyout.ioctl-efault");
        assertEquals(Call.DEVICE_REGS_SIZE, onlyWrite(ok.allowed().alternatives().get(0)).length());
        assertTrue(ok.judgement().conforms());
    }

    @Test
    void
            copyout_ioctl_efault_is_named_first_when_the_ioctl_returns_the_wrong_value_for_a_failed_copyout() {
        Twin t = Twin.standard().setup(new Setup.Protect("u", 0, 1, Prot.READ));
        Call ioctl = new Call.XxIoctl(p("p1"), at("k", 0), Call.XX_GETREGS, at("u", 0));
        Alternative failed = ((Expectation.Allowed) t.model.expect(ioctl)).alternatives().get(0);
        assertEquals(
                List.of("copyout.ioctl-efault", "copyout.fail.paging-fault"),
                failed.clauses().subList(0, 2),
                "the ioctl's own clause decides its return value; copyout's cause comes second");
        Twin.Outcome wrong = t.callReturning(ioctl, 0, r -> r);
        assertFalse(wrong.judgement().conforms());
        assertEquals(
                "copyout.ioctl-efault",
                wrong.findingClauses().get(0),
                wrong.judgement().findings()::toString);
    }

    @Test
    void kit_ioctl_command_other_than_getregs() {
        assertOutside(
                Twin.standard().model.expect(new Call.XxIoctl(p("p1"), at("k", 0), 99, at("u", 0))),
                "kit.ioctl-command");
    }

    @Test
    void copyout_ctx_user_only() {
        Twin t = Twin.standard();
        assertOutside(
                t.model.expect(new Call.Copyout(Context.interrupt(), at("k", 0), at("u", 0), 10)),
                "copyout.ctx.user-only");
        assertOutside(
                t.model.expect(
                        new Call.Copyout(Context.kernelProcess(), at("k", 0), at("u", 0), 10)),
                "copyout.ctx.user-only");
    }

    @Test
    void copyout_caller_driverbuf_must_be_kernel_memory_holding_the_count() {
        Twin t = Twin.standard();
        assertOutside(
                t.model.expect(new Call.Copyout(p("p1"), at("u", 0), at("u", 100), 10)),
                "copyout.caller.driverbuf");
        assertOutside(t.model.expect(copy(0, 0, 2 * PAGE + 1)), "copyout.caller.driverbuf");
        t.setup(new Setup.SetPageState("k", 0, 1, PageState.HARDWARE_ERROR));
        assertOutside(t.model.expect(copy(0, 0, 10)), "copyout.caller.driverbuf");
    }

    @Test
    void the_count_is_a_size_t_so_minus_one_is_a_huge_count_larger_than_the_driver_buffer() {
        Expectation e = Twin.standard().model.expect(copy(0, 0, -1));
        assertOutside(e, "copyout.caller.driverbuf");
        assertTrue(
                ((Expectation.OutsideContract) e).reason().contains("18446744073709551615"),
                ((Expectation.OutsideContract) e).reason());
        assertEquals(
                "copyout(k+0, u+0, 18446744073709551615) from process p1",
                copy(0, 0, -1).describe());
    }

    @Test
    void copyout_caller_own_process() {
        Twin t = Twin.standard();
        assertOutside(
                t.model.expect(new Call.Copyout(p("p2"), at("k", 0), at("u", 0), 10)),
                "copyout.caller.own-process");
    }

    @Test
    void copyout_count_zero_allows_zero_or_minus_one_untouched_whatever_the_destination() {
        Twin t = Twin.standard().setup(new Setup.Protect("u", 0, 1, Prot.READ));
        for (Call c :
                List.of(
                        copy(0, 0, 0),
                        new Call.Copyout(p("p1"), at("k", 0), Addr.special(Addr.Place.NULL), 0))) {
            Expectation.Allowed a = (Expectation.Allowed) t.model.expect(c);
            assertEquals(
                    List.of(0L, -1L),
                    a.alternatives().stream().map(Alternative::returnValue).toList(),
                    c::describe);
            assertTrue(a.alternatives().get(1).clauses().contains("copyout.count.zero"));
            assertEquals("copyout.count-zero", a.questions().get(0).id());
        }
    }

    @Test
    void ddi_copyout_like_copyout_without_fkioctl() {
        Twin t = Twin.standard().setup(new Setup.Protect("u", 0, 1, Prot.READ));
        assertAllowedOnly(
                t.model.expect(new Call.DdiCopyout(p("p1"), at("k", 0), at("u", 0), 10, 0)),
                -1,
                "ddi_copyout.like-copyout");
        assertAllowedOnly(
                t.model.expect(new Call.DdiCopyout(p("p1"), at("k", 0), at("u", PAGE), 10, 0)),
                0,
                "ddi_copyout.like-copyout");
    }

    @Test
    void ddi_copyout_fkioctl_copies_into_kernel_memory_like_bcopy() {
        Twin t = Twin.standard().setup(new Setup.MapRegion("k2", "kernel", 1, Prot.READ_WRITE, 4));
        Twin.Outcome o =
                t.call(
                        new Call.DdiCopyout(
                                Context.kernelProcess(),
                                at("k", 1),
                                at("k2", 2),
                                100,
                                Call.FKIOCTL));
        assertAllowedOnly(o.expectation(), 0, "ddi_copyout.fkioctl");
        assertTrue(onlyWrite(o.allowed().alternatives().get(0)).exact());
        assertTrue(o.judgement().conforms(), o.judgement().findings()::toString);
    }

    @Test
    void ddi_copyout_ctx_user_or_kernel_not_interrupt() {
        Twin t = Twin.standard().setup(new Setup.MapRegion("k2", "kernel", 1, Prot.READ_WRITE, 4));
        assertOutside(
                t.model.expect(
                        new Call.DdiCopyout(
                                Context.interrupt(), at("k", 0), at("k2", 0), 10, Call.FKIOCTL)),
                "ddi_copyout.ctx.user-or-kernel");
    }

    @Test
    void ddi_copyout_caller_kernel_buffer_with_fkioctl() {
        Twin t = Twin.standard().setup(new Setup.MapRegion("k2", "kernel", 1, Prot.READ, 4));
        assertOutside(
                t.model.expect(
                        new Call.DdiCopyout(p("p1"), at("k", 0), at("u", 0), 10, Call.FKIOCTL)),
                "ddi_copyout.caller.kernel-buffer");
        assertOutside(
                t.model.expect(
                        new Call.DdiCopyout(p("p1"), at("k", 0), at("k2", 0), 10, Call.FKIOCTL)),
                "ddi_copyout.caller.kernel-buffer");
    }

    @Test
    void kit_no_overlap_for_a_kernel_to_kernel_copy() {
        Twin t = Twin.standard();
        assertOutside(
                t.model.expect(
                        new Call.DdiCopyout(p("p1"), at("k", 0), at("k", 50), 100, Call.FKIOCTL)),
                "kit.no-overlap");
        assertAllowedOnly(
                t.model.expect(
                        new Call.DdiCopyout(p("p1"), at("k", 0), at("k", 100), 100, Call.FKIOCTL)),
                0,
                "ddi_copyout.fkioctl");
    }

    @Test
    void kit_buffer_within_object_when_the_destination_reaches_a_guard_page() {
        Twin t = Twin.standard();
        assertOutside(t.model.expect(copy(0, 2 * PAGE - 4, 8)), "kit.buffer-within-object");
        assertOutside(t.model.expect(copy(0, -4, 8)), "kit.buffer-within-object");
    }
}
