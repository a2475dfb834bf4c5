package xmemck.report;

import static xmemck.report.Html.esc;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import xmemck.oracle.Verdict;
import xmemck.records.RunReport;
import xmemck.records.Totals;

/**
 * index.html of a report directory that holds several runs, one folder per adapter ({@code ck run}
 * against several adapters, {@code ck report} over such a directory): one line per run with its
 * totals, its expected failures, whether it passed and why not, and links to its own reports; then
 * the combined matrix.
 */
public final class SuiteIndexPage {
    private SuiteIndexPage() {}

    /** The matrix of every run together, next to this page. */
    public static final String COMBINED_MATRIX = "matrix.html";

    /**
     * One run of the suite.
     *
     * @param folder the run's folder, relative to this page (its own index.html is inside)
     * @param run the run, or null when it produced no results (then {@code problems} says why)
     * @param passed the run's outcome as the command line decided it
     * @param problems what made it unsuccessful beyond its FAIL and ERROR scenarios (unexpected
     *     passes, expired expectations, profile drift, an adapter that did not start), one sentence
     *     each
     */
    public record Entry(String folder, RunReport run, boolean passed, List<String> problems) {
        public Entry {
            problems = List.copyOf(problems);
        }
    }

    public static String render(String title, List<Entry> entries) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>").append(esc(title)).append("</h1>\n");
        long failed = entries.stream().filter(e -> !e.passed()).count();
        b.append("<p class=\"outcome ")
                .append(entries.isEmpty() ? "none" : failed == 0 ? "ok" : "bad")
                .append("\">");
        if (entries.isEmpty()) b.append("No run in this directory.");
        else if (failed == 0)
            b.append("Every run passed (")
                    .append(entries.size())
                    .append(entries.size() == 1 ? " run)." : " runs).");
        else b.append(failed).append(" of ").append(entries.size()).append(" runs did not pass.");
        b.append("</p>\n");
        b.append("<p>The <a href=\"")
                .append(COMBINED_MATRIX)
                .append(
                        "\">combined conformance matrix</a> shows every clause against every run.</p>\n");

        b.append("<table class=\"runs\"><tr><th>Run</th><th>Implementation</th><th>Scenarios</th>");
        for (Optional<Verdict> v : Html.legendOrder())
            if (v.isPresent()) b.append("<th>").append(Html.badge(v)).append("</th>");
        b.append("<th>Expected failures</th><th>Outcome</th><th>Reports</th></tr>\n");
        for (Entry e : entries) row(b, e);
        b.append("</table>\n");
        return Html.page(title, CSS, b.toString(), "");
    }

    private static void row(StringBuilder b, Entry e) {
        String dir = e.folder().endsWith("/") ? e.folder() : e.folder() + "/";
        b.append("<tr><td class=\"mono\"><a href=\"")
                .append(esc(dir))
                .append("index.html\">")
                .append(esc(e.folder()))
                .append("</a></td>");
        if (e.run() == null) {
            b.append("<td colspan=\"")
                    .append(3 + Verdict.values().length)
                    .append("\" class=\"muted\">no results</td>");
        } else {
            Totals t = Totals.of(e.run().scenarios());
            b.append("<td>")
                    .append(esc(e.run().adapter().name()))
                    .append("<br><span class=\"muted\">kit ")
                    .append(esc(e.run().kitVersion()))
                    .append(String.format(Locale.ROOT, ", %.1f s", e.run().durationSeconds()))
                    .append("</span></td>");
            b.append("<td class=\"n\">").append(t.total()).append("</td>");
            for (Optional<Verdict> v : Html.legendOrder())
                if (v.isPresent())
                    b.append("<td class=\"n\">").append(t.get(v.get())).append("</td>");
            b.append("<td class=\"n\">").append(e.run().expectedFailures()).append("</td>");
        }
        b.append("<td class=\"")
                .append(e.passed() ? "ok" : "bad")
                .append("\">")
                .append(e.passed() ? "passed" : "<strong>did not pass</strong>");
        if (!e.problems().isEmpty()) {
            b.append("<ul>");
            for (String p : e.problems()) b.append("<li>").append(esc(p)).append("</li>");
            b.append("</ul>");
        }
        b.append("</td><td>");
        for (String f : List.of("index.html", "matrix.html", "bundle.json", "profile.json")) {
            b.append("<a href=\"").append(esc(dir + f)).append("\">").append(f).append("</a> ");
        }
        b.append("</td></tr>\n");
    }

    private static final String CSS =
            """
            .outcome { font-size: 16px; font-weight: 600; padding: 8px 12px; border-radius: 6px; display: inline-block; }
            .outcome.ok { background: #e3f3e6; } .outcome.none { background: #eeeeee; } .outcome.bad { background: #fbe3e3; }
            table.runs td.n { text-align: right; }
            table.runs td.ok { background: #e3f3e6; } table.runs td.bad { background: #fbe3e3; }
            table.runs ul { margin: 4px 0 0 16px; padding: 0; font-size: 13px; }
            """;
}
