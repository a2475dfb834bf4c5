package xmemck.report;

import xmemck.records.Matrix;
import xmemck.records.Totals;
import xmemck.records.Verdicts;
import xmemck.records.ClauseLine;
import static xmemck.report.Html.badge;
import static xmemck.report.Html.esc;

import java.util.List;
import java.util.Optional;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;

/**
 * matrix.html: clauses (grouped by service) by runs. Each cell is coloured by its worst verdict; hovering shows
 * the scenarios behind it, clicking opens their names, verdicts, locations and reasons below the row. The data
 * lives in the HTML itself (escaped once, here); the script only shows and hides rows.
 */
public final class MatrixPage {
    private MatrixPage() {}

    /** How many scenarios a cell's hover text lists before pointing to the click. */
    static final int HOVER_LIMIT = 12;

    public static String render(Matrix m, String title) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(title)).append("</h1>\n");
        b.append("<p class=\"muted\">Rows are the documented clauses, grouped by service; ")
                .append(m.columns().size() == 1 ? "the column is the run" : "each column is one run")
                .append(". A cell shows the worst verdict of the scenarios that name the clause. ")
                .append("Hover a cell to see its scenarios, click it to open their details.")
                .append(" <a href=\"index.html\">Back to the report index</a>.</p>\n");
        legend(b);
        b.append("<p class=\"controls\"><label><input type=\"checkbox\" id=\"only-problems\"> ")
                .append("Show only clauses that are not PASS in every column</label></p>\n");

        int span = 3 + m.columns().size();
        b.append("<table class=\"matrix\">\n<thead><tr><th>Clause</th><th>Summary</th><th>Source</th>");
        for (Matrix.Column c : m.columns()) {
            b.append("<th class=\"run\">").append(esc(c.label()));
            if (!c.adapter().id().equals(c.label())) b.append("<br><span class=\"muted\">").append(esc(c.adapter().id())).append("</span>");
            if (!c.startedAt().isEmpty()) b.append("<br><span class=\"muted\">").append(esc(c.startedAt())).append("</span>");
            b.append("<br><span class=\"muted\">").append(c.totals().total()).append(" scenarios</span></th>");
        }
        b.append("</tr></thead>\n");
        if (m.groups().isEmpty()) {
            b.append("<tbody><tr><td colspan=\"").append(span).append("\">No clauses and no scenarios.</td></tr></tbody>\n");
        }
        int rowNo = 0;
        for (Matrix.Group g : m.groups()) {
            b.append("<tbody class=\"group\">\n<tr class=\"service\"><th colspan=\"").append(span).append("\">")
                    .append(esc(g.service())).append(" <span class=\"muted\">(").append(g.rows().size())
                    .append(g.rows().size() == 1 ? " clause" : " clauses").append(")</span></th></tr>\n");
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
            b.append("<span>").append(badge(v)).append(" ").append(esc(Html.meaning(v))).append("</span>");
        }
        b.append("</div>\n");
    }

    private static void row(StringBuilder b, Matrix m, Matrix.Row row, int rowNo, int span) {
        ClauseLine c = row.clause();
        Optional<Verdict> worst = row.worst();
        b.append("<tr class=\"clause\" id=\"clause-").append(esc(c.id())).append("\" data-row=\"").append(rowNo)
                .append("\" data-worst=\"").append(Verdicts.label(worst)).append("\">");
        b.append("<td class=\"id\"><code>").append(esc(c.id())).append("</code>");
        if (!c.kind().isEmpty()) b.append("<br><span class=\"muted kind\">").append(esc(c.kind().toLowerCase().replace('_', ' '))).append("</span>");
        b.append("</td><td class=\"summary\">").append(esc(c.summary()));
        if (!c.catalogued()) b.append(" <strong>(unknown id: check the scenario's @clause tag)</strong>");
        b.append("</td><td class=\"sources\">");
        for (int i = 0; i < c.sources().size(); i++) {
            xmemck.oracle.Clause.Citation s = c.sources().get(i);
            if (i > 0) b.append("<br>");
            String address = s.page().address();
            // The kit's own interpretations are a file of this repository; manual pages link to their public address.
            if (address.startsWith("https://")) b.append("<a href=\"").append(esc(address)).append("\" title=\"").append(esc(s.page().title())).append("\">").append(esc(s.page().name())).append("</a>");
            else b.append("<span title=\"").append(esc(s.page().title())).append("\">").append(esc(s.page().name())).append("</span>");
            b.append(", ").append(esc(s.section()));
        }
        b.append("</td>");
        for (int col = 0; col < row.cells().size(); col++) {
            Matrix.Cell cell = row.cells().get(col);
            String detail = "d-" + rowNo + "-" + col;
            boolean expected = m.columns().get(col).allExpected(cell);
            b.append("<td class=\"cellbox\"><button type=\"button\" class=\"cell ").append(Verdicts.cssClass(cell.verdict()))
                    .append(expected ? " expected" : "")
                    .append("\" data-row=\"").append(rowNo).append("\" data-detail=\"").append(detail)
                    .append("\" aria-expanded=\"false\" title=\"").append(hover(c, m.columns().get(col), cell)).append("\">")
                    .append(esc(Verdicts.label(cell.verdict()) + (expected ? Verdicts.EXPECTED_SUFFIX : "")));
            if (!cell.scenarios().isEmpty()) b.append(" <span class=\"count\">").append(cell.scenarios().size()).append("</span>");
            b.append("</button>");
            breakdown(b, cell);
            b.append("</td>");
        }
        b.append("</tr>\n");
        for (int col = 0; col < row.cells().size(); col++) {
            detail(b, c, m.columns().get(col), row.cells().get(col), "d-" + rowNo + "-" + col, rowNo, span);
        }
    }

    /** Under a cell whose scenarios differ, how many had each verdict: the worst alone can hide 30 passes. */
    private static void breakdown(StringBuilder b, Matrix.Cell cell) {
        Totals t = Totals.of(cell.scenarios());
        long kinds = java.util.Arrays.stream(Verdict.values()).filter(v -> t.get(v) > 0).count();
        if (kinds < 2) return;
        b.append("<div class=\"breakdown\">");
        boolean first = true;
        for (Verdict v : Verdict.values()) {
            if (t.get(v) == 0) continue;
            b.append(first ? "" : " &middot; ").append(t.get(v)).append(' ').append(v.label());
            first = false;
        }
        b.append("</div>");
    }

    /** Hover text: the first scenarios, one per line (the newline is an entity so the attribute stays one line). */
    private static String hover(ClauseLine c, Matrix.Column col, Matrix.Cell cell) {
        StringBuilder t = new StringBuilder();
        t.append(esc(c.id())).append(" / ").append(esc(col.label())).append(": ");
        if (cell.scenarios().isEmpty()) return t.append("no scenario names this clause").toString();
        t.append(cell.scenarios().size()).append(cell.scenarios().size() == 1 ? " scenario" : " scenarios");
        List<ScenarioResult> ordered = worstFirst(cell.scenarios());
        for (int i = 0; i < Math.min(HOVER_LIMIT, ordered.size()); i++) {
            ScenarioResult r = ordered.get(i);
            t.append("&#10;").append(Verdicts.of(r).label()).append(col.isExpected(r) ? Verdicts.EXPECTED_SUFFIX : "").append(": ").append(esc(r.name()));
        }
        if (ordered.size() > HOVER_LIMIT) t.append("&#10;... and ").append(ordered.size() - HOVER_LIMIT).append(" more");
        return t.append("&#10;(click for details)").toString();
    }

    private static void detail(StringBuilder b, ClauseLine c, Matrix.Column col, Matrix.Cell cell, String id, int rowNo, int span) {
        b.append("<tr class=\"detail\" id=\"").append(id).append("\" data-row=\"").append(rowNo).append("\" hidden><td colspan=\"")
                .append(span).append("\">");
        b.append("<div class=\"detail-head\"><code>").append(esc(c.id())).append("</code> in ").append(esc(col.label()))
                .append(": ").append(badge(cell.verdict())).append(" ").append(cell.scenarios().size())
                .append(cell.scenarios().size() == 1 ? " scenario" : " scenarios").append("</div>");
        if (cell.scenarios().isEmpty()) {
            b.append("<p>No scenario names this clause, so this run says nothing about it.</p>");
        } else {
            b.append("<table class=\"scenarios\"><tr><th>Verdict</th><th>Scenario</th><th>Where</th><th>Reason</th></tr>");
            for (ScenarioResult r : worstFirst(cell.scenarios())) {
                String label = col.isExpected(r) ? "<span class=\"badge expected " + Verdicts.cssClass(Optional.of(Verdicts.of(r))) + "\">"
                        + esc(Verdicts.of(r).label() + Verdicts.EXPECTED_SUFFIX) + "</span>" : badge(Verdicts.of(r));
                b.append("<tr><td>").append(label).append("</td><td class=\"name\">").append(esc(r.name()))
                        .append("</td><td class=\"mono\">").append(esc(Html.location(r.uri(), r.line()))).append("</td><td>");
                if (col.isExpected(r)) b.append("<p><em>").append(esc(col.expected().get(r.id()))).append("</em></p>");
                if (r.reason() != null && !r.reason().isBlank()) b.append("<pre>").append(esc(r.reason())).append("</pre>");
                b.append("</td></tr>");
            }
            b.append("</table>");
        }
        b.append("</td></tr>\n");
    }

    /** Scenarios with the worst verdicts first (what a reader looks for), otherwise in run order. */
    static List<ScenarioResult> worstFirst(List<ScenarioResult> rs) {
        return rs.stream().sorted((x, y) -> Verdicts.of(y).ordinal() - Verdicts.of(x).ordinal()).toList();
    }

    private static final String CSS = """
            table.matrix { width: 100%; }
            table.matrix td.id { white-space: nowrap; }
            table.matrix td.sources { font-size: 11.5px; max-width: 220px; word-break: break-all; }
            tr.service th { background: #dfe5ee; font-size: 15px; }
            td.cellbox { padding: 3px; width: 150px; }
            button.cell { width: 100%; border: 0; border-radius: 5px; padding: 7px 6px; font: 600 13px system-ui, sans-serif;
                          cursor: pointer; }
            button.cell.v-NO-SCENARIO { border: 1px dashed #888; }
            button.cell[aria-expanded="true"] { outline: 3px solid #222; }
            button.cell .count { font-weight: 400; opacity: .9; }
            .breakdown { font-size: 11px; color: #555; text-align: center; margin-top: 2px; }
            tr.detail > td { background: #f6f8fb; }
            .detail-head { margin: 2px 0 6px; }
            table.scenarios { width: 100%; }
            table.scenarios td.name { min-width: 260px; }
            """;

    // Toggles detail rows; no data is built here, so nothing needs escaping in script context.
    private static final String SCRIPT = """
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
