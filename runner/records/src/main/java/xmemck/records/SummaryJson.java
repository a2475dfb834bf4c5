package xmemck.records;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xmemck.oracle.Verdict;

/**
 * summary.json: the machine-readable outcome of one run. Keys of verdict counts are the enum names
 * ({@code OUTSIDE_CONTRACT}); verdict values are the report labels ({@code OUTSIDE-CONTRACT}, or
 * {@code NO-SCENARIO} for a clause no scenario reached).
 */
public final class SummaryJson {
    private SummaryJson() {}

    public static String render(RunReport run, Matrix oneRun) {
        if (oneRun.columns().size() != 1) {
            throw new IllegalArgumentException("summary.json describes one run; the matrix has " + oneRun.columns().size() + " columns");
        }
        Totals totals = Totals.of(run.scenarios());
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kit", Map.of("version", run.kitVersion()));
        root.put("adapter", adapter(run.adapter()));
        root.put("startedAt", run.startedAt());
        root.put("durationSeconds", round(run.durationSeconds()));
        root.put("scenarioCount", run.scenarios().size());
        root.put("scenariosPerSecond", round(run.scenariosPerSecond()));
        root.put("totals", counts(totals));
        // FAIL and ERROR scenarios the implementation's expectations file lists as known (shown "FAIL (expected)").
        root.put("expectedFailures", run.expectedFailures());
        // The run's outcome as far as scenarios go: only FAIL and ERROR that no expectation covers make it unsuccessful.
        root.put("passed", run.unexpectedFailures() == 0);
        List<Object> clauses = new ArrayList<>();
        List<Object> unreached = new ArrayList<>();
        for (Matrix.Row row : oneRun.rows()) {
            Matrix.Cell cell = row.cells().getFirst();
            Map<String, Object> c = new LinkedHashMap<>();
            c.put("id", row.clause().id());
            c.put("service", row.clause().service());
            c.put("verdict", Verdicts.label(cell.verdict()));
            c.put("scenarios", cell.scenarios().size());
            c.put("counts", counts(Totals.of(cell.scenarios())));
            if (!row.clause().catalogued()) c.put("catalogued", false);
            clauses.add(c);
            if (cell.scenarios().isEmpty()) unreached.add(row.clause().id());
        }
        root.put("clauses", clauses);
        root.put("clausesWithoutScenario", unreached);
        return Json.write(root) + "\n";
    }

    /** The adapter as every JSON file of the kit writes it (summary, results, bundle). */
    public static Map<String, Object> adapter(AdapterInfo a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", a.id());
        m.put("name", a.name());
        m.put("capabilities", a.capabilities());
        m.put("missing", a.missing());
        return m;
    }

    static Map<String, Object> counts(Totals t) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) m.put(v.name(), t.get(v));
        return m;
    }

    /** Three decimals are enough for seconds and rates and keep the file stable to read. */
    static double round(double d) { return Math.round(d * 1000.0) / 1000.0; }
}
