package xmemck.harness;

import java.util.List;
import java.util.Map;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.oracle.Expectation;
import xmemck.oracle.Finding;
import xmemck.oracle.Judgement;
import xmemck.oracle.Picture;
import xmemck.oracle.Verdict;

/**
 * What happened to one operation.
 *
 * @param op the operation
 * @param verdict its verdict
 * @param clauses the clause ids it exercised (for a call: the judged alternative's and the
 *     invariants checked)
 * @param message empty on PASS; otherwise the reason, the clause and a readable diff, or the
 *     failure
 * @param expectation the oracle's allowed outcomes (calls only, else null)
 * @param result what the implementation answered (null when the op was not run)
 * @param judgement the judge's conclusion (judged calls only, else null)
 * @param implementationDefined observations that are recorded, never judged: answers to the
 *     oracle's questions and the adapter's notes (raw native results)
 * @param observationFindings for an observation that disagreed with the model, how (empty
 *     otherwise; a call's findings are its judgement's)
 */
public record Step(
        Op op,
        Verdict verdict,
        List<String> clauses,
        String message,
        Expectation expectation,
        Result result,
        Judgement judgement,
        Map<String, String> implementationDefined,
        List<Finding> observationFindings) {
    public Step {
        clauses = List.copyOf(clauses);
        implementationDefined = Map.copyOf(implementationDefined);
        message = message == null ? "" : message;
        observationFindings = List.copyOf(observationFindings);
    }

    Step(
            Op op,
            Verdict verdict,
            List<String> clauses,
            String message,
            Expectation expectation,
            Result result,
            Judgement judgement,
            Map<String, String> implementationDefined) {
        this(
                op,
                verdict,
                clauses,
                message,
                expectation,
                result,
                judgement,
                implementationDefined,
                List.of());
    }

    static Step simple(Op op, Verdict verdict, String message, Result result) {
        return new Step(op, verdict, List.of(), message, null, result, null, Map.of());
    }

    /**
     * The departures this step's verdict rests on: a FAIL has at least one, each naming the clause
     * it breaks; an ERROR for observations that do not answer what was asked has those; every other
     * step has none.
     */
    public List<Finding> findings() {
        if (verdict != Verdict.FAIL && verdict != Verdict.ERROR) return List.of();
        if (judgement != null) return judgement.findings();
        return observationFindings;
    }

    /** For a call that did not conform: what it left in memory, line by line. */
    public List<Picture> pictures() {
        return verdict == Verdict.FAIL && judgement != null ? judgement.pictures() : List.of();
    }
}
