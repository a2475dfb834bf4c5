package xmemck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportWriterTest {

    @TempDir Path dir;

    @Test
    void writesEveryFileAndLinksThemFromTheIndex() throws IOException {
        Files.writeString(dir.resolve("cucumber.html"), "<html></html>");
        Files.createDirectories(dir.resolve("allure-report"));
        Files.writeString(dir.resolve("allure-report/index.html"), "<html></html>");
        var w =
                ReportWriter.write(
                        dir,
                        Fixtures.mixedRun(),
                        Fixtures.CATALOGUE,
                        run -> new AllureReport.Generated(AllureReport.LINK, 1.5));
        assertEquals(List.of(), w.problems());
        for (String f :
                List.of(
                        "index.html",
                        "matrix.html",
                        "summary.json",
                        "profile.json",
                        "results.json")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f + " written");
        }
        String index = Files.readString(dir.resolve("index.html"));
        for (String href :
                List.of(
                        "matrix.html",
                        "cucumber.html",
                        "allure-report/index.html",
                        "summary.json",
                        "profile.json",
                        "results.json")) {
            assertTrue(index.contains("<a href=\"" + href + "\">"), "index links " + href);
        }
        try (var s = Files.list(dir)) {
            assertFalse(s.anyMatch(p -> p.toString().endsWith(".tmp")), "no temporary file left");
        }
    }

    @Test
    void aFailedAllureReportIsExplainedAndLosesNothingElse() throws IOException {
        var w =
                ReportWriter.write(
                        dir,
                        Fixtures.mixedRun(),
                        Fixtures.CATALOGUE,
                        run -> new AllureReport.Failed("allure generate exited with 1: boom"));
        assertEquals(
                List.of("Allure report not generated: allure generate exited with 1: boom"),
                w.problems());
        for (String f :
                List.of(
                        "index.html",
                        "matrix.html",
                        "summary.json",
                        "profile.json",
                        "results.json")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f + " still written");
        }
        String index = Files.readString(dir.resolve("index.html"));
        assertTrue(
                index.contains(
                        "Allure report: not produced</strong> <span class=\"muted\">allure generate exited with 1: boom"));
        assertTrue(
                index.contains("Cucumber report: not produced"),
                "cucumber.html absent here, and said so");
    }

    @Test
    void anAllureStepThatThrowsIsCaughtToo() {
        var w =
                ReportWriter.write(
                        dir,
                        Fixtures.mixedRun(),
                        Fixtures.CATALOGUE,
                        run -> {
                            throw new IllegalStateException("bad");
                        });
        assertEquals(1, w.problems().size());
        assertTrue(w.problems().getFirst().contains("IllegalStateException: bad"));
        assertTrue(Files.isRegularFile(dir.resolve("index.html")));
    }

    @Test
    void reportsRebuildFromResultsJsonAlone() throws IOException {
        ReportWriter.write(
                dir,
                Fixtures.mixedRun(),
                Fixtures.CATALOGUE,
                ReportWriter.AllureStep.skipped("test"));
        String summary = Files.readString(dir.resolve("summary.json"));
        String matrix = Files.readString(dir.resolve("matrix.html"));
        Files.delete(dir.resolve("summary.json"));
        Files.delete(dir.resolve("matrix.html"));
        var w = ReportWriter.rebuild(dir, Fixtures.CATALOGUE);
        assertEquals(List.of(), w.problems());
        assertEquals(summary, Files.readString(dir.resolve("summary.json")));
        assertEquals(matrix, Files.readString(dir.resolve("matrix.html")));
    }

    @Test
    void anUnwritableDirectoryIsReportedNotThrown() throws IOException {
        Path file = dir.resolve("a-file");
        Files.writeString(file, "x");
        var w =
                ReportWriter.write(
                        file.resolve("reports"),
                        Fixtures.mixedRun(),
                        Fixtures.CATALOGUE,
                        ReportWriter.AllureStep.skipped("t"));
        assertEquals(1, w.problems().size());
        assertTrue(
                w.problems().getFirst().startsWith("cannot create the report directory"),
                w.problems().getFirst());
    }
}
