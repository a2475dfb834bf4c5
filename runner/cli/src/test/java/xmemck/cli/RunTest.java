package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.cli.Cli.ck;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xmemck.conformance.BundleCheck;
import xmemck.files.KitJson;

/**
 * ck run end to end, in this JVM, on a small features folder: the exit status, expected failures in
 * the reports, expiry, unexpected passes, profile drift, the bundle, shards, and the overview of
 * several adapters.
 */
class RunTest {

    static final Clock JAN_2027 =
            Clock.fixed(Instant.parse("2027-01-10T12:00:00Z"), ZoneOffset.UTC);
    static final Clock JUL_2027 =
            Clock.fixed(Instant.parse("2027-07-01T12:00:00Z"), ZoneOffset.UTC);

    static Cli.Ran run(Clock clock, Path dir, String adapter, String... more) throws IOException {
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "run",
                                "--adapter",
                                adapter,
                                "--features",
                                Cli.features(dir).toString(),
                                "--report-dir",
                                dir.resolve("reports").toString(),
                                "--no-allure",
                                "--quiet"));
        args.addAll(List.of(more));
        return ck(clock, args.toArray(String[]::new));
    }

    static String read(Path p) throws IOException {
        return Files.readString(p, StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> json(Path p) throws IOException {
        return (Map<String, Object>) KitJson.parse(read(p), p.toString());
    }

    static Path expectations(Path dir, String text) throws IOException {
        return Files.writeString(dir.resolve("short-copy.expectations"), text);
    }

    @Test
    void aFailureFailsTheRunAndIsListedWithItsScenario(@TempDir Path dir) throws IOException {
        Cli.Ran r = run(JAN_2027, dir, "test-short-copy");
        assertEquals(1, r.status(), r.all());
        assertTrue(r.err().contains("FAIL  " + Cli.PAGE + "  copyout copies 4096 bytes"), r.err());
        assertTrue(r.out().contains("ck run test-short-copy: did NOT pass"), r.out());
        Map<String, Object> summary = json(dir.resolve("reports/test-short-copy/summary.json"));
        assertEquals(false, summary.get("passed"));
        assertEquals(0L, summary.get("expectedFailures"));
    }

    @Test
    void anExpectedFailureIsReportedAsSuchAndTheRunPasses(@TempDir Path dir) throws IOException {
        Path exp =
                expectations(
                        dir,
                        "# test-short-copy\nscenario "
                                + Cli.PAGE
                                + " 2027-03-31 copies one byte too few (BUG-7)\n");
        Cli.Ran r = run(JAN_2027, dir, "test-short-copy", "--expectations", exp.toString());
        assertEquals(0, r.status(), r.all());
        assertTrue(r.out().contains("1 expected failure(s)"), r.out());
        Path reports = dir.resolve("reports/test-short-copy");

        String index = read(reports.resolve("index.html"));
        assertTrue(index.contains(">FAIL (expected)</span>"), "index.html labels it");
        assertTrue(
                index.contains(
                        "expected failure: "
                                + exp
                                + ":2: copies one byte too few (BUG-7) (until 2027-03-31)"),
                "and says why");
        assertTrue(
                index.contains("No unexpected FAIL or ERROR"),
                "the run's outcome counts it as expected");
        assertTrue(
                read(reports.resolve("matrix.html")).contains("FAIL (expected)"),
                "the matrix labels its cell");
        assertEquals(1L, json(reports.resolve("summary.json")).get("expectedFailures"));
        assertEquals(true, json(reports.resolve("summary.json")).get("passed"));
        assertTrue(
                read(reports.resolve("results.json"))
                        .contains("\"expected\": \"expected failure: "),
                "results.json keeps it for ck report");

        Map<String, Object> bundle = json(reports.resolve("bundle.json"));
        assertEquals(true, bundle.get("passed"));
        assertEquals(1L, bundle.get("expectedFailures"));
        assertEquals(
                xmemck.features.Sha256.of(Files.readAllBytes(exp)),
                ((Map<?, ?>) bundle.get("expectations")).get("sha256"));
        BundleCheck.Result check = BundleCheck.verify(reports.resolve("bundle.json"), exp);
        assertEquals(List.of(), check.problems());
        assertTrue(
                read(dir.resolve("reports/index.html")).contains("test-short-copy/index.html"),
                "the overview links the run");
    }

    @Test
    void aClauseEntryCoversEveryScenarioOfTheClause(@TempDir Path dir) throws IOException {
        Path exp = expectations(dir, "clause copyout.succ 2027-03-31 short copies\n");
        Cli.Ran r = run(JAN_2027, dir, "test-short-copy", "--expectations", exp.toString());
        assertEquals(0, r.status(), r.all());
    }

    @Test
    void anExpiredEntryFailsTheRunSayingWhatToChange(@TempDir Path dir) throws IOException {
        Path exp =
                expectations(
                        dir,
                        "scenario " + Cli.PAGE + " 2027-03-31 copies one byte too few (BUG-7)\n");
        Cli.Ran r = run(JUL_2027, dir, "test-short-copy", "--expectations", exp.toString());
        assertEquals(1, r.status(), r.all());
        assertTrue(
                r.err()
                        .contains(
                                exp
                                        + ":1: the entry for scenario "
                                        + Cli.PAGE
                                        + " expired on 2027-03-31 (copies one byte too few (BUG-7));"
                                        + " fix the implementation and delete the entry, or give it a later date and say why"),
                r.err());
        assertTrue(r.err().contains("FAIL  " + Cli.PAGE), "its failure counts again:\n" + r.err());
    }

    @Test
    void anUnexpectedPassFailsTheRunSayingWhatToChange(@TempDir Path dir) throws IOException {
        Path exp =
                expectations(
                        dir,
                        "scenario "
                                + Cli.ONE_BYTE
                                + " 2027-03-31 thought broken\nscenario "
                                + Cli.PAGE
                                + " 2027-03-31 short\n");
        Cli.Ran r = run(JAN_2027, dir, "test-short-copy", "--expectations", exp.toString());
        assertEquals(1, r.status(), r.all());
        assertTrue(
                r.err()
                        .contains(
                                exp
                                        + ":1: unexpected pass: scenario "
                                        + Cli.ONE_BYTE
                                        + " is listed as failing (thought broken), but its"
                                        + " scenario passed ("
                                        + Cli.ONE_BYTE
                                        + "); the failure is fixed: delete the entry"),
                r.err());
        Map<String, Object> bundle = json(dir.resolve("reports/test-short-copy/bundle.json"));
        assertEquals(false, bundle.get("passed"));
        assertEquals(1, ((List<?>) bundle.get("problems")).size());
        assertTrue(
                BundleCheck.verify(dir.resolve("reports/test-short-copy/bundle.json"), exp)
                        .consistent());
    }

    @Test
    void aDeclaredProfileIsComparedAndDriftFailsTheRun(@TempDir Path dir) throws IOException {
        Cli.Ran first = run(JAN_2027, dir, "reference");
        assertEquals(0, first.status(), first.all());
        Path declared = dir.resolve("reference.profile.json");
        Files.copy(dir.resolve("reports/reference/profile.json"), declared);
        assertTrue(
                read(declared).contains("copyout.failure-effect"),
                "the read-only copy leaves an implementation-defined effect");

        Cli.Ran same = run(JAN_2027, dir, "reference", "--profile", declared.toString());
        assertEquals(0, same.status(), same.all());
        assertTrue(
                same.out().contains("no drift from the declared profile (1 scenarios compared)"),
                same.out());

        Files.writeString(
                declared,
                read(declared).replace("a prefix: the first 6 of 16 bytes written", "untouched"));
        Cli.Ran drift = run(JAN_2027, dir, "reference", "--profile", declared.toString());
        assertEquals(1, drift.status(), drift.all());
        assertTrue(
                drift.err()
                        .contains(
                                "profile drift: "
                                        + Cli.READ_ONLY
                                        + " (a copy that runs into a read-only page fails): "
                                        + "copyout(kbuf+0, ubuf+4090, 16) from process p1: copyout.failure-effect: declared \"untouched\","
                                        + " now \"a prefix: the first 6 of 16 bytes written\""),
                drift.err());
        assertTrue(
                drift.err()
                        .contains(
                                "declare it: copy "
                                        + dir.resolve("reports/reference/profile.json")),
                drift.err());
    }

    @Test
    void shardsTogetherRunEveryScenarioExactlyOnce(@TempDir Path dir) throws IOException {
        List<String> ran = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            Path shardDir = dir.resolve("shard" + i);
            Files.createDirectories(shardDir);
            Cli.Ran r = run(JAN_2027, shardDir, "reference", "--shard", i + "/3");
            if (r.status() == 2) {
                assertTrue(r.err().contains("are in shard " + i + "/3"), r.err());
                continue;
            }
            assertEquals(0, r.status(), r.all());
            Map<String, Object> bundle = json(shardDir.resolve("reports/reference/bundle.json"));
            assertEquals(i + "/3", ((Map<?, ?>) bundle.get("selection")).get("shard"));
            for (Object s : (List<?>) bundle.get("scenarios"))
                ran.add((String) ((Map<?, ?>) s).get("id"));
        }
        ran.sort(null);
        assertEquals(List.of(Cli.ONE_BYTE, Cli.PAGE, Cli.READ_ONLY), ran);
    }

    @Test
    void severalAdaptersGetAFolderEachAndACombinedMatrix(@TempDir Path dir) throws IOException {
        Cli.Ran r = run(JAN_2027, dir, "reference,test-short-copy");
        assertEquals(1, r.status(), "one of the two failed:\n" + r.all());
        assertTrue(r.out().contains("1 of 2 runs passed"), r.out());
        String index = read(dir.resolve("reports/index.html"));
        assertTrue(
                index.contains("reference/index.html")
                        && index.contains("test-short-copy/index.html"),
                index);
        assertTrue(index.contains("1 of 2 runs did not pass."), index);
        String matrix = read(dir.resolve("reports/matrix.html"));
        assertTrue(matrix.contains("Conformance matrix: 2 runs"), "one column per adapter");
        assertTrue(
                Files.isRegularFile(dir.resolve("reports/reference/bundle.json"))
                        && Files.isRegularFile(dir.resolve("reports/test-short-copy/bundle.json")));
    }

    /**
     * Adapters run at once by default: each folder holds its own adapter's verdicts, the same as
     * when they run one after the other (--jobs 1), and ck prints each run's lines in the plan's
     * order.
     */
    @Test
    void adaptersRunAtOnceJudgeAsOneAfterTheOtherAndPrintInThePlansOrder(@TempDir Path dir)
            throws IOException {
        Path together = dir.resolve("together");
        Path inTurn = dir.resolve("in-turn");
        Cli.Ran r = run(JAN_2027, together, "test-short-copy,reference");
        Cli.Ran one = run(JAN_2027, inTurn, "test-short-copy,reference", "--jobs", "1");
        assertEquals(1, r.status(), r.all());
        assertEquals(r.status(), one.status(), one.all());
        assertTrue(r.out().contains("test-short-copy, reference, 2 at a time"), r.out());
        assertFalse(one.out().contains("at a time"), one.out());
        for (Cli.Ran ran : List.of(r, one)) {
            int shortCopy = ran.out().indexOf("ck run test-short-copy: 3 scenario(s)");
            int reference = ran.out().indexOf("ck run reference: 3 scenario(s)");
            assertTrue(shortCopy >= 0 && reference > shortCopy, ran.out());
        }
        for (String adapter : List.of("test-short-copy", "reference")) {
            Map<String, Object> summary =
                    json(together.resolve("reports").resolve(adapter).resolve("summary.json"));
            assertEquals(
                    adapter, ((Map<?, ?>) summary.get("adapter")).get("id"), summary.toString());
            assertEquals(
                    verdicts(inTurn.resolve("reports").resolve(adapter)),
                    verdicts(together.resolve("reports").resolve(adapter)),
                    adapter);
        }
        assertEquals(
                List.of("FAIL", "PASS", "PASS"),
                verdicts(together.resolve("reports/test-short-copy")).values().stream()
                        .sorted()
                        .toList(),
                "the short copy's own failure, in its own folder");
        assertFalse(
                verdicts(together.resolve("reports/reference")).containsValue("FAIL"),
                "the reference's run never met the short copy");
    }

    /** Scenario id to verdict, from a run's results.json. */
    private static Map<String, String> verdicts(Path runDir) throws IOException {
        Map<String, String> m = new java.util.TreeMap<>();
        for (Object o : (List<?>) json(runDir.resolve("results.json")).get("scenarios")) {
            Map<?, ?> sc = (Map<?, ?>) o;
            m.put((String) sc.get("id"), (String) sc.get("verdict"));
        }
        return m;
    }

    @Test
    void jobsOutsideOneToSixtyFourIsAUsageError(@TempDir Path dir) throws IOException {
        Cli.Ran r = run(JAN_2027, dir, "reference", "--jobs", "0");
        assertEquals(Ck.USAGE, r.status(), r.all());
        assertTrue(
                r.err().contains("--jobs 0: how many adapters run at a time is 1 to 64"), r.all());
        assertFalse(Files.exists(dir.resolve("reports")), "nothing was run");
    }

    @Test
    void progressLinesCountTheScenariosAndNameEachFailureAsItHappens(@TempDir Path dir)
            throws IOException {
        Path exp = expectations(dir, "scenario " + Cli.PAGE + " 2027-03-31 short\n");
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        java.io.PrintStream old = System.err;
        System.setErr(new java.io.PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Cli.Ran r =
                    ck(
                            JAN_2027,
                            "run",
                            "--adapter",
                            "test-short-copy",
                            "--features",
                            Cli.features(dir).toString(),
                            "--report-dir",
                            dir.resolve("reports").toString(),
                            "--no-allure",
                            "--expectations",
                            exp.toString());
            assertEquals(0, r.status(), r.all());
        } finally {
            System.setErr(old);
        }
        String progress = captured.toString(StandardCharsets.UTF_8);
        assertTrue(
                progress.contains("  FAIL (expected)  " + Cli.PAGE + "  copyout copies 4096 bytes"),
                progress);
        assertTrue(
                progress.contains("ck run test-short-copy: 3/3 (100%) scenarios, PASS 2, FAIL 1, "),
                progress);
    }

    @Test
    void theExitStatusIsZeroOnlyWhenNothingFailed() {
        var none = xmemck.conformance.Expectations.none();
        java.time.LocalDate d = java.time.LocalDate.of(2027, 1, 1);
        List<xmemck.harness.ScenarioResult> good =
                List.of(
                        result(xmemck.oracle.Verdict.PASS),
                        result(xmemck.oracle.Verdict.UNSUPPORTED),
                        result(xmemck.oracle.Verdict.OUTSIDE_CONTRACT));
        assertTrue(decide(good, none, d, (byte) 0).passed());
        assertFalse(
                decide(
                                List.of(
                                        result(xmemck.oracle.Verdict.PASS),
                                        result(xmemck.oracle.Verdict.FAIL)),
                                none,
                                d,
                                (byte) 1)
                        .passed());
        assertFalse(
                decide(List.of(result(xmemck.oracle.Verdict.ERROR)), none, d, (byte) 1).passed());
        AdapterRun.Decision empty = decide(List.of(), none, d, (byte) 0);
        assertFalse(empty.passed(), "a run in which nothing ran is not a success");
        assertTrue(
                empty.problems().getFirst().startsWith("no scenario ran"),
                empty.problems()::toString);
        AdapterRun.Decision cucumber =
                decide(List.of(result(xmemck.oracle.Verdict.PASS)), none, d, (byte) 2);
        assertFalse(cucumber.passed(), "a problem Cucumber reports (a parse error) fails the run");
        assertEquals(
                List.of("Cucumber reported a problem (exit status 2); see its output"),
                cucumber.problems());
    }

    static xmemck.harness.ScenarioResult result(xmemck.oracle.Verdict v) {
        return new xmemck.harness.ScenarioResult(
                "f:" + v.ordinal(),
                "s",
                "f",
                1,
                List.of("copyout.succ"),
                v,
                "",
                0.001,
                List.of(),
                Map.of());
    }

    static AdapterRun.Decision decide(
            List<xmemck.harness.ScenarioResult> results,
            xmemck.conformance.Expectations e,
            java.time.LocalDate d,
            byte status) {
        return AdapterRun.decide(
                xmemck.conformance.ExpectationCheck.reconcile(e, results, d),
                null,
                results,
                status);
    }
}
