package xmemck.report;

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
import xmemck.records.AdapterInfo;
import xmemck.records.ClauseLine;
import xmemck.records.Matrix;
import xmemck.records.RunReport;
import xmemck.records.Totals;
import xmemck.records.Verdicts;

class MatrixTest {

    private static Map<String, Matrix.Row> rows(Matrix m) {
        return m.rows().stream().collect(Collectors.toMap(r -> r.clause().id(), r -> r));
    }

    @Test
    void aClauseTakesTheWorstVerdictOfItsScenarios() {
        Map<String, Matrix.Row> rows =
                rows(Matrix.of(Fixtures.CATALOGUE, List.of(Fixtures.mixedRun())));
        assertEquals(
                Optional.of(Verdict.PASS), rows.get("xmemout.succ").cells().getFirst().verdict());
        assertEquals(
                Optional.of(Verdict.FAIL),
                rows.get("xmemout.fail.range").cells().getFirst().verdict(),
                "FAIL over PASS");
        assertEquals(
                Optional.of(Verdict.ERROR),
                rows.get("copyout.succ").cells().getFirst().verdict(),
                "ERROR over OUTSIDE-CONTRACT");
        assertEquals(
                Optional.of(Verdict.UNSUPPORTED),
                rows.get("copyout.fail.adi").cells().getFirst().verdict());
        assertEquals(2, rows.get("copyout.succ").cells().getFirst().scenarios().size());
    }

    @Test
    void aPassWithUnsupportedScenariosIsAPartialPassAndFailOutranksUnsupported() {
        var run =
                Fixtures.run(
                        scenario("a", Verdict.PASS, "copyout.succ"),
                        scenario("b", Verdict.UNSUPPORTED, "copyout.succ"),
                        scenario("c", Verdict.UNSUPPORTED, "vm_mvc.enoent"),
                        scenario("d", Verdict.FAIL, "vm_mvc.enoent"),
                        scenario("e", Verdict.UNSUPPORTED, "copyout.fail.adi"),
                        scenario("f", Verdict.OUTSIDE_CONTRACT, "copyout.fail.adi"));
        Map<String, Matrix.Row> rows = rows(Matrix.of(Fixtures.CATALOGUE, List.of(run)));
        Matrix.Cell succ = rows.get("copyout.succ").cells().getFirst();
        assertEquals(
                Optional.of(Verdict.PASS),
                succ.verdict(),
                "one PASS: passed as far as the run went");
        assertTrue(succ.partial(), "but partial: another scenario could not be created");
        assertTrue(succ.judged());
        assertEquals(
                Optional.of(Verdict.FAIL), rows.get("vm_mvc.enoent").cells().getFirst().verdict());
        Matrix.Cell adi = rows.get("copyout.fail.adi").cells().getFirst();
        assertEquals(
                Optional.of(Verdict.UNSUPPORTED),
                adi.verdict(),
                "no PASS: UNSUPPORTED over OUTSIDE-CONTRACT");
        assertFalse(adi.judged());
        assertFalse(adi.partial());
    }

    @Test
    void theCellCountsEachVerdictFailAndErrorFirst() {
        var run =
                Fixtures.run(
                        scenario("p1", Verdict.PASS, "copyout.succ"),
                        scenario("p2", Verdict.PASS, "copyout.succ"),
                        scenario("u", Verdict.UNSUPPORTED, "copyout.succ"),
                        scenario("e", Verdict.ERROR, "copyout.succ"),
                        scenario("f", Verdict.FAIL, "copyout.succ"));
        Matrix.Cell cell =
                rows(Matrix.of(Fixtures.CATALOGUE, List.of(run)))
                        .get("copyout.succ")
                        .cells()
                        .getFirst();
        assertEquals(
                Optional.of(Verdict.FAIL),
                cell.verdict(),
                "a finding names the clause: FAIL, before ERROR");
        assertEquals(
                "1 FAIL · 1 ERROR · 2 PASS · 1 UNSUPPORTED", MatrixPage.countsText(cell, " · "));
        String html = MatrixPage.render(Matrix.of(Fixtures.CATALOGUE, List.of(run)), "m");
        assertTrue(
                html.contains(
                        "<div class=\"breakdown\">1 FAIL &middot; 1 ERROR &middot; 2 PASS &middot; 1 UNSUPPORTED</div>"),
                "the counts show in the cell");
    }

    @Test
    void aFailCountsOnlyOnTheClausesItsFindingsNameTheOtherTagsAreNotDecidedHere() {
        // Tagged with three clauses; its one finding names inv.no-write-outside, which it is not
        // even tagged with.
        var failing =
                new xmemck.harness.ScenarioResult(
                        "f:1",
                        "overruns by one byte",
                        "features/copyout/copyout.feature",
                        1,
                        List.of("copyout.succ", "copyout.fail.adi"),
                        Verdict.FAIL,
                        "FAIL violates inv.no-write-outside",
                        0.01,
                        List.of(),
                        Map.of(),
                        List.of(
                                new xmemck.oracle.Finding(
                                        "inv.no-write-outside",
                                        xmemck.oracle.Finding.Kind.WRITE_OUTSIDE,
                                        "dst+4096 written")),
                        List.of());
        var run = Fixtures.run(failing, scenario("p", Verdict.PASS, "copyout.succ"));
        Matrix m = Matrix.of(Fixtures.CATALOGUE, List.of(run));
        Map<String, Matrix.Row> rows = rows(m);
        Matrix.Cell succ = rows.get("copyout.succ").cells().getFirst();
        assertEquals(
                Optional.of(Verdict.PASS), succ.verdict(), "the FAIL does not decide copyout.succ");
        assertEquals(1, succ.notDecided().size());
        Matrix.Cell adi = rows.get("copyout.fail.adi").cells().getFirst();
        assertEquals(Optional.empty(), adi.verdict());
        assertEquals("NOT-DECIDED", adi.label(), "named, but no scenario decided it");
        assertFalse(adi.judged());
        Matrix.Cell outside = rows.get("inv.no-write-outside").cells().getFirst();
        assertEquals(Optional.of(Verdict.FAIL), outside.verdict(), "the clause the finding names");
        assertEquals(List.of("copyout.succ", "inv.no-write-outside"), m.judged(0));
        String html = MatrixPage.render(m, "m");
        assertTrue(html.contains("class=\"cell v-NOT-DECIDED\""), "the cell says not decided");
        assertTrue(html.contains("not decided here</span>"), "the detail row marks the scenario");
        assertTrue(
                html.contains(
                        "This scenario FAILED on <a href=\"matrix.html#clause-inv.no-write-outside\">"),
                "and links the clause it did fail");
    }

    @Test
    void aClauseWithoutScenarioHasNoVerdict() {
        Map<String, Matrix.Row> rows =
                rows(Matrix.of(Fixtures.CATALOGUE, List.of(Fixtures.mixedRun())));
        Matrix.Cell cell = rows.get("vm_mvc.enoent").cells().getFirst();
        assertEquals(Optional.empty(), cell.verdict());
        assertTrue(cell.scenarios().isEmpty());
        assertEquals("NO-SCENARIO", Verdicts.label(cell.verdict()));
    }

    @Test
    void rowsFollowTheCatalogueGroupedByServiceAndUnknownIdsComeLast() {
        Matrix m = Matrix.of(Fixtures.CATALOGUE, List.of(Fixtures.mixedRun()));
        assertEquals(
                List.of("xmemout", "vm_mvc", "copyout", "inv"),
                m.groups().stream().map(Matrix.Group::service).toList());
        assertEquals(
                List.of(
                        "xmemout.succ",
                        "xmemout.fail.range",
                        "vm_mvc.enoent",
                        "copyout.succ",
                        "copyout.fail.adi",
                        "inv.no-write-outside"),
                m.rows().stream().map(r -> r.clause().id()).toList());
        ClauseLine stray = m.rows().getLast().clause();
        assertFalse(stray.catalogued());
        assertTrue(m.rows().getFirst().clause().catalogued());
    }

    @Test
    void aScenarioTaggedTwiceWithOneClauseCountsOnce() {
        var run = Fixtures.run(scenario("twice", Verdict.PASS, "copyout.succ", "copyout.succ"));
        assertEquals(
                1,
                rows(Matrix.of(Fixtures.CATALOGUE, List.of(run)))
                        .get("copyout.succ")
                        .cells()
                        .getFirst()
                        .scenarios()
                        .size());
    }

    @Test
    void severalRunsGiveOneColumnEach() {
        var a = Fixtures.run(scenario("x", Verdict.PASS, "copyout.succ"));
        var b =
                new RunReport(
                        "0.1.0",
                        new AdapterInfo("linux", "Linux 6.1", List.of(), Map.of()),
                        "",
                        1,
                        List.of(scenario("x", Verdict.FAIL, "copyout.succ")));
        Matrix m = Matrix.of(Fixtures.CATALOGUE, List.of(a, b));
        assertEquals(
                List.of("xmemck reference", "Linux 6.1"),
                m.columns().stream().map(Matrix.Column::label).toList());
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
        var r =
                new xmemck.harness.ScenarioResult(
                        "i",
                        "n",
                        "u",
                        1,
                        List.of("copyout.succ"),
                        null,
                        null,
                        0,
                        List.of(),
                        Map.of());
        assertEquals(Verdict.ERROR, Verdicts.of(r));
        assertEquals(1, Totals.of(List.of(r)).get(Verdict.ERROR));
    }
}
