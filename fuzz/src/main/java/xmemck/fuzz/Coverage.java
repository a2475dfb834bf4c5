package xmemck.fuzz;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import xmemck.harness.Step;
import xmemck.oracle.Verdict;

/**
 * What the cases of a run reached: the clause ids of every judged step, and how cases ended (a run
 * whose cases mostly stop at UNSUPPORTED or OUTSIDE-CONTRACT tests little, and the summary shows
 * it).
 *
 * <p>Called for every step of every case, so it keeps to a counter array and a hash set (sorted
 * only when the summary is written).
 */
public final class Coverage {
    private static final Verdict[] VERDICTS = Verdict.values();

    private final Set<String> clauses = new HashSet<>();
    private final long[] endings = new long[VERDICTS.length];

    /** Counts the clauses of one step. */
    public void step(Step step) {
        Verdict v = step.verdict();
        if (v == Verdict.PASS || v == Verdict.FAIL || v == Verdict.OUTSIDE_CONTRACT) {
            clauses.addAll(step.clauses());
        }
    }

    /** Counts how a case ended. */
    public void ended(Verdict verdict) {
        endings[verdict.ordinal()]++;
    }

    public Set<String> clauses() {
        return Set.copyOf(clauses);
    }

    public int clauseCount() {
        return clauses.size();
    }

    public Map<Verdict, Long> endings() {
        Map<Verdict, Long> out = new EnumMap<>(Verdict.class);
        for (Verdict v : VERDICTS) if (endings[v.ordinal()] > 0) out.put(v, endings[v.ordinal()]);
        return Map.copyOf(out);
    }
}
