package xmemck.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;

/**
 * The glue turns what an implementation does into the right verdict: features run through Cucumber
 * (in this JVM) against deliberately broken adapters, and against the reference with deliberately
 * wrong features.
 */
class GlueVerdictsTest {

    /** Cucumber's exit status and the recorded results of one run. */
    record Run(byte status, List<ScenarioResult> results) {
        Map<Verdict, Long> totals() {
            return results.stream()
                    .collect(Collectors.groupingBy(ScenarioResult::verdict, Collectors.counting()));
        }

        ScenarioResult named(String name) {
            return results.stream()
                    .filter(r -> r.name().equals(name))
                    .findFirst()
                    .orElseThrow(
                            () ->
                                    new AssertionError(
                                            "no scenario \""
                                                    + name
                                                    + "\" in "
                                                    + results.stream()
                                                            .map(ScenarioResult::name)
                                                            .toList()));
        }
    }

    static Run run(String adapter, Path features, String... options) {
        List<String> args = new ArrayList<>(List.of("--no-summary", "--monochrome"));
        args.addAll(List.of(options));
        args.add(features.toString());
        CucumberRun.Outcome o =
                new CucumberRun(java.util.Map.of("xmemck.adapter", adapter), args, null).execute();
        return new Run(o.status(), o.read().results());
    }

    static Run run(String adapter, String... options) {
        return run(adapter, FeaturesFolder.path(), options);
    }

    /**
     * Two Cucumber runs at the same time in this JVM (as {@code ck run} runs several adapters),
     * each of a different adapter: each run's scenarios are judged on its own adapter only. The
     * adapters open only when both runs have reached their first scenario, so the runs overlap.
     */
    @Test
    void runsAtTheSameTimeEachUseTheirOwnAdapter() throws Exception {
        String[] options = {"--tags", "@clause:copyout.succ"};
        java.util.concurrent.ExecutorService two =
                java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            var exact = two.submit(() -> run("test-meeting", options));
            var shortCopy = two.submit(() -> run("test-meeting-short-copy", options));
            Run alone = run("test-short-copy", options);
            Map<String, Verdict> expected = verdicts(alone);
            assertTrue(
                    expected.containsValue(Verdict.FAIL) && expected.containsValue(Verdict.PASS),
                    "the short copy fails some of these scenarios and passes others: " + expected);
            Map<String, Verdict> exactVerdicts =
                    verdicts(exact.get(2, java.util.concurrent.TimeUnit.MINUTES));
            assertEquals(expected.keySet(), exactVerdicts.keySet());
            assertTrue(
                    exactVerdicts.values().stream().allMatch(v -> v == Verdict.PASS),
                    "the exact adapter's run saw no short copy: " + exactVerdicts);
            assertEquals(
                    expected,
                    verdicts(shortCopy.get(2, java.util.concurrent.TimeUnit.MINUTES)),
                    "the short copy's run at the same time judged as when alone");
        } finally {
            two.shutdownNow();
        }
    }

    private static Map<String, Verdict> verdicts(Run r) {
        Map<String, Verdict> m = new java.util.TreeMap<>();
        for (ScenarioResult s : r.results()) m.put(s.id(), s.verdict());
        return m;
    }

    @Test
    void aWrongCopyIsAFailNamingTheClauseWithAReadableDiffAndTheOtherScenariosStillRun() {
        Run r =
                run(
                        "test-short-copy",
                        "--tags",
                        "@clause:copyout.succ",
                        "--name",
                        "^copyout copies ");
        assertEquals(6, r.results().size(), r.results()::toString);
        ScenarioResult small = r.named("copyout copies 1 bytes from kbuf+0 to ubuf+0");
        assertEquals(Verdict.PASS, small.verdict(), small.reason());
        ScenarioResult page = r.named("copyout copies 4096 bytes from kbuf+64 to ubuf+128");
        assertEquals(Verdict.FAIL, page.verdict());
        assertTrue(page.reason().startsWith("FAIL violates copyout.succ\n"), page.reason());
        assertEquals(
                java.util.List.of("copyout.succ"), page.violated(), "the findings travel as data");
        assertEquals(xmemck.oracle.Finding.Kind.INCOMPLETE, page.findings().getFirst().kind());
        assertEquals(1, page.pictures().size(), "the failing call's destination is pictured");
        assertEquals("ubuf", page.pictures().getFirst().object());
        assertTrue(page.reason().contains("ubuf"), page.reason());
        assertTrue(
                page.reason().matches("(?s).*0x[0-9a-f]{2}.*"),
                "the diff shows bytes in hex: " + page.reason());
        assertEquals(
                Verdict.PASS,
                r.named("copyout copies 8 bytes from kbuf+4096 to ubuf+12280").verdict(),
                "8 bytes are below the broken size");
        assertEquals(4L, r.totals().get(Verdict.FAIL));
        assertEquals(1, r.status(), "Cucumber counts a FAIL as failed");
    }

    /**
     * Over a pipe every object is observed through page digests, and the verdicts, findings and
     * diffs are those of the same implementation observed as bytes: the pages whose digest no
     * allowed outcome explains are fetched as bytes.
     */
    @Test
    void overAPipeObjectsAreObservedAsDigestsAndJudgedAsFromBytes() {
        String[] options = {"--tags", "@clause:copyout.succ", "--name", "^copyout copies "};
        Run bytes = run("test-short-copy", options);
        TestAdapters.PipeShortCopy.BYTES.set(0);
        TestAdapters.PipeShortCopy.DIGESTS.set(0);
        Run pipe = run("test-pipe-short-copy", options);
        assertEquals(verdicts(bytes), verdicts(pipe));
        assertEquals(4L, pipe.totals().get(Verdict.FAIL), "the short copy is still caught");
        for (ScenarioResult b : bytes.results()) {
            ScenarioResult p = pipe.named(b.name());
            assertEquals(b.reason(), p.reason(), "the same finding and diff for " + b.name());
            assertEquals(b.pictures(), p.pictures(), b.name());
        }
        int digests = TestAdapters.PipeShortCopy.DIGESTS.get();
        int fetched = TestAdapters.PipeShortCopy.BYTES.get();
        assertTrue(digests > 0, "objects were observed through digests");
        assertTrue(
                fetched > 0 && fetched <= pipe.totals().get(Verdict.FAIL),
                "bytes were fetched only for the failing calls' unexplained pages: "
                        + fetched
                        + " observations of bytes, "
                        + digests
                        + " of digests");
    }

    @Test
    void aConditionTheAdapterCannotCreateIsUnsupportedWithItsReasonAndNeverPassed() {
        Run r = run("test-no-adi", "--tags", "@clause:copyout.fail.adi");
        assertFalse(r.results().isEmpty());
        for (ScenarioResult s : r.results()) {
            assertEquals(Verdict.UNSUPPORTED, s.verdict(), s.name());
            assertTrue(s.reason().contains(TestAdapters.NoAdi.REASON), s.reason());
        }
        assertEquals(0, r.status(), "an unsupported scenario is skipped, not failed");
    }

    @Test
    void
            aCrashIsAnErrorWithTheImplementationsDiagnosticsAndTheNextScenarioGetsAFreshImplementation() {
        int before = TestAdapters.Crashing.opened;
        Run r = run("test-crashing", "--tags", "@clause:xmemout.fail.descriptor");
        assertTrue(r.results().size() >= 3, "every scenario ran: " + r.results().size());
        for (ScenarioResult s : r.results()) {
            assertEquals(Verdict.ERROR, s.verdict(), s.name());
            assertTrue(
                    s.reason().contains("crashed") && s.reason().contains("signal 11"), s.reason());
            assertTrue(
                    s.reason().contains("segmentation fault in xmemout"),
                    "stderr is in the reason: " + s.reason());
        }
        assertEquals(
                r.results().size(),
                TestAdapters.Crashing.opened - before,
                "one fresh implementation per scenario after each crash");
    }

    @Test
    void anOutsideTheContractCallIsSkippedNamingItsClause() {
        Run r = run("reference", "--tags", "@clause:vm_mvc.m2-pinned");
        assertFalse(r.results().isEmpty());
        for (ScenarioResult s : r.results()) {
            assertEquals(Verdict.OUTSIDE_CONTRACT, s.verdict(), s.name());
            assertTrue(s.reason().startsWith("vm_mvc.m2-pinned: "), s.reason());
        }
        assertEquals(0, r.status());
    }

    @Test
    void anUnknownAdapterIsAnErrorInEveryScenarioThatListsTheAvailableOnes() {
        Run r = run("no-such-adapter", "--tags", "@clause:xmdetach.fail.invalid");
        assertFalse(r.results().isEmpty());
        for (ScenarioResult s : r.results()) {
            assertEquals(Verdict.ERROR, s.verdict());
            assertTrue(
                    s.reason().contains("unknown adapter \"no-such-adapter\"")
                            && s.reason().contains("reference"),
                    s.reason());
        }
    }

    @Test
    void aFeatureThatContradictsTheOracleIsAKitErrorNamingBoth(@TempDir Path dir)
            throws IOException {
        Path features =
                write(
                        dir,
                        """
                Feature: wrong on purpose
                  @clause:copyout.succ
                  Scenario: the feature claims a failure where the documents promise success
                    Given a user process p1
                    And a kernel buffer kbuf of 1 page
                    And a user buffer ubuf of 1 page in process p1
                    When process p1 calls copyout(kbuf+0, ubuf+0, 64)
                    Then copyout returns -1

                  @clause:copyout.succ
                  Scenario: the feature claims the wrong bytes
                    Given a user process p1
                    And a kernel buffer kbuf of 1 page
                    And a user buffer ubuf of 1 page in process p1
                    When process p1 calls copyout(kbuf+0, ubuf+0, 64)
                    Then the 64 bytes at ubuf+8 are a copy of kbuf+0

                  @clause:copyout.fail.hardware
                  Scenario: the scenario is tagged with a clause its calls never reach
                    Given a user process p1
                    And a kernel buffer kbuf of 1 page
                    And a user buffer ubuf of 1 page in process p1
                    When process p1 calls copyout(kbuf+0, ubuf+0, 64)
                    Then copyout returns 0
                """);
        Run r = run("reference", features);
        Function<String, String> reason = name -> r.named(name).reason();
        ScenarioResult wrongReturn =
                r.named("the feature claims a failure where the documents promise success");
        assertEquals(Verdict.ERROR, wrongReturn.verdict());
        assertTrue(
                reason.apply(wrongReturn.name())
                        .contains("kit: the feature and the oracle disagree"),
                wrongReturn.reason());
        assertTrue(
                wrongReturn.reason().contains("the feature says: copyout returns -1"),
                wrongReturn.reason());
        assertTrue(
                wrongReturn.reason().contains("the oracle allows the return value(s) [0]"),
                wrongReturn.reason());
        assertTrue(
                wrongReturn.reason().startsWith("features/wrong.feature:3: "),
                wrongReturn.reason());

        ScenarioResult wrongBytes = r.named("the feature claims the wrong bytes");
        assertEquals(Verdict.ERROR, wrongBytes.verdict());
        assertTrue(
                wrongBytes.reason().contains("do not become exactly a copy of kbuf+0"),
                wrongBytes.reason());

        ScenarioResult wrongTag =
                r.named("the scenario is tagged with a clause its calls never reach");
        assertEquals(Verdict.ERROR, wrongTag.verdict());
        assertTrue(
                wrongTag.reason()
                        .contains("tagged with [copyout.fail.hardware] but the oracle never named"),
                wrongTag.reason());
        assertEquals(1, r.status(), "a kit error fails the run");
    }

    /**
     * The run's description (adapter, implementation, capabilities) is attached once per run, to
     * its first scenario, not to every scenario; a second run in the same JVM carries it again.
     */
    @Test
    void theRunIsDescribedOncePerRun(@TempDir Path dir) throws IOException {
        for (int run = 1; run <= 2; run++) {
            Path messages = dir.resolve("run" + run + ".ndjson");
            CucumberRun.Outcome o =
                    new CucumberRun(
                                    java.util.Map.of("xmemck.adapter", "reference"),
                                    List.of(
                                            "--no-summary",
                                            "--tags",
                                            "@clause:copyout.succ",
                                            FeaturesFolder.path().toString()),
                                    messages)
                            .execute();
            assertTrue(o.read().results().size() > 1, "several scenarios ran");
            assertEquals("reference", o.read().info().get(AdapterPool.INFO_ADAPTER), "run " + run);
            long described;
            try (var lines = Files.lines(messages)) {
                described = lines.filter(l -> l.contains(ResultAttachments.RUN_INFO)).count();
            }
            assertEquals(1, described, "run " + run + ": one description");
        }
    }

    @Test
    void aBadArgumentIsAnErrorNamingTheWordsAndAnUndefinedStepIsAnError(@TempDir Path dir)
            throws IOException {
        Path features =
                write(
                        dir,
                        """
                Feature: bad words
                  @clause:xmattach.succ
                  Scenario: a segment flag too large for an int
                    Given a user process p1
                    And a user buffer ubuf of 1 page in process p1
                    When process p1 calls xmattach(ubuf+0, 16, d, 99999999999)
                    Then xmattach returns XMEM_SUCC

                  @clause:xmattach.succ
                  Scenario: a step nobody defined
                    Given a user process p1
                    When process p1 juggles
                    Then xmattach returns XMEM_SUCC
                """);
        Run r = run("reference", features);
        ScenarioResult bad = r.named("a segment flag too large for an int");
        assertEquals(Verdict.ERROR, bad.verdict());
        assertTrue(
                bad.reason()
                        .contains(
                                "segflag must be a whole number that fits in an int, got \"99999999999\""),
                bad.reason());
        ScenarioResult undefined = r.named("a step nobody defined");
        assertEquals(Verdict.ERROR, undefined.verdict());
        assertTrue(undefined.reason().contains("matches no step definition"), undefined.reason());
    }

    private static Path write(Path dir, String text) throws IOException {
        Path features = Files.createDirectories(dir.resolve("features"));
        Files.writeString(features.resolve("wrong.feature"), text);
        return features;
    }
}
