package xmemck.report;

import static xmemck.report.Html.badge;
import static xmemck.report.Html.esc;

import java.util.List;
import java.util.Optional;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;
import xmemck.records.ClauseLine;
import xmemck.records.Matrix;
import xmemck.records.Totals;
import xmemck.records.Verdicts;

/**
 * matrix.html: clauses (grouped by service) by runs. Each cell is coloured by its worst verdict;
 * hovering shows the scenarios behind it, clicking opens their names, verdicts, locations and
 * reasons below the row. The data lives in the HTML itself (escaped once, here); the script only
 * shows and hides rows.
 */
public final class MatrixPage {
    private MatrixPage() {}

    /** How many scenarios a cell's hover text lists before pointing to the click. */
    static final int HOVER_LIMIT = 12;

    public static String render(Matrix m, String title) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(title)).append("</h1>\n");
        b.append("<p class=\"muted\">Rows are the documented clauses, grouped by service; ")
                .append(
                        m.columns().size() == 1
                                ? "the column is the run"
                                : "each column is one run")
                .append(
                        ". A cell counts the scenarios that name the clause by their verdict on it, FAIL and ERROR first, and takes its")
                .append(
                        " colour from FAIL or ERROR if any, else PASS when at least one passed (\"partial\" when others were")
                .append(
                        " UNSUPPORTED), else UNSUPPORTED or OUTSIDE-CONTRACT. A FAIL counts only on the clauses its findings name;")
                .append(" on the scenario's other tags it is \"not decided here\". ")
                .append(
                        "A cell marked \"emulated by the adapter\" is a clause the run's adapter answers with its own code rather than the implementation's (the reason is in its hover text and details): its verdict says nothing about the implementation. ")
                .append("Hover a cell to see its scenarios, click it to open their details.")
                .append(" <a href=\"index.html\">Back to the report index</a>.</p>\n");
        legend(b);
        b.append("<p class=\"controls\"><label><input type=\"checkbox\" id=\"only-problems\"> ")
                .append("Show only clauses that are not PASS in every column</label></p>\n");

        int span = 3 + m.columns().size();
        b.append(
                "<table class=\"matrix\">\n<thead><tr><th>Clause</th><th>Summary</th><th>Source</th>");
        for (Matrix.Column c : m.columns()) {
            b.append("<th class=\"run\">").append(esc(c.label()));
            if (!c.adapter().id().equals(c.label()))
                b.append("<br><span class=\"muted\">")
                        .append(esc(c.adapter().id()))
                        .append("</span>");
            if (!c.startedAt().isEmpty())
                b.append("<br><span class=\"muted\">").append(esc(c.startedAt())).append("</span>");
            b.append("<br><span class=\"muted\">")
                    .append(c.totals().total())
                    .append(" scenarios</span></th>");
        }
        b.append("</tr></thead>\n");
        if (m.groups().isEmpty()) {
            b.append("<tbody><tr><td colspan=\"")
                    .append(span)
                    .append("\">No clauses and no scenarios.</td></tr></tbody>\n");
        }
        int rowNo = 0;
        for (Matrix.Group g : m.groups()) {
            b.append("<tbody class=\"group\">\n<tr class=\"service\"><th colspan=\"")
                    .append(span)
                    .append("\">")
                    .append(esc(g.service()))
                    .append(" <span class=\"muted\">(")
                    .append(g.rows().size())
                    .append(g.rows().size() == 1 ? " clause" : " clauses")
                    .append(")</span></th></tr>\n");
            for (Matrix.Row row : g.rows()) {
                row(b, m, row, rowNo++, span);
            }
            b.append("</tbody>\n");
        }
        b.append("</table>\n");
        return Html.page(title, CSS, b.toString(), SCRIPT);
    }

    private static void legend(StringBuilder b) {
        b.append("<div class=\"legend\">");
        for (Optional<Verdict> v : Html.legendOrder()) {
            b.append("<span>")
                    .append(badge(v))
                    .append(" ")
                    .append(esc(Html.meaning(v)))
                    .append("</span>");
        }
        b.append("<span><span class=\"badge v-")
                .append(Verdicts.NOT_DECIDED)
                .append("\">")
                .append(Verdicts.NOT_DECIDED)
                .append(
                        "</span> every scenario that names the clause FAILED on other clauses: not decided here</span>");
        b.append("</div>\n");
    }

    private static void row(StringBuilder b, Matrix m, Matrix.Row row, int rowNo, int span) {
        ClauseLine c = row.clause();
        Optional<Verdict> worst = row.worst();
        b.append("<tr class=\"clause\" id=\"clause-")
                .append(esc(c.id()))
                .append("\" data-row=\"")
                .append(rowNo)
                .append("\" data-worst=\"")
                .append(Verdicts.label(worst))
                .append("\">");
        b.append("<td class=\"id\"><code>").append(esc(c.id())).append("</code>");
        if (!c.kind().isEmpty())
            b.append("<br><span class=\"muted kind\">")
                    .append(esc(c.kind().toLowerCase().replace('_', ' ')))
                    .append("</span>");
        b.append("</td><td class=\"summary\">").append(esc(c.summary()));
        if (!c.catalogued())
            b.append(" <strong>(unknown id: check the scenario's @clause tag)</strong>");
        b.append("</td><td class=\"sources\">");
        for (int i = 0; i < c.sources().size(); i++) {
            xmemck.oracle.Clause.Citation s = c.sources().get(i);
            if (i > 0) b.append("<br>");
            String address = s.page().address();
            // The kit's own interpretations are a file of this repository; manual pages link to
            // their public address.
            if (address.startsWith("https://"))
                b.append("<a href=\"")
                        .append(esc(address))
                        .append("\" title=\"")
                        .append(esc(s.page().title()))
                        .append("\">")
                        .append(esc(s.page().name()))
                        .append("</a>");
            else
                b.append("<span title=\"")
                        .append(esc(s.page().title()))
                        .append("\">")
                        .append(esc(s.page().name()))
                        .append("</span>");
            b.append(", ").append(esc(s.section()));
        }
        b.append("</td>");
        for (int col = 0; col < row.cells().size(); col++) {
            Matrix.Cell cell = row.cells().get(col);
            String detail = "d-" + rowNo + "-" + col;
            boolean expected = m.columns().get(col).allExpected(cell);
            b.append("<td class=\"cellbox\"><button type=\"button\" class=\"cell ")
                    .append(cell.cssClass())
                    .append(expected ? " expected" : "")
                    .append("\" data-row=\"")
                    .append(rowNo)
                    .append("\" data-detail=\"")
                    .append(detail)
                    .append("\" aria-expanded=\"false\" title=\"")
                    .append(hover(c, m.columns().get(col), cell))
                    .append("\">")
                    .append(esc(cell.label() + (expected ? Verdicts.EXPECTED_SUFFIX : "")));
            if (cell.partial()) b.append(" <span class=\"partial\">partial</span>");
            b.append("</button>");
            breakdown(b, cell);
            emulatedMark(b, m.columns().get(col).emulated(c.id()));
            b.append("</td>");
        }
        b.append("</tr>\n");
        for (int col = 0; col < row.cells().size(); col++) {
            detail(
                    b,
                    c,
                    m.columns().get(col),
                    row.cells().get(col),
                    "d-" + rowNo + "-" + col,
                    rowNo,
                    span);
        }
    }

    /** The words of the mark on a clause the run's adapter decides with its own code. */
    static final String EMULATED = "emulated by the adapter";

    /**
     * Under a cell whose clause the adapter emulates, the mark with the adapter's reason (visible
     * in the details, and as hover text here): its PASS says nothing about the implementation.
     */
    private static void emulatedMark(StringBuilder b, Optional<String> why) {
        if (why.isEmpty()) return;
        b.append("<div class=\"emulated\" title=\"")
                .append(esc(why.get()))
                .append("\">")
                .append(EMULATED)
                .append("</div>");
    }

    /**
     * Under every cell with scenarios, how many had each verdict on the clause, FAIL and ERROR
     * first, then those that failed on other clauses only: the colour alone can hide 30 passes
     * behind one UNSUPPORTED.
     */
    private static void breakdown(StringBuilder b, Matrix.Cell cell) {
        if (cell.scenarios().isEmpty()) return;
        b.append("<div class=\"breakdown\">")
                .append(countsText(cell, " &middot; "))
                .append("</div>");
    }

    /**
     * "2 FAIL · 27 PASS · 5 UNSUPPORTED · 1 not decided here": the cell's counts, FAIL and ERROR
     * first.
     */
    static String countsText(Matrix.Cell cell, String separator) {
        Totals t = cell.counts();
        StringBuilder b = new StringBuilder();
        for (Verdict v : Matrix.ROLL_UP) {
            if (t.get(v) == 0) continue;
            b.append(b.isEmpty() ? "" : separator).append(t.get(v)).append(' ').append(v.label());
        }
        int open = cell.notDecided().size();
        if (open > 0)
            b.append(b.isEmpty() ? "" : separator).append(open).append(" not decided here");
        return b.toString();
    }

    /**
     * Hover text: the first scenarios, one per line (the newline is an entity so the attribute
     * stays one line).
     */
    private static String hover(ClauseLine c, Matrix.Column col, Matrix.Cell cell) {
        StringBuilder t = new StringBuilder();
        t.append(esc(c.id())).append(" / ").append(esc(col.label())).append(": ");
        col.emulated(c.id())
                .ifPresent(
                        why -> t.append(EMULATED).append(" (").append(esc(why)).append(")&#10;"));
        if (cell.scenarios().isEmpty()) return t.append("no scenario names this clause").toString();
        t.append(countsText(cell, ", "));
        List<ScenarioResult> ordered = worstFirst(cell, cell.scenarios());
        for (int i = 0; i < Math.min(HOVER_LIMIT, ordered.size()); i++) {
            ScenarioResult r = ordered.get(i);
            t.append("&#10;").append(onLabel(cell, col, r)).append(": ").append(esc(r.name()));
        }
        if (ordered.size() > HOVER_LIMIT)
            t.append("&#10;... and ").append(ordered.size() - HOVER_LIMIT).append(" more");
        return t.append("&#10;(click for details)").toString();
    }

    /**
     * {@code r}'s label on the cell's clause: its verdict there (expected or not), or "not decided
     * here".
     */
    private static String onLabel(Matrix.Cell cell, Matrix.Column col, ScenarioResult r) {
        Optional<Verdict> v = cell.on(r);
        if (v.isEmpty()) return "not decided here";
        return v.get().label() + (col.isExpected(r) ? Verdicts.EXPECTED_SUFFIX : "");
    }

    private static void detail(
            StringBuilder b,
            ClauseLine c,
            Matrix.Column col,
            Matrix.Cell cell,
            String id,
            int rowNo,
            int span) {
        b.append("<tr class=\"detail\" id=\"")
                .append(id)
                .append("\" data-row=\"")
                .append(rowNo)
                .append("\" hidden><td colspan=\"")
                .append(span)
                .append("\">");
        b.append("<div class=\"detail-head\"><code>")
                .append(esc(c.id()))
                .append("</code> in ")
                .append(esc(col.label()))
                .append(": <span class=\"badge ")
                .append(cell.cssClass())
                .append("\">")
                .append(esc(cell.label()))
                .append("</span>")
                .append(cell.partial() ? " partial" : "")
                .append(" &middot; ")
                .append(cell.scenarios().size())
                .append(cell.scenarios().size() == 1 ? " scenario" : " scenarios");
        if (!cell.scenarios().isEmpty()) b.append(": ").append(countsText(cell, ", "));
        b.append("</div>");
        col.emulated(c.id())
                .ifPresent(
                        why ->
                                b.append("<p class=\"emulated\"><strong>")
                                        .append(EMULATED)
                                        .append("</strong>: ")
                                        .append(esc(why))
                                        .append(
                                                ". The adapter's own code decides this clause, not the implementation it drives,"
                                                        + " so its verdict here says nothing about the implementation.</p>"));
        if (cell.scenarios().isEmpty()) {
            b.append("<p>No scenario names this clause, so this run says nothing about it.</p>");
        } else {
            b.append(
                    "<table class=\"scenarios\"><tr><th>Verdict here</th><th>Scenario</th><th>Where</th><th>Reason</th></tr>");
            for (ScenarioResult r : worstFirst(cell, cell.scenarios())) {
                Optional<Verdict> v = cell.on(r);
                String label;
                if (v.isEmpty())
                    label =
                            "<span class=\"badge v-"
                                    + Verdicts.NOT_DECIDED
                                    + "\">not decided here</span>";
                else if (col.isExpected(r)
                        && (v.get() == Verdict.FAIL || v.get() == Verdict.ERROR)) {
                    label =
                            "<span class=\"badge expected "
                                    + Verdicts.cssClass(v)
                                    + "\">"
                                    + esc(v.get().label() + Verdicts.EXPECTED_SUFFIX)
                                    + "</span>";
                } else label = badge(v);
                b.append("<tr><td>")
                        .append(label)
                        .append("</td><td class=\"name\">")
                        .append(esc(r.name()))
                        .append("</td><td class=\"mono\">")
                        .append(esc(Html.location(r.uri(), r.line())))
                        .append("</td><td>");
                if (v.isEmpty()) {
                    b.append("<p class=\"not-decided\">This scenario FAILED on ");
                    List<String> broken = r.violated();
                    for (int i = 0; i < broken.size(); i++)
                        b.append(i == 0 ? "" : ", ").append(IndexPage.clauseLink(broken.get(i)));
                    b.append(", not on <code>")
                            .append(esc(c.id()))
                            .append("</code>: it says nothing about this clause.</p>");
                } else {
                    if (col.isExpected(r))
                        b.append("<p><em>")
                                .append(esc(col.expected().get(r.id())))
                                .append("</em></p>");
                    if (r.reason() != null && !r.reason().isBlank())
                        b.append("<pre>").append(esc(r.reason())).append("</pre>");
                    if (v.get() == Verdict.FAIL)
                        for (xmemck.oracle.Picture p : r.pictures())
                            b.append(xmemck.picture.PictureSvg.figure(p));
                }
                b.append("</td></tr>");
            }
            b.append("</table>");
        }
        b.append("</td></tr>\n");
    }

    /**
     * Scenarios with the worst verdicts first (what a reader looks for), otherwise in run order.
     */
    static List<ScenarioResult> worstFirst(List<ScenarioResult> rs) {
        return rs.stream()
                .sorted((x, y) -> Verdicts.of(y).ordinal() - Verdicts.of(x).ordinal())
                .toList();
    }

    /**
     * A cell's scenarios by their verdict on its clause, FAIL and ERROR first, those that did not
     * decide it last.
     */
    static List<ScenarioResult> worstFirst(Matrix.Cell cell, List<ScenarioResult> rs) {
        java.util.function.ToIntFunction<ScenarioResult> rank =
                r -> cell.on(r).map(Matrix.ROLL_UP::indexOf).orElse(Matrix.ROLL_UP.size());
        return rs.stream().sorted(java.util.Comparator.comparingInt(rank)).toList();
    }

    private static final String CSS =
            """
            table.matrix { width: 100%; }
            table.matrix td.id { white-space: nowrap; }
            table.matrix td.sources { font-size: 11.5px; max-width: 220px; word-break: break-all; }
            tr.service th { background: #dfe5ee; font-size: 15px; }
            td.cellbox { padding: 3px; width: 150px; }
            button.cell { width: 100%; border: 0; border-radius: 5px; padding: 7px 6px; font: 600 13px system-ui, sans-serif;
                          cursor: pointer; }
            button.cell.v-NO-SCENARIO { border: 1px dashed #888; }
            button.cell .partial { font-weight: 400; font-style: italic; }
            p.not-decided { margin: 2px 0; }
            figure.picture { margin: 8px 0; } figure.picture figcaption { font-size: 12.5px; margin-bottom: 4px; }
            button.cell[aria-expanded="true"] { outline: 3px solid #222; }
            .breakdown { font-size: 11px; color: #555; text-align: center; margin-top: 2px; }
            div.emulated { font-size: 11px; text-align: center; margin-top: 2px; color: #5a3d00; background: #fff3d6;
                           border: 1px dashed #b07d00; border-radius: 4px; padding: 1px 3px; }
            p.emulated { margin: 2px 0 6px; padding: 3px 6px; background: #fff3d6; border-left: 3px solid #b07d00; }
            tr.detail > td { background: #f6f8fb; }
            .detail-head { margin: 2px 0 6px; }
            table.scenarios { width: 100%; }
            table.scenarios td.name { min-width: 260px; }
            """;

    // Toggles detail rows; no data is built here, so nothing needs escaping in script context.
    private static final String SCRIPT =
            """
            document.addEventListener('click', function (e) {
              var b = e.target.closest('button.cell');
              if (!b) return;
              var d = document.getElementById(b.dataset.detail);
              var open = d.hidden;
              document.querySelectorAll('tr.detail[data-row="' + b.dataset.row + '"]').forEach(function (x) { x.hidden = true; });
              document.querySelectorAll('button.cell[data-row="' + b.dataset.row + '"]').forEach(function (x) { x.setAttribute('aria-expanded', 'false'); });
              d.hidden = !open;
              b.setAttribute('aria-expanded', open ? 'true' : 'false');
            });
            // matrix.html#clause-ID opens that clause's first cell and scrolls to it, so other pages can link
            // straight to a clause; #focus-ID opens it and hides the other clauses (a view of one clause).
            (function () {
              var h = decodeURIComponent(location.hash.slice(1));
              var focus = h.indexOf('focus-') === 0;
              var id = focus ? 'clause-' + h.slice(6) : h;
              var r = id.indexOf('clause-') === 0 ? document.getElementById(id) : null;
              var b = r ? r.querySelector('button.cell') : null;
              if (!b) return;
              b.click();
              if (!focus) { r.scrollIntoView(); return; }
              document.querySelectorAll('tr.clause').forEach(function (x) { if (x !== r) x.hidden = true; });
              document.querySelectorAll('tbody.group').forEach(function (g) { if (!g.contains(r)) g.hidden = true; });
            })();
            document.getElementById('only-problems').addEventListener('change', function (e) {
              document.querySelectorAll('tr.clause').forEach(function (r) {
                var hide = e.target.checked && r.dataset.worst === 'PASS';
                r.hidden = hide;
                if (hide) document.querySelectorAll('tr.detail[data-row="' + r.dataset.row + '"]').forEach(function (x) { x.hidden = true; });
              });
            });
            """;
}
