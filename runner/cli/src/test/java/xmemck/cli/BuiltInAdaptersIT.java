package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The whole feature suite against the built-in implementations other than the reference, the way a
 * user runs it: {@code ck run --adapter NAME}, with the kit's own known findings for the adapter
 * (Linux's list beside its sources) applied as they are in {@code ./ck run}. Each run must pass:
 * every FAIL an expected one, no ERROR, and something judged. Reports go under the build's target
 * folder.
 */
class BuiltInAdaptersIT {

    static Path reports() {
        return Path.of(System.getProperty("xmemck.reportDir", "target/reports")).resolve("ck-run");
    }

    static Map<?, ?> totals(Path run) throws IOException {
        return (Map<?, ?>) RunTest.json(run.resolve("summary.json")).get("totals");
    }

    @Test
    void theCExampleThroughTheProcessProtocolPassesTheSuite() throws IOException {
        Cli.Ran r =
                Cli.ck(
                        "run",
                        "--adapter",
                        "process",
                        "--sut",
                        ShardMergeTest.cExample().toString(),
                        "--features",
                        ShardMergeTest.features().toString(),
                        "--report-dir",
                        reports().toString(),
                        "--no-allure",
                        "--quiet");
        assertEquals(Ck.OK, r.status(), r.all());
        Map<?, ?> totals = totals(reports().resolve("process"));
        assertEquals(0L, totals.get("FAIL"), "the C example has no known findings: " + totals);
        assertEquals(0L, totals.get("ERROR"), totals.toString());
        assertTrue((Long) totals.get("PASS") > 1000, totals.toString());
    }

    @Test
    void theLinuxKernelPassesTheSuiteWithItsKnownFindingsExpected() throws IOException {
        Cli.Ran r =
                Cli.ck(
                        "run",
                        "--adapter",
                        "linux",
                        "--features",
                        ShardMergeTest.features().toString(),
                        "--report-dir",
                        reports().toString(),
                        "--no-allure",
                        "--quiet");
        assertEquals(Ck.OK, r.status(), r.all());
        Map<String, Object> summary =
                RunTest.json(reports().resolve("linux").resolve("summary.json"));
        Map<?, ?> totals = (Map<?, ?>) summary.get("totals");
        assertEquals(0L, totals.get("ERROR"), totals.toString());
        assertEquals(
                totals.get("FAIL"),
                summary.get("expectedFailures"),
                "every Linux FAIL is a known finding: " + totals);
        assertTrue((Long) totals.get("PASS") > 1000, totals.toString());
    }
}
