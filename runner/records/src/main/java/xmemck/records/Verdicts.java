package xmemck.records;

import java.util.Collection;
import java.util.Optional;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;

/**
 * Verdict helpers shared by every renderer, so aggregation and spelling are decided in one place.
 */
public final class Verdicts {
    private Verdicts() {}

    /** The label of a clause or cell that no scenario reached. */
    public static final String NO_SCENARIO = "NO-SCENARIO";

    /**
     * A scenario's verdict; a result recorded without one is treated as ERROR, since the kit failed
     * to decide it and must not let it count as anything milder.
     */
    public static Verdict of(ScenarioResult r) {
        return r.verdict() == null ? Verdict.ERROR : r.verdict();
    }

    /**
     * The worst verdict of the scenarios (see {@link Verdict#worst}), empty when there are none.
     */
    public static Optional<Verdict> worst(Collection<ScenarioResult> scenarios) {
        Verdict w = null;
        for (ScenarioResult r : scenarios) w = w == null ? of(r) : w.worst(of(r));
        return Optional.ofNullable(w);
    }

    /**
     * The label of a cell whose scenarios all failed on other clauses: none of them decided this
     * one.
     */
    public static final String NOT_DECIDED = "NOT-DECIDED";

    /**
     * What {@code r} says about {@code clause}: a FAIL only when one of its findings names the
     * clause (its other tags are "not decided here": empty); any other verdict on the clauses it is
     * tagged with (an ERROR is not a finding about a clause, but shows on the scenario's tags).
     * Empty for a clause the scenario neither names nor breaks.
     */
    public static Optional<Verdict> on(ScenarioResult r, String clause) {
        Verdict v = of(r);
        if (v == Verdict.FAIL)
            return r.violated().contains(clause) ? Optional.of(v) : Optional.empty();
        return r.clauses() != null && r.clauses().contains(clause)
                ? Optional.of(v)
                : Optional.empty();
    }

    /**
     * The clauses {@code r} has a word on: its tags, and for a FAIL the clauses its findings name.
     */
    public static java.util.Set<String> clausesOf(ScenarioResult r) {
        java.util.Set<String> ids = new java.util.LinkedHashSet<>();
        if (r.clauses() != null) ids.addAll(r.clauses());
        if (of(r) == Verdict.FAIL) ids.addAll(r.violated());
        return ids;
    }

    /** What an expected failure's label adds to its verdict: "FAIL (expected)". */
    public static final String EXPECTED_SUFFIX = " (expected)";

    /**
     * A scenario's label in {@code run}: its verdict, with {@link #EXPECTED_SUFFIX} when the run
     * expects its failure.
     */
    public static String label(RunReport run, ScenarioResult r) {
        return of(r).label() + (run.isExpected(r) ? EXPECTED_SUFFIX : "");
    }

    /**
     * The report spelling of an aggregated verdict, {@link #NO_SCENARIO} when nothing was
     * aggregated.
     */
    public static String label(Optional<Verdict> v) {
        return v.map(Verdict::label).orElse(NO_SCENARIO);
    }

    /** The CSS class that colours a verdict, the same on every page. */
    public static String cssClass(Optional<Verdict> v) {
        return "v-" + label(v);
    }

    /**
     * Parses a label as written in reports (OUTSIDE-CONTRACT) or an enum name (OUTSIDE_CONTRACT).
     */
    public static Verdict parse(String s, String where) {
        for (Verdict v : Verdict.values()) if (v.label().equals(s) || v.name().equals(s)) return v;
        throw new IllegalArgumentException(where + ": unknown verdict \"" + s + "\"");
    }
}
