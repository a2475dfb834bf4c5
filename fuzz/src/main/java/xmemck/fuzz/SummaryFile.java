package xmemck.fuzz;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import xmemck.files.Adapter;
import xmemck.files.Kit;
import xmemck.files.KitJson;
import xmemck.files.VerdictCounts;
import xmemck.oracle.Verdict;

/**
 * {@code fuzz/summary.json} in the report directory: what a fuzz run found. Fields:
 * reports/README.md. The kit, the adapter, the seed, the cases, the duration, the rate, whether it
 * passed and the failures are the contract the reports and CI read; the rest (the clauses reached,
 * how cases ended, ill-formed cases) are extra facts.
 *
 * <p>Format decisions: it has the name of the run's summary.json and follows the same conventions,
 * so that one reader reads both: written by the kit's one Jackson configuration ({@link KitJson}:
 * indented, members in record order); camelCase members; the kit and the adapter in the shapes
 * every file uses ({@link Kit}, {@link Adapter}); {@code durationSeconds}, {@code firstSeenSeconds}
 * and rates with three decimals; verdicts as values in their labels ({@code OUTSIDE-CONTRACT}),
 * counts of verdicts as {@link VerdictCounts} (keys are the enum names, every verdict present). It
 * is small (one entry per distinct failure), so it is one {@link Contents} record written whole.
 */
public final class SummaryFile {
    private SummaryFile() {}

    /** Where the summary goes, relative to the report directory. */
    public static final String PATH = "fuzz/summary.json";

    /** The file, member by member in the order written. */
    public record Contents(
            Kit kit,
            Adapter adapter,
            long seed,
            long cases,
            double durationSeconds,
            double casesPerSecond,
            boolean passed,
            List<FailureEntry> failures,
            List<String> knownClauses,
            List<KnownEntry> knownFindings,
            List<String> clausesReached,
            VerdictCounts caseEndings,
            long invalidCases,
            long generatorErrors) {}

    /**
     * One distinct failure: the clause, the replayable feature and the JSON ops (relative to the
     * report directory, null when not written), its verdict label, signature, case index, when the
     * run first saw it (after how many cases, after how many seconds), how many operations it
     * shrank to, whether the minimised case failed again on replay, and the other clauses the
     * minimised case breaks.
     */
    public record FailureEntry(
            String clause,
            String feature,
            String verdict,
            String signature,
            @JsonProperty("case") long caseIndex,
            long firstSeenCases,
            double firstSeenSeconds,
            int operations,
            String json,
            boolean reproduced,
            List<String> alsoBreaks) {}

    /**
     * One known finding (a FAIL on a clause in {@code knownClauses}, the clause entries in force of
     * the implementation's expectations; it does not fail the run): the clause, the signature, how
     * many of the search's cases showed it, the first such case and when the run first saw it, and
     * that case shrunk, as the steps of a scenario.
     */
    public record KnownEntry(
            String clause,
            String signature,
            long count,
            @JsonProperty("case") long caseIndex,
            long firstSeenCases,
            double firstSeenSeconds,
            int operations,
            List<String> example) {}

    /**
     * The summary's text, the adapter described by its id alone (the run's {@link FuzzRun.Summary}
     * does not carry the rest; {@link #json(FuzzRun.Summary, Adapter)}, which {@link FuzzRun} uses,
     * says more).
     */
    public static String json(FuzzRun.Summary s) {
        return json(s, Adapter.known(s.adapter()));
    }

    /**
     * The summary's text, without a final newline; {@code adapter} is the open implementation as
     * {@code Adapter.of(id, sut.name(), sut.capabilities())} describes it.
     */
    public static String json(FuzzRun.Summary s, Adapter adapter) {
        List<FailureEntry> failures =
                s.failures().stream()
                        .map(
                                f ->
                                        new FailureEntry(
                                                f.clause(),
                                                f.feature(),
                                                f.verdict(),
                                                f.signature(),
                                                f.caseIndex(),
                                                f.firstSeenCases(),
                                                KitJson.round(f.firstSeenSeconds()),
                                                f.ops().size(),
                                                f.json(),
                                                f.reproduced(),
                                                f.alsoBreaks()))
                        .toList();
        List<KnownEntry> known =
                s.known().stream()
                        .map(
                                k ->
                                        new KnownEntry(
                                                k.clause(),
                                                k.signature(),
                                                k.count(),
                                                k.caseIndex(),
                                                k.firstSeenCases(),
                                                KitJson.round(k.firstSeenSeconds()),
                                                k.example().size(),
                                                steps(k.example())))
                        .toList();
        VerdictCounts endings = VerdictCounts.of(v -> ending(s, v));
        return KitJson.write(
                new Contents(
                        Kit.current(),
                        adapter,
                        s.seed(),
                        s.cases(),
                        KitJson.round(s.seconds()),
                        KitJson.round(s.casesPerSecond()),
                        s.passed(),
                        failures,
                        s.knownClauses(),
                        known,
                        s.clausesReached(),
                        endings,
                        s.invalidCases(),
                        s.generatorErrors()));
    }

    /**
     * The operations as scenario steps, or as the operations' own descriptions when some have no
     * feature words.
     */
    static List<String> steps(List<xmemck.ops.Op> ops) {
        try {
            return GherkinWriter.steps(ops);
        } catch (IllegalArgumentException e) {
            return ops.stream().map(xmemck.ops.Op::describe).toList();
        }
    }

    /**
     * How many cases ended with {@code v}: the run keys them by label ({@code OUTSIDE-CONTRACT}).
     */
    private static long ending(FuzzRun.Summary s, Verdict v) {
        Long n = s.caseEndings().get(v.label());
        if (n == null) n = s.caseEndings().get(v.name());
        return n == null ? 0 : n;
    }
}
