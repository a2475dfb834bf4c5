package xmemck.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Collects scenario results during a run, so that report writers see every result even when scenarios fail
 * or throw (results are added as each scenario ends, never at the end only).
 */
public final class RunRecorder {
    private static final RunRecorder GLOBAL = new RunRecorder();

    private final List<ScenarioResult> results = new ArrayList<>();
    private final Map<String, String> runInfo = new ConcurrentHashMap<>();

    /** The recorder shared by the glue and the report plugin of one JVM run. */
    public static RunRecorder global() { return GLOBAL; }

    public synchronized void add(ScenarioResult result) { results.add(result); }

    public synchronized List<ScenarioResult> results() { return List.copyOf(results); }

    public synchronized void clear() { results.clear(); runInfo.clear(); }

    /** Facts about the run (adapter name, implementation name, capabilities, seeds) for the reports. */
    public Map<String, String> runInfo() { return runInfo; }
}
