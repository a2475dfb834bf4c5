package xmemck.records;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;

/**
 * Everything the reports are rendered from: one run of the feature suite against one adapter. Every
 * page and JSON file is a pure function of this record (and of the clause catalogue), so a saved
 * run can be rendered again later without running anything.
 *
 * @param startedAt ISO-8601 instant the run started, or "" when unknown
 * @param expected scenario id to a note saying which expectations entry lists its failure as known
 *     (the implementation's expectations file, see {@code xmemck.conformance.Expectations}); a FAIL
 *     or ERROR scenario with a note is shown as "FAIL (expected)" and does not make the run
 *     unsuccessful
 */
public record RunReport(
        String kitVersion,
        AdapterInfo adapter,
        String startedAt,
        double durationSeconds,
        List<ScenarioResult> scenarios,
        Map<String, String> expected) {
    public RunReport {
        kitVersion = kitVersion == null ? "unknown" : kitVersion;
        adapter = adapter == null ? AdapterInfo.unknown() : adapter;
        startedAt = startedAt == null ? "" : startedAt;
        if (Double.isNaN(durationSeconds) || durationSeconds < 0) durationSeconds = 0;
        scenarios = List.copyOf(scenarios);
        expected =
                expected == null
                        ? Map.of()
                        : Collections.unmodifiableMap(new LinkedHashMap<>(expected));
    }

    /** A run without expectations (every FAIL and ERROR counts). */
    public RunReport(
            String kitVersion,
            AdapterInfo adapter,
            String startedAt,
            double durationSeconds,
            List<ScenarioResult> scenarios) {
        this(kitVersion, adapter, startedAt, durationSeconds, scenarios, Map.of());
    }

    /** The same run with these expected failures (scenario id to note). */
    public RunReport withExpected(Map<String, String> notes) {
        return new RunReport(kitVersion, adapter, startedAt, durationSeconds, scenarios, notes);
    }

    /**
     * Scenarios per second of wall time; 0 for an empty or instantaneous run rather than infinity.
     */
    public double scenariosPerSecond() {
        return durationSeconds <= 0 ? 0 : scenarios.size() / durationSeconds;
    }

    /**
     * Is {@code r} a FAIL or ERROR that the expectations file lists as known? (A PASS never is.)
     */
    public boolean isExpected(ScenarioResult r) {
        Verdict v = Verdicts.of(r);
        return (v == Verdict.FAIL || v == Verdict.ERROR) && expected.containsKey(r.id());
    }

    /** How many FAIL and ERROR scenarios are expected failures. */
    public int expectedFailures() {
        return (int) scenarios.stream().filter(this::isExpected).count();
    }

    /**
     * Did at least one scenario PASS? A run without one shows nothing that conforms, so it is never
     * passed.
     */
    public boolean anyPassed() {
        return scenarios.stream().anyMatch(r -> Verdicts.of(r) == Verdict.PASS);
    }

    /**
     * Nothing judged: no scenario passed or failed (every one UNSUPPORTED, OUTSIDE-CONTRACT or
     * ERROR, or none ran), so the run says nothing about conformance either way.
     */
    public boolean judgedNothing() {
        return scenarios.stream()
                .noneMatch(r -> Verdicts.of(r) == Verdict.PASS || Verdicts.of(r) == Verdict.FAIL);
    }

    /**
     * The run's outcome as far as its scenarios go: no FAIL or ERROR that no expectation covers,
     * and at least one PASS.
     */
    public boolean scenariosPassed() {
        return unexpectedFailures() == 0 && anyPassed();
    }

    /** FAIL and ERROR scenarios that no expectation covers: what makes the run unsuccessful. */
    public int unexpectedFailures() {
        return Totals.of(scenarios).broken() - expectedFailures();
    }
}
