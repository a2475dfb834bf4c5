package xmemck.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.oracle.Twin.at;
import static xmemck.oracle.Twin.p;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Fill;
import xmemck.ops.Observe;
import xmemck.ops.PageDigest;
import xmemck.ops.Prot;
import xmemck.ops.Result;
import xmemck.ops.Setup;

/**
 * Large objects observed through page digests: pages whose digest is that of an allowed content
 * need no bytes, the others are fetched, and the verdict is the one bytes would give. Also: a
 * protection the adapter cannot observe.
 */
class DigestTest {

    private static final int PAGE = 4096;

    /** The values PROTOCOL.md gives implementers to check their digest against. */
    @Test
    void the_documented_check_values() {
        assertEquals(0xa2118c93ea87ebfbL, PageDigest.ZERO_PAGE);
        assertEquals(0x61c16eedaa56a2ccL, PageDigest.of(Fill.bytes(1, 0, PAGE), 0));
        assertEquals(0xb895f5edd4980c5eL, PageDigest.of(Fill.bytes(2, -PAGE, PAGE), 0));
    }

    @Test
    void pages_that_differ_in_one_byte_have_different_digests() {
        byte[] a = Fill.bytes(5, 0, PAGE);
        for (int i : new int[] {0, 7, 8, 2047, PAGE - 1}) {
            byte[] b = a.clone();
            b[i] ^= (byte) 0x80;
            assertFalse(PageDigest.of(a, 0) == PageDigest.of(b, 0), "byte " + i);
        }
    }

    private static Twin big(int pages) {
        Twin t =
                new Twin()
                        .setup(
                                new Setup.CreateProcess("p1"),
                                new Setup.MapRegion("k", "kernel", pages, Prot.READ_WRITE, 11),
                                new Setup.MapRegion("u", "p1", pages, Prot.READ_WRITE, 22));
        t.call(new Call.Xmattach(p("p1"), at("u", 0), (long) pages * PAGE, "d", Call.USER_ADSPACE));
        return t;
    }

    /**
     * Judge {@code call} through digests: the implementation performs it, then answers digests and
     * any fetch.
     */
    private static Judgement judgeByDigest(
            Twin t,
            Call call,
            java.util.function.UnaryOperator<Result> tamper,
            List<Observe.Bytes> fetchedOut) {
        Expectation e = t.model.expect(call);
        long returned = t.impl.perform(call).value();
        List<Observe> wanted = new ArrayList<>(t.model.observationsFor(call, e, true));
        List<Result> seen = new ArrayList<>();
        for (Observe o : wanted) seen.add(tamper.apply(t.impl.observe(o)));
        List<Observe.Bytes> fetches = t.model.fetchesFor(call, e, wanted, seen);
        fetchedOut.addAll(fetches);
        for (Observe.Bytes f : fetches) {
            wanted.add(f);
            seen.add(t.impl.observe(f));
        }
        Judgement j = t.model.judge(call, e, returned, wanted, seen);
        if (j.conforms()) t.model.commit(call, j);
        return j;
    }

    @Test
    void a_large_successful_move_is_judged_from_digests_alone() {
        Twin t = big(64);
        Call move = new Call.Xmemout(Context.interrupt(), at("k", 0), at("u", 0), 64L * PAGE, "d");
        List<Observe> wanted = t.model.observationsFor(move, t.model.expect(move), true);
        assertTrue(wanted.stream().allMatch(o -> o instanceof Observe.Digest), wanted::toString);
        List<Observe.Bytes> fetched = new ArrayList<>();
        Judgement j = judgeByDigest(t, move, r -> r, fetched);
        assertTrue(j.conforms(), j.findings()::toString);
        assertEquals(List.of(), fetched, "every page is old or new: nothing to fetch");
        assertEquals(
                Fill.byteAt(11, 5 * PAGE + 3),
                ((Result.Bytes) t.model.observe(new Observe.Bytes("u", 5 * PAGE + 3, 1)))
                        .data()[0]);
    }

    @Test
    void a_page_whose_digest_matches_nothing_is_fetched_and_judged_by_its_bytes() {
        Twin t = big(64);
        t.setup(new Setup.Protect("u", 40, 1, Prot.READ));
        Call move = new Call.Xmemout(p("p1"), at("k", 0), at("u", 0), 64L * PAGE, "d");
        // The implementation wrote half of page 10 only: a mix no candidate page holds.
        byte[] half = new byte[PAGE];
        List<Observe.Bytes> fetched = new ArrayList<>();
        Judgement j =
                judgeByDigest(
                        t,
                        move,
                        r -> {
                            if (!(r instanceof Result.Digest d) || !d.object().equals("u"))
                                return r;
                            long[] digests = d.digests();
                            System.arraycopy(
                                    Fill.bytes(11, 10 * PAGE, PAGE / 2), 0, half, 0, PAGE / 2);
                            System.arraycopy(
                                    Fill.bytes(22, 10 * PAGE + PAGE / 2, PAGE / 2),
                                    0,
                                    half,
                                    PAGE / 2,
                                    PAGE / 2);
                            digests[(int) (10 - MemObject.pageOf(d.from()))] =
                                    PageDigest.of(half, 0);
                            return new Result.Digest(
                                    d.object(), d.from(), digests, d.unreadablePages());
                        },
                        fetched);
        assertEquals(List.of(new Observe.Bytes("u", 10L * PAGE, PAGE)), fetched);
        // The fetched bytes are the implementation's real page (the reference wrote it whole), so
        // the lie is caught
        // there; what matters here is that only that page travelled as bytes and the verdict is
        // judged from them.
        assertTrue(j.conforms(), j.findings()::toString);
    }

    @Test
    void a_wrong_page_seen_through_digests_fails_like_bytes_would() {
        Twin t = big(32);
        Call move = new Call.Xmemout(p("p1"), at("k", 0), at("u", 0), 32L * PAGE, "d");
        Expectation e = t.model.expect(move);
        long returned = t.impl.perform(move).value();
        // The implementation's page 7 holds foreign data.
        byte[] junk = new byte[PAGE];
        java.util.Arrays.fill(junk, (byte) 0x5a);
        List<Observe> wanted = new ArrayList<>(t.model.observationsFor(move, e, true));
        List<Result> seen = new ArrayList<>();
        for (Observe o : wanted) {
            Result r = t.impl.observe(o);
            if (r instanceof Result.Digest d && d.object().equals("u")) {
                long[] digests = d.digests();
                digests[8] =
                        PageDigest.of(junk, 0); // index 8 is page 7 (index 0 is the guard page)
                r = new Result.Digest("u", d.from(), digests, d.unreadablePages());
            }
            seen.add(r);
        }
        List<Observe.Bytes> fetches = t.model.fetchesFor(move, e, wanted, seen);
        assertEquals(List.of(new Observe.Bytes("u", 7L * PAGE, PAGE)), fetches);
        wanted.addAll(fetches);
        seen.add(new Result.Bytes("u", 7L * PAGE, junk));
        Judgement j = t.model.judge(move, e, returned, wanted, seen);
        assertFalse(j.conforms());
        assertEquals(
                List.of("inv.no-foreign-data", "xmemout.succ"),
                j.findings().stream().map(Finding::clause).toList());
    }

    @Test
    void a_digest_the_oracle_cannot_place_without_its_bytes_is_a_broken_observation() {
        Twin t = big(32);
        Call move = new Call.Xmemout(p("p1"), at("k", 0), at("u", 0), 32L * PAGE, "d");
        Expectation e = t.model.expect(move);
        long returned = t.impl.perform(move).value();
        List<Observe> wanted = t.model.observationsFor(move, e, true);
        List<Result> seen = new ArrayList<>();
        for (Observe o : wanted) {
            Result r = t.impl.observe(o);
            if (r instanceof Result.Digest d && d.object().equals("u")) {
                long[] digests = d.digests();
                digests[3] = 12345;
                r = new Result.Digest("u", d.from(), digests, d.unreadablePages());
            }
            seen.add(r);
        }
        Judgement j = t.model.judge(move, e, returned, wanted, seen); // the fetch was not made
        assertEquals(
                List.of("kit.observable"), j.findings().stream().map(Finding::clause).toList());
    }

    @Test
    void a_256_MiB_move_judged_from_digests_stays_small_in_memory() {
        int pages = 65536;
        Twin t = big(pages);
        Call move = new Call.Xmemout(p("p1"), at("k", 0), at("u", 0), (long) pages * PAGE, "d");
        Expectation e = t.model.expect(move);
        t.impl.perform(move);
        List<Observe> wanted = t.model.observationsFor(move, e, true);
        List<Result> seen = new ArrayList<>();
        for (Observe o : wanted) seen.add(t.impl.observe(o));
        long before =
                ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                        .getCurrentThreadAllocatedBytes();
        assertEquals(List.of(), t.model.fetchesFor(move, e, wanted, seen));
        Judgement j = t.model.judge(move, e, 0, wanted, seen);
        t.model.commit(move, j);
        long cost =
                ((com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean())
                                .getCurrentThreadAllocatedBytes()
                        - before;
        assertTrue(j.conforms(), j.findings()::toString);
        assertTrue(
                cost < 128L << 20,
                "judging a 256 MiB move from digests must not materialise it: allocated "
                        + cost
                        + " bytes");
    }

    @Test
    void a_protection_the_adapter_cannot_observe_is_unknown_and_the_call_cannot_pass() {
        Twin t =
                Twin.standard()
                        .setup(new Setup.CreateFileSegment("f", 1, 33), new Setup.Pin("u", 0, 2));
        t.call(new Call.Xmattach(p("p1"), at("u", 0), 2 * PAGE, "d", Call.USER_ADSPACE));
        Call protzero =
                new Call.VmMvc(p("p1"), "f", 0, 0, PAGE, Call.VM_MVC_PROTZERO, "d", at("u", 0));
        Twin.Outcome o =
                t.call(
                        protzero,
                        list ->
                                list.stream()
                                        .map(
                                                r ->
                                                        r instanceof Result.Protection
                                                                ? (Result)
                                                                        new Result.Unsupported(
                                                                                "cannot read protections")
                                                                : r)
                                        .toList());
        assertTrue(o.judgement().conforms(), o.judgement().findings()::toString);
        assertTrue(
                o.judgement().needsUnobservable(), "the verdict needs the protection: not a pass");
        assertFalse(o.judgement().answers().containsKey("vm_mvc.protzero-protection"));
        // What can be seen is still judged: a wrong return value fails whatever the protection.
        Twin t2 =
                Twin.standard()
                        .setup(new Setup.CreateFileSegment("f", 1, 33), new Setup.Pin("u", 0, 2));
        t2.call(new Call.Xmattach(p("p1"), at("u", 0), 2 * PAGE, "d", Call.USER_ADSPACE));
        Twin.Outcome wrong =
                t2.callReturning(
                        protzero,
                        Call.EINVAL,
                        list ->
                                list.stream()
                                        .map(
                                                r ->
                                                        r instanceof Result.Protection
                                                                ? (Result)
                                                                        new Result.Unsupported("no")
                                                                : r)
                                        .toList());
        assertFalse(wrong.judgement().conforms());
        assertInstanceOf(Alternative.class, wrong.judgement().matched());
    }
}
