package xmemck.report;

import static xmemck.report.Html.badge;
import static xmemck.report.Html.esc;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;
import xmemck.records.AdapterInfo;
import xmemck.records.Matrix;
import xmemck.records.RunReport;
import xmemck.records.Totals;
import xmemck.records.Verdicts;

/**
 * index.html: the front page of a run. The adapter and its capabilities, the verdict totals, links
 * to every other output (and why one is missing), then the scenarios that did not pass, worst
 * first.
 */
public final class IndexPage {
    private IndexPage() {}

    public static String render(RunReport run, Matrix oneRun, List<ReportFile> files) {
        Totals t = Totals.of(run.scenarios());
        StringBuilder b = new StringBuilder();
        b.append("<h1>xmemck conformance report</h1>\n");
        for (ReportFile f : files)
            if (f.label().equals(ReportWriter.INCOMPLETE_LABEL))
                b.append("<p class=\"outcome bad\"><strong>This run did not finish</strong>: ")
                        .append(esc(f.note()))
                        .append("</p>\n");
        b.append("<p>Adapter <strong>").append(esc(run.adapter().id())).append("</strong>");
        if (!run.adapter().name().equals(run.adapter().id()))
            b.append(" (implementation <strong>")
                    .append(esc(run.adapter().name()))
                    .append("</strong>)");
        b.append(" &middot; kit ").append(esc(run.kitVersion()));
        if (!run.startedAt().isEmpty()) b.append(" &middot; started ").append(esc(run.startedAt()));
        b.append(" &middot; ")
                .append(String.format(Locale.ROOT, "%.2f", run.durationSeconds()))
                .append(" s")
                .append(" &middot; ")
                .append(String.format(Locale.ROOT, "%.1f", run.scenariosPerSecond()))
                .append(" scenarios/s</p>\n");

        int expected = run.expectedFailures();
        int unexpected = run.unexpectedFailures();
        boolean nothing = run.judgedNothing();
        b.append("<p class=\"outcome ")
                .append(
                        run.scenarios().isEmpty()
                                ? "none"
                                : unexpected > 0 ? "bad" : run.anyPassed() ? "ok" : "none")
                .append("\">");
        if (run.scenarios().isEmpty())
            b.append("No scenario ran: this run shows nothing about the implementation.");
        else if (nothing && unexpected == 0)
            b.append("Nothing judged: no scenario passed or failed (")
                    .append(t.total())
                    .append(
                            " scenarios, all UNSUPPORTED or OUTSIDE-CONTRACT). This run is not passed and makes no conformance claim.");
        else if (t.broken() == 0)
            b.append("No scenario FAILED or ended in ERROR (")
                    .append(t.total())
                    .append(" scenarios).");
        else if (unexpected == 0)
            b.append("No unexpected FAIL or ERROR (")
                    .append(t.total())
                    .append(" scenarios; ")
                    .append(expected)
                    .append(" failed as the expectations file says they would).");
        else {
            b.append(unexpected)
                    .append(" of ")
                    .append(t.total())
                    .append(" scenarios FAILED or ended in ERROR");
            if (expected > 0)
                b.append(", and ")
                        .append(expected)
                        .append(" more failed as the expectations file says they would");
            b.append('.');
            if (nothing) b.append(" Nothing else was judged: no scenario passed or failed.");
        }
        if (!run.scenarios().isEmpty() && !nothing && !run.anyPassed())
            b.append(" No scenario passed, so the run is not passed.");
        b.append("</p>\n");

        b.append("<div class=\"tiles\">");
        for (Optional<Verdict> v : Html.legendOrder()) {
            if (v.isEmpty()) continue;
            b.append("<div class=\"tile ")
                    .append(Verdicts.cssClass(v))
                    .append("\" title=\"")
                    .append(esc(Html.meaning(v)))
                    .append("\"><span class=\"n\">")
                    .append(t.get(v.get()))
                    .append("</span>")
                    .append(esc(Verdicts.label(v)));
            long exp =
                    run.scenarios().stream()
                            .filter(r -> Verdicts.of(r) == v.get() && run.isExpected(r))
                            .count();
            if (exp > 0) b.append("<span class=\"sub\">").append(exp).append(" expected</span>");
            b.append("</div>");
        }
        b.append("</div>\n");

        b.append("<h2>Reports</h2>\n<ul class=\"files\">\n");
        for (ReportFile f : files) {
            b.append("<li>");
            if (f.produced())
                b.append("<a href=\"")
                        .append(esc(f.href()))
                        .append("\">")
                        .append(esc(f.label()))
                        .append("</a>");
            else
                b.append("<strong>")
                        .append(esc(f.label()))
                        .append(f.pending() ? ": being generated" : ": not produced")
                        .append("</strong>");
            if (f.note() != null && !f.note().isEmpty())
                b.append(" <span class=\"muted\">").append(esc(f.note())).append("</span>");
            b.append("</li>\n");
        }
        b.append("</ul>\n");
        if (!run.scenarios().isEmpty()) passRates(b, PassRates.of(t));

        clauses(b, oneRun);
        problems(b, run);
        capabilities(b, run.adapter());
        return Html.page("xmemck report: " + run.adapter().id(), CSS, b.toString(), "");
    }

    /**
     * Why Cucumber's and Allure's reports print different pass rates for this run: they divide by
     * different counts (see {@link PassRates}). Said where a reader follows the links to them.
     */
    private static void passRates(StringBuilder b, PassRates r) {
        b.append(
                        "<p class=\"rates\" id=\"pass-rates\">Cucumber and Allure print different pass rates for the same run when"
                                + " scenarios are skipped. Both show UNSUPPORTED and OUTSIDE-CONTRACT scenarios as skipped, never as passed, but"
                                + " Cucumber divides the passed scenarios by all of them (here ")
                .append(r.passed())
                .append(" / ")
                .append(r.all())
                .append(" = ")
                .append(r.cucumber())
                .append(
                        "), while Allure's Overview divides them by those that passed, failed or"
                                + " broke, leaving the ")
                .append(r.skipped())
                .append(" skipped out (")
                .append(r.passed())
                .append(" / ")
                .append(r.judged())
                .append(" = ")
                .append(r.allure())
                .append("). The tiles above count every scenario once, by its verdict.</p>\n");
    }

    private static void clauses(StringBuilder b, Matrix m) {
        java.util.Map<String, Integer> byLabel = new java.util.LinkedHashMap<>();
        for (Verdict v : Matrix.ROLL_UP) byLabel.put(v.label(), 0);
        byLabel.put(Verdicts.NOT_DECIDED, 0);
        byLabel.put(Verdicts.NO_SCENARIO, 0);
        int partial = 0;
        List<Matrix.Row> unreached = new java.util.ArrayList<>();
        for (Matrix.Row r : m.rows()) {
            Matrix.Cell cell = r.cells().getFirst();
            byLabel.merge(cell.label(), 1, Integer::sum);
            if (cell.partial()) partial++;
            if (cell.scenarios().isEmpty()) unreached.add(r);
        }
        List<String> judged = m.judged(0);
        List<String> notJudged = m.notJudged(0);
        b.append("<h2>Clauses</h2>\n");
        b.append("<p class=\"judged\" id=\"judged\"><strong>")
                .append(judged.size())
                .append(" of ")
                .append(judged.size() + notJudged.size())
                .append(
                        " clauses judged</strong> (a scenario passed on the clause, or a finding of a FAIL names it).");
        if (!notJudged.isEmpty()) {
            b.append(" Not judged by this run (").append(notJudged.size()).append("): ");
            for (int i = 0; i < notJudged.size(); i++)
                b.append(i == 0 ? "" : ", ").append(clauseLink(notJudged.get(i)));
            b.append('.');
        }
        b.append("</p>\n<p>")
                .append(m.rows().size())
                .append(
                        " clauses by the colour of their cell in the <a href=\"matrix.html\">conformance matrix</a>: ");
        byLabel.forEach(
                (label, n) ->
                        b.append("<span class=\"badge v-")
                                .append(esc(label))
                                .append("\">")
                                .append(esc(label))
                                .append("</span> ")
                                .append(n)
                                .append(" &nbsp;"));
        b.append("(")
                .append(partial)
                .append(" of the PASS partial: some of their scenarios were UNSUPPORTED).</p>\n");
        if (!unreached.isEmpty()) {
            b.append("<p>Clauses no scenario of this run names: ");
            for (int i = 0; i < unreached.size(); i++) {
                b.append(i == 0 ? "" : ", ").append(clauseLink(unreached.get(i).clause().id()));
            }
            b.append("</p>\n");
        }
    }

    private static void problems(StringBuilder b, RunReport run) {
        List<ScenarioResult> notPassed =
                MatrixPage.worstFirst(
                        run.scenarios().stream()
                                .filter(r -> Verdicts.of(r) != Verdict.PASS)
                                .toList());
        b.append("<h2>Scenarios that did not pass (").append(notPassed.size()).append(")</h2>\n");
        if (notPassed.isEmpty()) {
            b.append("<p>")
                    .append(
                            run.scenarios().isEmpty()
                                    ? "No scenario ran."
                                    : "Every scenario passed.")
                    .append("</p>\n");
        } else {
            b.append(
                    "<table class=\"scenarios\"><tr><th>Verdict</th><th>Scenario</th><th>Clauses (broken first)</th><th>Where</th><th>Reason</th></tr>\n");
            for (ScenarioResult r : notPassed) {
                b.append("<tr><td>")
                        .append(badge(run, r))
                        .append("</td><td>")
                        .append(esc(r.name()))
                        .append("</td><td class=\"mono\">")
                        .append(clausesCell(r))
                        .append("</td><td class=\"mono\">")
                        .append(esc(Html.location(r.uri(), r.line())))
                        .append("</td><td>");
                if (run.isExpected(r))
                    b.append("<p class=\"expected-note\">")
                            .append(esc(run.expected().get(r.id())))
                            .append("</p>");
                if (r.reason() != null && !r.reason().isBlank())
                    b.append("<pre>").append(esc(r.reason())).append("</pre>");
                if (Verdicts.of(r) == Verdict.FAIL)
                    for (xmemck.oracle.Picture p : r.pictures())
                        b.append(xmemck.picture.PictureSvg.figure(p));
                b.append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
        long passed = run.scenarios().stream().filter(r -> Verdicts.of(r) == Verdict.PASS).count();
        if (passed > 0) {
            b.append("<details><summary>Scenarios that passed (")
                    .append(passed)
                    .append(")</summary>\n<ul class=\"passed\">\n");
            for (ScenarioResult r : run.scenarios()) {
                if (Verdicts.of(r) != Verdict.PASS) continue;
                b.append("<li>")
                        .append(badge(Verdict.PASS))
                        .append(" ")
                        .append(esc(r.name()))
                        .append(" <span class=\"muted mono\">")
                        .append(esc(Html.location(r.uri(), r.line())))
                        .append("</span></li>\n");
            }
            b.append("</ul></details>\n");
        }
    }

    /**
     * A scenario's clauses: for a FAIL, those its findings break ("violates"), then its other tags
     * ("not decided here"); otherwise its tags.
     */
    private static String clausesCell(ScenarioResult r) {
        if (Verdicts.of(r) != Verdict.FAIL)
            return String.join(" ", r.clauses().stream().map(IndexPage::clauseLink).toList());
        List<String> broken = r.violated();
        List<String> others =
                r.clauses().stream().distinct().filter(c -> !broken.contains(c)).toList();
        StringBuilder b =
                new StringBuilder("violates ")
                        .append(
                                String.join(
                                        " ", broken.stream().map(IndexPage::clauseLink).toList()));
        if (!others.isEmpty()) {
            b.append("<br><span class=\"muted\">not decided here: ")
                    .append(String.join(" ", others.stream().map(IndexPage::clauseLink).toList()))
                    .append("</span>");
        }
        return b.toString();
    }

    /** A clause id linking to its row in the matrix, which opens the row's details. */
    static String clauseLink(String id) {
        return "<a href=\"matrix.html#clause-"
                + esc(java.net.URLEncoder.encode(id, java.nio.charset.StandardCharsets.UTF_8))
                + "\"><code>"
                + esc(id)
                + "</code></a>";
    }

    private static void capabilities(StringBuilder b, AdapterInfo a) {
        b.append("<h2>Adapter capabilities</h2>\n");
        b.append("<p>Supported: ");
        if (a.capabilities().isEmpty()) b.append("<span class=\"muted\">none recorded</span>");
        else
            b.append("<span class=\"mono\">")
                    .append(esc(String.join(", ", a.capabilities())))
                    .append("</span>");
        b.append("</p>\n");
        if (!a.missing().isEmpty()) {
            b.append(
                    "<table><tr><th>Missing capability</th><th>Reason given by the adapter</th></tr>\n");
            for (Map.Entry<String, String> e : a.missing().entrySet()) {
                b.append("<tr><td class=\"mono\">")
                        .append(esc(e.getKey()))
                        .append("</td><td>")
                        .append(esc(e.getValue()))
                        .append("</td></tr>\n");
            }
            b.append("</table>\n");
        }
    }

    private static final String CSS =
            """
            .outcome { font-size: 16px; font-weight: 600; padding: 8px 12px; border-radius: 6px; display: inline-block; }
            .outcome.ok { background: #e3f3e6; } .outcome.none { background: #eeeeee; } .outcome.bad { background: #fbe3e3; }
            ul.files li { margin: 3px 0; }
            p.rates { max-width: 60em; font-size: 13px; color: #555; }
            .tile .sub { display: block; font-size: 12px; font-weight: 400; }
            .expected-note { margin: 2px 0 4px; font-style: italic; }
            table.scenarios { width: 100%; }
            ul.passed { columns: 2; font-size: 13px; }
            p.judged { max-width: 70em; }
            figure.picture { margin: 8px 0; } figure.picture figcaption { font-size: 12.5px; margin-bottom: 4px; }
            """;
}
