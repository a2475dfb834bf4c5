package xmemck.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xmemck.features.ShardTest;
import xmemck.features.SuiteScenarios;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;

/**
 * How a run's verdicts meet the expectations file: expected failures, unexpected ones, unexpected
 * passes, expiry.
 */
class ExpectationCheckTest {

    /** A result; a FAIL's findings name its first clause (its other tags it does not decide). */
    static ScenarioResult result(String id, Verdict v, String... clauses) {
        return failing(
                id,
                v,
                List.of(clauses),
                v == Verdict.FAIL && clauses.length > 0 ? List.of(clauses[0]) : List.of());
    }

    /** A result whose findings break {@code violated}. */
    static ScenarioResult failing(
            String id, Verdict v, List<String> clauses, List<String> violated) {
        List<xmemck.oracle.Finding> findings =
                violated.stream()
                        .map(
                                c ->
                                        new xmemck.oracle.Finding(
                                                c,
                                                xmemck.oracle.Finding.Kind.RETURN_VALUE,
                                                "returned 0"))
                        .toList();
        return new ScenarioResult(
                id,
                "scenario " + id,
                id.substring(0, id.indexOf(':')),
                1,
                clauses,
                v,
                v == Verdict.PASS ? "" : "FAIL [x]",
                0.01,
                List.of(),
                Map.of(),
                findings,
                List.of());
    }

    static final String FILE =
            """
            clause    copyout.fail.adi                 2027-03-31  ADI not checked yet
            scenario  features/xmemout/limits.feature:41  2027-01-15  count 0 returns XMEM_FAIL
            """;

    static final Expectations EXPECTATIONS = Expectations.parse(FILE, "acme.expectations", "h");
    static final LocalDate BEFORE_BOTH = LocalDate.of(2027, 1, 15);

    @Test
    void failuresAnEntryCoversAreExpectedAndTheOthersAreNot() {
        List<ScenarioResult> run =
                List.of(
                        result("features/copyout/adi.feature:10", Verdict.FAIL, "copyout.fail.adi"),
                        result(
                                "features/copyout/adi.feature:20",
                                Verdict.ERROR,
                                "copyout.fail.adi",
                                "copyout.succ"),
                        result(
                                "features/xmemout/limits.feature:41",
                                Verdict.FAIL,
                                "xmemout.count.nonpositive"),
                        result("features/copyout/copies.feature:5", Verdict.FAIL, "copyout.succ"),
                        result("features/copyout/copies.feature:9", Verdict.PASS, "copyout.succ"));
        ExpectationCheck.Reconciliation r =
                ExpectationCheck.reconcile(EXPECTATIONS, run, BEFORE_BOTH);
        assertEquals(
                List.of(
                        "features/copyout/adi.feature:10",
                        "features/copyout/adi.feature:20",
                        "features/xmemout/limits.feature:41"),
                List.copyOf(r.expected().keySet()));
        assertEquals(
                List.of("features/copyout/copies.feature:5"),
                r.unexpectedFailures().stream().map(ScenarioResult::id).toList());
        assertEquals(List.of(), r.problems());
        assertFalse(r.passed(), "an unexpected FAIL fails the run");
        assertEquals(
                "expected failure: acme.expectations:1: ADI not checked yet (until 2027-03-31)",
                r.notes().get("features/copyout/adi.feature:10"));
    }

    @Test
    void aRunWhoseOnlyFailuresAreExpectedPasses() {
        List<ScenarioResult> run =
                List.of(
                        result("features/copyout/adi.feature:10", Verdict.FAIL, "copyout.fail.adi"),
                        result("features/copyout/adi.feature:12", Verdict.PASS, "copyout.fail.adi"),
                        result(
                                "features/xmemout/limits.feature:41",
                                Verdict.FAIL,
                                "xmemout.count.nonpositive"));
        ExpectationCheck.Reconciliation r =
                ExpectationCheck.reconcile(EXPECTATIONS, run, BEFORE_BOTH);
        assertTrue(r.passed(), r.problems() + " " + r.unexpectedFailures());
        assertEquals(2, r.expected().size());
    }

    @Test
    void aScenarioEntryWinsOverAClauseEntry() {
        Expectations both =
                Expectations.parse(
                        """
                clause    copyout.succ                        2027-03-31  general
                scenario  features/copyout/copies.feature:5   2027-03-31  this one in particular
                """,
                        "f",
                        "h");
        ExpectationCheck.Reconciliation r =
                ExpectationCheck.reconcile(
                        both,
                        List.of(
                                result(
                                        "features/copyout/copies.feature:5",
                                        Verdict.FAIL,
                                        "copyout.succ")),
                        BEFORE_BOTH);
        assertEquals(
                "this one in particular",
                r.expected().get("features/copyout/copies.feature:5").reason());
    }

    @Test
    void anEntryWhoseScenariosAllPassIsAnUnexpectedPassSayingWhatToDo() {
        List<ScenarioResult> run =
                List.of(
                        result("features/copyout/adi.feature:10", Verdict.PASS, "copyout.fail.adi"),
                        result("features/copyout/adi.feature:20", Verdict.PASS, "copyout.fail.adi"),
                        result(
                                "features/xmemout/limits.feature:41",
                                Verdict.FAIL,
                                "xmemout.count.nonpositive"));
        ExpectationCheck.Reconciliation r =
                ExpectationCheck.reconcile(EXPECTATIONS, run, BEFORE_BOTH);
        assertFalse(r.passed());
        assertEquals(
                List.of(
                        "acme.expectations:1: unexpected pass: clause copyout.fail.adi is listed as failing (ADI not checked yet), but all 2"
                                + " of its scenarios that ran passed (features/copyout/adi.feature:10, features/copyout/adi.feature:20); the failure is fixed:"
                                + " delete the entry"),
                r.problems());
    }

    @Test
    void expiryIsDecidedByTheInjectedDate() {
        List<ScenarioResult> run =
                List.of(
                        result(
                                "features/xmemout/limits.feature:41",
                                Verdict.FAIL,
                                "xmemout.count.nonpositive"));
        ExpectationCheck.Reconciliation onTheDay =
                ExpectationCheck.reconcile(EXPECTATIONS, run, LocalDate.of(2027, 1, 15));
        assertEquals(1, onTheDay.expected().size(), "an entry holds through its expiry day");
        assertTrue(onTheDay.problems().isEmpty(), onTheDay.problems()::toString);

        ExpectationCheck.Reconciliation dayAfter =
                ExpectationCheck.reconcile(EXPECTATIONS, run, LocalDate.of(2027, 1, 16));
        assertEquals(Map.of(), dayAfter.expected(), "an expired entry covers nothing");
        assertEquals(
                List.of("features/xmemout/limits.feature:41"),
                dayAfter.unexpectedFailures().stream().map(ScenarioResult::id).toList());
        assertEquals(
                List.of(
                        "acme.expectations:2: the entry for scenario features/xmemout/limits.feature:41 expired on 2027-01-15"
                                + " (count 0 returns XMEM_FAIL); fix the implementation and delete the entry, or give it a later date and say why"),
                dayAfter.problems());
        assertFalse(dayAfter.passed());
    }

    @Test
    void anExpiredEntryWhoseScenariosPassSaysToDeleteIt() {
        List<ScenarioResult> run =
                List.of(
                        result(
                                "features/xmemout/limits.feature:41",
                                Verdict.PASS,
                                "xmemout.count.nonpositive"));
        ExpectationCheck.Reconciliation r =
                ExpectationCheck.reconcile(EXPECTATIONS, run, LocalDate.of(2027, 6, 1));
        assertTrue(
                r.problems().stream()
                        .anyMatch(
                                p ->
                                        p.startsWith("acme.expectations:2:")
                                                && p.endsWith(
                                                        "its scenarios pass now, so delete it")),
                r.problems()::toString);
        assertTrue(
                r.problems().stream()
                        .anyMatch(
                                p ->
                                        p.startsWith("acme.expectations:1:")
                                                && p.endsWith(
                                                        "or give it a later date and say why")),
                "the clause entry's scenarios did not run, so it is only expired:\n"
                        + r.problems());
    }

    @Test
    void entriesTheRunDidNotReachAreNotExercisedAndNoProblem() {
        List<ScenarioResult> run =
                List.of(
                        result(
                                "features/copyout/adi.feature:10",
                                Verdict.UNSUPPORTED,
                                "copyout.fail.adi"),
                        result("features/copyout/copies.feature:9", Verdict.PASS, "copyout.succ"));
        ExpectationCheck.Reconciliation r =
                ExpectationCheck.reconcile(EXPECTATIONS, run, BEFORE_BOTH);
        assertTrue(r.passed(), r.problems()::toString);
        assertEquals(
                2,
                r.notExercised().size(),
                "one whose scenarios were UNSUPPORTED, one whose scenario did not run");
    }

    @Test
    void inAShardAnEntryWithScenariosInOtherShardsIsNotCalledAnUnexpectedPass() {
        List<ScenarioResult> here =
                List.of(
                        result(
                                "features/copyout/adi.feature:10",
                                Verdict.PASS,
                                "copyout.fail.adi"));
        SuiteScenarios.SuiteScenario there =
                new SuiteScenarios.SuiteScenario(
                        "features/copyout/adi.feature:30",
                        "features/copyout/adi.feature",
                        30,
                        "elsewhere",
                        List.of("@clause:copyout.fail.adi"));
        ExpectationCheck.Reconciliation shard =
                ExpectationCheck.reconcile(EXPECTATIONS, here, BEFORE_BOTH, List.of(there));
        assertTrue(shard.passed(), shard.problems()::toString);
        assertEquals(
                List.of("acme.expectations:1"),
                shard.undecided().stream().map(Expectations.Entry::where).toList());

        SuiteScenarios.SuiteScenario unrelated =
                new SuiteScenarios.SuiteScenario(
                        "features/copyout/copies.feature:3",
                        "features/copyout/copies.feature",
                        3,
                        "unrelated",
                        List.of("@clause:copyout.succ"));
        ExpectationCheck.Reconciliation alone =
                ExpectationCheck.reconcile(EXPECTATIONS, here, BEFORE_BOTH, List.of(unrelated));
        assertFalse(
                alone.passed(),
                "all of the entry's scenarios are in this shard, so its pass is decided here");
    }

    @Test
    void theCoveringEntryOfOneResultIsFoundForProgressLines() {
        assertTrue(
                ExpectationCheck.covering(
                                EXPECTATIONS,
                                BEFORE_BOTH,
                                result(
                                        "features/copyout/adi.feature:10",
                                        Verdict.FAIL,
                                        "copyout.fail.adi"))
                        .isPresent());
        assertTrue(
                ExpectationCheck.covering(
                                EXPECTATIONS,
                                BEFORE_BOTH,
                                result(
                                        "features/copyout/adi.feature:10",
                                        Verdict.PASS,
                                        "copyout.fail.adi"))
                        .isEmpty());
        assertTrue(
                ExpectationCheck.covering(
                                EXPECTATIONS,
                                LocalDate.of(2030, 1, 1),
                                result(
                                        "features/copyout/adi.feature:10",
                                        Verdict.FAIL,
                                        "copyout.fail.adi"))
                        .isEmpty());
    }

    @Test
    void scenarioEntriesMustNameScenariosOfTheFeatures() {
        Expectations e =
                Expectations.parse(
                        "scenario features/copyout/copies.feature:99999 2027-01-01 gone\n",
                        "f",
                        "h");
        assertEquals(
                List.of(
                        "f:1: no scenario features/copyout/copies.feature:99999 in the features (a scenario is named by the line of its"
                                + " Scenario keyword or example row; the reports show each scenario's id)"),
                ExpectationCheck.unknownScenarios(e, ShardTest.SUITE));
        String real = ShardTest.SUITE.all().getFirst().id();
        assertEquals(
                List.of(),
                ExpectationCheck.unknownScenarios(
                        Expectations.parse("scenario " + real + " 2027-01-01 here\n", "f", "h"),
                        ShardTest.SUITE));
    }
}
