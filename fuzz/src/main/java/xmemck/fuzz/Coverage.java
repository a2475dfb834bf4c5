package xmemck.fuzz;

import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import xmemck.harness.Step;
import xmemck.oracle.Verdict;

/**
 * What the cases of a run reached: the clause ids of every judged step, and how cases ended (a run whose cases
 * mostly stop at UNSUPPORTED or OUTSIDE-CONTRACT tests little, and the summary shows it).
 */
public final class Coverage {
    private final Set<String> clauses = new TreeSet<>();
    private final Map<Verdict, Long> endings = new EnumMap<>(Verdict.class);
    private long invalid;

    /** Counts the clauses of one step. */
    public void step(Step step) {
        if (step.verdict() == Verdict.PASS || step.verdict() == Verdict.FAIL || step.verdict() == Verdict.OUTSIDE_CONTRACT) {
            clauses.addAll(step.clauses());
        }
    }

    /** Counts how a case ended. */
    public void ended(Verdict verdict) { endings.merge(verdict, 1L, Long::sum); }

    /** Counts a case that was ill-formed (a defect of the generators, reported, never a failure). */
    public void invalid() { invalid++; }

    public Set<String> clauses() { return Set.copyOf(clauses); }

    public int clauseCount() { return clauses.size(); }

    public Map<Verdict, Long> endings() { return Map.copyOf(endings); }

    public long invalidCases() { return invalid; }
}
