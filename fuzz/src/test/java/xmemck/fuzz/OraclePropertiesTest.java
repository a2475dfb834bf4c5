package xmemck.fuzz;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.oracle.Alternative;
import xmemck.oracle.Catalogue;
import xmemck.oracle.Effect;
import xmemck.oracle.Expectation;
import xmemck.oracle.Judgement;
import xmemck.oracle.Oracle;
import xmemck.oracle.WorldError;

/**
 * Properties of the oracle over the generator's cases ({@link OracleCases}: CaseGen's cases strung
 * together, some broken), through its public API only: it is total (every operation gets an answer
 * or a {@link WorldError} that names the operation), deterministic (the same sequence gets the same
 * answers and leaves the same memory), confined (no allowed outcome writes outside the call's
 * destination, nor before an object's start), its successes are exact and its failures are not,
 * every clause it names is catalogued, and the reference behaviour is judged conforming by a second
 * oracle (the model judging and committing ends with the same memory as the implementation
 * performing).
 *
 * <p>Moved here from the oracle module's tests (issue 11), where a second random generator made the
 * cases.
 */
class OraclePropertiesTest {

    /**
     * The cases: {@link #CASES} of seed 1, in groups of 3 (one test each), about 4,000 calls in
     * all.
     */
    static LongStream groups() {
        return LongStream.range(0, CASES / 3);
    }

    /** How many cases both this test and {@link OracleReachTest} use. */
    static final int CASES = 1_500;

    /** Everything one run of a case produced, for comparing two runs. */
    private record Trace(List<String> answers, List<byte[]> memory) {}

    @ParameterizedTest(name = "cases {0}")
    @MethodSource("groups")
    void total_deterministic_confined_exact_and_self_conforming(long group) {
        for (long index = group * 3; index < group * 3 + 3; index++) {
            List<Op> ops = OracleCases.draw(1, index);
            String name = "case " + index;
            Trace first = run(name, ops);
            Trace second = run(name, ops);
            assertEquals(
                    first.answers(),
                    second.answers(),
                    name + ": the same sequence must get the same answers");
            assertEquals(first.memory().size(), second.memory().size());
            for (int i = 0; i < first.memory().size(); i++)
                assertArrayEquals(first.memory().get(i), second.memory().get(i), name + ": memory");
        }
    }

    /**
     * Two oracles: {@code model} judges and commits, {@code impl} performs (the reference
     * behaviour).
     */
    static final class Pair {
        final Oracle model = new Oracle();
        final Oracle impl = new Oracle();

        void setup(Setup s) {
            model.apply(s);
            impl.apply(s);
        }

        /**
         * The implementation performs the call; the model observes the implementation, judges
         * against {@code e} and commits.
         */
        Judged call(Call c, Expectation e) {
            long returned = impl.perform(c).value();
            List<Result> observed = new ArrayList<>();
            for (Observe o : model.observationsFor(c, e)) observed.add(impl.observe(o));
            Judgement j = model.judge(c, e, returned, observed);
            model.commit(c, j);
            return new Judged(returned, j);
        }
    }

    /** What the implementation returned, and the model's judgement of it. */
    record Judged(long returned, Judgement judgement) {}

    private static Trace run(String name, List<Op> ops) {
        Pair t = new Pair();
        List<String> answers = new ArrayList<>();
        Map<String, Long> objects = new LinkedHashMap<>(); // name -> size
        for (Op op : ops) {
            String where = name + ", " + op.describe();
            try {
                switch (op) {
                    case Setup s -> {
                        t.setup(s);
                        answers.add("done");
                        switch (s) {
                            case Setup.MapRegion m -> objects.put(m.name(), m.size());
                            case Setup.MapRegionBelowUserBlock m ->
                                    objects.put(m.name(), m.pages() * 4096L);
                            case Setup.MapRegionAcrossSegments m ->
                                    objects.put(m.name(), m.pages() * 4096L);
                            case Setup.CreateFileSegment f ->
                                    objects.put(f.sid(), f.pages() * 4096L);
                            default -> {}
                        }
                    }
                    case Call c -> {
                        Expectation e = t.model.expect(c);
                        assertNotNull(e, where);
                        check(where, c, e);
                        Judged j = t.call(c, e);
                        assertTrue(
                                j.judgement().conforms(),
                                () ->
                                        where
                                                + ": the reference must conform: "
                                                + j.judgement().findings());
                        answers.add(e + " -> " + j.returned() + " " + j.judgement().answers());
                    }
                    case Observe ob -> answers.add(String.valueOf(t.model.observe(ob)));
                }
            } catch (WorldError e) {
                assertTrue(
                        e.getMessage().startsWith(op.describe() + ": "),
                        "a WorldError names its op: " + e.getMessage());
                answers.add("world error: " + e.getMessage());
            } catch (RuntimeException e) {
                throw new AssertionError(
                        where + ": the oracle must answer or raise WorldError, but threw " + e, e);
            }
        }
        // The model (judging and committing) and the implementation (performing) end with the same
        // memory.
        List<byte[]> memory = new ArrayList<>();
        for (var obj : objects.entrySet()) {
            String object = obj.getKey();
            Result.Bytes m =
                    (Result.Bytes) t.model.observe(Observe.Bytes.whole(object, obj.getValue()));
            Result.Bytes i =
                    (Result.Bytes) t.impl.observe(Observe.Bytes.whole(object, obj.getValue()));
            assertEquals(i, m, name + ": model and implementation memory of " + object);
            memory.add(m.data());
        }
        return new Trace(answers, memory);
    }

    /** The shape every allowed set must have. */
    private static void check(String where, Call c, Expectation e) {
        if (!(e instanceof Expectation.Allowed a)) {
            Expectation.OutsideContract oc = (Expectation.OutsideContract) e;
            assertTrue(
                    Catalogue.contains(oc.clause()),
                    where + ": uncatalogued clause " + oc.clause());
            return;
        }
        List<Span> destinations = destinations(c);
        for (Alternative alt : a.alternatives()) {
            for (String id : alt.clauses())
                assertTrue(Catalogue.contains(id), where + ": uncatalogued clause " + id);
            for (Effect eff : alt.effects()) {
                if (!(eff instanceof Effect.Write w)) continue;
                boolean inside =
                        destinations.stream()
                                .anyMatch(
                                        d ->
                                                d.object().equals(w.object())
                                                        && w.offset() >= d.offset()
                                                        && w.offset() + w.length()
                                                                <= d.offset() + d.length());
                if (!inside)
                    fail(
                            where
                                    + ": "
                                    + w
                                    + " is not inside the call's destination "
                                    + destinations);
                assertTrue(
                        w.offset() >= 0,
                        where + ": a write never reaches the guard page before the object");
                // XMEM_SUCC, copyout's 0 and vm_mvc's 0 are all 0
                if (alt.returnValue() == 0)
                    assertTrue(
                            w.length() == 0 || w.exact(), where + ": a success is exact: " + alt);
                else
                    assertTrue(
                            w.length() == 0 || !w.exact(),
                            where + ": a failure never writes all the data: " + alt);
            }
        }
    }

    /** {@code [offset, offset + length)} of {@code object}. */
    private record Span(String object, long offset, long length) {}

    /** Where a call may write: its destination argument(s). */
    private static List<Span> destinations(Call c) {
        List<Span> out = new ArrayList<>();
        switch (c) {
            case Call.Xmemout x -> add(out, x.uaddr(), x.count());
            case Call.Copyout x -> add(out, x.userbuf(), x.cn());
            case Call.DdiCopyout x -> add(out, x.buf(), x.cn());
            case Call.XxIoctl x -> add(out, x.arg(), Call.DEVICE_REGS_SIZE);
            case Call.VmMvc v -> {
                out.add(new Span(v.sid(), v.pno() * 4096 + v.pgoffs(), Math.max(0, v.count())));
                add(out, v.ptr(), v.count());
            }
            default -> {}
        }
        return out;
    }

    private static void add(List<Span> out, Addr a, long n) {
        if (a instanceof Addr.In in) out.add(new Span(in.object(), in.offset(), Math.max(0, n)));
    }
}
