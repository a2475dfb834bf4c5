package xmemck.oracle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.ops.Setup;

/**
 * Properties over 300 seeded random worlds and call sequences: the oracle is total (every op gets an answer
 * or a WorldError), deterministic, never allows a write outside the call's destination, its successes are
 * exact and its failures are not, and the reference behaviour is judged conforming by a second oracle.
 */
class OraclePropertiesTest {

    static LongStream seeds() { return LongStream.range(1, 301); }

    /** Everything one run of a case produced, for comparing two runs. */
    private record Trace(List<String> answers, List<byte[]> memory) {}

    @ParameterizedTest(name = "seed {0}") @MethodSource("seeds")
    void total_deterministic_confined_exact_and_self_conforming(long seed) {
        List<Op> ops = RandomCases.generate(seed);
        Trace first = run(seed, ops);
        Trace second = run(seed, ops);
        assertEquals(first.answers(), second.answers(), "seed " + seed + ": the same sequence must get the same answers");
        assertEquals(first.memory().size(), second.memory().size());
        for (int i = 0; i < first.memory().size(); i++) assertArrayEquals(first.memory().get(i), second.memory().get(i), "seed " + seed + ": memory");
    }

    private static Trace run(long seed, List<Op> ops) {
        Twin t = new Twin();
        List<String> answers = new ArrayList<>();
        java.util.Map<String, Long> objects = new java.util.LinkedHashMap<>();   // name -> size
        for (Op op : ops) {
            String where = "seed " + seed + ", " + op.describe();
            try {
                switch (op) {
                    case Setup s -> {
                        t.setup(s);
                        answers.add("done");
                        if (s instanceof Setup.MapRegion m) objects.put(m.name(), m.size());
                        if (s instanceof Setup.CreateFileSegment f) objects.put(f.sid(), f.pages() * 4096L);
                    }
                    case Call c -> {
                        Expectation e = t.model.expect(c);
                        assertNotNull(e, where);
                        check(where, c, e);
                        Twin.Outcome o = t.call(c);
                        assertTrue(o.judgement().conforms(), () -> where + ": the reference must conform: " + o.judgement().findings());
                        answers.add(e + " -> " + o.returned() + " " + o.judgement().answers());
                    }
                    case Observe ob -> answers.add(String.valueOf(t.model.observe(ob)));
                }
            } catch (WorldError e) {
                assertTrue(e.getMessage().startsWith(op.describe() + ": "), "a WorldError names its op: " + e.getMessage());
                answers.add("world error: " + e.getMessage());
            } catch (RuntimeException e) {
                throw new AssertionError(where + ": the oracle must answer or raise WorldError, but threw " + e, e);
            }
        }
        // The model (judging and committing) and the implementation (performing) end with the same memory.
        List<byte[]> memory = new ArrayList<>();
        for (var obj : objects.entrySet()) {
            String name = obj.getKey();
            Result.Bytes m = (Result.Bytes) t.model.observe(Observe.Bytes.whole(name, obj.getValue()));
            Result.Bytes i = (Result.Bytes) t.impl.observe(Observe.Bytes.whole(name, obj.getValue()));
            assertEquals(i, m, "seed " + seed + ": model and implementation memory of " + name);
            memory.add(m.data());
        }
        return new Trace(answers, memory);
    }

    /** The shape every allowed set must have. */
    private static void check(String where, Call c, Expectation e) {
        if (!(e instanceof Expectation.Allowed a)) {
            Expectation.OutsideContract oc = (Expectation.OutsideContract) e;
            assertTrue(Catalogue.contains(oc.clause()), where + ": uncatalogued clause " + oc.clause());
            return;
        }
        List<Span> destinations = destinations(c);
        for (Alternative alt : a.alternatives()) {
            for (String id : alt.clauses()) assertTrue(Catalogue.contains(id), where + ": uncatalogued clause " + id);
            for (Effect eff : alt.effects()) {
                if (!(eff instanceof Effect.Write w)) continue;
                boolean inside = destinations.stream().anyMatch(d -> d.object().equals(w.object()) && w.offset() >= d.offset() && w.offset() + w.length() <= d.offset() + d.length());
                if (!inside) fail(where + ": " + w + " is not inside the call's destination " + destinations);
                assertTrue(w.offset() >= 0, where + ": a write never reaches the guard page before the object");
                if (alt.returnValue() == success(c)) {
                    assertTrue(w.length() == 0 || w.exact(), where + ": a success is exact: " + alt);
                } else if (alt.returnValue() != success(c)) {
                    assertTrue(w.length() == 0 || !w.exact(), where + ": a failure never writes all the data: " + alt);
                }
            }
        }
    }

    private static long success(Call c) { return 0; }   // XMEM_SUCC, copyout's 0 and vm_mvc's 0 are all 0

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
            default -> { }
        }
        return out;
    }

    private static void add(List<Span> out, Addr a, long n) {
        if (a instanceof Addr.In in) out.add(new Span(in.object(), in.offset(), Math.max(0, n)));
    }
}
