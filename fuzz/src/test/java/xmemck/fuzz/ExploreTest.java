package xmemck.fuzz;

import java.util.List;
import org.junit.jupiter.api.Test;
import xmemck.fuzz.engine.Choices;
import xmemck.fuzz.engine.Outcome;
import xmemck.fuzz.engine.Search;
import xmemck.fuzz.gen.CaseGen;
import xmemck.ops.Op;
import xmemck.spi.Capabilities;

class ExploreTest {
    @Test
    void explore() {
        CaseGen gen = new CaseGen(Capabilities.all());
        Coverage cov = new Coverage();
        java.util.Map<String, Integer> oc = new java.util.TreeMap<>();
        Coverage cov2 = new Coverage() {
            @Override public void step(xmemck.harness.Step st) { super.step(st); if (st.verdict() == xmemck.oracle.Verdict.OUTSIDE_CONTRACT) { if (oc.merge(st.clauses().toString(), 1, Integer::sum) <= 3) System.out.println("OC-EXAMPLE " + st.message() + "\n   " + st.op().describe()); } }
        };
        SessionProperty p = new SessionProperty(new OracleSut(), cov2);
        java.util.Map<String, Integer> reasons = new java.util.TreeMap<>();
        int n = 20000, fails = 0;
        long t = System.nanoTime();
        for (long i = 0; i < n; i++) {
            List<Op> ops = gen.draw(Choices.random(Search.caseSeed(3, i)));
            Outcome o = p.check(ops);
            if (o instanceof Outcome.Invalid inv) reasons.merge(inv.reason().replaceAll("[0-9]+", "N"), 1, Integer::sum);
            if (o instanceof Outcome.Fail f) { if (fails++ < 5) System.out.println("FAIL " + f.signature() + "\n" + f.detail()); reasons.merge(f.signature(), 1, Integer::sum); }
        }
        System.out.printf("%.0f cases/s%n", n / ((System.nanoTime() - t) / 1e9));
        System.out.println("endings " + cov2.endings() + " invalid " + cov2.invalidCases() + " clauses " + cov2.clauseCount());
        oc.forEach((k, v) -> System.out.println("OC " + v + "  " + k));
        reasons.forEach((k, v) -> System.out.println(v + "  " + k));
    }
}
