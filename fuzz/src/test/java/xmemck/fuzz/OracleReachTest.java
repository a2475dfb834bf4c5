package xmemck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import xmemck.ops.Call;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.oracle.Catalogue;
import xmemck.oracle.Clause;
import xmemck.oracle.Effect;
import xmemck.oracle.Expectation;
import xmemck.oracle.Judgement;
import xmemck.oracle.Oracle;
import xmemck.oracle.WorldError;

/**
 * The cases {@link OraclePropertiesTest} checks are not vacuous: over the same cases the oracle's
 * answers reach nearly every clause of the catalogue, every invariant, and every kind of answer
 * (outside the contract, several allowed outcomes, a failure that may leave a prefix, exactly one
 * outcome, and the refusal of an ill-formed operation).
 *
 * <p>Moved here from the oracle module's tests (issue 11) with the properties it guards.
 */
class OracleReachTest {

    /** Clauses no case reaches, and why each is out of reach of an oracle run alone. */
    static final Set<String> OUT_OF_REACH =
            Set.of(
                    "kit.observable", // an observation that does not answer what was asked: the
                    // harness's finding, not the oracle's
                    "xmemout.count.over-segment"); // a move of more than 256 MiB: too large for

    // these cases (XmemClausesTest has it)

    @Test
    void theCasesReachTheClausesAndEveryKindOfAnswer() {
        TreeMap<String, Integer> reached = new TreeMap<>();
        TreeMap<String, Integer> kinds = new TreeMap<>();
        for (long index = 0; index < OraclePropertiesTest.CASES; index++) {
            Oracle model = new Oracle(), impl = new Oracle();
            for (Op op : OracleCases.draw(1, index)) {
                try {
                    if (op instanceof Setup s) {
                        model.apply(s);
                        impl.apply(s);
                    } else if (op instanceof Call c) {
                        Expectation e = model.expect(c);
                        long returned = impl.perform(c).value();
                        List<Result> observed = new ArrayList<>();
                        for (Observe o : model.observationsFor(c, e)) observed.add(impl.observe(o));
                        Judgement j = model.judge(c, e, returned, observed);
                        model.commit(c, j);
                        for (String id : j.clauses()) reached.merge(id, 1, Integer::sum);
                        if (e instanceof Expectation.OutsideContract oc)
                            reached.merge(oc.clause(), 1, Integer::sum);
                        kinds.merge(kind(e), 1, Integer::sum);
                    }
                } catch (WorldError err) {
                    kinds.merge("world error", 1, Integer::sum);
                }
            }
        }
        Set<String> missed = new TreeSet<>();
        for (Clause c : Catalogue.all()) if (!reached.containsKey(c.id())) missed.add(c.id());
        System.out.println(
                "answer kinds: "
                        + kinds
                        + "; clauses reached: "
                        + reached
                        + ", "
                        + reached.size()
                        + " of "
                        + Catalogue.all().size()
                        + "; missed: "
                        + missed);
        for (String k : new String[] {"outside", "several", "prefix", "one", "world error"}) {
            assertTrue(
                    kinds.getOrDefault(k, 0) >= 20, "too few answers of kind " + k + ": " + kinds);
        }
        missed.removeAll(OUT_OF_REACH);
        assertEquals(Set.of(), missed, "clauses the cases no longer reach");
    }

    private static String kind(Expectation e) {
        return switch (e) {
            case Expectation.OutsideContract oc -> "outside";
            case Expectation.Allowed a when a.alternatives().size() > 1 -> "several";
            case Expectation.Allowed a ->
                    a.alternatives().getFirst().effects().stream()
                                    .anyMatch(
                                            x ->
                                                    x instanceof Effect.Write w
                                                            && !w.exact()
                                                            && !w.untouched())
                            ? "prefix"
                            : "one";
        };
    }
}
