package xmemck.records;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import xmemck.files.Adapter;
import xmemck.files.Kit;
import xmemck.files.KitJson;
import xmemck.files.VerdictCounts;

/**
 * summary.json: the machine-readable outcome of one run. Keys of verdict counts are the enum names
 * ({@code OUTSIDE_CONTRACT}); verdict values are the report labels ({@code OUTSIDE-CONTRACT}, or
 * {@code NO-SCENARIO} for a clause no scenario reached). Fields: reports/README.md.
 *
 * <p>Format decisions: the file is small (one line per clause), so it is one {@link Contents}
 * record written whole by databind, which makes the record the format's declaration; the kit, the
 * adapter and the verdict counts are the shapes every file shares ({@link Kit}, {@link Adapter},
 * {@link VerdictCounts}), and the fuzzer's summary.json follows the same conventions.
 */
public final class SummaryJson {
    private SummaryJson() {}

    /** The file, member by member in the order written. */
    public record Contents(
            Kit kit,
            Adapter adapter,
            String startedAt,
            double durationSeconds,
            int scenarioCount,
            double scenariosPerSecond,
            VerdictCounts totals,
            int expectedFailures,
            boolean passed,
            boolean judgedNothing,
            List<String> clausesJudged,
            List<String> clausesNotJudged,
            List<ClauseEntry> clauses,
            List<String> clausesWithoutScenario) {}

    /**
     * One clause of the catalogue (or an id only scenarios named: {@code "catalogued": false}, else
     * absent), as its matrix cell shows it ({@link Matrix.Cell}): the verdict it is coloured by,
     * whether that PASS is partial, whether the run judged it, how many scenarios name it, how many
     * had each verdict on it and how many failed on other clauses only ({@code notDecided}).
     */
    public record ClauseEntry(
            String id,
            String service,
            String verdict,
            boolean partial,
            boolean judged,
            int scenarios,
            VerdictCounts counts,
            int notDecided,
            @JsonInclude(JsonInclude.Include.NON_NULL) Boolean catalogued) {}

    public static String render(RunReport run, Matrix oneRun) {
        if (oneRun.columns().size() != 1) {
            throw new IllegalArgumentException(
                    "summary.json describes one run; the matrix has "
                            + oneRun.columns().size()
                            + " columns");
        }
        List<ClauseEntry> clauses = new ArrayList<>();
        List<String> unreached = new ArrayList<>();
        for (Matrix.Row row : oneRun.rows()) {
            Matrix.Cell cell = row.cells().getFirst();
            clauses.add(
                    new ClauseEntry(
                            row.clause().id(),
                            row.clause().service(),
                            cell.label(),
                            cell.partial(),
                            cell.judged(),
                            cell.scenarios().size(),
                            counts(cell.counts()),
                            cell.notDecided().size(),
                            row.clause().catalogued() ? null : false));
            if (cell.scenarios().isEmpty()) unreached.add(row.clause().id());
        }
        Contents file =
                new Contents(
                        new Kit(run.kitVersion()),
                        run.adapter().json(),
                        run.startedAt(),
                        round(run.durationSeconds()),
                        run.scenarios().size(),
                        round(run.scenariosPerSecond()),
                        counts(Totals.of(run.scenarios())),
                        // FAIL and ERROR scenarios the implementation's expectations file lists as
                        // known (shown "FAIL (expected)").
                        run.expectedFailures(),
                        // The run's outcome as far as scenarios go: no FAIL or ERROR that no
                        // expectation covers, and at least one PASS.
                        run.scenariosPassed(),
                        run.judgedNothing(),
                        oneRun.judged(0),
                        oneRun.notJudged(0),
                        clauses,
                        unreached);
        return KitJson.write(file) + "\n";
    }

    /** Verdict counts as every file writes them. */
    public static VerdictCounts counts(Totals t) {
        return VerdictCounts.of(t::get);
    }

    /**
     * Three decimals are enough for seconds and rates and keep the file stable to read (as the
     * fuzzer's summary writes them).
     */
    static double round(double d) {
        return KitJson.round(d);
    }
}
