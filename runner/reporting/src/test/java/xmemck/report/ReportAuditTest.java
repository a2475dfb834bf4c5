package xmemck.report;

import xmemck.records.RunReport;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.report.Fixtures.scenario;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xmemck.oracle.Verdict;

class ReportAuditTest {

    @TempDir Path dir;

    /** A Cucumber HTML page in the formatter's layout: one test case per (name, step status, message). */
    static String cucumberHtml(String[]... cases) {
        List<String> env = new ArrayList<>();
        for (int i = 0; i < cases.length; i++) {
            String name = cases[i][0].replace("\"", "\\\"").replace("<", "\\x3C");
            env.add("{\"pickle\":{\"id\":\"p" + i + "\",\"name\":\"" + name + "\"}}");
            env.add("{\"testCase\":{\"id\":\"c" + i + "\",\"pickleId\":\"p" + i + "\"}}");
            env.add("{\"testCaseStarted\":{\"id\":\"s" + i + "\",\"testCaseId\":\"c" + i + "\"}}");
            env.add("{\"testStepFinished\":{\"testCaseStartedId\":\"s" + i + "\",\"testStepResult\":{\"status\":\"PASSED\"}}}");
            env.add("{\"testStepFinished\":{\"testCaseStartedId\":\"s" + i + "\",\"testStepResult\":{\"status\":\"" + cases[i][1]
                    + "\",\"message\":\"" + cases[i][2] + "\"}}}");
        }
        return "<html><script>\nwindow.CUCUMBER_MESSAGES = [" + String.join(",", env) + "];\n</script></html>";
    }

    static String allureHtml(String[]... cases) {
        StringBuilder b = new StringBuilder("<html><script>");
        for (int i = 0; i < cases.length; i++) {
            String json = "{\"uid\":\"u" + i + "\",\"name\":\"" + cases[i][0].replace("\"", "\\\"") + "\",\"status\":\"" + cases[i][1]
                    + "\",\"statusMessage\":\"" + cases[i][2] + "\"}";
            b.append("d('data/test-cases/u").append(i).append(".json','")
                    .append(Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8))).append("')\n");
        }
        return b.append("</script></html>").toString();
    }

    private RunReport writeRun(String cucumber, String allure) throws Exception {
        RunReport run = Fixtures.run(scenario("ok <&>", Verdict.PASS, "copyout.succ"),
                scenario("cannot", Verdict.UNSUPPORTED, "copyout.fail.adi"),
                scenario("caller broke it", Verdict.OUTSIDE_CONTRACT, "copyout.succ"),
                scenario("wrong", Verdict.FAIL, "copyout.succ"));
        Files.writeString(dir.resolve("cucumber.html"), cucumber);
        Files.createDirectories(dir.resolve("allure-report"));
        Files.writeString(dir.resolve("allure-report/index.html"), allure);
        ReportWriter.write(dir, run, Fixtures.CATALOGUE, r -> new AllureReport.Generated(AllureReport.LINK, 1));
        return run;
    }

    private static List<String> problems(List<ReportAudit.Check> checks) {
        return checks.stream().filter(c -> !c.ok()).map(c -> c.what() + ": " + c.problem()).toList();
    }

    @Test
    void aConsistentDirectoryPasses() throws Exception {
        writeRun(cucumberHtml(new String[] {"ok <&>", "PASSED", ""}, new String[] {"cannot", "SKIPPED", "UNSUPPORTED: no ADI"},
                        new String[] {"caller broke it", "SKIPPED", "OUTSIDE-CONTRACT: copyout.ctx.user-only: interrupt"},
                        new String[] {"wrong", "FAILED", "copyout.succ: 1 byte differs"}),
                allureHtml(new String[] {"ok <&>", "passed", ""}, new String[] {"cannot", "skipped", "UNSUPPORTED: no ADI"},
                        new String[] {"caller broke it", "skipped", "OUTSIDE-CONTRACT: x"}, new String[] {"wrong", "failed", "diff"}));
        List<ReportAudit.Check> checks = ReportAudit.audit(dir, true);
        assertEquals(List.of(), problems(checks));
        assertTrue(checks.size() > 20, "many checks ran: " + checks.size());
    }

    @Test
    void anUnsupportedScenarioShownAsPassedIsCaught() throws Exception {
        writeRun(cucumberHtml(new String[] {"ok <&>", "PASSED", ""}, new String[] {"cannot", "PASSED", ""},
                        new String[] {"caller broke it", "SKIPPED", "OUTSIDE-CONTRACT: x"}, new String[] {"wrong", "FAILED", "d"}),
                allureHtml(new String[] {"ok <&>", "passed", ""}, new String[] {"cannot", "skipped", "no reason given"},
                        new String[] {"caller broke it", "skipped", "OUTSIDE-CONTRACT: x"}, new String[] {"wrong", "failed", "d"}));
        List<String> p = problems(ReportAudit.audit(dir, true));
        assertTrue(p.contains("cucumber.html: every UNSUPPORTED and OUTSIDE-CONTRACT scenario (2) is skipped with its reason, never passed: 1 are not"), p.toString());
        assertTrue(p.contains("Allure report: every UNSUPPORTED and OUTSIDE-CONTRACT scenario (2) is skipped with its reason, never passed: 1 are not"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.contains("\"cannot\" is UNSUPPORTED but cucumber.html shows [PASSED]")), p.toString());
    }

    @Test
    void missingOutputsAndLinksAreCaught() throws Exception {
        ReportWriter.write(dir, Fixtures.mixedRun(), Fixtures.CATALOGUE, ReportWriter.AllureStep.skipped("t"));
        List<String> p = problems(ReportAudit.audit(dir, true));
        assertTrue(p.contains("cucumber.html exists and is not empty: missing or empty"), p.toString());
        assertTrue(p.contains("index.html links allure-report/index.html: no link"), p.toString());
        assertFalse(p.stream().anyMatch(s -> s.startsWith("summary.json totals")), "summary agrees with results: " + p);
    }

    @Test
    void aSummaryThatDisagreesWithTheResultsIsCaught() throws Exception {
        ReportWriter.write(dir, Fixtures.mixedRun(), Fixtures.CATALOGUE, ReportWriter.AllureStep.skipped("t"));
        Path s = dir.resolve("summary.json");
        Files.writeString(s, Files.readString(s).replace("\"FAIL\": 1", "\"FAIL\": 0"));
        List<String> p = problems(ReportAudit.audit(dir, false));
        assertTrue(p.contains("summary.json totals.FAIL matches results.json: summary says 0, results.json has 1"), p.toString());
    }
}
