package xmemck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Catalogue;
import xmemck.oracle.Verdict;
import xmemck.records.AdapterInfo;
import xmemck.records.RunReport;

/**
 * Text an implementation controls on its way into the reports: Allure's result files never carry it
 * as HTML, and a run's text is well-formed and cut before any page is written.
 */
class UntrustedReportTextTest {
    static final String PAYLOAD = "<img src=x onerror=alert(1)>";

    @Test
    void allureStatusMessagesAndTracesAreEscapedAndHtmlAttachmentsBecomePlainText(
            @TempDir Path results) throws IOException {
        Files.writeString(
                results.resolve("a-result.json"),
                """
                {"uuid": "a", "name": "copyout copies", "status": "broken",
                 "statusDetails": {"message": "crashed: %s \\ud83d", "trace": "ScenarioError: %s"},
                 "steps": [{"name": "When ...", "statusDetails": {"message": "%s"},
                            "attachments": [{"name": "stderr", "source": "s-attachment", "type": "text/html"}]}]}
                """
                        .formatted(PAYLOAD, PAYLOAD, PAYLOAD));
        Files.writeString(
                results.resolve("b-result.json"), "{\"uuid\": \"b\", \"status\": \"passed\"}");
        Files.writeString(
                results.resolve("c-result.json"), "{\"statusDetails\": {\"message\": not json");
        assertEquals(
                2, AllureReport.neutralise(results), "the changed file and the unreadable one");
        String a = Files.readString(results.resolve("a-result.json"));
        assertFalse(a.contains("<img"), a);
        assertTrue(a.contains("&lt;img src=x onerror=alert(1)&gt;"), a);
        assertTrue(a.contains("\"text/plain\"") && !a.contains("text/html"), a);
        assertTrue(
                a.contains("\ufffd") || a.contains("\\uFFFD") || a.contains("\\ufffd"),
                "the lone surrogate replaced: " + a);
        assertEquals(
                "{\"uuid\": \"b\", \"status\": \"passed\"}",
                Files.readString(results.resolve("b-result.json")),
                "untouched");
        assertFalse(
                Files.exists(results.resolve("c-result.json")),
                "an unreadable result never reaches the report");
    }

    @Test
    void aRunsTextIsWellFormedAndCutBeforeAnyPageIsWritten(@TempDir Path dir) throws IOException {
        String huge = "n".repeat(5 << 20);
        ScenarioResult r =
                new ScenarioResult(
                        "f.feature:3",
                        "half \ud83d",
                        "f.feature",
                        3,
                        List.of("copyout.succ"),
                        Verdict.ERROR,
                        "crashed: " + huge,
                        0.1,
                        List.of("stderr " + huge),
                        Map.of("raw " + huge, "\udc00"));
        RunReport run =
                new RunReport(
                        "0.1.0",
                        new AdapterInfo("x", huge + "\ud83d", List.of(), Map.of()),
                        "",
                        1,
                        List.of(r));
        ReportWriter.Written w =
                ReportWriter.write(
                        dir, run, Catalogue.all(), ReportWriter.AllureStep.skipped("test"));
        assertEquals(List.of(), w.problems());
        for (String f :
                List.of(
                        ReportWriter.INDEX,
                        ReportWriter.MATRIX,
                        ReportWriter.SUMMARY,
                        ReportWriter.RESULTS,
                        ReportWriter.PROFILE)) {
            assertTrue(
                    Files.size(dir.resolve(f)) < 1_000_000, f + ": " + Files.size(dir.resolve(f)));
        }
        String results = Files.readString(dir.resolve(ReportWriter.RESULTS));
        assertTrue(
                results.contains("(cut, " + (huge.length() + 1) + " chars in all)"),
                "the name's cut is said");
        assertTrue(results.contains("half \ufffd"));
        RunReport safe = UntrustedRun.safe(run);
        assertTrue(
                safe.scenarios().getFirst().reason().length()
                        <= UntrustedRun.MAX_SCENARIO_REASON + 40);
        assertTrue(UntrustedRun.safe(safe) == safe, "safe text stays as it is");
    }
}
