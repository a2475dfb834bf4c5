package xmemck.report;

import java.util.Optional;
import xmemck.oracle.Verdict;
import xmemck.records.RunReport;
import xmemck.records.Verdicts;

/**
 * What every page shares: escaping, the page shell, and the one palette of verdict colours. Pages
 * are self-contained (inline CSS and script, no fonts, images or anything fetched), so they open
 * from disk.
 */
public final class Html {
    private Html() {}

    /**
     * Text or attribute content with the five characters that matter in HTML replaced by entities.
     */
    public static String esc(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * Background and text colour of each verdict; text colours are chosen for contrast on their
     * background.
     */
    public static String background(Optional<Verdict> v) {
        if (v.isEmpty()) return "#ffffff";
        return switch (v.get()) {
            case PASS -> "#1e7b34";
            case FAIL -> "#c62828";
            case ERROR -> "#6a1b9a";
            case UNSUPPORTED -> "#f2a900";
            case OUTSIDE_CONTRACT -> "#1565c0";
        };
    }

    static String foreground(Optional<Verdict> v) {
        if (v.isEmpty()) return "#555555";
        return v.get() == Verdict.UNSUPPORTED ? "#1a1a1a" : "#ffffff";
    }

    /** What each verdict means, for legends. */
    public static String meaning(Optional<Verdict> v) {
        if (v.isEmpty()) return "no scenario names this clause";
        return switch (v.get()) {
            case PASS -> "the implementation did what the documentation allows";
            case FAIL -> "the implementation did something the documentation does not allow";
            case ERROR -> "crash, hang, protocol breach, or the kit could not run the scenario";
            case UNSUPPORTED -> "the adapter cannot create the condition (never counted as passed)";
            case OUTSIDE_CONTRACT ->
                    "the call breaks a caller obligation: nothing is promised, nothing judged";
        };
    }

    /** Every verdict, then the no-scenario case, in the order legends show them. */
    static java.util.List<Optional<Verdict>> legendOrder() {
        return java.util.List.of(
                Optional.of(Verdict.PASS),
                Optional.of(Verdict.FAIL),
                Optional.of(Verdict.ERROR),
                Optional.of(Verdict.UNSUPPORTED),
                Optional.of(Verdict.OUTSIDE_CONTRACT),
                Optional.empty());
    }

    /** A coloured verdict label. */
    static String badge(Optional<Verdict> v) {
        return "<span class=\"badge "
                + Verdicts.cssClass(v)
                + "\">"
                + esc(Verdicts.label(v))
                + "</span>";
    }

    static String badge(Verdict v) {
        return badge(Optional.of(v));
    }

    /**
     * A scenario's coloured label in {@code run}: "FAIL (expected)", hatched, when the run expects
     * its failure.
     */
    static String badge(RunReport run, xmemck.harness.ScenarioResult r) {
        if (!run.isExpected(r)) return badge(Verdicts.of(r));
        return "<span class=\"badge expected "
                + Verdicts.cssClass(Optional.of(Verdicts.of(r)))
                + "\" title=\""
                + esc(run.expected().get(r.id()))
                + "\">"
                + esc(Verdicts.label(run, r))
                + "</span>";
    }

    /**
     * A feature location without the machine-specific prefix: from the "features/" folder on when
     * present.
     */
    static String location(String uri, int line) {
        String u = uri == null ? "" : uri;
        int f = u.lastIndexOf("features/");
        if (f >= 0) u = u.substring(f);
        else if (u.startsWith("file:")) u = u.substring(u.lastIndexOf('/') + 1);
        return line > 0 ? u + ":" + line : u;
    }

    private static final String CSS =
            """
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0 24px 48px;
                   color: #1a1a1a; background: #fafafa; }
            h1 { font-size: 22px; margin: 20px 0 4px; } h2 { font-size: 17px; margin: 28px 0 8px; }
            code, pre, .mono { font-family: ui-monospace, "DejaVu Sans Mono", Menlo, Consolas, monospace; font-size: 12.5px; }
            pre { white-space: pre-wrap; word-break: break-word; margin: 4px 0; max-height: 22em; overflow: auto;
                  background: #f1f1f1; padding: 6px 8px; border-radius: 4px; }
            a { color: #0b57d0; }
            .muted { color: #666; }
            .badge { display: inline-block; padding: 1px 7px; border-radius: 10px; font-weight: 600; font-size: 12px;
                     letter-spacing: .02em; white-space: nowrap; }
            .v-NO-SCENARIO { border: 1px dashed #888; }
            .v-NOT-DECIDED { background: #e6e6e6; color: #333333; border: 1px dotted #666; }
            .badge.expected, button.cell.expected { background-image: repeating-linear-gradient(45deg, rgba(255,255,255,.28) 0 5px, transparent 5px 10px); }
            table { border-collapse: collapse; background: #fff; }
            th, td { border: 1px solid #ddd; padding: 5px 8px; text-align: left; vertical-align: top; }
            th { background: #eef1f5; }
            .tiles { display: flex; gap: 10px; flex-wrap: wrap; margin: 10px 0; }
            .tile { min-width: 120px; padding: 10px 14px; border-radius: 8px; }
            .tile .n { font-size: 26px; font-weight: 700; display: block; }
            .legend { display: flex; gap: 14px; flex-wrap: wrap; margin: 8px 0 14px; font-size: 13px; }
            """;

    static String css() {
        StringBuilder b = new StringBuilder(CSS);
        for (Optional<Verdict> v : legendOrder()) {
            b.append('.')
                    .append(Verdicts.cssClass(v))
                    .append(" { background: ")
                    .append(background(v))
                    .append("; color: ")
                    .append(foreground(v))
                    .append("; }\n");
        }
        return b.toString();
    }

    /**
     * A whole page: {@code title} (escaped here), extra CSS, the body (already HTML) and an
     * optional script.
     */
    static String page(String title, String extraCss, String body, String script) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>"
                + esc(title)
                + "</title>\n<style>\n"
                + css()
                + extraCss
                + "</style>\n</head>\n<body>\n"
                + body
                + (script.isEmpty() ? "" : "<script>\n" + script + "</script>\n")
                + "</body>\n</html>\n";
    }
}
