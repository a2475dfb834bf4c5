package xmemck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.report.Fixtures.scenario;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import xmemck.oracle.Verdict;
import xmemck.records.AdapterInfo;
import xmemck.records.Matrix;
import xmemck.records.RunReport;
import xmemck.records.Verdicts;

/** matrix.html and index.html: colours, content, escaping, self-containment, the empty run. */
class PagesTest {

    private static String matrixPage(RunReport run) {
        return MatrixPage.render(Matrix.of(Fixtures.CATALOGUE, List.of(run)), "Conformance matrix");
    }

    private static String indexPage(RunReport run, List<ReportFile> files) {
        return IndexPage.render(run, Matrix.of(Fixtures.CATALOGUE, List.of(run)), files);
    }

    @Test
    void everyVerdictHasItsOwnColour() {
        Set<String> colours = new HashSet<>();
        for (Optional<Verdict> v : Html.legendOrder()) colours.add(Html.background(v));
        assertEquals(6, colours.size(), "five verdicts and no-scenario, all distinct: " + colours);
    }

    @Test
    void theMatrixColoursEachCellByItsVerdict() {
        String html = matrixPage(Fixtures.mixedRun());
        for (Optional<Verdict> v : Html.legendOrder()) {
            String css = "." + Verdicts.cssClass(v) + " { background: " + Html.background(v);
            assertTrue(html.contains(css), "style rule for " + Verdicts.label(v) + " present");
        }
        // One cell button per row (one run), each with the class of the row's verdict.
        assertEquals(
                List.of("v-PASS", "v-FAIL", "v-NO-SCENARIO", "v-ERROR", "v-UNSUPPORTED", "v-ERROR"),
                cellClasses(html));
    }

    private static List<String> cellClasses(String html) {
        Matcher m =
                Pattern.compile("<button type=\"button\" class=\"cell (v-[A-Z-]+)\"").matcher(html);
        List<String> out = new java.util.ArrayList<>();
        while (m.find()) out.add(m.group(1));
        return out;
    }

    @Test
    void theMatrixShowsClauseSummarySourceAndTheScenariosBehindACell() {
        String html = matrixPage(Fixtures.mixedRun());
        assertTrue(html.contains("<code>xmemout.fail.range</code>"));
        assertTrue(html.contains("an invalid range fails"));
        assertTrue(
                html.contains(
                        "<a href=\"https://example.org/xmemout\" title=\"xmemout Kernel Service\">xmemout (AIX)</a>, Return Values<br><a href=\"https://example.org/fr/xmemout\""));
        assertTrue(
                html.contains("xmemout <span class=\"muted\">(2 clauses)</span>"),
                "service group header");
        // hover text and detail row of the FAIL cell name both scenarios, the failing one first
        assertTrue(
                html.contains(
                        "1 FAIL, 1 PASS&#10;FAIL: xmemout into a hole&#10;PASS: xmemout range again"),
                "hover lists scenarios worst first");
        assertTrue(html.contains("<td class=\"name\">xmemout into a hole</td>"));
        assertTrue(
                html.contains(
                        "inv.no-write-outside: dst+4096 (guard page) expected 0x5a found 0x00"),
                "reason shown");
        assertTrue(
                html.contains("features/copyout/copyout.feature:12"),
                "location shown without the machine's prefix");
        assertFalse(html.contains("/somewhere/"), "no machine path");
        assertTrue(
                html.contains("(unknown id: check the scenario's @clause tag)"),
                "a stray clause id is flagged");
    }

    @Test
    void namesAreEscapedEverywhere() {
        String matrix = matrixPage(Fixtures.mixedRun());
        String index = indexPage(Fixtures.mixedRun(), List.of());
        String escaped =
                "copy &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quoted&quot; &#39;single&#39;";
        for (String html : List.of(matrix, index)) {
            assertFalse(html.contains(Fixtures.NASTY), "raw name must not appear");
            assertFalse(html.contains("<script>alert"), "no injected script");
            assertTrue(html.contains(escaped), "escaped name appears");
        }
        assertEquals(1, count(matrix, "<script>"), "only the page's own script");
        assertEquals(0, count(index, "<script>"));
    }

    private static int count(String s, String what) {
        int n = 0;
        for (int i = s.indexOf(what); i >= 0; i = s.indexOf(what, i + 1)) n++;
        return n;
    }

    @Test
    void pagesAreSelfContained() {
        for (String html :
                List.of(
                        matrixPage(Fixtures.mixedRun()),
                        indexPage(Fixtures.mixedRun(), List.of()))) {
            // Links to the manual pages' public addresses are for the reader to follow; nothing is
            // loaded from anywhere.
            assertFalse(
                    html.replaceAll("<a href=\"https://[^\"]*\"", "").contains("https://")
                            || html.contains("http://"),
                    "nothing fetched from the network");
            assertFalse(html.contains("<link") || html.contains(" src="), "no external resources");
            assertTrue(html.startsWith("<!DOCTYPE html>"));
            assertTrue(html.contains("<meta charset=\"utf-8\">"));
        }
    }

    @Test
    void theIndexShowsAdapterTotalsLinksAndProblems() {
        List<ReportFile> files =
                List.of(
                        ReportFile.ok("Conformance matrix", "matrix.html", "clauses"),
                        ReportFile.missing("Allure report", "Allure commandline 2.34.0 not found"));
        String html = indexPage(Fixtures.mixedRun(), files);
        assertTrue(
                html.contains(
                        "Adapter <strong>reference</strong> (implementation <strong>xmemck reference</strong>)"));
        assertTrue(html.contains("2 of 6 scenarios FAILED or ended in ERROR."));
        for (Verdict v : Verdict.values()) {
            assertTrue(
                    html.contains("<div class=\"tile v-" + v.label() + "\""),
                    "tile for " + v.label());
        }
        assertTrue(html.contains("<span class=\"n\">2</span>PASS"));
        assertTrue(html.contains("<a href=\"matrix.html\">Conformance matrix</a>"));
        assertTrue(
                html.contains(
                        "<strong>Allure report: not produced</strong> <span class=\"muted\">Allure commandline 2.34.0 not found</span>"));
        assertTrue(html.contains("Scenarios that did not pass (4)"));
        assertTrue(
                html.contains("UNSUPPORTED: ADI version tags: not on this hardware"),
                "skip reason shown");
        assertTrue(
                html.contains("OUTSIDE-CONTRACT: copyout.ctx.user-only"),
                "outside-contract reason shown");
        assertTrue(
                html.contains("<td class=\"mono\">ADI</td><td>not on this hardware</td>"),
                "missing capability and reason");
        assertTrue(html.contains("<code>vm_mvc.enoent</code>"), "clause without scenario named");
        // worst first: the ERROR row comes before the FAIL row, which comes before UNSUPPORTED
        int error = html.indexOf("copyout crashes"),
                fail = html.indexOf("xmemout into a hole"),
                unsup = html.indexOf("UNSUPPORTED: ADI");
        assertTrue(error < fail && fail < unsup, "worst first");
    }

    @Test
    void anEmptyRunSaysSoOnEveryPage() {
        RunReport empty = new RunReport("0.1.0", AdapterInfo.unknown(), "", 0, List.of());
        String index = indexPage(empty, List.of());
        assertTrue(
                index.contains(
                        "No scenario ran: this run shows nothing about the implementation."));
        assertTrue(index.contains("0.0 scenarios/s"));
        String matrix = matrixPage(empty);
        assertEquals(
                5,
                count(matrix, "class=\"cell v-NO-SCENARIO\""),
                "every catalogued clause shown as having no scenario");
        String bare = MatrixPage.render(Matrix.of(List.of(), List.of(empty)), "m");
        assertTrue(bare.contains("No clauses and no scenarios."));
    }

    @Test
    void aCombinedMatrixHasOneColumnPerRun() {
        var a = Fixtures.run(scenario("x", Verdict.PASS, "copyout.succ"));
        var b =
                new RunReport(
                        "0.1.0",
                        new AdapterInfo("linux", "Linux 6.1", List.of(), java.util.Map.of()),
                        "",
                        1,
                        List.of(scenario("x", Verdict.FAIL, "copyout.succ")));
        String html = MatrixPage.render(Matrix.of(Fixtures.CATALOGUE, List.of(a, b)), "combined");
        assertEquals(10, cellClasses(html).size(), "5 clauses x 2 runs");
        assertTrue(
                html.contains("<th class=\"run\">Linux 6.1<br><span class=\"muted\">linux</span>"));
        assertTrue(html.contains("data-worst=\"FAIL\""));
    }
}
