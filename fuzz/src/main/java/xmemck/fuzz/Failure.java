package xmemck.fuzz;

import java.util.List;
import xmemck.ops.Op;

/**
 * One distinct failure of a fuzz run, minimised and written out.
 *
 * @param signature verdict, operation and clause (see {@link SessionProperty})
 * @param verdict FAIL or ERROR
 * @param clause the clause broken (or, for an ERROR, its kind): the one the failure was found and
 *     shrunk for
 * @param seed the run's seed
 * @param caseIndex the case's index in the run (replay from seed and index)
 * @param originalOps how many operations the case had when found
 * @param ops the minimised operations
 * @param message the failing step's message (the findings, or the error)
 * @param feature the Gherkin counterexample, relative to the report directory (null if not written)
 * @param json the same as JSON ops, relative to the report directory (null if not written)
 * @param reproduced false when the minimised case did not fail again on replay (a flaky
 *     implementation)
 * @param alsoBreaks the other clauses the minimised case breaks, with the same verdict and
 *     operation: failures of those kinds are shown by this counterexample, and the run does not
 *     report them again
 * @param firstSeenCases how many cases the run had made when it first saw this failure, the failing
 *     case included
 * @param firstSeenSeconds wall-clock seconds from the start of the run's search to that moment
 *     (shrinking and writing earlier failures included)
 */
public record Failure(
        String signature,
        String verdict,
        String clause,
        long seed,
        long caseIndex,
        int originalOps,
        List<Op> ops,
        String message,
        String feature,
        String json,
        boolean reproduced,
        List<String> alsoBreaks,
        long firstSeenCases,
        double firstSeenSeconds) {
    public Failure {
        ops = List.copyOf(ops);
        alsoBreaks = List.copyOf(alsoBreaks);
    }
}
