package xmemck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xmemck.files.KitJson;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;
import xmemck.records.Matrix;
import xmemck.records.ResultsJson;
import xmemck.records.RunReport;
import xmemck.records.SummaryJson;
import xmemck.records.Verdicts;

/**
 * Failures an expectations file lists: "FAIL (expected)" on every page, kept in results.json, not
 * counted against the run.
 */
class ExpectedFailuresTest {

    static final ScenarioResult FAILED =
            Fixtures.scenario("xmemout into a hole", Verdict.FAIL, "xmemout.fail.range");
    static final ScenarioResult PASSED =
            Fixtures.scenario("xmemout copies 8 bytes", Verdict.PASS, "xmemout.succ");
    static final String NOTE =
            "expected failure: acme.expectations:3: holes not checked (until 2027-03-31)";

    static RunReport run() {
        return Fixtures.run(FAILED, PASSED)
                .withExpected(Map.of(FAILED.id(), NOTE, PASSED.id(), "a pass is never expected"));
    }

    @Test
    void onlyAFailOrErrorCanBeExpected() {
        RunReport r = run();
        assertTrue(r.isExpected(FAILED));
        assertFalse(r.isExpected(PASSED));
        assertEquals(1, r.expectedFailures());
        assertEquals(0, r.unexpectedFailures());
        assertEquals("FAIL (expected)", Verdicts.label(r, FAILED));
        assertEquals("PASS", Verdicts.label(r, PASSED));
    }

    @Test
    void resultsJsonKeepsTheNoteSoRebuiltReportsShowItToo() {
        String json = ResultsJson.render(run());
        RunReport back = ResultsJson.read(json, "results.json");
        assertEquals(
                Map.of(FAILED.id(), NOTE),
                back.expected(),
                "the note of the failure; none for the pass");
        assertTrue(back.isExpected(back.scenarios().getFirst()));
    }

    @Test
    void thePagesAndSummaryShowIt() {
        RunReport r = run();
        Matrix m = Matrix.of(Fixtures.CATALOGUE, List.of(r));
        String index = IndexPage.render(r, m, List.of());
        assertTrue(index.contains(">FAIL (expected)</span>"), index);
        assertTrue(index.contains(Html.esc(NOTE)), index);
        assertTrue(
                index.contains(
                        "No unexpected FAIL or ERROR (2 scenarios; 1 failed as the expectations file says they would)."),
                index);
        assertTrue(
                index.contains("<span class=\"sub\">1 expected</span>"),
                "the FAIL tile says how many were expected");
        String matrix = MatrixPage.render(m, "m");
        assertTrue(
                matrix.contains("cell v-FAIL expected") && matrix.contains("FAIL (expected)"),
                "the clause's cell");
        Map<?, ?> summary = (Map<?, ?>) KitJson.parse(SummaryJson.render(r, m), "summary.json");
        assertEquals(1L, summary.get("expectedFailures"));
        assertEquals(true, summary.get("passed"));
        assertEquals(
                false,
                ((Map<?, ?>)
                                KitJson.parse(
                                        SummaryJson.render(Fixtures.run(FAILED, PASSED), m), "s"))
                        .get("passed"),
                "without the note it counts");
    }
}
