package xmemck.report;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;
import xmemck.records.ResultsJson;
import xmemck.records.RunReport;
import xmemck.records.Totals;
import xmemck.records.Verdicts;

/**
 * The browser half of the report check (runner/check-reports.sh drives Chromium): {@code urls DIR
 * SHOTS} prints, one per line, a page name and the address to open for each page not yet rendered
 * into SHOTS whose address is known (the matrix with a non-passing clause opened; Allure's Suites
 * tree, and then, read from that tree as Chromium rendered it, the first skipped scenario's own
 * page), so the script runs it until it prints nothing; {@code verify DIR SHOTS} then reads what
 * Chromium rendered for each (NAME.dom.html, the DOM after scripts ran, and NAME.png, the
 * screenshot) and checks that a person sees scenario names, verdicts, statuses and the verdict
 * colours.
 */
public final class PageCheck {
    private PageCheck() {}

    /** Pixels of one verdict colour needed to count it as visible (a badge is a few hundred). */
    static final int MIN_PIXELS = 150;

    public static void main(String[] args) throws IOException {
        if (args.length >= 3 && args[0].equals("urls")) {
            urls(Path.of(args[1]).toAbsolutePath(), Path.of(args[2]))
                    .forEach((name, url) -> System.out.println(name + " " + url));
            return;
        }
        if (args.length >= 3 && args[0].equals("verify")) {
            List<ReportAudit.Check> checks = verify(Path.of(args[1]), Path.of(args[2]));
            int failed = 0;
            for (ReportAudit.Check c : checks) {
                if (!c.ok()) {
                    failed++;
                    System.out.println("FAILED " + c.what() + ": " + c.problem());
                }
            }
            System.out.println(
                    "page check: " + (checks.size() - failed) + " passed, " + failed + " failed");
            System.exit(failed == 0 ? 0 : 1);
        }
        System.err.println(
                "usage: PageCheck urls REPORT_DIR SHOTS_DIR | PageCheck verify REPORT_DIR SHOTS_DIR");
        System.exit(2);
    }

    static RunReport run(Path dir) throws IOException {
        return ResultsJson.read(
                Files.readString(dir.resolve(ReportWriter.RESULTS)), ReportWriter.RESULTS);
    }

    /**
     * The pages still to look at (not yet rendered into {@code shots}) whose address is known, and
     * where to open each.
     */
    public static Map<String, String> urls(Path dir, Path shots) throws IOException {
        Map<String, String> all = new LinkedHashMap<>();
        String base = dir.toUri().toString();
        all.put("index", base + ReportWriter.INDEX);
        all.put(
                "matrix",
                base
                        + ReportWriter.MATRIX
                        + focusClause(run(dir)).map(id -> "#focus-" + id).orElse(""));
        all.put("cucumber", base + ReportWriter.CUCUMBER);
        if (Files.isRegularFile(dir.resolve(AllureReport.LINK))) {
            all.put("allure-suites", base + AllureReport.LINK + "#suites");
            Path tree = shots.resolve("allure-suites.dom.html");
            if (Files.isRegularFile(tree)) {
                allureFocus(Files.readString(tree))
                        .ifPresent(href -> all.put("allure", base + AllureReport.LINK + href));
            }
        }
        Map<String, String> left = new LinkedHashMap<>();
        all.forEach(
                (name, url) -> {
                    if (!Files.isRegularFile(shots.resolve(name + ".dom.html")))
                        left.put(name, url);
                });
        return left;
    }

    /**
     * The clause whose cell the matrix check opens: one the worst scenario of the run has a word on
     * (for a FAIL, the first clause its findings name, so that the cell shows the FAIL and its
     * failure picture; otherwise its first tag).
     */
    static Optional<String> focusClause(RunReport run) {
        ScenarioResult worst = null;
        for (ScenarioResult r : run.scenarios()) {
            if (!Verdicts.clausesOf(r).isEmpty()
                    && (worst == null || Verdicts.of(r).ordinal() > Verdicts.of(worst).ordinal()))
                worst = r;
        }
        if (worst == null) return Optional.empty();
        if (Verdicts.of(worst) == Verdict.FAIL && !worst.violated().isEmpty())
            return Optional.of(worst.violated().getFirst());
        return Optional.of(Verdicts.clausesOf(worst).iterator().next());
    }

    /**
     * A scenario in Allure's Suites tree as Chromium rendered it: its link, the status its icon
     * shows, its name.
     */
    record AllureLeaf(String href, String status, String name) {}

    private static final Pattern LEAF =
            Pattern.compile(
                    "<a class=\"node node__leaf\" href=\"(#suites/[^\"]+)\">(?:(?!</a>).)*?data-tooltip=\"([^\"]+)\""
                            + "(?:(?!</a>).)*?<div class=\"node__name\">((?:(?!</a>).)*?)</div>",
                    Pattern.DOTALL);

    /** Every scenario (leaf) of a rendered Suites tree, in the page's order. */
    static List<AllureLeaf> allureLeaves(String dom) {
        List<AllureLeaf> out = new ArrayList<>();
        Matcher m = LEAF.matcher(dom);
        while (m.find())
            out.add(new AllureLeaf(m.group(1), m.group(2), visibleText(m.group(3)).strip()));
        return out;
    }

    /**
     * The link of the first scenario the rendered Suites tree shows as skipped (else of its first
     * scenario).
     */
    static Optional<String> allureFocus(String dom) {
        List<AllureLeaf> leaves = allureLeaves(dom);
        return leaves.stream()
                .filter(l -> l.status().equals("Skipped"))
                .findFirst()
                .or(() -> leaves.stream().findFirst())
                .map(AllureLeaf::href);
    }

    public static List<ReportAudit.Check> verify(Path dir, Path shots) throws IOException {
        RunReport run = run(dir);
        List<ReportAudit.Check> checks = new ArrayList<>();
        Totals totals = Totals.of(run.scenarios());

        String index = text(shots, "index", checks);
        if (index != null) {
            mustShow(
                    checks,
                    "index",
                    index,
                    "adapter " + run.adapter().id(),
                    "Adapter " + run.adapter().id());
            for (Verdict v : Verdict.values())
                mustShow(checks, "index", index, v.label() + " tile", v.label());
            for (ScenarioResult r : firstNotPassed(run, 20))
                mustShow(checks, "index", index, "scenario " + r.name(), r.name());
            // every tile is drawn, zero or not, so all five colours must be on screen
            colours(checks, shots, "index", List.of(Verdict.values()));
            if (run.scenarios().stream()
                    .anyMatch(r -> Verdicts.of(r) == Verdict.FAIL && !r.pictures().isEmpty())) {
                String dom = Files.readString(shots.resolve("index.dom.html"));
                checks.add(
                        new ReportAudit.Check(
                                "index shows the failure picture of a failing call",
                                showsPicture(dom)
                                        ? null
                                        : "no failure picture in the rendered page"));
            }
        }

        String matrix = text(shots, "matrix", checks);
        Optional<String> focus = focusClause(run);
        if (matrix != null && focus.isPresent()) {
            List<ScenarioResult> behind =
                    run.scenarios().stream()
                            .filter(r -> Verdicts.clausesOf(r).contains(focus.get()))
                            .toList();
            // The cell as the matrix rolls it up: its colour, and whether it holds a FAIL.
            xmemck.records.Matrix.Cell cell = xmemck.records.Matrix.Cell.of(focus.get(), behind);
            mustShow(checks, "matrix", matrix, "clause " + focus.get(), focus.get());
            for (ScenarioResult r : behind.subList(0, Math.min(20, behind.size()))) {
                mustShow(
                        checks,
                        "matrix",
                        matrix,
                        "scenario " + r.name() + " behind the opened cell",
                        r.name());
            }

            // The page's script must have opened the cell: its button expanded and its detail row
            // shown.
            String dom = Files.readString(shots.resolve("matrix.dom.html"));
            Matcher open =
                    Pattern.compile(
                                    "<button type=\"button\" class=\"cell (v-[A-Z-]+)[^\"]*\" data-row=\"\\d+\" data-detail=\"(d-\\d+-\\d+)\" aria-expanded=\"true\"")
                            .matcher(dom);
            if (open.find()) {
                checks.add(
                        new ReportAudit.Check(
                                "matrix opens the cell of "
                                        + focus.get()
                                        + " coloured "
                                        + cell.label(),
                                open.group(1).equals(cell.cssClass())
                                        ? null
                                        : "the opened cell has class " + open.group(1)));
                if (cell.verdict().orElse(null) == Verdict.FAIL
                        && behind.stream()
                                .anyMatch(
                                        r ->
                                                cell.on(r).orElse(null) == Verdict.FAIL
                                                        && !r.pictures().isEmpty())) {
                    // A FAIL's cell shows the failure picture of the failing call (inline SVG).
                    checks.add(
                            new ReportAudit.Check(
                                    "matrix shows the failure picture in the opened cell of "
                                            + focus.get(),
                                    showsPicture(dom)
                                            ? null
                                            : "no failure picture in the rendered page"));
                }
                boolean shown =
                        Pattern.compile(
                                        "<tr class=\"detail\" id=\""
                                                + open.group(2)
                                                + "\" data-row=\"\\d+\">")
                                .matcher(dom)
                                .find();
                checks.add(
                        new ReportAudit.Check(
                                "matrix shows the opened cell's scenarios",
                                shown ? null : "its detail row is still hidden"));
            } else {
                checks.add(
                        new ReportAudit.Check(
                                "matrix opens the cell of " + focus.get(),
                                "no expanded cell in the rendered page"));
            }
            if (cell.verdict().isPresent())
                colours(checks, shots, "matrix", List.of(cell.verdict().get()));
        }

        String cucumber = text(shots, "cucumber", checks);
        if (cucumber != null && !run.scenarios().isEmpty()) {
            // Cucumber's page opens with its status filter (counts per status) and the features
            // listed open. An
            // outline shows its template rather than each example's name, so one readable name is
            // required.
            boolean someName =
                    run.scenarios().stream()
                            .limit(10)
                            .anyMatch(
                                    r ->
                                            cucumber.contains(
                                                    r.name().replaceAll("\\s+", " ").strip()));
            checks.add(
                    new ReportAudit.Check(
                            "cucumber shows scenario names",
                            someName
                                    ? null
                                    : "none of the first 10 scenarios' names is on the page"));
            // the page writes statuses in lower case and capitalises them with CSS
            String lower = cucumber.toLowerCase(java.util.Locale.ROOT);
            // When every scenario passed the page shows no status filter, only "100% (N / N)
            // passed".
            int passed = totals.get(Verdict.PASS);
            boolean allPassed = passed == run.scenarios().size();
            mustShow(
                    checks,
                    "cucumber",
                    lower,
                    "the count of passed scenarios",
                    allPassed && !lower.contains("passed " + passed + " ")
                            ? "(" + passed + " / " + passed + ") passed"
                            : "passed " + passed + " ");
            int skipped = totals.get(Verdict.UNSUPPORTED) + totals.get(Verdict.OUTSIDE_CONTRACT);
            if (skipped > 0)
                mustShow(
                        checks,
                        "cucumber",
                        lower,
                        "the UNSUPPORTED and OUTSIDE-CONTRACT scenarios as skipped",
                        "skipped " + skipped + " ");
        }

        if (Files.isRegularFile(shots.resolve("allure-suites.dom.html"))) {
            // The tree lists every scenario with a status icon: the skipped ones must be exactly
            // the UNSUPPORTED and
            // OUTSIDE-CONTRACT scenarios, and the passed ones exactly the PASS scenarios.
            List<AllureLeaf> leaves =
                    allureLeaves(Files.readString(shots.resolve("allure-suites.dom.html")));
            checks.add(
                    new ReportAudit.Check(
                            "allure-suites lists every scenario",
                            leaves.size() == run.scenarios().size()
                                    ? null
                                    : leaves.size()
                                            + " in the tree, "
                                            + run.scenarios().size()
                                            + " in results.json"));
            int skippedShown =
                    (int) leaves.stream().filter(l -> l.status().equals("Skipped")).count();
            int passedShown =
                    (int) leaves.stream().filter(l -> l.status().equals("Passed")).count();
            int skippedWanted =
                    totals.get(Verdict.UNSUPPORTED) + totals.get(Verdict.OUTSIDE_CONTRACT);
            checks.add(
                    new ReportAudit.Check(
                            "allure-suites shows the "
                                    + skippedWanted
                                    + " UNSUPPORTED and OUTSIDE-CONTRACT scenarios as skipped",
                            skippedShown == skippedWanted
                                    ? null
                                    : skippedShown + " shown as skipped"));
            checks.add(
                    new ReportAudit.Check(
                            "allure-suites shows the "
                                    + totals.get(Verdict.PASS)
                                    + " PASS scenarios as passed",
                            passedShown == totals.get(Verdict.PASS)
                                    ? null
                                    : passedShown + " shown as passed"));
        }

        if (Files.isRegularFile(shots.resolve("allure.dom.html"))) {
            String allure = text(shots, "allure", checks);
            List<ScenarioResult> skipped =
                    run.scenarios().stream()
                            .filter(
                                    r ->
                                            Verdicts.of(r) == Verdict.UNSUPPORTED
                                                    || Verdicts.of(r) == Verdict.OUTSIDE_CONTRACT)
                            .toList();
            if (allure != null && !skipped.isEmpty()) {
                mustShow(
                        checks,
                        "allure",
                        allure,
                        "the Skipped status of the opened scenario",
                        "Skipped");
                boolean nameShown = skipped.stream().anyMatch(r -> allure.contains(r.name()));
                checks.add(
                        new ReportAudit.Check(
                                "allure shows the opened skipped scenario's name",
                                nameShown ? null : "no skipped scenario's name on the page"));
                boolean reasonShown =
                        allure.contains("UNSUPPORTED") || allure.contains("OUTSIDE-CONTRACT");
                checks.add(
                        new ReportAudit.Check(
                                "allure shows the skip reason",
                                reasonShown
                                        ? null
                                        : "neither UNSUPPORTED nor OUTSIDE-CONTRACT on the page"));
            }
        }
        return checks;
    }

    private static List<ScenarioResult> firstNotPassed(RunReport run, int n) {
        return run.scenarios().stream()
                .filter(r -> Verdicts.of(r) != Verdict.PASS)
                .limit(n)
                .toList();
    }

    /** Whether a rendered page holds a failure picture (PictureSvg's inline figure). */
    static boolean showsPicture(String dom) {
        return dom.contains("<figure class=\"picture\">") && dom.contains("<svg");
    }

    /** The visible text of a dumped DOM: tags dropped, entities decoded, blanks collapsed. */
    static String visibleText(String dom) {
        String t =
                dom.replaceAll("(?s)<script\\b.*?</script>", " ")
                        .replaceAll("(?s)<style\\b.*?</style>", " ")
                        .replaceAll("(?s)<[^>]*>", " ");
        t =
                t.replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&quot;", "\"")
                        .replace("&#39;", "'")
                        .replace("&nbsp;", " ")
                        .replace("&middot;", "·")
                        .replace("&amp;", "&");
        return t.replaceAll("\\s+", " ");
    }

    private static String text(Path shots, String page, List<ReportAudit.Check> checks)
            throws IOException {
        Path dom = shots.resolve(page + ".dom.html");
        if (!Files.isRegularFile(dom) || Files.size(dom) == 0) {
            checks.add(new ReportAudit.Check(page + " was rendered", "no " + dom.getFileName()));
            return null;
        }
        return visibleText(Files.readString(dom));
    }

    private static void mustShow(
            List<ReportAudit.Check> checks, String page, String text, String what, String needle) {
        String n = needle.replaceAll("\\s+", " ");
        checks.add(
                new ReportAudit.Check(
                        page + " shows " + what,
                        text.contains(n) ? null : "\"" + n + "\" is not on the page"));
    }

    /** Each verdict's colour must cover enough pixels of the screenshot to be seen. */
    private static void colours(
            List<ReportAudit.Check> checks, Path shots, String page, List<Verdict> verdicts)
            throws IOException {
        Path png = shots.resolve(page + ".png");
        BufferedImage img = Files.isRegularFile(png) ? ImageIO.read(png.toFile()) : null;
        if (img == null) {
            checks.add(
                    new ReportAudit.Check(
                            page + " screenshot", "no readable " + png.getFileName()));
            return;
        }
        for (Verdict v : verdicts) {
            int rgb = Integer.parseInt(Html.background(Optional.of(v)).substring(1), 16);
            int n = count(img, rgb);
            checks.add(
                    new ReportAudit.Check(
                            page
                                    + " screenshot shows the "
                                    + v.label()
                                    + " colour "
                                    + Html.background(Optional.of(v)),
                            n >= MIN_PIXELS ? null : "only " + n + " pixels of it"));
        }
    }

    static int count(BufferedImage img, int rgb) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) if ((img.getRGB(x, y) & 0xffffff) == rgb) n++;
        }
        return n;
    }
}
