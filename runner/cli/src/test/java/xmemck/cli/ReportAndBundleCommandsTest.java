package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.cli.Cli.ck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ck report rebuilds saved runs; ck verify-bundle checks a bundle. */
class ReportAndBundleCommandsTest {

    @Test
    void reportsAreRebuiltFromResultsJsonKeepingExpectedFailures(@TempDir Path dir)
            throws IOException {
        Path exp = RunTest.expectations(dir, "scenario " + Cli.PAGE + " 2027-03-31 short\n");
        assertEquals(0, RunTest.run(RunTest.JAN_2027, dir, "reference").status());
        assertEquals(
                0,
                RunTest.run(
                                RunTest.JAN_2027,
                                dir,
                                "test-short-copy",
                                "--expectations",
                                exp.toString())
                        .status());
        Path reports = dir.resolve("reports");
        Files.delete(reports.resolve("test-short-copy/index.html"));
        Files.delete(reports.resolve("matrix.html"));

        Cli.Ran r = ck("report", reports.toString());
        assertEquals(0, r.status(), r.all());
        assertTrue(r.out().contains("over 2 runs"), r.out());
        assertTrue(
                Files.readString(reports.resolve("test-short-copy/index.html"))
                        .contains("FAIL (expected)"),
                "rebuilt from results.json");
        assertTrue(
                Files.readString(reports.resolve("matrix.html"))
                        .contains("Conformance matrix: 2 runs"));
        assertTrue(
                Files.readString(reports.resolve("index.html"))
                        .contains("Every run passed (2 runs)."),
                "the bundles' outcomes");
    }

    @Test
    void aMalformedResultsFileOrAnEmptyFolderIsNamed(@TempDir Path dir) throws IOException {
        Cli.Ran empty = ck("report", dir.toString());
        assertEquals(2, empty.status());
        assertTrue(empty.err().contains("no results.json in " + dir), empty.err());
        Path run = Files.createDirectories(dir.resolve("acme"));
        Files.writeString(
                run.resolve("results.json"),
                "{\"format\": \"xmemck-results\", \"formatVersion\": 1, \"kit\": {}}");
        Cli.Ran bad = ck("report", run.toString());
        assertEquals(2, bad.status());
        assertTrue(
                bad.err().contains(run.resolve("results.json") + ":1: kit.version is missing"),
                bad.err());
    }

    @Test
    void verifyBundleSaysConsistentOrListsEveryProblem(@TempDir Path dir) throws IOException {
        assertEquals(0, RunTest.run(RunTest.JAN_2027, dir, "reference").status());
        Path bundle = dir.resolve("reports/reference/bundle.json");
        Cli.Ran ok = ck("verify-bundle", bundle.toString());
        assertEquals(0, ok.status(), ok.all());
        assertTrue(ok.out().contains(bundle + ": consistent: adapter reference, kit "), ok.out());

        Files.writeString(
                bundle, Files.readString(bundle).replace("\"PASS\": 3,", "\"PASS\": 30,"));
        Cli.Ran bad = ck("verify-bundle", bundle.toString());
        assertEquals(1, bad.status(), bad.all());
        assertTrue(
                bad.err().contains("totals.PASS is 30 but 3 scenarios have the verdict PASS"),
                bad.err());
        assertTrue(bad.err().contains(bundle + ": 1 problem(s)"), bad.err());

        Cli.Ran missing = ck("verify-bundle", dir.resolve("none.json").toString());
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("cannot read the bundle"), missing.err());
    }
}
