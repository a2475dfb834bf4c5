package xmemck.oracle;

import java.util.List;
import java.util.Map;

/**
 * What the judge concluded about one call.
 *
 * @param conforms true when the observed return value and memory match an allowed alternative
 * @param matched the alternative that matched (or, when nothing matched, the closest one, for the
 *     diff); null for outside-contract
 * @param clauses the clause ids this call exercised (those of the matched or closest alternative,
 *     plus the invariants checked)
 * @param findings empty when {@code conforms}; otherwise each departure with its clause and a
 *     readable diff
 * @param answers the implementation's answers to the call's implementation-defined questions
 *     (question id to answer)
 * @param needsUnobservable true when everything seen conforms but the verdict also needs a
 *     protection the adapter cannot observe: the call cannot be judged (UNSUPPORTED), never passed
 * @param observed what the judgement was made from, for {@link Oracle#commit}
 * @param pictures when the call does not conform: what it left in each object it wrote or was found
 *     to change, line by line (empty otherwise)
 */
public record Judgement(
        boolean conforms,
        Alternative matched,
        List<String> clauses,
        List<Finding> findings,
        Map<String, String> answers,
        boolean needsUnobservable,
        Observed observed,
        List<Picture> pictures) {
    public Judgement {
        clauses = List.copyOf(clauses);
        findings = List.copyOf(findings);
        answers = Map.copyOf(answers);
        pictures = List.copyOf(pictures);
    }
}
