package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.cli.Cli.ck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** ck run refuses bad input before it runs anything, naming the problem and the place. */
class RunInputTest {

    /** Nothing ran: no adapter folder was filled. */
    static void nothingRan(Path reports) {
        assertFalse(
                Files.exists(reports.resolve("reference").resolve("results.json")),
                "nothing may run");
    }

    @Test
    void anUnknownAdapterListsTheAvailableOnes(@TempDir Path dir) {
        Cli.Ran r = ck("run", "--adapter", "nope", "--report-dir", dir.toString());
        assertEquals(2, r.status());
        assertTrue(
                r.err().contains("unknown adapter \"nope\"")
                        && r.err().contains("reference -")
                        && r.err().contains("process -"),
                r.err());
    }

    @Test
    void aMissingFeaturesFolderIsNamed(@TempDir Path dir) {
        Cli.Ran r =
                ck(
                        "run",
                        "--adapter",
                        "reference",
                        "--features",
                        dir.resolve("none").toString(),
                        "--report-dir",
                        dir.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("no features folder at " + dir.resolve("none")), r.err());
    }

    @Test
    void brokenFeaturesAreNamedWithFileAndLineAndNothingRuns(@TempDir Path dir) throws IOException {
        Path features = Files.createDirectories(dir.resolve("features"));
        Files.writeString(
                features.resolve("bad.feature"),
                """
                Feature: bad
                  @clause:copyout.nope
                  Scenario: an unknown clause and an unknown step
                    When process p1 does something
                    Then copyout returns 0
                """);
        Cli.Ran r =
                ck(
                        "run",
                        "--adapter",
                        "reference",
                        "--features",
                        features.toString(),
                        "--report-dir",
                        dir.resolve("reports").toString());
        assertEquals(2, r.status());
        assertTrue(
                r.err()
                        .contains(
                                "features/bad.feature:2: tag @clause:copyout.nope names no clause"),
                r.err());
        assertTrue(
                r.err()
                        .contains(
                                "features/bad.feature:4: no step definition matches \"process p1 does something\""),
                r.err());
        assertTrue(r.err().contains("nothing was run"), r.err());
        nothingRan(dir.resolve("reports"));
    }

    @Test
    void aMalformedExpectationsFileIsNamedWithFileLineAndReason(@TempDir Path dir)
            throws IOException {
        Path exp = dir.resolve("acme.expectations");
        Files.writeString(exp, "# acme\nclause copyout.succ 2027-13-01 month thirteen\n");
        Cli.Ran r = ck(Cli.referenceRun(dir, "--expectations", exp.toString()));
        assertEquals(2, r.status());
        assertTrue(
                r.err().contains(exp + ":2: \"2027-13-01\" is not a date of the calendar"),
                r.err());
        nothingRan(dir.resolve("reports"));
    }

    @Test
    void anExpectationNamingAScenarioTheFeaturesDoNotHaveIsRefused(@TempDir Path dir)
            throws IOException {
        Path exp = dir.resolve("acme.expectations");
        Files.writeString(
                exp,
                "scenario features/copyout/copies.feature:3 2027-01-01 the Feature line is no scenario\n");
        Cli.Ran r = ck(Cli.referenceRun(dir, "--expectations", exp.toString()));
        assertEquals(2, r.status());
        assertTrue(
                r.err()
                        .contains(
                                exp
                                        + ":1: no scenario features/copyout/copies.feature:3 in the features"),
                r.err());
    }

    @Test
    void aMalformedProfileIsNamedWithFileLineAndReason(@TempDir Path dir) throws IOException {
        Path profile = dir.resolve("acme.profile.json");
        Files.writeString(
                profile, "{\n  \"scenarios\": [\n    {\"uri\": \"features/x.feature\"}\n  ]\n}\n");
        Cli.Ran r = ck(Cli.referenceRun(dir, "--profile", profile.toString()));
        assertEquals(2, r.status());
        assertTrue(r.err().contains(profile + ":3: scenarios[0].name is missing"), r.err());
    }

    @Test
    void aReportDirectoryThatCannotBeWrittenIsSaidBeforeTheRun(@TempDir Path dir)
            throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");
        Cli.Ran r =
                ck(
                        "run",
                        "--adapter",
                        "reference",
                        "--features",
                        Cli.features(dir).toString(),
                        "--report-dir",
                        file.resolve("reports").toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("cannot write reports to " + file.resolve("reports")), r.err());
        assertFalse(r.out().contains("scenarios, reports in"), "no run started:\n" + r.out());
    }

    @Test
    void badShardsAndTagsAreNamed(@TempDir Path dir) throws IOException {
        Path features = Cli.features(dir);
        for (List<String> bad :
                List.of(
                        List.of("--shard", "0/3"),
                        List.of("--shard", "two"),
                        List.of("--tags", "@a and"))) {
            String[] args =
                    java.util.stream.Stream.concat(
                                    java.util.stream.Stream.of(
                                            "run",
                                            "--adapter",
                                            "reference",
                                            "--features",
                                            features.toString(),
                                            "--report-dir",
                                            dir.resolve("r").toString()),
                                    bad.stream())
                            .toArray(String[]::new);
            Cli.Ran r = ck(args);
            assertEquals(2, r.status(), bad + ": " + r.err());
        }
        assertTrue(
                ck(
                                "run",
                                "--adapter",
                                "reference",
                                "--features",
                                features.toString(),
                                "--shard",
                                "0/3")
                        .err()
                        .contains("numbered 1 to 3"));
        Cli.Ran none =
                ck(
                        "run",
                        "--adapter",
                        "reference",
                        "--features",
                        features.toString(),
                        "--report-dir",
                        dir.resolve("r").toString(),
                        "--tags",
                        "@clause:xmemout.succ");
        assertEquals(2, none.status());
        assertTrue(
                none.err()
                        .contains(
                                "no scenario to run: of the 3 scenarios in "
                                        + features
                                        + ", 3 are in shard 1/1 and none of them matches"
                                        + " --tags @clause:xmemout.succ"),
                none.err());
    }

    @Test
    void aSutCommandThatDoesNotStartIsReportedWithItsErrorAndExitStatus(@TempDir Path dir)
            throws IOException {
        Path features = Cli.features(dir);
        Cli.Ran exits =
                ck(
                        "run",
                        "--adapter",
                        "process",
                        "--sut",
                        "sh -c 'echo no licence >&2; exit 7'",
                        "--features",
                        features.toString(),
                        "--report-dir",
                        dir.resolve("r").toString());
        assertEquals(3, exits.status());
        assertTrue(
                exits.err().contains("the process adapter could not start its implementation"),
                exits.err());
        assertTrue(
                exits.err().contains("exited with status 7") && exits.err().contains("no licence"),
                exits.err());

        Cli.Ran missing =
                ck(
                        "run",
                        "--sut",
                        dir.resolve("no-such-impl").toString(),
                        "--features",
                        features.toString(),
                        "--report-dir",
                        dir.resolve("r").toString());
        assertEquals(3, missing.status());
        assertTrue(
                missing.err()
                        .contains("cannot start the implementation " + dir.resolve("no-such-impl")),
                missing.err());
    }

    @Test
    void aSutWithoutTheProcessAdapterIsRefused(@TempDir Path dir) throws IOException {
        Cli.Ran r =
                ck(
                        "run",
                        "--adapter",
                        "reference",
                        "--sut",
                        "./impl",
                        "--features",
                        Cli.features(dir).toString());
        assertEquals(2, r.status());
        assertTrue(
                r.err()
                        .contains(
                                "the process adapter is not among the adapters of this run (reference); add --adapter process"),
                r.err());
    }

    @Test
    void theProcessAdapterWithoutSutNeedsTheCExampleAndSaysHowToBuildIt(@TempDir Path dir)
            throws IOException {
        String old = System.getProperty("xmemck.root");
        System.setProperty("xmemck.root", dir.toString());
        try {
            Cli.Ran r =
                    ck(
                            "run",
                            "--adapter",
                            "process",
                            "--features",
                            Cli.features(dir).toString(),
                            "--report-dir",
                            dir.resolve("r").toString());
            assertEquals(2, r.status());
            assertTrue(
                    r.err()
                            .contains(
                                    "runs the C example by default, but "
                                            + dir.resolve(KitPaths.C_EXAMPLE)
                                            + " is not there: build it with ./mvnw"),
                    r.err());
        } finally {
            if (old == null) System.clearProperty("xmemck.root");
            else System.setProperty("xmemck.root", old);
        }
    }

    @Test
    void withoutAdaptersTheBuiltInOnesAreChosenAndASutMeansTheProcessAdapter() {
        List<String> notes = new java.util.ArrayList<>();
        List<String> ids =
                AdapterChoice.resolve(List.of(), "./impl", null, notes).stream()
                        .map(AdapterChoice::id)
                        .toList();
        assertEquals(List.of("process"), ids);
        assertEquals(
                "./impl", AdapterChoice.resolve(List.of(), "./impl", null, notes).getFirst().sut());
        assertTrue(AdapterChoice.BUILT_IN.containsAll(List.of("reference", "process", "linux")));
        Cli.Ran twice = ck("run", "--adapter", "reference,reference");
        assertEquals(2, twice.status());
        assertTrue(twice.err().contains("adapter \"reference\" is named twice"), twice.err());
    }
}
