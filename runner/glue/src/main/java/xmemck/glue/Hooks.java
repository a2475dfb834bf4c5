package xmemck.glue;

import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import io.cucumber.java.BeforeAll;
import io.cucumber.java.Scenario;
import io.cucumber.java.Status;
import java.util.ArrayList;
import java.util.List;
import xmemck.harness.RunRecorder;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;

/** Opens each scenario's world and records each scenario's result for the reports, whatever happened in it. */
public class Hooks {
    /** The tag prefix that names the documented clauses a scenario exercises. */
    public static final String CLAUSE_TAG = "@clause:";

    @Before(order = 0)
    public void start(Scenario scenario) {
        ScenarioRun.begin().start(ScenarioRun.relativeUri(scenario.getUri()) + ":" + scenario.getLine());
    }

    @After(order = 0)
    public void record(Scenario scenario) {
        String uri = ScenarioRun.relativeUri(scenario.getUri());
        int line = scenario.getLine() == null ? 0 : scenario.getLine();
        ScenarioResult result = ScenarioRun.current().finish(uri + ":" + line, scenario.getName(), uri, line, clauses(scenario), scenario.getStatus().name());
        RunRecorder.global().add(result);
        if (scenario.getStatus() == Status.PASSED && result.verdict() != Verdict.PASS) {
            // Never let a scenario whose verdict is not PASS look passed.
            throw new ScenarioError(result.reason());
        }
    }

    private static long runStarted;
    private static volatile double lastRunSeconds;

    /** A run starts with no results (a JVM may run the features more than once, as the tests do). */
    @BeforeAll
    public static void startRun() {
        RunRecorder.global().clear();
        runStarted = System.nanoTime();
    }

    @AfterAll
    public static void closeAdapter() {
        lastRunSeconds = (System.nanoTime() - runStarted) / 1e9;
        AdapterHolder.close();
    }

    /** Wall time from the first scenario's start to the last one's end in the last run (no start-up, no reports). */
    public static double lastRunSeconds() { return lastRunSeconds; }

    static List<String> clauses(Scenario scenario) {
        List<String> ids = new ArrayList<>();
        for (String tag : scenario.getSourceTagNames()) {
            if (tag.startsWith(CLAUSE_TAG) && !ids.contains(tag.substring(CLAUSE_TAG.length()))) ids.add(tag.substring(CLAUSE_TAG.length()));
        }
        return ids;
    }
}
