package xmemck.harness;

import java.util.List;
import java.util.Map;
import xmemck.oracle.Expectation;
import xmemck.oracle.Judgement;
import xmemck.oracle.Verdict;
import xmemck.ops.Op;
import xmemck.ops.Result;

/**
 * What happened to one operation.
 *
 * @param op                     the operation
 * @param verdict                its verdict
 * @param clauses                the clause ids it exercised (for a call: the judged alternative's and the invariants checked)
 * @param message                empty on PASS; otherwise the reason, the clause and a readable diff, or the failure
 * @param expectation            the oracle's allowed outcomes (calls only, else null)
 * @param result                 what the implementation answered (null when the op was not run)
 * @param judgement              the judge's conclusion (judged calls only, else null)
 * @param implementationDefined  observations that are recorded, never judged: answers to the oracle's questions
 *                               and the adapter's notes (raw native results)
 */
public record Step(Op op, Verdict verdict, List<String> clauses, String message, Expectation expectation, Result result,
                   Judgement judgement, Map<String, String> implementationDefined) {
    public Step {
        clauses = List.copyOf(clauses);
        implementationDefined = Map.copyOf(implementationDefined);
        message = message == null ? "" : message;
    }

    static Step simple(Op op, Verdict verdict, String message, Result result) {
        return new Step(op, verdict, List.of(), message, null, result, null, Map.of());
    }
}
