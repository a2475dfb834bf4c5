package xmemck.report;

import xmemck.records.Matrix;
import xmemck.records.RunReport;
import xmemck.records.Totals;
import xmemck.records.Verdicts;
import xmemck.records.AdapterInfo;
import xmemck.records.ClauseLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.report.Fixtures.scenario;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import xmemck.oracle.Verdict;

class MatrixTest {

    private static Map<String, Matrix.Row> rows(Matrix m) {
        return m.rows().stream().collect(Collectors.toMap(r -> r.clause().id(), r -> r));
    }

    @Test
    void aClauseTakesTheWorstVerdictOfItsScenarios() {
        Map<String, Matrix.Row> rows = rows(Matrix.of(Fixtures.CATALOGUE, List.of(Fixtures.mixedRun())));
        assertEquals(Optional.of(Verdict.PASS), rows.get("xmemout.succ").cells().getFirst().verdict());
        assertEquals(Optional.of(Verdict.FAIL), rows.get("xmemout.fail.range").cells().getFirst().verdict(), "FAIL over PASS");
        assertEquals(Optional.of(Verdict.ERROR), rows.get("copyout.succ").cells().getFirst().verdict(), "ERROR over OUTSIDE-CONTRACT");
        assertEquals(Optional.of(Verdict.UNSUPPORTED), rows.get("copyout.fail.adi").cells().getFirst().verdict());
        assertEquals(2, rows.get("copyout.succ").cells().getFirst().scenarios().size());
    }

    @Test
    void unsupportedOutranksPassAndFailOutranksUnsupported() {
        var run = Fixtures.run(scenario("a", Verdict.PASS, "copyout.succ"), scenario("b", Verdict.UNSUPPORTED, "copyout.succ"),
                scenario("c", Verdict.UNSUPPORTED, "vm_mvc.enoent"), scenario("d", Verdict.FAIL, "vm_mvc.enoent"));
        Map<String, Matrix.Row> rows = rows(Matrix.of(Fixtures.CATALOGUE, List.of(run)));
        assertEquals(Optional.of(Verdict.UNSUPPORTED), rows.get("copyout.succ").cells().getFirst().verdict());
        assertEquals(Optional.of(Verdict.FAIL), rows.get("vm_mvc.enoent").cells().getFirst().verdict());
    }

    @Test
    void aClauseWithoutScenarioHasNoVerdict() {
        Map<String, Matrix.Row> rows = rows(Matrix.of(Fixtures.CATALOGUE, List.of(Fixtures.mixedRun())));
        Matrix.Cell cell = rows.get("vm_mvc.enoent").cells().getFirst();
        assertEquals(Optional.empty(), cell.verdict());
        assertTrue(cell.scenarios().isEmpty());
        assertEquals("NO-SCENARIO", Verdicts.label(cell.verdict()));
    }

    @Test
    void rowsFollowTheCatalogueGroupedByServiceAndUnknownIdsComeLast() {
        Matrix m = Matrix.of(Fixtures.CATALOGUE, List.of(Fixtures.mixedRun()));
        assertEquals(List.of("xmemout", "vm_mvc", "copyout", "inv"), m.groups().stream().map(Matrix.Group::service).toList());
        assertEquals(List.of("xmemout.succ", "xmemout.fail.range", "vm_mvc.enoent", "copyout.succ", "copyout.fail.adi", "inv.no-write-outside"),
                m.rows().stream().map(r -> r.clause().id()).toList());
        ClauseLine stray = m.rows().getLast().clause();
        assertFalse(stray.catalogued());
        assertTrue(m.rows().getFirst().clause().catalogued());
    }

    @Test
    void aScenarioTaggedTwiceWithOneClauseCountsOnce() {
        var run = Fixtures.run(scenario("twice", Verdict.PASS, "copyout.succ", "copyout.succ"));
        assertEquals(1, rows(Matrix.of(Fixtures.CATALOGUE, List.of(run))).get("copyout.succ").cells().getFirst().scenarios().size());
    }

    @Test
    void severalRunsGiveOneColumnEach() {
        var a = Fixtures.run(scenario("x", Verdict.PASS, "copyout.succ"));
        var b = new RunReport("0.1.0", new AdapterInfo("linux", "Linux 6.1", List.of(), Map.of()), "", 1,
                List.of(scenario("x", Verdict.FAIL, "copyout.succ")));
        Matrix m = Matrix.of(Fixtures.CATALOGUE, List.of(a, b));
        assertEquals(List.of("xmemck reference", "Linux 6.1"), m.columns().stream().map(Matrix.Column::label).toList());
        Matrix.Row row = rows(m).get("copyout.succ");
        assertEquals(Optional.of(Verdict.PASS), row.cells().get(0).verdict());
        assertEquals(Optional.of(Verdict.FAIL), row.cells().get(1).verdict());
        assertEquals(Optional.of(Verdict.FAIL), row.worst());
        assertEquals(Optional.empty(), rows(m).get("vm_mvc.enoent").worst());
    }

    @Test
    void totalsCountEveryVerdictIncludingZeros() {
        Totals t = Totals.of(Fixtures.mixedRun().scenarios());
        assertEquals(2, t.get(Verdict.PASS));
        assertEquals(1, t.get(Verdict.FAIL));
        assertEquals(1, t.get(Verdict.ERROR));
        assertEquals(1, t.get(Verdict.UNSUPPORTED));
        assertEquals(1, t.get(Verdict.OUTSIDE_CONTRACT));
        assertEquals(6, t.total());
        assertEquals(2, t.broken());
        Totals none = Totals.of(List.of());
        for (Verdict v : Verdict.values()) assertEquals(0, none.get(v));
    }

    @Test
    void aResultWithoutVerdictCountsAsError() {
        var r = new xmemck.harness.ScenarioResult("i", "n", "u", 1, List.of("copyout.succ"), null, null, 0, List.of(), Map.of());
        assertEquals(Verdict.ERROR, Verdicts.of(r));
        assertEquals(1, Totals.of(List.of(r)).get(Verdict.ERROR));
    }
}
