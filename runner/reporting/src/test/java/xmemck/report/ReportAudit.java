package xmemck.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;
import xmemck.records.ResultsJson;
import xmemck.records.RunReport;
import xmemck.records.Totals;
import xmemck.records.Verdicts;

/**
 * Checks a finished run's report directory the way a suspicious reader would: every output is there
 * and linked from index.html, summary.json agrees with results.json, and Cucumber and Allure give
 * each scenario the status its verdict demands. Above all, an UNSUPPORTED or OUTSIDE-CONTRACT
 * scenario must be skipped, with its reason, and never passed. What the tools give each scenario is
 * read from their own machine-readable outputs, the data their reports are made from: Cucumber's
 * message stream ({@link CucumberStatuses}) and Allure's result files ({@link AllureStatuses}). How
 * the pages show it to a person is {@link PageCheck}'s part.
 *
 * <p>{@code java -cp xmemck-ck.jar xmemck.report.ReportAudit DIR [--no-allure]}; exits 1 when a
 * check fails.
 */
public final class ReportAudit {
    private ReportAudit() {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One check and, when it failed, why. */
    public record Check(String what, String problem) {
        public boolean ok() {
            return problem == null;
        }
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 1 || args[0].startsWith("-")) {
            System.err.println("usage: ReportAudit REPORT_DIR [--no-allure]");
            System.exit(2);
        }
        boolean allure = !List.of(args).contains("--no-allure");
        List<Check> checks = audit(Path.of(args[0]), allure);
        int failed = 0;
        for (Check c : checks) {
            if (!c.ok()) {
                failed++;
                System.out.println("FAILED " + c.what() + ": " + c.problem());
            }
        }
        System.out.println(
                "report audit: " + (checks.size() - failed) + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    public static List<Check> audit(Path dir, boolean expectAllure) throws IOException {
        List<Check> checks = new ArrayList<>();
        List<String> files =
                new ArrayList<>(
                        List.of(
                                ReportWriter.INDEX,
                                ReportWriter.MATRIX,
                                ReportWriter.SUMMARY,
                                ReportWriter.PROFILE,
                                ReportWriter.RESULTS,
                                ReportWriter.CUCUMBER,
                                ReportWriter.MESSAGES,
                                ReportWriter.JUNIT));
        if (expectAllure) files.add(AllureReport.LINK);
        String index =
                Files.isRegularFile(dir.resolve(ReportWriter.INDEX))
                        ? Files.readString(dir.resolve(ReportWriter.INDEX))
                        : "";
        for (String f : files) {
            checks.add(
                    check(
                            f + " exists and is not empty",
                            Files.isRegularFile(dir.resolve(f)) && Files.size(dir.resolve(f)) > 0
                                    ? null
                                    : "missing or empty"));
            if (!f.equals(ReportWriter.INDEX)) {
                checks.add(
                        check(
                                "index.html links " + f,
                                index.contains("<a href=\"" + f + "\">") ? null : "no link"));
            }
        }
        if (!Files.isRegularFile(dir.resolve(ReportWriter.RESULTS))) return checks;
        RunReport run =
                ResultsJson.read(
                        Files.readString(dir.resolve(ReportWriter.RESULTS)), ReportWriter.RESULTS);
        checks.add(
                check(
                        "the run has scenarios",
                        run.scenarios().isEmpty() ? "results.json lists no scenario" : null));
        checks.addAll(summaryAgrees(dir, run));

        if (Files.isRegularFile(dir.resolve(ReportWriter.MESSAGES))) {
            checks.addAll(
                    compare(
                            "Cucumber",
                            run,
                            CucumberStatuses.read(dir.resolve(ReportWriter.MESSAGES))));
        }
        if (expectAllure) {
            Path results = dir.resolve(AllureReport.RESULTS_DIR);
            checks.add(
                    check(
                            AllureReport.RESULTS_DIR + "/ holds Allure's results",
                            Files.isDirectory(results) ? null : "missing"));
            if (Files.isDirectory(results))
                checks.addAll(compare("Allure", run, AllureStatuses.read(results)));
        }
        return checks;
    }

    private static Check check(String what, String problem) {
        return new Check(what, problem);
    }

    private static List<Check> summaryAgrees(Path dir, RunReport run) throws IOException {
        List<Check> checks = new ArrayList<>();
        Path p = dir.resolve(ReportWriter.SUMMARY);
        if (!Files.isRegularFile(p)) return checks;
        JsonNode totals;
        try {
            totals = JSON.readTree(Files.readString(p)).path("totals");
        } catch (RuntimeException x) {
            checks.add(check("summary.json is JSON", x.getMessage()));
            return checks;
        }
        Totals t = Totals.of(run.scenarios());
        for (Verdict v : Verdict.values()) {
            JsonNode n = totals.path(v.name());
            checks.add(
                    check(
                            "summary.json totals." + v.name() + " matches results.json",
                            n.isIntegralNumber() && n.asInt() == t.get(v)
                                    ? null
                                    : "summary says "
                                            + (n.isMissingNode() ? "nothing" : n)
                                            + ", results.json has "
                                            + t.get(v)));
        }
        return checks;
    }

    /**
     * What a report tool showed for one scenario: its status in that tool's words and the message
     * shown.
     */
    record Shown(String name, String status, String message) {}

    /**
     * Compares by name: for each scenario name, the statuses the tool shows must be exactly those
     * the verdicts demand (as multisets, so scenarios sharing a name still count one each).
     */
    static List<Check> compare(String tool, RunReport run, List<Shown> shown) {
        List<Check> checks = new ArrayList<>();
        Map<String, List<Shown>> byName = new HashMap<>();
        for (Shown s : shown) byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
        checks.add(
                check(
                        tool + " shows as many scenarios as results.json has",
                        shown.size() == run.scenarios().size()
                                ? null
                                : "shows "
                                        + shown.size()
                                        + ", results.json has "
                                        + run.scenarios().size()));
        int skippedOk = 0, skippedWanted = 0;
        List<String> wrong = new ArrayList<>();
        for (ScenarioResult r : run.scenarios()) {
            Verdict v = Verdicts.of(r);
            List<Shown> candidates = byName.getOrDefault(r.name(), List.of());
            Shown match = null;
            for (Shown s : candidates)
                if (matches(v, s)) {
                    match = s;
                    break;
                }
            if (v == Verdict.UNSUPPORTED || v == Verdict.OUTSIDE_CONTRACT) skippedWanted++;
            if (match == null) {
                String seen =
                        candidates.stream()
                                .map(
                                        s ->
                                                s.status()
                                                        + (s.message().isEmpty()
                                                                ? ""
                                                                : " \""
                                                                        + firstLine(s.message())
                                                                        + "\""))
                                .toList()
                                .toString();
                wrong.add(
                        "\"" + r.name() + "\" is " + v.label() + " but " + tool + " shows " + seen);
            } else {
                candidates.remove(match);
                if (v == Verdict.UNSUPPORTED || v == Verdict.OUTSIDE_CONTRACT) skippedOk++;
            }
        }
        checks.add(
                check(
                        tool
                                + ": every UNSUPPORTED and OUTSIDE-CONTRACT scenario ("
                                + skippedWanted
                                + ") is skipped with its reason, never passed",
                        skippedOk == skippedWanted
                                ? null
                                : (skippedWanted - skippedOk) + " are not"));
        checks.add(
                check(
                        tool + ": every scenario's status agrees with its verdict",
                        wrong.isEmpty()
                                ? null
                                : wrong.size()
                                        + " disagree, e.g. "
                                        + String.join(
                                                "; ",
                                                wrong.subList(0, Math.min(5, wrong.size())))));
        return checks;
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** The status a verdict demands, in Cucumber's (upper case) or Allure's (lower case) words. */
    static boolean matches(Verdict v, Shown s) {
        String st = s.status().toLowerCase(java.util.Locale.ROOT);
        return switch (v) {
            case PASS -> st.equals("passed");
            case FAIL -> st.equals("failed");
            case ERROR -> st.equals("failed") || st.equals("broken");
            case UNSUPPORTED -> st.equals("skipped") && s.message().contains("UNSUPPORTED");
            case OUTSIDE_CONTRACT ->
                    st.equals("skipped") && s.message().contains("OUTSIDE-CONTRACT");
        };
    }
}
