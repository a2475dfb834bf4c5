package xmemck.conformance;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;

/**
 * Compares what an implementation chose in a run, where the documentation leaves the choice open
 * ({@link ScenarioResult#implementationDefined()}), with its declared profile. Each scenario of the
 * run that is not an ERROR (whose answers are cut short) is compared answer by answer with the
 * declared scenario of the same feature file and name: an answer that changed, one that appeared,
 * one that is no longer given, and a scenario that gave answers but is not declared are all drift.
 * Declared scenarios the run did not reach (another shard, a tag filter) are not; call notes
 * ({@code "CALL: note.NAME"}, see {@link xmemck.records.ProfileJson#isNote}) are never compared.
 */
public final class ProfileDrift {
    private ProfileDrift() {}

    /**
     * One difference; {@code declared} or {@code observed} is null when that side has no answer.
     */
    public record Difference(
            String scenarioId, String scenarioName, String key, String declared, String observed) {
        public String describe() {
            String what =
                    declared == null
                            ? "not declared, now \"" + observed + "\""
                            : observed == null
                                    ? "declared \"" + declared + "\", no longer observed"
                                    : "declared \"" + declared + "\", now \"" + observed + "\"";
            return scenarioId + " (" + scenarioName + "): " + key + ": " + what;
        }
    }

    /** The outcome: every difference, and how many scenarios were compared. */
    public record Drift(List<Difference> differences, int compared, int undeclaredScenarios) {
        public Drift {
            differences = List.copyOf(differences);
        }

        public boolean none() {
            return differences.isEmpty();
        }
    }

    public static Drift compare(DeclaredProfile declared, List<ScenarioResult> results) {
        List<Difference> out = new ArrayList<>();
        int compared = 0, undeclared = 0;
        for (ScenarioResult r : results) {
            if (r.verdict() == Verdict.ERROR) continue;
            Map<String, String> seen = answers(r.implementationDefined());
            DeclaredProfile.Declared d =
                    declared.scenarios().get(DeclaredProfile.key(r.uri(), r.name()));
            if (d == null) {
                if (seen.isEmpty()) continue;
                undeclared++;
                for (String k : new java.util.TreeSet<>(seen.keySet()))
                    out.add(new Difference(r.id(), r.name(), k, null, seen.get(k)));
                continue;
            }
            compared++;
            Set<String> keys = new LinkedHashSet<>(answers(d.answers()).keySet());
            keys.addAll(new java.util.TreeSet<>(seen.keySet()));
            for (String k : keys) {
                String want = d.answers().get(k), got = seen.get(k);
                if (want == null ? got != null : !want.equals(got))
                    out.add(new Difference(r.id(), r.name(), k, want, got));
            }
        }
        return new Drift(out, compared, undeclared);
    }

    /**
     * The answers to open questions, without call notes: notes are information from the
     * implementation, never compared.
     */
    static Map<String, String> answers(Map<String, String> all) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        all.forEach(
                (k, v) -> {
                    if (!xmemck.records.ProfileJson.isNote(k)) out.put(k, v);
                });
        return out;
    }
}
