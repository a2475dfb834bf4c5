package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.cli.Cli.ck;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xmemck.report.ReportWriter;

/**
 * A report folder stays honest: a run's write failures fail it (exit 4) without a link to a page
 * that is not there; an interrupted run is marked INCOMPLETE (and ck report says so, on the page
 * too) and the previous run's files never survive beside it; two runs never share a folder.
 */
class RunFolderTest {

    private static Cli.Ran run(Path dir, String adapter, String... more) throws IOException {
        List<String> args =
                new java.util.ArrayList<>(
                        List.of(
                                "run",
                                "--adapter",
                                adapter,
                                "--features",
                                Cli.features(dir).toString(),
                                "--report-dir",
                                dir.resolve("reports").toString(),
                                "--quiet",
                                "--no-allure"));
        args.addAll(List.of(more));
        return ck(RunTest.JAN_2027, args.toArray(String[]::new));
    }

    @Test
    void aFolderThatBecomesUnwritableFailsTheRunWithoutALinkToAMissingPage(@TempDir Path dir)
            throws IOException {
        Cli.Ran r = run(dir, HostileAdapters.FolderBreakerProvider.ID);
        // 4, or 5 (nothing judged: Cucumber's message stream, which carries the results, went with
        // the folder): the highest code wins.
        assertTrue(r.status() >= Ck.REPORTS_NOT_WRITTEN, r.all());
        assertTrue(
                r.err().contains("reports not written (exit " + Ck.REPORTS_NOT_WRITTEN + ")"),
                r.all());
        Path index =
                dir.resolve("reports")
                        .resolve(HostileAdapters.FolderBreakerProvider.ID)
                        .resolve(ReportWriter.INDEX);
        assertFalse(Files.exists(index));
        assertFalse(
                r.all().contains("reports: " + index),
                "no link to the page that was not written:\n" + r.all());
        assertTrue(r.all().contains(index + " was not written"), r.all());
        assertTrue(r.err().contains("reports not written"), r.all());
    }

    @Test
    void aCleanRunLeavesNoMarkerAndClearsThePreviousRunsFilesAtItsStart(@TempDir Path dir)
            throws IOException {
        Path run = dir.resolve("reports/reference");
        Files.createDirectories(run);
        Files.writeString(run.resolve("bundle.json"), "{\"stale\": true}");
        Files.writeString(run.resolve("summary.json"), "{\"stale\": true}");
        Files.writeString(run.resolve(ReportWriter.INCOMPLETE), "an earlier run was killed");
        Cli.Ran r = run(dir, "reference", "--tags", "@clause:copyout.fail.paging-fault");
        assertEquals(0, r.status(), r.all());
        assertFalse(Files.readString(run.resolve("bundle.json")).contains("stale"));
        assertFalse(Files.readString(run.resolve("summary.json")).contains("stale"));
        assertFalse(
                Files.exists(run.resolve(ReportWriter.INCOMPLETE)),
                "the marker goes at a clean end");
        assertFalse(Files.exists(dir.resolve("reports").resolve(ReportWriter.INCOMPLETE)));
        try (var s = Files.list(run)) {
            assertEquals(
                    List.of(),
                    s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList(),
                    "no temporary file is left");
        }
    }

    @Test
    void anInterruptedRunIsShownIncompleteByCkReportAndOnItsPage(@TempDir Path dir)
            throws IOException {
        assertEquals(
                0, run(dir, "reference", "--tags", "@clause:copyout.fail.paging-fault").status());
        Path run = dir.resolve("reports/reference");
        // What a kill between the last scenario and the run's end leaves: the results, and the
        // marker.
        Files.writeString(
                run.resolve(ReportWriter.INCOMPLETE),
                "the run started at 2027-01-01T00:00:00Z has not ended cleanly");
        Cli.Ran r = ck("report", run.toString());
        assertEquals(0, r.status(), r.all());
        assertTrue(r.out().contains("INCOMPLETE"), r.all());
        String page = Files.readString(run.resolve(ReportWriter.INDEX));
        assertTrue(
                page.contains("This run did not finish") && page.contains("has not ended cleanly"),
                page);
    }

    @Test
    void aSecondRunIntoALockedFolderIsRefused(@TempDir Path dir) throws IOException {
        Path root = Files.createDirectories(dir.resolve("reports"));
        try (FileChannel ch =
                        FileChannel.open(
                                root.resolve(RunMarker.LOCK),
                                StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE);
                FileLock held = ch.lock()) {
            Cli.Ran r = run(dir, "reference");
            assertEquals(Ck.USAGE, r.status(), r.all());
            assertTrue(r.err().contains("another ck run is writing its reports into"), r.all());
            assertFalse(Files.exists(root.resolve("reference/index.html")), "nothing was run");
        }
    }
}
