package xmemck.report;

import xmemck.records.RunReport;
import xmemck.records.ResultsJson;
import xmemck.records.Totals;
import xmemck.records.Verdicts;
import xmemck.records.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;

/**
 * Checks a finished run's report directory the way a suspicious reader would: every output is there and linked
 * from index.html, summary.json agrees with results.json, and Cucumber's and Allure's own reports show each
 * scenario with the status its verdict demands. Above all, an UNSUPPORTED or OUTSIDE-CONTRACT scenario must
 * appear as skipped, with its reason, and never as passed.
 *
 * <p>{@code java -cp xmemck-ck.jar xmemck.report.ReportAudit DIR [--no-allure]}; exits 1 when a check fails.
 */
public final class ReportAudit {
    private ReportAudit() {}

    /** One check and, when it failed, why. */
    public record Check(String what, String problem) {
        public boolean ok() { return problem == null; }
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
        System.out.println("report audit: " + (checks.size() - failed) + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    public static List<Check> audit(Path dir, boolean expectAllure) throws IOException {
        List<Check> checks = new ArrayList<>();
        List<String> files = new ArrayList<>(List.of(ReportWriter.INDEX, ReportWriter.MATRIX, ReportWriter.SUMMARY,
                ReportWriter.PROFILE, ReportWriter.RESULTS, ReportWriter.CUCUMBER));
        if (expectAllure) files.add(AllureReport.LINK);
        String index = Files.isRegularFile(dir.resolve(ReportWriter.INDEX)) ? Files.readString(dir.resolve(ReportWriter.INDEX)) : "";
        for (String f : files) {
            checks.add(check(f + " exists and is not empty", Files.isRegularFile(dir.resolve(f)) && Files.size(dir.resolve(f)) > 0 ? null : "missing or empty"));
            if (!f.equals(ReportWriter.INDEX)) {
                checks.add(check("index.html links " + f, index.contains("<a href=\"" + f + "\">") ? null : "no link"));
            }
        }
        if (!Files.isRegularFile(dir.resolve(ReportWriter.RESULTS))) return checks;
        RunReport run = ResultsJson.read(Files.readString(dir.resolve(ReportWriter.RESULTS)), ReportWriter.RESULTS);
        checks.add(check("the run has scenarios", run.scenarios().isEmpty() ? "results.json lists no scenario" : null));
        checks.addAll(summaryAgrees(dir, run));

        if (Files.isRegularFile(dir.resolve(ReportWriter.CUCUMBER))) {
            checks.addAll(compare("cucumber.html", run, cucumberStatuses(Files.readString(dir.resolve(ReportWriter.CUCUMBER)))));
        }
        if (expectAllure && Files.isRegularFile(dir.resolve(AllureReport.LINK))) {
            checks.addAll(compare("Allure report", run, allureStatuses(Files.readString(dir.resolve(AllureReport.LINK)))));
        }
        return checks;
    }

    private static Check check(String what, String problem) { return new Check(what, problem); }

    @SuppressWarnings("unchecked")
    private static List<Check> summaryAgrees(Path dir, RunReport run) throws IOException {
        List<Check> checks = new ArrayList<>();
        Path p = dir.resolve(ReportWriter.SUMMARY);
        if (!Files.isRegularFile(p)) return checks;
        Map<String, Object> summary = (Map<String, Object>) Json.parse(Files.readString(p), ReportWriter.SUMMARY);
        Map<String, Object> totals = (Map<String, Object>) summary.get("totals");
        Totals t = Totals.of(run.scenarios());
        for (Verdict v : Verdict.values()) {
            Object n = totals == null ? null : totals.get(v.name());
            checks.add(check("summary.json totals." + v.name() + " matches results.json",
                    n instanceof Number num && num.intValue() == t.get(v) ? null : "summary says " + n + ", results.json has " + t.get(v)));
        }
        return checks;
    }

    /** What a report tool showed for one scenario: its status in that tool's words and the message shown. */
    record Shown(String name, String status, String message) {}

    /**
     * Compares by name: for each scenario name, the statuses the tool shows must be exactly those the verdicts
     * demand (as multisets, so scenarios sharing a name still count one each).
     */
    static List<Check> compare(String tool, RunReport run, List<Shown> shown) {
        List<Check> checks = new ArrayList<>();
        Map<String, List<Shown>> byName = new HashMap<>();
        for (Shown s : shown) byName.computeIfAbsent(s.name(), k -> new ArrayList<>()).add(s);
        checks.add(check(tool + " shows as many scenarios as results.json has",
                shown.size() == run.scenarios().size() ? null : "shows " + shown.size() + ", results.json has " + run.scenarios().size()));
        int skippedOk = 0, skippedWanted = 0;
        List<String> wrong = new ArrayList<>();
        for (ScenarioResult r : run.scenarios()) {
            Verdict v = Verdicts.of(r);
            List<Shown> candidates = byName.getOrDefault(r.name(), List.of());
            Shown match = null;
            for (Shown s : candidates) if (matches(v, s)) { match = s; break; }
            if (v == Verdict.UNSUPPORTED || v == Verdict.OUTSIDE_CONTRACT) skippedWanted++;
            if (match == null) {
                String seen = candidates.stream().map(s -> s.status() + (s.message().isEmpty() ? "" : " \"" + firstLine(s.message()) + "\"")).toList().toString();
                wrong.add("\"" + r.name() + "\" is " + v.label() + " but " + tool + " shows " + seen);
            } else {
                candidates.remove(match);
                if (v == Verdict.UNSUPPORTED || v == Verdict.OUTSIDE_CONTRACT) skippedOk++;
            }
        }
        checks.add(check(tool + ": every UNSUPPORTED and OUTSIDE-CONTRACT scenario (" + skippedWanted + ") is skipped with its reason, never passed",
                skippedOk == skippedWanted ? null : (skippedWanted - skippedOk) + " are not"));
        checks.add(check(tool + ": every scenario's status agrees with its verdict",
                wrong.isEmpty() ? null : wrong.size() + " disagree, e.g. " + String.join("; ", wrong.subList(0, Math.min(5, wrong.size())))));
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
            case OUTSIDE_CONTRACT -> st.equals("skipped") && s.message().contains("OUTSIDE-CONTRACT");
        };
    }

    // Cucumber's worst-status order (io.cucumber.plugin.event.Status), weakest first.
    private static final List<String> CUCUMBER_SEVERITY = List.of("UNKNOWN", "PASSED", "SKIPPED", "PENDING", "UNDEFINED", "AMBIGUOUS", "FAILED");

    /** Each test case of a Cucumber HTML report: the pickle's name, the worst step status and that step's message. */
    @SuppressWarnings("unchecked")
    static List<Shown> cucumberStatuses(String html) {
        String marker = "window.CUCUMBER_MESSAGES = ";
        int at = html.indexOf(marker);
        if (at < 0) throw new IllegalArgumentException("cucumber.html: no embedded messages (window.CUCUMBER_MESSAGES)");
        // The HTML formatter writes '<' as the JavaScript escape \x3C, which JSON lacks.
        String js = html.substring(at + marker.length());
        int end = js.indexOf("];\n</script>");
        if (end >= 0) js = js.substring(0, end + 1);
        js = js.replaceAll("(?<!\\\\)((?:\\\\\\\\)*)\\\\x3C", "$1\\\\u003C");
        List<Object> envelopes = (List<Object>) Json.parsePrefix(js, 0, "cucumber.html").value();
        Map<String, String> pickleName = new HashMap<>();
        Map<String, String> caseToPickle = new HashMap<>();
        Map<String, String> startedToCase = new HashMap<>();
        Map<String, String[]> worst = new java.util.LinkedHashMap<>();   // testCaseStartedId -> {status, message}
        for (Object o : envelopes) {
            Map<String, Object> e = (Map<String, Object>) o;
            if (e.get("pickle") instanceof Map<?, ?> p) pickleName.put((String) p.get("id"), (String) p.get("name"));
            if (e.get("testCase") instanceof Map<?, ?> c) caseToPickle.put((String) c.get("id"), (String) c.get("pickleId"));
            if (e.get("testCaseStarted") instanceof Map<?, ?> s) {
                startedToCase.put((String) s.get("id"), (String) s.get("testCaseId"));
                worst.put((String) s.get("id"), new String[] {"UNKNOWN", ""});
            }
            if (e.get("testStepFinished") instanceof Map<?, ?> f) {
                Map<String, Object> result = (Map<String, Object>) f.get("testStepResult");
                String status = (String) result.get("status");
                String message = result.get("message") instanceof String m ? m : "";
                String[] w = worst.get((String) f.get("testCaseStartedId"));
                if (w != null && CUCUMBER_SEVERITY.indexOf(status) > CUCUMBER_SEVERITY.indexOf(w[0])) {
                    w[0] = status;
                    w[1] = message;
                }
            }
        }
        List<Shown> out = new ArrayList<>();
        worst.forEach((started, w) -> out.add(new Shown(pickleName.get(caseToPickle.get(startedToCase.get(started))), w[0], w[1])));
        return out;
    }

    private static final Pattern ALLURE_DATA = Pattern.compile("d\\('data/test-cases/[^']+\\.json','([A-Za-z0-9+/=]+)'\\)");

    /** Each test case embedded in an Allure single-file report (base64 JSON under data/test-cases/). */
    @SuppressWarnings("unchecked")
    static List<Shown> allureStatuses(String html) {
        List<Shown> out = new ArrayList<>();
        Matcher m = ALLURE_DATA.matcher(html);
        while (m.find()) {
            String json = new String(Base64.getDecoder().decode(m.group(1)), StandardCharsets.UTF_8);
            Map<String, Object> tc = (Map<String, Object>) Json.parse(json, "allure test case");
            String message = tc.get("statusMessage") instanceof String s ? s : "";
            out.add(new Shown((String) tc.get("name"), (String) tc.get("status"), message));
        }
        return out;
    }
}
