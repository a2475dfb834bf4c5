package xmemck.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xmemck.fuzz.FuzzRun;
import xmemck.fuzz.engine.Budget;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;
import xmemck.spi.SutFailure;
import xmemck.spi.SutOptions;

/**
 * The fuzzing loop end to end: fuzzing the C example with a seeded fault finds it, the shrunk
 * counterexample is written as a feature, and that feature, run through the normal Cucumber glue,
 * fails on the same clause against the faulty build and passes against the conforming one.
 */
class CounterexampleLoopIT {

    @Test
    void aFuzzedFaultBecomesAFeatureThatFailsOnTheSameClause(@TempDir Path reports)
            throws IOException, SutFailure {
        Path binary = SeededFault.binary();
        String fault = "xmemout_no_authority_check";
        String clause = "xmemout.fail.authority";
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        var options =
                new FuzzRun.Options(
                        "process",
                        new SutOptions(Map.of("sut", binary + " --fault " + fault)),
                        Budget.calls(20_000),
                        1,
                        reports,
                        1,
                        false);
        FuzzRun.Summary summary =
                FuzzRun.run(options, new PrintStream(log, true, StandardCharsets.UTF_8));
        String said = log.toString(StandardCharsets.UTF_8);
        assertFalse(summary.passed(), "the fuzzer must report the fault as a failure:\n" + said);

        Path regressions = reports.resolve("regressions");
        List<Path> features;
        try (Stream<Path> files = Files.list(regressions)) {
            features = files.filter(p -> p.toString().endsWith(".feature")).toList();
        }
        assertEquals(
                1, features.size(), "one counterexample feature in " + regressions + ":\n" + said);
        String text = Files.readString(features.getFirst());
        assertTrue(
                text.contains("@clause:" + clause),
                "the counterexample is tagged with the clause it breaks:\n" + text);

        FeatureRun faulty = FeatureRun.run("process", binary + " --fault " + fault, null, features);
        assertEquals(1, faulty.results().size(), text);
        ScenarioResult replay = faulty.results().getFirst();
        assertEquals(Verdict.FAIL, replay.verdict(), replay.reason());
        assertTrue(
                replay.violated().contains(clause),
                "caught on " + clause + ":\n" + replay.reason());

        FeatureRun conforming = FeatureRun.run("process", binary.toString(), null, features);
        assertFalse(conforming.results().isEmpty());
        assertEquals(
                Verdict.PASS,
                conforming.results().getFirst().verdict(),
                conforming.results().getFirst().reason());
    }
}
