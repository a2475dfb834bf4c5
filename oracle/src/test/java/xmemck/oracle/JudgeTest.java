package xmemck.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.oracle.Twin.at;
import static xmemck.oracle.Twin.p;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Fill;
import xmemck.ops.Observe;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;

/** One test per kind of finding, checking the clause and that the message reads well. */
class JudgeTest {

    private static final int PAGE = 4096;

    private static Call.Copyout copy(long kOff, long uOff, long n) {
        return new Call.Copyout(p("p1"), at("k", kOff), at("u", uOff), n);
    }

    private static Finding only(Twin.Outcome o) {
        assertFalse(o.judgement().conforms(), "should not conform");
        assertEquals(
                1, o.judgement().findings().size(), () -> "findings: " + o.judgement().findings());
        return o.judgement().findings().get(0);
    }

    @Test
    void the_reference_conforms_and_the_judgement_names_the_clauses_it_checked() {
        Twin.Outcome o = Twin.standard().call(copy(0, 0, 100));
        assertTrue(o.judgement().conforms());
        assertEquals(
                List.of(
                        "copyout.succ",
                        "inv.no-write-outside",
                        "inv.source-unchanged",
                        "inv.no-foreign-data"),
                o.judgement().clauses());
        assertEquals(o.allowed().alternatives().get(0), o.judgement().matched());
    }

    @Test
    void inv_no_write_outside_in_the_guard_page_after_the_object() {
        long at = 2 * PAGE + 5; // 6th byte of the guard page after u
        Twin.Outcome o =
                Twin.standard()
                        .call(copy(0, 0, 100), Twin.poke("u", at, Fill.byteAt(22, at) ^ 0xff));
        Finding f = only(o);
        assertEquals("inv.no-write-outside", f.clause());
        String want =
                "region u: bytes changed outside the destination [0, 100): 1 byte(s) differ, first at offset 8197 (guard page after u); offset 8197: expected "
                        + DiffList.hex(Fill.byteAt(22, at))
                        + ", found "
                        + DiffList.hex((byte) (Fill.byteAt(22, at) ^ 0xff));
        assertEquals(want, f.message());
        assertEquals(Finding.Kind.WRITE_OUTSIDE, f.kind());
        assertEquals(
                new Finding.Bytes("u", at, at, 1),
                f.bytes(),
                "the finding names the byte as data, not only in its message");
    }

    @Test
    void inv_no_write_outside_counts_and_limits_the_differences_shown() {
        Twin.Outcome o =
                Twin.standard()
                        .call(
                                copy(0, 0, 100),
                                list -> {
                                    List<Result> out = list;
                                    for (int i = 0; i < 6; i++)
                                        out =
                                                Twin.poke(
                                                                "u",
                                                                -16 + i,
                                                                Fill.byteAt(22, -16 + i) ^ 1)
                                                        .apply(out);
                                    return out;
                                });
        Finding f = only(o);
        assertTrue(
                f.message()
                        .contains(
                                "6 byte(s) differ, first at offset -16 (guard page before u), last at offset -11 (guard page before u)"),
                f.message());
        assertTrue(f.message().endsWith("... (4 of 6 shown)"), f.message());
        assertEquals(new Finding.Bytes("u", -16, -11, 6), f.bytes());
    }

    @Test
    void inv_source_unchanged() {
        Twin.Outcome o =
                Twin.standard()
                        .call(copy(0, 0, 100), Twin.poke("k", 50, 0x5a ^ Fill.byteAt(11, 50)));
        Finding f = only(o);
        assertEquals("inv.source-unchanged", f.clause());
        assertTrue(
                f.message()
                        .startsWith(
                                "region k: the source k[0, 100) changed: 1 byte(s) differ, first at offset 50 (page 0)"),
                f.message());
        assertEquals(Finding.Kind.SOURCE_CHANGED, f.kind());
        assertEquals(new Finding.Bytes("k", 50, 50, 1), f.bytes());
    }

    @Test
    void inv_no_foreign_data_when_a_destination_byte_is_neither_old_nor_source() {
        byte old = Fill.byteAt(22, 10), src = Fill.byteAt(11, 10);
        int foreign = 0;
        while ((byte) foreign == old || (byte) foreign == src) foreign++;
        Twin.Outcome o = Twin.standard().call(copy(0, 0, 100), Twin.poke("u", 10, foreign));
        List<String> clauses = o.findingClauses();
        assertTrue(clauses.contains("inv.no-foreign-data"), clauses::toString);
        Finding f =
                o.judgement().findings().stream()
                        .filter(x -> x.clause().equals("inv.no-foreign-data"))
                        .findFirst()
                        .orElseThrow();
        assertTrue(
                f.message()
                        .contains(
                                "offset 10: expected "
                                        + DiffList.hex(old)
                                        + " (unchanged) or "
                                        + DiffList.hex(src)
                                        + " (the source's byte), found "
                                        + DiffList.hex((byte) foreign)),
                f.message());
    }

    @Test
    void inv_failure_effect_when_a_failed_copy_writes_past_the_fault() {
        Twin t = Twin.standard().setup(new Setup.Protect("u", 1, 1, Prot.READ));
        // The implementation wrote the source byte into the read-only page and still returned -1.
        Twin.Outcome o = t.call(copy(0, PAGE - 8, 64), Twin.poke("u", PAGE, Fill.byteAt(11, 8)));
        Finding f = only(o);
        assertEquals("inv.failure-effect", f.clause());
        assertTrue(
                f.message()
                        .startsWith(
                                "returned -1 (-1: the copy cannot store offset 4096 (page 1); the bytes it can store may hold the new data), so destination u[4088, 4152) "
                                        + "may hold new data only in the bytes the copy could store (bytes 0..7) and must keep its old bytes elsewhere"),
                f.message());
        assertTrue(f.message().contains("offset 4096 (page 1)"), f.message());
        assertEquals(Finding.Kind.FAILURE_EFFECT, f.kind());
        assertEquals(new Finding.Bytes("u", PAGE, PAGE, 1), f.bytes());
    }

    @Test
    void a_failed_copy_may_leave_any_mix_of_old_and_new_bytes_where_it_could_store() {
        Twin t = Twin.standard().setup(new Setup.Protect("u", 1, 1, Prot.READ));
        // Byte 4 of the 8 storable bytes was not written although later ones were: the pages say
        // nothing against it.
        Twin.Outcome o =
                t.call(copy(0, PAGE - 8, 64), Twin.poke("u", PAGE - 4, Fill.byteAt(22, PAGE - 4)));
        assertTrue(o.judgement().conforms(), o.judgement().findings()::toString);
        assertTrue(
                o.judgement().answers().get("copyout.failure-effect").startsWith("another mix"),
                o.judgement().answers()::toString);
    }

    @Test
    void the_success_clause_when_a_successful_copy_is_not_exact() {
        Twin.Outcome o =
                Twin.standard().call(copy(0, 0, 100), Twin.poke("u", 99, Fill.byteAt(22, 99)));
        Finding f = only(o);
        assertEquals("copyout.succ", f.clause());
        assertTrue(
                f.message()
                        .startsWith(
                                "returned 0 (0: 100 bytes copied), so destination u[0, 100) must hold exactly the 100 new bytes: 1 byte(s) differ, first at offset 99 (page 0); offset 99: expected "
                                        + DiffList.hex(Fill.byteAt(11, 99))
                                        + " (new), found "
                                        + DiffList.hex(Fill.byteAt(22, 99))),
                f.message());
        assertEquals(Finding.Kind.INCOMPLETE, f.kind());
    }

    @Test
    void a_success_that_writes_outside_is_described_as_the_success_it_returned() {
        // The message describes the observed return, not a failure the call did not report.
        Twin.Outcome o =
                Twin.standard().call(copy(0, 0, 100), Twin.poke("u", 100, Fill.byteAt(11, 100)));
        Finding f = only(o);
        assertEquals("inv.no-write-outside", f.clause());
        assertFalse(f.message().contains("failed"), f.message());
        assertFalse(f.message().contains("-1"), f.message());
    }

    @Test
    void a_wrong_return_value_names_the_expected_alternatives_clause() {
        Twin t = Twin.standard().setup(new Setup.Protect("u", 0, 1, Prot.READ));
        Twin.Outcome o = t.callReturning(copy(0, 0, 10), 0, r -> r);
        Finding f = only(o);
        assertEquals("copyout.fail.paging-fault", f.clause());
        assertEquals(
                "returned 0; allowed: -1 (copyout.fail.paging-fault: -1: the copy cannot store offset 0 (page 0) and nothing before it); u[0, 10): untouched",
                f.message());
        assertEquals(Finding.Kind.RETURN_VALUE, f.kind());
        assertNull(f.bytes());
    }

    @Test
    void symbolic_names_in_return_value_messages() {
        Twin t = Twin.standard();
        Twin.Outcome o =
                t.callReturning(
                        new Call.Xmemout(p("p1"), at("k", 0), at("u", 0), 10, "nod"),
                        Call.XMEM_SUCC,
                        r -> r);
        assertTrue(
                only(o).message()
                        .startsWith(
                                "returned 0 (XMEM_SUCC); allowed: -1 (XMEM_FAIL) (xmemout.fail.descriptor"),
                only(o).message());
    }

    @Test
    void kit_observable_when_a_mapped_page_is_reported_unreadable() {
        Twin.Outcome o = Twin.standard().call(copy(0, 0, 100), Twin.unreadable("u", 1));
        Finding f = only(o);
        assertEquals("kit.observable", f.clause());
        assertEquals(
                "region u: page 1 exists in the model but the implementation reports it unreadable; the kit's view reads every page whatever its protection",
                f.message());
    }

    @Test
    void a_no_access_page_must_be_readable_too_so_that_a_write_into_it_cannot_hide() {
        Twin t = Twin.standard().setup(new Setup.Protect("u", 1, 1, Prot.NONE));
        Twin.Outcome o = t.call(copy(0, 0, 2 * PAGE), Twin.unreadable("u", 1));
        assertEquals(List.of("kit.observable"), o.findingClauses());
    }

    @Test
    void kit_observable_when_an_observation_is_unsupported() {
        Twin.Outcome o =
                Twin.standard()
                        .call(
                                copy(0, 0, 100),
                                list -> {
                                    List<Result> out = new ArrayList<>(list);
                                    out.set(0, new Result.Unsupported("no peeking"));
                                    return out;
                                });
        Finding f = only(o);
        assertEquals("kit.observable", f.clause());
        assertTrue(
                f.message().endsWith("the implementation answered unsupported (no peeking)"),
                f.message());
    }

    @Test
    void a_hole_reported_readable_is_a_write_outside() {
        Twin t = Twin.standard().setup(new Setup.Unmap("u", 1, 1));
        Twin.Outcome o =
                t.call(
                        copy(0, 0, 10),
                        list -> {
                            List<Result> out = new ArrayList<>();
                            for (Result r : list)
                                out.add(
                                        r instanceof Result.Bytes b && b.object().equals("u")
                                                ? new Result.Bytes("u", b.from(), b.data())
                                                : r);
                            return out;
                        });
        Finding f = only(o);
        assertEquals("inv.no-write-outside", f.clause());
        assertTrue(
                f.message()
                        .contains(
                                "page 1 is a hole (unmapped) in the model but the implementation reports it readable"),
                f.message());
    }

    @Test
    void unreadable_bytes_of_a_page_in_error_are_not_compared() {
        Twin t =
                Twin.standard()
                        .setup(
                                new Setup.SetPageState(
                                        "u", 1, 1, xmemck.ops.PageState.HARDWARE_ERROR));
        Twin.Outcome o = t.call(copy(0, 0, 10), Twin.unreadable("u", 1));
        assertTrue(o.judgement().conforms(), o.judgement().findings()::toString);
    }

    @Test
    void answers_record_how_many_bytes_a_failure_left() {
        Twin t = Twin.standard().setup(new Setup.Protect("u", 1, 1, Prot.READ));
        Twin.Outcome full = t.call(copy(0, 0, 2 * PAGE));
        assertTrue(full.judgement().conforms());
        assertEquals(
                "a prefix: the first 4096 of 8192 bytes written",
                full.judgement().answers().get("copyout.failure-effect"));
        // An implementation that checks first and writes nothing is just as conforming, and answers
        // differently.
        Twin t2 = Twin.standard().setup(new Setup.Protect("u", 1, 1, Prot.READ));
        Call c = copy(0, 0, 2 * PAGE);
        Expectation e = t2.model.expect(c);
        List<Result> untouched =
                t2.model.observationsFor(c, e).stream().map(t2.model::observe).toList();
        Judgement j = t2.model.judge(c, e, -1, untouched);
        assertTrue(j.conforms(), j.findings()::toString);
        assertEquals("untouched", j.answers().get("copyout.failure-effect"));
    }

    @Test
    void
            a_call_that_succeeded_where_it_had_to_fail_is_described_by_its_return_and_records_no_failure_effect() {
        // The documents require a failure (page 1 of u is read-only); this implementation ignores
        // the protection, writes
        // all 8192 bytes and returns 0. The messages say that, and no profile answer describes a
        // failure that did not happen.
        Twin t = new Twin();
        for (Setup op :
                List.<Setup>of(
                        new Setup.CreateProcess("p1"),
                        new Setup.CreateProcess("p2"),
                        new Setup.MapRegion("k", "kernel", 2, Prot.READ_WRITE, 11),
                        new Setup.MapRegion("u", "p1", 2, Prot.READ_WRITE, 22))) {
            t.model.apply(op);
            t.impl.apply(op);
        }
        t.model.apply(new Setup.Protect("u", 1, 1, Prot.READ));
        Twin.Outcome o = t.call(copy(0, 0, 2 * PAGE));
        assertEquals(0, o.returned());
        assertFalse(o.judgement().conforms());
        for (Finding f : o.judgement().findings()) {
            assertTrue(f.message().startsWith("returned 0"), f.message());
            assertFalse(
                    f.message().contains("failed"),
                    "a call that returned 0 is not described as failed: " + f.message());
        }
        assertFalse(
                o.judgement().answers().containsKey("copyout.failure-effect"),
                o.judgement().answers()::toString);
    }

    @Test
    void outside_the_contract_is_judged_conforming_with_the_obligation_clause() {
        Oracle o = Twin.standard().model;
        Call c = new Call.Copyout(Context.interrupt(), at("k", 0), at("u", 0), 10);
        Expectation e = o.expect(c);
        assertEquals(List.of(), o.observationsFor(c, e));
        Judgement j = o.judge(c, e, 12345, List.of());
        assertTrue(j.conforms());
        assertNull(j.matched());
        assertEquals(List.of("copyout.ctx.user-only"), j.clauses());
    }

    @Test
    void a_wrong_number_of_observations_is_a_clear_error() {
        Oracle o = Twin.standard().model;
        Call c = copy(0, 0, 10);
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> o.judge(c, o.expect(c), 0, List.of()));
        assertTrue(
                e.getMessage().contains("2 observation(s) were asked for but 0 result(s) given"),
                e.getMessage());
    }

    @Test
    void commit_adopts_the_observed_memory() {
        Twin t = Twin.standard().setup(new Setup.Protect("u", 1, 1, Prot.READ));
        Call c = copy(0, PAGE - 8, 64);
        Expectation e = t.model.expect(c);
        // This implementation wrote 3 of the 8 allowed bytes.
        List<Result> obs =
                new ArrayList<>(
                        t.model.observationsFor(c, e).stream().map(t.model::observe).toList());
        for (int i = 0; i < 3; i++)
            obs = Twin.poke("u", PAGE - 8 + i, Fill.byteAt(11, i)).apply(obs);
        Judgement j = t.model.judge(c, e, -1, obs);
        assertTrue(j.conforms(), j.findings()::toString);
        assertEquals(
                "a prefix: the first 3 of 64 bytes written",
                j.answers().get("copyout.failure-effect"));
        t.model.commit(c, j);
        byte[] now = ((Result.Bytes) t.model.observe(new Observe.Bytes("u", PAGE - 8, 4))).data();
        assertEquals(Fill.byteAt(11, 2), now[2]);
        assertEquals(Fill.byteAt(22, PAGE - 5), now[3]);
    }

    @Test
    void commit_after_a_failure_that_wrote_less_than_it_could_holds_exactly_what_was_observed() {
        Twin t =
                new Twin()
                        .setup(
                                new Setup.CreateProcess("p1"),
                                new Setup.MapRegion("k", "kernel", 4, Prot.READ_WRITE, 11),
                                new Setup.MapRegion("u", "p1", 4, Prot.READ_WRITE, 22),
                                new Setup.Protect("u", 3, 1, Prot.READ));
        t.call(new Call.Xmattach(p("p1"), at("u", 0), 4 * PAGE, "d", Call.USER_ADSPACE));
        Result.Bytes before = (Result.Bytes) t.model.observe(Observe.Bytes.whole("u", 4 * PAGE));
        Call move = new Call.Xmemout(p("p1"), at("k", 0), at("u", 0), 4 * PAGE, "d");
        // The reference writes up to the read-only page (3 pages); this implementation stopped
        // after one.
        Twin.Outcome o =
                t.call(
                        move,
                        list ->
                                list.stream()
                                        .map(
                                                r -> {
                                                    if (!(r instanceof Result.Bytes b)
                                                            || !b.object().equals("u")) return r;
                                                    byte[] d = b.data().clone();
                                                    System.arraycopy(
                                                            before.data(),
                                                            2 * PAGE,
                                                            d,
                                                            2 * PAGE,
                                                            2 * PAGE); // pages 1 and 2 as they were
                                                    return (Result)
                                                            new Result.Bytes(
                                                                    "u",
                                                                    b.from(),
                                                                    d,
                                                                    b.unreadablePages());
                                                })
                                        .toList());
        assertTrue(o.judgement().conforms(), o.judgement().findings()::toString);
        assertEquals(
                "a prefix: the first 4096 of 16384 bytes written",
                o.judgement().answers().get("xmemout.failure-effect"));
        Result.Bytes observed =
                (Result.Bytes)
                        o.observed().stream()
                                .filter(r -> r instanceof Result.Bytes b && b.object().equals("u"))
                                .findFirst()
                                .orElseThrow();
        assertEquals(
                observed,
                t.model.observe(Observe.Bytes.whole("u", 4 * PAGE)),
                "the model holds what the implementation left, not what it could have written");
    }

    @Test
    void check_observation_compares_an_observe_op_with_the_model() {
        Oracle o = Twin.standard().model;
        Observe.Bytes op = new Observe.Bytes("u", 0, 16);
        Result.Bytes mine = (Result.Bytes) o.observe(op);
        assertEquals(List.of(), o.checkObservation(op, mine));
        byte[] d = mine.data().clone();
        d[3] ^= 1;
        List<Finding> f = o.checkObservation(op, new Result.Bytes("u", 0, d));
        assertEquals(1, f.size());
        assertTrue(
                f.get(0)
                        .message()
                        .startsWith(
                                "region u: memory differs from the model: 1 byte(s) differ, first at offset 3 (page 0)"),
                f.toString());
        assertEquals(
                "kit.observable",
                o.checkObservation(new Observe.Protection("u", 0), new Result.Protection(Prot.READ))
                        .get(0)
                        .clause());
    }

    @Test
    void
            check_observation_over_several_pages_counts_differences_across_pages_and_applies_readability() {
        Oracle o = Twin.standard().setup(new Setup.Unmap("u", 1, 1)).model;
        Observe.Bytes op = Observe.Bytes.whole("u", 2 * PAGE);
        Result.Bytes mine = (Result.Bytes) o.observe(op);
        assertEquals(
                List.of(1L),
                mine.unreadablePages(),
                "the hole is unreadable in the model's own answer");
        assertEquals(List.of(), o.checkObservation(op, mine));
        byte[] d = mine.data().clone();
        d[PAGE - 1] ^= 1; // the guard page before u, its last byte
        d[PAGE + 10] ^= 1; // page 0
        d[2 * PAGE + 5] ^= 1; // inside the hole (page 1): not compared
        d[3 * PAGE + 4095] ^= 1; // the guard page after u
        List<Finding> f = o.checkObservation(op, new Result.Bytes("u", -PAGE, d, List.of(1L)));
        assertEquals(1, f.size(), f::toString);
        assertTrue(
                f.get(0)
                        .message()
                        .contains(
                                "3 byte(s) differ, first at offset -1 (guard page before u), last at offset "
                                        + (2 * PAGE + 4095)
                                        + " (guard page after u)"),
                f.toString());
        // The hole reported readable, and a guard page reported unreadable, are findings of their
        // own.
        List<Finding> g =
                o.checkObservation(op, new Result.Bytes("u", -PAGE, mine.data(), List.of(-1L)));
        assertEquals(
                List.of("kit.observable", "inv.no-write-outside"),
                g.stream().map(Finding::clause).toList(),
                g::toString);
    }
}
