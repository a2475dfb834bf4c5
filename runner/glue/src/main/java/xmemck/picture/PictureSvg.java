package xmemck.picture;

import java.util.List;
import java.util.Locale;
import xmemck.oracle.Picture;

/**
 * Draws a failure {@link Picture} as inline SVG: the destination object between its guard pages,
 * one row per run of identical pages, one cell per 64-byte line, coloured by what the line holds.
 * Every label is text in the drawing (nothing needs hovering), there are no external assets, and
 * every string from the run is escaped. Lives beside the glue because scenarios attach it (Cucumber
 * and Allure show it); the kit's own pages embed the same drawing.
 */
public final class PictureSvg {
    private PictureSvg() {}

    private static final int CELL = 10;
    private static final int ROW = 18;
    private static final int LABEL = 210;
    private static final int TOP = 22;
    private static final int LEGEND = 54;

    /** Colour and words of each line class; the words appear in the legend under every picture. */
    static String fill(Picture.Line line) {
        return switch (line) {
            case OLD -> "#d6d6d6";
            case NEW -> "#2e7d32";
            case MIXED -> "#a5d6a7";
            case FOREIGN -> "#ef6c00";
            case OUTSIDE -> "#c62828";
            case UNREADABLE -> "#424242";
        };
    }

    static String words(Picture.Line line) {
        return switch (line) {
            case OLD -> "old (unchanged)";
            case NEW -> "new, from the right source position";
            case MIXED -> "new and old bytes";
            case FOREIGN -> "foreign data";
            case OUTSIDE -> "written outside the destination";
            case UNREADABLE -> "unreadable page";
        };
    }

    /**
     * One picture as a figure: a caption with the returned value, the allowed outcomes and the
     * first differences, then the drawing.
     */
    public static String figure(Picture p) {
        StringBuilder sb = new StringBuilder("<figure class=\"picture\">");
        sb.append("<figcaption><b>")
                .append(esc(p.description()))
                .append("</b>: returned ")
                .append(esc(p.returned()))
                .append("; allowed: ")
                .append(esc(p.allowed()));
        if (!p.differences().isEmpty()) {
            sb.append("; first difference")
                    .append(p.differences().size() > 1 ? "s" : "")
                    .append(" at offset ");
            for (int i = 0; i < p.differences().size(); i++)
                sb.append(i == 0 ? "" : ", ").append(p.differences().get(i));
        }
        sb.append("</figcaption>").append(svg(p)).append("</figure>");
        return sb.toString();
    }

    /** The drawing alone, a complete SVG document (for attachments). */
    public static String svg(Picture p) {
        List<Picture.Row> rows = p.rows();
        int width = LABEL + Picture.LINES_PER_PAGE * CELL + 200;
        int height = TOP + rows.size() * ROW + LEGEND;
        StringBuilder sb = new StringBuilder();
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"")
                .append(width)
                .append("\" height=\"")
                .append(height)
                .append("\" viewBox=\"0 0 ")
                .append(width)
                .append(' ')
                .append(height)
                .append("\" font-family=\"sans-serif\" font-size=\"11\">");
        sb.append("<title>")
                .append(esc("what the call left in " + p.description()))
                .append("</title>");
        sb.append(
                        "<defs><pattern id=\"unstorable\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">")
                .append(
                        "<line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#000\" stroke-width=\"1.5\" stroke-opacity=\"0.45\"/></pattern></defs>");
        text(
                sb,
                LABEL,
                14,
                "line 0 (bytes 0-63 of the page) ... line 63 (bytes 4032-4095); blue bar: bytes the call may write",
                "start");
        for (int r = 0; r < rows.size(); r++) row(sb, p, rows.get(r), TOP + r * ROW);
        legend(sb, TOP + rows.size() * ROW + 14);
        sb.append("</svg>");
        return sb.toString();
    }

    private static void row(StringBuilder sb, Picture p, Picture.Row row, int y) {
        text(sb, 4, y + 12, label(p, row), "start");
        if (row.place() == Picture.Place.GAP) {
            sb.append("<line x1=\"")
                    .append(LABEL)
                    .append("\" y1=\"")
                    .append(y + 8)
                    .append("\" x2=\"")
                    .append(LABEL + Picture.LINES_PER_PAGE * CELL)
                    .append("\" y2=\"")
                    .append(y + 8)
                    .append("\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>");
            return;
        }
        for (int i = 0; i < Picture.LINES_PER_PAGE; i++) {
            int x = LABEL + i * CELL;
            sb.append("<rect x=\"")
                    .append(x)
                    .append("\" y=\"")
                    .append(y)
                    .append("\" width=\"")
                    .append(CELL - 1)
                    .append("\" height=\"")
                    .append(ROW - 5)
                    .append("\" fill=\"")
                    .append(fill(row.line(i)))
                    .append("\"/>");
            if (inDestination(p, row, i)) {
                sb.append("<rect x=\"")
                        .append(x)
                        .append("\" y=\"")
                        .append(y + ROW - 4)
                        .append("\" width=\"")
                        .append(CELL)
                        .append("\" height=\"2\" fill=\"#1565c0\"/>");
            }
        }
        if (row.unstorable()) {
            sb.append("<rect x=\"")
                    .append(LABEL)
                    .append("\" y=\"")
                    .append(y)
                    .append("\" width=\"")
                    .append(Picture.LINES_PER_PAGE * CELL - 1)
                    .append("\" height=\"")
                    .append(ROW - 5)
                    .append("\" fill=\"url(#unstorable)\"/>");
        }
        String note = note(p, row);
        if (!note.isEmpty())
            text(sb, LABEL + Picture.LINES_PER_PAGE * CELL + 6, y + 12, note, "start");
    }

    /** "guard page before", "page 0", "pages 1-4093", "... 65,000 pages not shown ...". */
    static String label(Picture p, Picture.Row row) {
        return switch (row.place()) {
            case GUARD_BEFORE -> "guard page before " + p.object();
            case GUARD_AFTER -> "guard page after " + p.object();
            case GAP ->
                    String.format(Locale.ROOT, "... %,d page(s) not drawn ...", row.pageCount());
            case PAGES ->
                    row.firstPage() == row.lastPage()
                            ? "page " + row.firstPage()
                            : String.format(
                                    Locale.ROOT,
                                    "pages %d-%d (%,d alike)",
                                    row.firstPage(),
                                    row.lastPage(),
                                    row.pageCount());
        };
    }

    /** Right of a row: "cannot store here" and the first differences that fall in it. */
    static String note(Picture p, Picture.Row row) {
        StringBuilder sb = new StringBuilder();
        if (row.unstorable()) sb.append("cannot store here");
        if (row.place() == Picture.Place.GAP) return sb.toString();
        for (long d : p.differences()) {
            long page = Math.floorDiv(d, (long) xmemck.ops.Layout.PAGE_SIZE);
            if (page < row.firstPage() || page > row.lastPage()) continue;
            sb.append(sb.isEmpty() ? "" : "; ").append("differs at ").append(d);
            break;
        }
        return sb.toString();
    }

    private static boolean inDestination(Picture p, Picture.Row row, int line) {
        long lo = row.firstPage() * xmemck.ops.Layout.PAGE_SIZE + (long) line * Picture.LINE,
                hi =
                        row.lastPage() * xmemck.ops.Layout.PAGE_SIZE
                                + (long) (line + 1) * Picture.LINE;
        for (Picture.Range r : p.destinations()) if (r.from() < hi && r.to() > lo) return true;
        return false;
    }

    private static void legend(StringBuilder sb, int y) {
        int x = 4;
        int i = 0;
        for (Picture.Line l : Picture.Line.values()) {
            int col = x + (i % 3) * 260, row = y + (i / 3) * 16;
            sb.append("<rect x=\"")
                    .append(col)
                    .append("\" y=\"")
                    .append(row - 9)
                    .append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(fill(l))
                    .append("\"/>");
            text(sb, col + 14, row, words(l), "start");
            i++;
        }
        int row = y + 32;
        sb.append("<rect x=\"")
                .append(x)
                .append("\" y=\"")
                .append(row - 9)
                .append(
                        "\" width=\"10\" height=\"10\" fill=\"url(#unstorable)\" stroke=\"#999\"/>");
        text(sb, x + 14, row, "the call cannot store into this page", "start");
    }

    private static void text(StringBuilder sb, int x, int y, String s, String anchor) {
        sb.append("<text x=\"")
                .append(x)
                .append("\" y=\"")
                .append(y)
                .append("\" text-anchor=\"")
                .append(anchor)
                .append("\">")
                .append(esc(s))
                .append("</text>");
    }

    /**
     * Text or attribute content with the characters that matter in HTML and SVG replaced by
     * entities.
     */
    static String esc(String s) {
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
}
