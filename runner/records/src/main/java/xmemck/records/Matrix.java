package xmemck.records;

import xmemck.records.RunReport;
import xmemck.records.Totals;
import xmemck.records.Verdicts;
import xmemck.records.AdapterInfo;
import xmemck.records.ClauseLine;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Clause;
import xmemck.oracle.Verdict;

/**
 * Clauses by runs: rows are clauses grouped by service (catalogue order), columns are runs (one per adapter and
 * run), a cell holds the scenarios of that run that name the clause and their worst verdict. A single run is the
 * one-column case; several runs give the combined conformance matrix.
 */
public record Matrix(List<Column> columns, List<Group> groups) {
    public Matrix {
        columns = List.copyOf(columns);
        groups = List.copyOf(groups);
    }

    /**
     * One run: the adapter it ran against, its scenario totals, and its expected failures (scenario id to note, see
     * {@link RunReport#expected()}).
     */
    public record Column(String label, AdapterInfo adapter, String kitVersion, String startedAt, Totals totals, Map<String, String> expected) {
        public Column { expected = expected == null ? Map.of() : Map.copyOf(expected); }

        public Column(String label, AdapterInfo adapter, String kitVersion, String startedAt, Totals totals) {
            this(label, adapter, kitVersion, startedAt, totals, Map.of());
        }

        /** Is {@code r}, a scenario of this run, a FAIL or ERROR its expectations list as known? */
        public boolean isExpected(ScenarioResult r) {
            Verdict v = Verdicts.of(r);
            return (v == Verdict.FAIL || v == Verdict.ERROR) && expected.containsKey(r.id());
        }

        /** A cell whose FAIL and ERROR scenarios are all expected failures (and that has at least one). */
        public boolean allExpected(Cell cell) {
            boolean any = false;
            for (ScenarioResult r : cell.scenarios()) {
                Verdict v = Verdicts.of(r);
                if (v != Verdict.FAIL && v != Verdict.ERROR) continue;
                if (!isExpected(r)) return false;
                any = true;
            }
            return any;
        }
    }

    /** The clauses of one service. */
    public record Group(String service, List<Row> rows) {
        public Group { rows = List.copyOf(rows); }
    }

    /** One clause and its cell in each column (same order as {@link Matrix#columns}). */
    public record Row(ClauseLine clause, List<Cell> cells) {
        public Row { cells = List.copyOf(cells); }

        /** The worst verdict across all columns, for filtering a combined matrix. */
        public Optional<Verdict> worst() {
            Optional<Verdict> w = Optional.empty();
            for (Cell c : cells) {
                if (c.verdict().isEmpty()) continue;
                w = Optional.of(w.isEmpty() ? c.verdict().get() : w.get().worst(c.verdict().get()));
            }
            return w;
        }
    }

    /** The scenarios of one run that name one clause; verdict empty when there are none. */
    public record Cell(Optional<Verdict> verdict, List<ScenarioResult> scenarios) {
        public Cell { scenarios = List.copyOf(scenarios); }

        public static Cell of(List<ScenarioResult> scenarios) { return new Cell(Verdicts.worst(scenarios), scenarios); }
    }

    /** Builds the matrix of {@code runs} over the catalogue; clause ids named by scenarios but not catalogued come last. */
    public static Matrix of(List<Clause> catalogue, List<RunReport> runs) {
        Map<String, ClauseLine> lines = new LinkedHashMap<>();
        for (Clause c : catalogue) lines.putIfAbsent(c.id(), ClauseLine.of(c));
        Set<String> strays = new java.util.TreeSet<>();
        for (RunReport run : runs) {
            for (ScenarioResult r : run.scenarios()) {
                for (String id : clausesOf(r)) if (!lines.containsKey(id)) strays.add(id);
            }
        }
        for (String id : strays) lines.put(id, ClauseLine.uncatalogued(id));

        List<Column> columns = new ArrayList<>();
        List<Map<String, List<ScenarioResult>>> byClause = new ArrayList<>();
        for (RunReport run : runs) {
            columns.add(new Column(run.adapter().name(), run.adapter(), run.kitVersion(), run.startedAt(),
                    Totals.of(run.scenarios()), run.expected()));
            Map<String, List<ScenarioResult>> m = new LinkedHashMap<>();
            for (ScenarioResult r : run.scenarios()) {
                for (String id : clausesOf(r)) m.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
            }
            byClause.add(m);
        }

        Map<String, List<Row>> byService = new LinkedHashMap<>();
        for (ClauseLine line : lines.values()) {
            List<Cell> cells = new ArrayList<>();
            for (Map<String, List<ScenarioResult>> m : byClause) cells.add(Cell.of(m.getOrDefault(line.id(), List.of())));
            byService.computeIfAbsent(line.service(), k -> new ArrayList<>()).add(new Row(line, cells));
        }
        List<Group> groups = new ArrayList<>();
        byService.forEach((service, rows) -> groups.add(new Group(service, rows)));
        return new Matrix(columns, groups);
    }

    /** A scenario's clause ids without repeats (a scenario tagged twice with one id counts once). */
    static Set<String> clausesOf(ScenarioResult r) {
        return r.clauses() == null ? Set.of() : new LinkedHashSet<>(r.clauses());
    }

    /** All rows in display order. */
    public List<Row> rows() {
        List<Row> all = new ArrayList<>();
        for (Group g : groups) all.addAll(g.rows());
        return all;
    }
}
