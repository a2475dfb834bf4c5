package xmemck.glue;

import io.cucumber.java.After;
import io.cucumber.java.AfterAll;
import io.cucumber.java.Before;
import io.cucumber.java.BeforeAll;
import io.cucumber.java.Scenario;
import io.cucumber.java.Status;
import java.util.ArrayList;
import java.util.List;
import xmemck.harness.ScenarioResult;
import xmemck.harness.Step;
import xmemck.ops.Op;
import xmemck.oracle.Verdict;

/**
 * Opens each scenario's world and attaches each scenario's result to it (see {@link
 * ResultAttachments}), whatever happened in it.
 */
public class Hooks {
    /** The tag prefix that names the documented clauses a scenario exercises. */
    public static final String CLAUSE_TAG = "@clause:";

    private final ScenarioRun run;

    public Hooks(ScenarioRun run) {
        this.run = run;
    }

    @Before(order = 0)
    public void start(Scenario scenario) {
        run.start(ScenarioRun.relativeUri(scenario.getUri()) + ":" + scenario.getLine());
    }

    @After(order = 0)
    public void record(Scenario scenario) {
        String uri = ScenarioRun.relativeUri(scenario.getUri());
        int line = scenario.getLine() == null ? 0 : scenario.getLine();
        ScenarioResult result =
                run.finish(
                        uri + ":" + line,
                        scenario.getName(),
                        uri,
                        line,
                        clauses(scenario),
                        scenario.getStatus().name());
        if (RunScope.current().flag(ScenarioRun.EXPLAIN)) {
            List<Op> ops = new ArrayList<>();
            for (Step s : run.steps()) if (s.op() != null) ops.add(s.op());
            scenario.attach(ResultAttachments.ops(ops), ResultAttachments.OPS, "xmemck operations");
        }
        java.util.Map<String, String> info = AdapterPool.run().infoIfChanged();
        if (info != null)
            scenario.attach(ResultAttachments.info(info), ResultAttachments.RUN_INFO, "xmemck run");
        scenario.attach(
                ResultAttachments.result(result), ResultAttachments.RESULT, "xmemck result");
        // The failing call's picture, for readers of cucumber.html and Allure (the kit's pages draw
        // it from the result).
        for (xmemck.oracle.Picture p : result.pictures()) {
            scenario.attach(
                    xmemck.picture.PictureSvg.svg(p),
                    "image/svg+xml",
                    "what the call left in " + p.description());
        }
        if (scenario.getStatus() == Status.PASSED && result.verdict() != Verdict.PASS) {
            // Never let a scenario whose verdict is not PASS look passed.
            throw new ScenarioError(result.reason());
        }
    }

    @BeforeAll
    public static void startRun() {
        AdapterPool.run().runStarts();
    }

    @AfterAll
    public static void closeAdapters() {
        AdapterPool.run().closeAll();
    }

    static List<String> clauses(Scenario scenario) {
        List<String> ids = new ArrayList<>();
        for (String tag : scenario.getSourceTagNames()) {
            if (tag.startsWith(CLAUSE_TAG) && !ids.contains(tag.substring(CLAUSE_TAG.length())))
                ids.add(tag.substring(CLAUSE_TAG.length()));
        }
        return ids;
    }
}
