package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.cli.Cli.ck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The run's verdicts say no more than the run showed: a FAIL marks only the clauses its findings
 * name, a clause's cell counts every verdict, and a run that judged nothing is not passed.
 */
class HonestVerdictsTest {

    @SuppressWarnings("unchecked")
    static Map<String, Object> clause(Map<String, Object> summary, String id) {
        for (Object o : (List<Object>) summary.get("clauses")) {
            Map<String, Object> c = (Map<String, Object>) o;
            if (c.get("id").equals(id)) return c;
        }
        throw new AssertionError("no clause " + id + " in summary.json");
    }

    @Test
    void aSkeletonThatImplementsNothingIsNotPassedAndItsBundleIsNoClaim(@TempDir Path dir)
            throws IOException {
        Cli.Ran r = RunTest.run(RunTest.JAN_2027, dir, SkeletonAdapter.ID);
        assertEquals(Ck.NOTHING_JUDGED, r.status(), r.all());
        assertTrue(
                r.err().contains("nothing judged: no scenario passed or failed (3 UNSUPPORTED"),
                r.err());
        assertTrue(r.out().contains("did NOT pass: nothing judged; 0 of "), r.out());
        Path run = dir.resolve("reports").resolve(SkeletonAdapter.ID);
        Map<String, Object> summary = RunTest.json(run.resolve("summary.json"));
        assertEquals(false, summary.get("passed"));
        assertEquals(true, summary.get("judgedNothing"));
        assertEquals(List.of(), summary.get("clausesJudged"));
        assertTrue(
                RunTest.read(run.resolve("index.html"))
                        .contains("Nothing judged: no scenario passed or failed"));
        assertTrue(
                RunTest.read(run.resolve("index.html")).contains("0 of "),
                "the index says how many clauses were judged");
        assertFalse(RunTest.read(dir.resolve("reports/index.html")).contains("Every run passed"));
        Map<String, Object> bundle = RunTest.json(run.resolve("bundle.json"));
        assertEquals(false, bundle.get("passed"));
        assertEquals(List.of(), bundle.get("judgedClauses"));
        Cli.Ran v = ck("verify-bundle", run.resolve("bundle.json").toString());
        assertEquals(Ck.NOTHING_JUDGED, v.status(), v.all());
        assertTrue(v.out().contains("consistent, but not a conformance claim"), v.out());
    }

    @Test
    void aRunThatPassesNamesTheClausesItJudged(@TempDir Path dir) throws IOException {
        Cli.Ran r = RunTest.run(RunTest.JAN_2027, dir, "reference");
        assertEquals(Ck.OK, r.status(), r.all());
        Map<String, Object> bundle = RunTest.json(dir.resolve("reports/reference/bundle.json"));
        assertEquals(
                List.of("copyout.succ", "copyout.fail.paging-fault"),
                ((List<?>) bundle.get("judgedClauses"))
                        .stream().filter(c -> ((String) c).startsWith("copyout")).toList());
        Cli.Ran v = ck("verify-bundle", dir.resolve("reports/reference/bundle.json").toString());
        assertEquals(Ck.OK, v.status(), v.all());
        assertTrue(v.out().contains("clauses judged (copyout.succ, "), v.out());
    }

    /**
     * The C example with a seeded fault that writes into read-only pages: the scenario is tagged
     * with more clauses than it breaks, and only those its findings name are FAIL; the others are
     * "not decided here".
     */
    @Test
    void aSeededFaultShowsFailOnlyOnTheClausesItsFindingsName(@TempDir Path dir)
            throws IOException {
        // The test features, with the read-only scenario tagged with two more clauses than it is
        // about.
        Path failures = Cli.features(dir).resolve("copyout/failures.feature");
        Files.writeString(
                failures,
                Files.readString(failures)
                        .replace(
                                "@clause:copyout.fail.paging-fault",
                                "@clause:copyout.fail.paging-fault @clause:inv.source-unchanged @clause:inv.no-foreign-data"));
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "run",
                                "--adapter",
                                "process",
                                "--sut",
                                xmemck.faults.SeededFaultAccess.binary().toString(),
                                "--fault",
                                "copyout_no_write_check",
                                "--features",
                                dir.resolve("features").toString(),
                                "--report-dir",
                                dir.resolve("reports").toString(),
                                "--no-allure",
                                "--quiet"));
        Cli.Ran r = ck(RunTest.JAN_2027, args.toArray(String[]::new));
        assertEquals(Ck.FAILED, r.status(), r.all());
        Path run = dir.resolve("reports/process");
        Map<String, Object> summary = RunTest.json(run.resolve("summary.json"));
        List<Map<String, Object>> scenarios = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> listed =
                (List<Map<String, Object>>)
                        RunTest.json(run.resolve("bundle.json")).get("scenarios");
        for (Map<String, Object> s : listed) if (s.get("verdict").equals("FAIL")) scenarios.add(s);
        assertEquals(1, scenarios.size(), scenarios::toString);
        @SuppressWarnings("unchecked")
        List<String> violated = (List<String>) scenarios.getFirst().get("violated");
        assertFalse(violated.isEmpty());
        for (String tag :
                List.of(
                        "copyout.fail.paging-fault",
                        "inv.source-unchanged",
                        "inv.no-foreign-data")) {
            Map<String, Object> c = clause(summary, tag);
            @SuppressWarnings("unchecked")
            Map<String, Object> counts = (Map<String, Object>) c.get("counts");
            if (violated.contains(tag)) {
                assertEquals("FAIL", c.get("verdict"), tag);
                assertEquals(1L, counts.get("FAIL"), tag);
            } else {
                assertEquals(
                        "NOT-DECIDED",
                        c.get("verdict"),
                        tag + " is tagged but no finding names it");
                assertEquals(0L, counts.get("FAIL"), tag);
                assertEquals(1L, c.get("notDecided"), tag);
            }
        }
        assertFalse(
                violated.contains("inv.source-unchanged"),
                "the fault does not touch the source: " + violated);
        String matrix = RunTest.read(run.resolve("matrix.html"));
        assertTrue(
                matrix.contains("not decided here"),
                "the matrix marks the tags the FAIL did not decide");
        assertTrue(
                matrix.contains("<figure class=\"picture\">"),
                "the failure picture is in the matrix details");
        assertTrue(
                RunTest.read(run.resolve("index.html")).contains("<figure class=\"picture\">"),
                "and on the index page");
        assertTrue(
                matrix.contains("<div class=\"breakdown\">2 PASS</div>"),
                "cells show their counts");
    }
}
