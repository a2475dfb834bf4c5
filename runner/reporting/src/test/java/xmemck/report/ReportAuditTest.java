package xmemck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.report.Fixtures.scenario;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;
import xmemck.oracle.Verdict;
import xmemck.records.RunReport;

class ReportAuditTest {

    @TempDir Path dir;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A case as a tool shows it: the scenario's name, the tool's status and message. */
    record Case(String name, String status, String message) {}

    /**
     * Cucumber's message stream in the message plugin's layout: per test case a pickle, the test
     * case, its start, a passing step, the step that decides its status, and its end.
     */
    static String messages(Case... cases) {
        List<String> env = new ArrayList<>();
        env.add("{\"meta\":{\"protocolVersion\":\"30.1.0\"}}");
        for (int i = 0; i < cases.length; i++) {
            env.add(
                    JSON.writeValueAsString(
                            Map.of("pickle", Map.of("id", "p" + i, "name", cases[i].name()))));
            env.add("{\"testCase\":{\"id\":\"c" + i + "\",\"pickleId\":\"p" + i + "\"}}");
            env.add("{\"testCaseStarted\":{\"id\":\"s" + i + "\",\"testCaseId\":\"c" + i + "\"}}");
            env.add(
                    "{\"testStepFinished\":{\"testCaseStartedId\":\"s"
                            + i
                            + "\",\"testStepResult\":{\"status\":\"PASSED\"}}}");
            env.add(
                    JSON.writeValueAsString(
                            Map.of(
                                    "testStepFinished",
                                    Map.of(
                                            "testCaseStartedId",
                                            "s" + i,
                                            "testStepResult",
                                            Map.of(
                                                    "status",
                                                    cases[i].status(),
                                                    "message",
                                                    cases[i].message())))));
            env.add(
                    "{\"testCaseFinished\":{\"testCaseStartedId\":\"s"
                            + i
                            + "\",\"willBeRetried\":false}}");
        }
        return String.join("\n", env) + "\n";
    }

    /**
     * Allure's result files, as allure-cucumber7-jvm writes them (the fields the audit reads, and
     * some it does not).
     */
    static void allureResults(Path results, Case... cases) throws Exception {
        Files.createDirectories(results);
        for (int i = 0; i < cases.length; i++) {
            Files.writeString(
                    results.resolve("u" + i + "-result.json"),
                    JSON.writeValueAsString(
                            Map.of(
                                    "uuid",
                                    "u" + i,
                                    "name",
                                    cases[i].name(),
                                    "status",
                                    cases[i].status(),
                                    "statusDetails",
                                    Map.of("known", false, "message", cases[i].message()),
                                    "stage",
                                    "finished")));
            Files.writeString(
                    results.resolve("k" + i + "-container.json"),
                    "{\"uuid\":\"k" + i + "\",\"children\":[\"u" + i + "\"]}");
        }
    }

    private RunReport writeRun(List<Case> cucumber, List<Case> allure) throws Exception {
        RunReport run =
                Fixtures.run(
                        scenario("ok <&>", Verdict.PASS, "copyout.succ"),
                        scenario("cannot", Verdict.UNSUPPORTED, "copyout.fail.adi"),
                        scenario("caller broke it", Verdict.OUTSIDE_CONTRACT, "copyout.succ"),
                        scenario("wrong", Verdict.FAIL, "copyout.succ"));
        Files.writeString(dir.resolve("cucumber.html"), "<html></html>");
        Files.writeString(dir.resolve("cucumber-junit.xml"), "<testsuite/>");
        Files.writeString(
                dir.resolve("cucumber-messages.ndjson"), messages(cucumber.toArray(Case[]::new)));
        allureResults(dir.resolve("allure-results"), allure.toArray(Case[]::new));
        Files.createDirectories(dir.resolve("allure-report"));
        Files.writeString(dir.resolve("allure-report/index.html"), "<html></html>");
        ReportWriter.write(
                dir,
                run,
                Fixtures.CATALOGUE,
                r -> new AllureReport.Generated(AllureReport.LINK, 1));
        return run;
    }

    private static List<String> problems(List<ReportAudit.Check> checks) {
        return checks.stream()
                .filter(c -> !c.ok())
                .map(c -> c.what() + ": " + c.problem())
                .toList();
    }

    @Test
    void aConsistentDirectoryPasses() throws Exception {
        writeRun(
                List.of(
                        new Case("ok <&>", "PASSED", ""),
                        new Case("cannot", "SKIPPED", "UNSUPPORTED: no ADI"),
                        new Case(
                                "caller broke it",
                                "SKIPPED",
                                "OUTSIDE-CONTRACT: copyout.ctx.user-only: interrupt"),
                        new Case("wrong", "FAILED", "copyout.succ: 1 byte differs")),
                List.of(
                        new Case("ok <&>", "passed", ""),
                                new Case("cannot", "skipped", "UNSUPPORTED: no ADI"),
                        new Case("caller broke it", "skipped", "OUTSIDE-CONTRACT: x"),
                                new Case("wrong", "failed", "diff")));
        List<ReportAudit.Check> checks = ReportAudit.audit(dir, true);
        assertEquals(List.of(), problems(checks));
        assertTrue(checks.size() > 20, "many checks ran: " + checks.size());
    }

    @Test
    void anUnsupportedScenarioShownAsPassedOrWithoutItsReasonIsCaught() throws Exception {
        writeRun(
                List.of(
                        new Case("ok <&>", "PASSED", ""),
                        new Case("cannot", "PASSED", ""),
                        new Case("caller broke it", "SKIPPED", "OUTSIDE-CONTRACT: x"),
                        new Case("wrong", "FAILED", "d")),
                List.of(
                        new Case("ok <&>", "passed", ""),
                                new Case("cannot", "skipped", "no reason given"),
                        new Case("caller broke it", "skipped", "OUTSIDE-CONTRACT: x"),
                                new Case("wrong", "failed", "d")));
        List<String> p = problems(ReportAudit.audit(dir, true));
        assertTrue(
                p.stream()
                        .anyMatch(
                                s ->
                                        s.startsWith(
                                                        "Cucumber: every UNSUPPORTED and OUTSIDE-CONTRACT scenario (2) is skipped")
                                                && s.endsWith("1 are not")),
                p.toString());
        assertTrue(
                p.stream()
                        .anyMatch(
                                s ->
                                        s.startsWith(
                                                        "Allure: every UNSUPPORTED and OUTSIDE-CONTRACT scenario (2) is skipped")
                                                && s.endsWith("1 are not")),
                p.toString());
        assertTrue(
                p.stream()
                        .anyMatch(
                                s ->
                                        s.contains(
                                                "\"cannot\" is UNSUPPORTED but Cucumber shows [PASSED]")),
                p.toString());
        assertTrue(
                p.stream()
                        .anyMatch(
                                s ->
                                        s.contains(
                                                "\"cannot\" is UNSUPPORTED but Allure shows [skipped \"no reason given\"]")),
                p.toString());
    }

    @Test
    void aRetriedAttemptDoesNotCountAndAMissingScenarioIsCaught() throws Exception {
        writeRun(
                List.of(
                        new Case("ok <&>", "PASSED", ""),
                        new Case("cannot", "SKIPPED", "UNSUPPORTED: no ADI"),
                        new Case("caller broke it", "SKIPPED", "OUTSIDE-CONTRACT: x"),
                        new Case("wrong", "FAILED", "d")),
                List.of(
                        new Case("ok <&>", "passed", ""),
                        new Case("cannot", "skipped", "UNSUPPORTED: no ADI"),
                        new Case("caller broke it", "skipped", "OUTSIDE-CONTRACT: x")));
        Path ndjson = dir.resolve("cucumber-messages.ndjson");
        Files.writeString(
                ndjson,
                Files.readString(ndjson)
                        .replace(
                                "{\"testCaseFinished\":{\"testCaseStartedId\":\"s3\",\"willBeRetried\":false}}",
                                "{\"testCaseFinished\":{\"testCaseStartedId\":\"s3\",\"willBeRetried\":true}}"));
        List<String> p = problems(ReportAudit.audit(dir, true));
        assertTrue(
                p.contains(
                        "Cucumber shows as many scenarios as results.json has: shows 3, results.json has 4"),
                p.toString());
        assertTrue(
                p.contains(
                        "Allure shows as many scenarios as results.json has: shows 3, results.json has 4"),
                p.toString());
        assertTrue(
                p.stream().anyMatch(s -> s.contains("\"wrong\" is FAIL but Allure shows []")),
                p.toString());
    }

    @Test
    void missingOutputsAndLinksAreCaught() throws Exception {
        ReportWriter.write(
                dir, Fixtures.mixedRun(), Fixtures.CATALOGUE, ReportWriter.AllureStep.skipped("t"));
        List<String> p = problems(ReportAudit.audit(dir, true));
        assertTrue(
                p.contains("cucumber.html exists and is not empty: missing or empty"),
                p.toString());
        assertTrue(
                p.contains("cucumber-messages.ndjson exists and is not empty: missing or empty"),
                p.toString());
        assertTrue(p.contains("index.html links allure-report/index.html: no link"), p.toString());
        assertTrue(p.contains("allure-results/ holds Allure's results: missing"), p.toString());
        assertFalse(
                p.stream().anyMatch(s -> s.startsWith("summary.json totals")),
                "summary agrees with results: " + p);
    }

    @Test
    void aSummaryThatDisagreesWithTheResultsIsCaught() throws Exception {
        ReportWriter.write(
                dir, Fixtures.mixedRun(), Fixtures.CATALOGUE, ReportWriter.AllureStep.skipped("t"));
        Path s = dir.resolve("summary.json");
        Files.writeString(s, Files.readString(s).replace("\"FAIL\": 1", "\"FAIL\": 0"));
        List<String> p = problems(ReportAudit.audit(dir, false));
        assertTrue(
                p.contains(
                        "summary.json totals.FAIL matches results.json: summary says 0, results.json has 1"),
                p.toString());
    }

    @Test
    void aBrokenMessageStreamIsNamedWithItsLine() throws Exception {
        Files.writeString(dir.resolve("m.ndjson"), "{\"meta\":{}}\nnot json\n");
        var e =
                assertThrows(
                        IOException.class, () -> CucumberStatuses.read(dir.resolve("m.ndjson")));
        assertTrue(e.getMessage().contains("m.ndjson:2: not a JSON envelope"), e.getMessage());
    }
}
