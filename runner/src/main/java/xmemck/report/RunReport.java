package xmemck.report;

import java.util.List;
import xmemck.harness.ScenarioResult;

/**
 * Everything the reports are rendered from: one run of the feature suite against one adapter. Every page and
 * JSON file is a pure function of this record (and of the clause catalogue), so a saved run can be rendered
 * again later without running anything.
 *
 * @param startedAt ISO-8601 instant the run started, or "" when unknown
 */
public record RunReport(String kitVersion, AdapterInfo adapter, String startedAt, double durationSeconds,
                        List<ScenarioResult> scenarios) {
    public RunReport {
        kitVersion = kitVersion == null ? "unknown" : kitVersion;
        adapter = adapter == null ? AdapterInfo.unknown() : adapter;
        startedAt = startedAt == null ? "" : startedAt;
        if (Double.isNaN(durationSeconds) || durationSeconds < 0) durationSeconds = 0;
        scenarios = List.copyOf(scenarios);
    }

    /** Scenarios per second of wall time; 0 for an empty or instantaneous run rather than infinity. */
    public double scenariosPerSecond() {
        return durationSeconds <= 0 ? 0 : scenarios.size() / durationSeconds;
    }
}
