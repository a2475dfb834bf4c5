package xmemck.records;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;

/** How many scenarios ended with each verdict; every verdict is present, zero included. */
public record Totals(Map<Verdict, Integer> counts) {
    public Totals {
        EnumMap<Verdict, Integer> all = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) all.put(v, counts.getOrDefault(v, 0));
        counts = java.util.Collections.unmodifiableMap(all);
    }

    public static Totals of(Collection<ScenarioResult> scenarios) {
        EnumMap<Verdict, Integer> c = new EnumMap<>(Verdict.class);
        for (ScenarioResult r : scenarios) c.merge(Verdicts.of(r), 1, Integer::sum);
        return new Totals(c);
    }

    public int get(Verdict v) {
        return counts.get(v);
    }

    public int total() {
        return counts.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** FAIL or ERROR scenarios: what makes a run unsuccessful. */
    public int broken() {
        return get(Verdict.FAIL) + get(Verdict.ERROR);
    }
}
