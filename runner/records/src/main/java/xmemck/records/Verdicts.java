package xmemck.records;

import java.util.Collection;
import java.util.Optional;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;

/** Verdict helpers shared by every renderer, so aggregation and spelling are decided in one place. */
public final class Verdicts {
    private Verdicts() {}

    /** The label of a clause or cell that no scenario reached. */
    public static final String NO_SCENARIO = "NO-SCENARIO";

    /**
     * A scenario's verdict; a result recorded without one is treated as ERROR, since the kit failed to decide it
     * and must not let it count as anything milder.
     */
    public static Verdict of(ScenarioResult r) { return r.verdict() == null ? Verdict.ERROR : r.verdict(); }

    /** The worst verdict of the scenarios (see {@link Verdict#worst}), empty when there are none. */
    public static Optional<Verdict> worst(Collection<ScenarioResult> scenarios) {
        Verdict w = null;
        for (ScenarioResult r : scenarios) w = w == null ? of(r) : w.worst(of(r));
        return Optional.ofNullable(w);
    }

    /** What an expected failure's label adds to its verdict: "FAIL (expected)". */
    public static final String EXPECTED_SUFFIX = " (expected)";

    /** A scenario's label in {@code run}: its verdict, with {@link #EXPECTED_SUFFIX} when the run expects its failure. */
    public static String label(RunReport run, ScenarioResult r) {
        return of(r).label() + (run.isExpected(r) ? EXPECTED_SUFFIX : "");
    }

    /** The report spelling of an aggregated verdict, {@link #NO_SCENARIO} when nothing was aggregated. */
    public static String label(Optional<Verdict> v) { return v.map(Verdict::label).orElse(NO_SCENARIO); }

    /** The CSS class that colours a verdict, the same on every page. */
    public static String cssClass(Optional<Verdict> v) { return "v-" + label(v); }

    /** Parses a label as written in reports (OUTSIDE-CONTRACT) or an enum name (OUTSIDE_CONTRACT). */
    public static Verdict parse(String s, String where) {
        for (Verdict v : Verdict.values()) if (v.label().equals(s) || v.name().equals(s)) return v;
        throw new IllegalArgumentException(where + ": unknown verdict \"" + s + "\"");
    }
}
