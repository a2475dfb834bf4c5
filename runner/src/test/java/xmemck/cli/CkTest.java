package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;

/** The command line: usage, bad input, and the exit status rule (0 only without FAIL or ERROR). */
class CkTest {

    record Ran(int status, String out, String err) {}

    static Ran ck(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Ck.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int status = cl.execute(args);
        return new Ran(status, out.toString(), err.toString());
    }

    @Test
    void withoutArgumentsItPrintsUsage() {
        Ran r = ck();
        assertEquals(0, r.status());
        assertTrue(r.out().contains("Usage: ck") && r.out().contains("run"), r.out());
    }

    @Test
    void runHelpNamesEveryOption() {
        Ran r = ck("run", "--help");
        for (String option : List.of("--adapter", "--sut", "--tags", "--report-dir", "--features")) assertTrue(r.out().contains(option), option + " in " + r.out());
    }

    @Test
    void anUnknownAdapterListsTheAvailableOnes(@TempDir Path dir) {
        Ran r = ck("run", "--adapter", "nope", "--report-dir", dir.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("unknown adapter \"nope\"") && r.err().contains("reference"), r.err());
    }

    @Test
    void aMissingFeaturesFolderIsNamed(@TempDir Path dir) {
        Ran r = ck("run", "--features", dir.resolve("none").toString(), "--report-dir", dir.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("no features folder at"), r.err());
    }

    @Test
    void brokenFeaturesAreNamedWithFileAndLineAndNothingRuns(@TempDir Path dir) throws java.io.IOException {
        Path features = java.nio.file.Files.createDirectories(dir.resolve("features"));
        java.nio.file.Files.writeString(features.resolve("bad.feature"), """
                Feature: bad
                  @clause:copyout.nope
                  Scenario: an unknown clause and an unknown step
                    When process p1 does something
                    Then copyout returns 0
                """);
        Ran r = ck("run", "--features", features.toString(), "--report-dir", dir.resolve("reports").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("features/bad.feature:2: tag @clause:copyout.nope names no clause"), r.err());
        assertTrue(r.err().contains("features/bad.feature:4: no step definition matches \"process p1 does something\""), r.err());
        assertTrue(r.err().contains("nothing was run"), r.err());
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        Ran r = ck("run", "--frobnicate");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("Unknown option: '--frobnicate'"), r.err());
    }

    static ScenarioResult result(Verdict v) {
        return new ScenarioResult("f:1", "s", "f", 1, List.of("c"), v, "", 0.001, List.of(), java.util.Map.of());
    }

    static int summarise(List<ScenarioResult> results, byte cucumberStatus) {
        return RunCommand.summarise(results, 1.0, cucumberStatus, Path.of("reports"), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()));
    }

    @Test
    void theExitStatusIsZeroOnlyWhenNothingFailedOrErred() {
        assertEquals(0, summarise(List.of(result(Verdict.PASS), result(Verdict.UNSUPPORTED), result(Verdict.OUTSIDE_CONTRACT)), (byte) 0));
        assertEquals(1, summarise(List.of(result(Verdict.PASS), result(Verdict.FAIL)), (byte) 1));
        assertEquals(1, summarise(List.of(result(Verdict.ERROR)), (byte) 1));
        assertEquals(1, summarise(List.of(), (byte) 0), "a run in which nothing ran is not a success");
        assertEquals(1, summarise(List.of(result(Verdict.PASS)), (byte) 2), "a problem Cucumber reports (a parse error) fails the run");
    }
}
