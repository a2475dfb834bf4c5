package xmemck.conformance;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xmemck.features.SuiteScenarios;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;
import xmemck.records.Verdicts;

/**
 * Holds a run's results against an expectations file:
 *
 * <ul>
 *   <li>a FAIL or ERROR scenario that an entry in force covers is an <em>expected failure</em>:
 *       shown as "FAIL (expected)", not counted against the run (a scenario entry wins over a
 *       clause entry); a clause entry covers a FAIL whose findings name the clause, and an ERROR
 *       tagged with it (an ERROR names no clause);
 *   <li>any other FAIL or ERROR is an <em>unexpected failure</em>;
 *   <li>an entry in force whose scenarios ran and none failed, at least one passing, is an
 *       <em>unexpected pass</em>: the failure is gone and the entry must be deleted;
 *   <li>an entry past its expiry date covers nothing and is itself a problem: fix the
 *       implementation, or renew it;
 *   <li>an entry none of whose scenarios ran (another shard, a tag filter) or all UNSUPPORTED /
 *       OUTSIDE-CONTRACT is <em>not exercised</em>: reported, not a problem.
 * </ul>
 *
 * The run passes when there is no unexpected failure and no problem.
 */
public final class ExpectationCheck {
    private ExpectationCheck() {}

    /**
     * The outcome; {@code expected} maps scenario id to the entry that covers its failure. {@code
     * undecided} are entries whose scenarios here all passed but which also cover scenarios of
     * other shards: whether their failure is gone can only be decided over all shards ({@code ck
     * report --merge-into ... --expectations FILE}).
     */
    public record Reconciliation(
            Map<String, Expectations.Entry> expected,
            List<ScenarioResult> unexpectedFailures,
            List<String> problems,
            List<Expectations.Entry> notExercised,
            List<Expectations.Entry> undecided) {
        public Reconciliation {
            expected = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(expected));
            unexpectedFailures = List.copyOf(unexpectedFailures);
            problems = List.copyOf(problems);
            notExercised = List.copyOf(notExercised);
            undecided = List.copyOf(undecided);
        }

        public boolean passed() {
            return unexpectedFailures.isEmpty() && problems.isEmpty();
        }

        /** Scenario id to the note the reports show next to "FAIL (expected)". */
        public Map<String, String> notes() {
            Map<String, String> m = new LinkedHashMap<>();
            expected.forEach((id, e) -> m.put(id, e.note()));
            return m;
        }
    }

    /** Holds a whole run (no shard) against the expectations. */
    public static Reconciliation reconcile(
            Expectations expectations, List<ScenarioResult> results, LocalDate today) {
        return reconcile(expectations, results, today, List.of());
    }

    /**
     * Holds one shard's run against the expectations; {@code elsewhere} are the scenarios the other
     * shards run (with their tags), so that an entry is not called an unexpected pass while one of
     * its scenarios may fail elsewhere.
     */
    public static Reconciliation reconcile(
            Expectations expectations,
            List<ScenarioResult> results,
            LocalDate today,
            java.util.Collection<SuiteScenarios.SuiteScenario> elsewhere) {
        List<Expectations.Entry> active = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Expectations.Entry e : expectations.entries()) {
            if (e.activeOn(today)) {
                active.add(e);
                continue;
            }
            List<ScenarioResult> covered = covered(e, results);
            boolean passes =
                    !covered.isEmpty()
                            && covered.stream().noneMatch(ExpectationCheck::broken)
                            && covered.stream().anyMatch(r -> r.verdict() == Verdict.PASS);
            problems.add(
                    e.where()
                            + ": the entry for "
                            + e.target().describe()
                            + " expired on "
                            + e.expires()
                            + " ("
                            + e.reason()
                            + "); "
                            + (passes
                                    ? "its scenarios pass now, so delete it"
                                    : "fix the implementation and delete the entry, or give it a later date and say why"));
        }

        Map<String, Expectations.Entry> expected = new LinkedHashMap<>();
        List<ScenarioResult> unexpected = new ArrayList<>();
        for (ScenarioResult r : results) {
            if (!broken(r)) continue;
            Expectations.Entry by = coveringEntry(active, r);
            if (by != null) expected.put(r.id(), by);
            else unexpected.add(r);
        }

        List<Expectations.Entry> notExercised = new ArrayList<>();
        List<Expectations.Entry> undecided = new ArrayList<>();
        for (Expectations.Entry e : active) {
            List<ScenarioResult> covered = covered(e, results);
            if (covered.stream().anyMatch(ExpectationCheck::broken)) continue;
            List<String> passed =
                    covered.stream()
                            .filter(r -> r.verdict() == Verdict.PASS)
                            .map(ScenarioResult::id)
                            .toList();
            if (passed.isEmpty()) {
                notExercised.add(e);
                continue;
            }
            if (elsewhere.stream().anyMatch(s -> coversElsewhere(e, s))) {
                undecided.add(e);
                continue;
            }
            problems.add(
                    e.where()
                            + ": unexpected pass: "
                            + e.target().describe()
                            + " is listed as failing ("
                            + e.reason()
                            + "), but "
                            + (passed.size() == 1
                                    ? "its scenario passed (" + passed.getFirst() + ")"
                                    : "all "
                                            + passed.size()
                                            + " of its scenarios that ran passed ("
                                            + preview(passed)
                                            + ")")
                            + "; the failure is fixed: delete the entry");
        }
        return new Reconciliation(expected, unexpected, problems, notExercised, undecided);
    }

    private static boolean coversElsewhere(Expectations.Entry e, SuiteScenarios.SuiteScenario s) {
        return switch (e.target()) {
            case Expectations.Target.Scenario t -> t.id().equals(s.id());
            case Expectations.Target.Clause c -> s.tags().contains("@clause:" + c.id());
        };
    }

    /**
     * The entry in force on {@code today} that covers {@code r}'s failure, if {@code r} failed and
     * one does.
     */
    public static java.util.Optional<Expectations.Entry> covering(
            Expectations expectations, LocalDate today, ScenarioResult r) {
        if (!broken(r)) return java.util.Optional.empty();
        List<Expectations.Entry> active =
                expectations.entries().stream().filter(e -> e.activeOn(today)).toList();
        return java.util.Optional.ofNullable(coveringEntry(active, r));
    }

    /** FAIL or ERROR: what an expectation can cover. */
    static boolean broken(ScenarioResult r) {
        return r.verdict() == Verdict.FAIL || r.verdict() == Verdict.ERROR || r.verdict() == null;
    }

    private static Expectations.Entry coveringEntry(
            List<Expectations.Entry> active, ScenarioResult r) {
        for (Expectations.Entry e : active)
            if (e.target() instanceof Expectations.Target.Scenario s && s.id().equals(r.id()))
                return e;
        for (Expectations.Entry e : active)
            if (e.target() instanceof Expectations.Target.Clause c && brokenOn(r, c.id())) return e;
        return null;
    }

    /**
     * Did {@code r} break {@code clause}? A FAIL only when one of its findings names the clause; an
     * ERROR (not a finding about any clause) on the clauses it is tagged with.
     */
    static boolean brokenOn(ScenarioResult r, String clause) {
        return Verdicts.on(r, clause)
                .filter(v -> v == Verdict.FAIL || v == Verdict.ERROR)
                .isPresent();
    }

    private static List<ScenarioResult> covered(
            Expectations.Entry e, List<ScenarioResult> results) {
        return results.stream()
                .filter(
                        r ->
                                switch (e.target()) {
                                    case Expectations.Target.Scenario s -> s.id().equals(r.id());
                                    // The scenarios with a verdict on the clause: a FAIL whose
                                    // findings name other clauses only says nothing about it.
                                    case Expectations.Target.Clause c ->
                                            Verdicts.on(r, c.id()).isPresent();
                                })
                .toList();
    }

    private static String preview(List<String> ids) {
        return ids.size() <= 3
                ? String.join(", ", ids)
                : String.join(", ", ids.subList(0, 3)) + ", ...";
    }

    /**
     * Entries naming a scenario the features do not have (their lines moved, or the scenario was
     * deleted): the entry can never match, so a run refuses to start with this list.
     */
    public static List<String> unknownScenarios(Expectations expectations, SuiteScenarios suite) {
        List<String> out = new ArrayList<>();
        for (Expectations.Entry e : expectations.entries()) {
            if (e.target() instanceof Expectations.Target.Scenario s
                    && suite.byId(s.id()).isEmpty()) {
                out.add(
                        e.where()
                                + ": no scenario "
                                + s.id()
                                + " in the features (a scenario is named by the line of its Scenario"
                                + " keyword or example row; the reports show each scenario's id)");
            }
        }
        return out;
    }
}
