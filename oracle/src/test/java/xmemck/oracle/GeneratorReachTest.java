package xmemck.oracle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import xmemck.ops.Call;
import xmemck.ops.Op;
import xmemck.ops.Setup;

/** The random cases are not vacuous: across the 300 seeds they reach nearly every clause and every kind of answer. */
class GeneratorReachTest {

    @Test void the_random_cases_reach_the_clauses() {
        Set<String> reached = new TreeSet<>();
        TreeMap<String, Integer> kinds = new TreeMap<>();
        TreeMap<String, Integer> details = new TreeMap<>();
        for (long seed = 1; seed <= 300; seed++) {
            Twin t = new Twin();
            for (Op op : RandomCases.generate(seed)) {
                try {
                    if (op instanceof Setup s) t.setup(s);
                    else if (op instanceof Call c) {
                        Twin.Outcome o = t.call(c);
                        reached.addAll(o.judgement().clauses());
                        String kind = switch (o.expectation()) {
                            case Expectation.OutsideContract oc -> "outside";
                            case Expectation.Allowed a when a.alternatives().size() > 1 -> "several";
                            case Expectation.Allowed a -> a.alternatives().get(0).effects().stream()
                                    .anyMatch(e -> e instanceof Effect.Write w && !w.exact() && !w.untouched()) ? "prefix" : "one";
                        };
                        kinds.merge(kind, 1, Integer::sum);
                        details.merge(kind + ":" + (o.expectation() instanceof Expectation.Allowed a ? a.alternatives().get(0).clauses().get(0) : ((Expectation.OutsideContract) o.expectation()).clause()), 1, Integer::sum);
                    }
                } catch (WorldError e) {
                    kinds.merge("world error", 1, Integer::sum);
                }
            }
        }
        Set<String> missed = new TreeSet<>();
        for (Clause c : Catalogue.all()) if (!reached.contains(c.id())) missed.add(c.id());
        System.out.println("answer kinds: " + kinds + "; clauses missed: " + missed + "; by first clause: " + details);
        for (String k : new String[] {"outside", "several", "prefix", "one", "world error"}) {
            assertTrue(kinds.getOrDefault(k, 0) >= 20, "too few answers of kind " + k + ": " + kinds);
        }
        assertTrue(missed.size() <= 8, "the random cases miss too many clauses: " + missed);
        assertEquals(Set.of(), Set.copyOf(missed.stream().filter(id -> id.startsWith("inv.")).toList()), "every invariant is exercised");
    }
}
