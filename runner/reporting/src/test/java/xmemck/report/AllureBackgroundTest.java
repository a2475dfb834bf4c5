package xmemck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xmemck.records.RunReport;

/**
 * A report made in the background: the pages say so while it runs, link it when it is done, and
 * agree with late rewrites.
 */
class AllureBackgroundTest {

    @TempDir Path dir;

    /** A generation that waits for the test's word, then "makes" the report. */
    private static AllureReport.Outcome slowGeneration(Path dir, CountDownLatch go) {
        try {
            assertTrue(go.await(30, TimeUnit.SECONDS));
            Files.createDirectories(dir.resolve(AllureReport.OUTPUT_DIR));
            Files.writeString(dir.resolve(AllureReport.LINK), "<html></html>");
            return new AllureReport.Generated(AllureReport.LINK, 2.5);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void thePagesSayItIsBeingMadeThenLinkIt() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        var w =
                ReportWriter.write(
                        dir,
                        Fixtures.mixedRun(),
                        Fixtures.CATALOGUE,
                        run ->
                                AllureBackground.start(
                                        dir, Fixtures.CATALOGUE, () -> slowGeneration(dir, go)));
        assertEquals(List.of(), w.problems());
        assertTrue(
                Files.readString(dir.resolve("index.html"))
                        .contains("<strong>Allure report: being generated</strong>"));
        assertTrue(AllureBackground.state(dir).orElseThrow() instanceof AllureReport.Pending);
        assertTrue(AllureBackground.running());

        go.countDown();
        assertEquals(List.of(), AllureBackground.awaitAll(30));
        String index = Files.readString(dir.resolve("index.html"));
        assertTrue(
                index.contains("<a href=\"allure-report/index.html\">Allure report</a>"),
                "linked once made");
        assertTrue(index.contains("generated in 2.5 s"), index);
        assertEquals(Optional.empty(), AllureBackground.state(dir), "forgotten once reported");
    }

    @Test
    void aRewriteWhileItRunsIsNotUndoneAndTheEndIsNotLost() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        RunReport first = Fixtures.mixedRun();
        ReportWriter.write(
                dir,
                first,
                Fixtures.CATALOGUE,
                run ->
                        AllureBackground.start(
                                dir, Fixtures.CATALOGUE, () -> slowGeneration(dir, go)));
        // The run rewrites its pages (as ck run does for expected failures), asking for the Allure
        // state as it stands.
        RunReport noted =
                new RunReport(
                        first.kitVersion(),
                        first.adapter(),
                        first.startedAt(),
                        first.durationSeconds(),
                        first.scenarios(),
                        java.util.Map.of(
                                first.scenarios().get(1).id(), "expected failure: a note"));
        ReportWriter.write(
                dir, noted, Fixtures.CATALOGUE, run -> AllureBackground.state(dir).orElseThrow());
        assertTrue(Files.readString(dir.resolve("index.html")).contains("being generated"));

        go.countDown();
        assertEquals(List.of(), AllureBackground.awaitAll(30));
        String index = Files.readString(dir.resolve("index.html"));
        assertTrue(
                index.contains("<a href=\"allure-report/index.html\">Allure report</a>"),
                "the end shows");
        assertTrue(
                index.contains("expected failure: a note"),
                "and the rewrite's notes stay (rebuilt from results.json)");
    }

    @Test
    void aFailedBackgroundReportIsSaidOnThePageAndToWhoeverWaits() throws Exception {
        ReportWriter.write(
                dir,
                Fixtures.mixedRun(),
                Fixtures.CATALOGUE,
                run ->
                        AllureBackground.start(
                                dir,
                                Fixtures.CATALOGUE,
                                () -> new AllureReport.Failed("no tool here")));
        List<String> problems = AllureBackground.awaitAll(30);
        assertEquals(
                List.of(
                        dir.toAbsolutePath().normalize()
                                + ": Allure report not generated: no tool here"),
                problems);
        assertTrue(
                Files.readString(dir.resolve("index.html"))
                        .contains(
                                "Allure report: not produced</strong> <span class=\"muted\">no tool here"));
    }

    @Test
    void onlyIndexHtmlIsRewrittenWhenTheReportEnds() throws Exception {
        ReportWriter.write(
                dir, Fixtures.mixedRun(), Fixtures.CATALOGUE, ReportWriter.AllureStep.skipped("t"));
        java.util.Map<String, String> before = new java.util.TreeMap<>();
        for (String f : List.of("results.json", "summary.json", "profile.json", "matrix.html"))
            before.put(f, Files.readString(dir.resolve(f)));
        String index = Files.readString(dir.resolve("index.html"));
        var w = ReportWriter.refreshIndex(dir, Fixtures.CATALOGUE, new AllureReport.Failed("x"));
        assertEquals(List.of("Allure report not generated: x"), w.problems());
        for (var e : before.entrySet())
            assertEquals(
                    e.getValue(),
                    Files.readString(dir.resolve(e.getKey())),
                    e.getKey() + " untouched");
        String refreshed = Files.readString(dir.resolve("index.html"));
        assertEquals(
                index.replace("<span class=\"muted\">t</span>", "<span class=\"muted\">x</span>"),
                refreshed,
                "only the Allure line changed");
    }
}
