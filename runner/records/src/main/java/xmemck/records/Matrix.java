package xmemck.records;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Clause;
import xmemck.oracle.Verdict;

/**
 * Clauses by runs: rows are clauses grouped by service (catalogue order), columns are runs (one per
 * adapter and run), a cell holds the scenarios of that run that name the clause (by tag, or for a
 * FAIL by a finding) and how many had each verdict on it ({@link Cell}). A single run is the
 * one-column case; several runs give the combined conformance matrix.
 */
public record Matrix(List<Column> columns, List<Group> groups) {
    public Matrix {
        columns = List.copyOf(columns);
        groups = List.copyOf(groups);
    }

    /**
     * One run: the adapter it ran against, its scenario totals, and its expected failures (scenario
     * id to note, see {@link RunReport#expected()}).
     */
    public record Column(
            String label,
            AdapterInfo adapter,
            String kitVersion,
            String startedAt,
            Totals totals,
            Map<String, String> expected) {
        public Column {
            expected = expected == null ? Map.of() : Map.copyOf(expected);
        }

        public Column(
                String label,
                AdapterInfo adapter,
                String kitVersion,
                String startedAt,
                Totals totals) {
            this(label, adapter, kitVersion, startedAt, totals, Map.of());
        }

        /**
         * Why the run's adapter answers {@code clause} with its own code rather than the
         * implementation's ({@link AdapterInfo#emulated}); empty when the implementation decides
         * it.
         */
        public Optional<String> emulated(String clause) {
            return adapter == null ? Optional.empty() : adapter.emulated(clause);
        }

        /** Is {@code r}, a scenario of this run, a FAIL or ERROR its expectations list as known? */
        public boolean isExpected(ScenarioResult r) {
            Verdict v = Verdicts.of(r);
            return (v == Verdict.FAIL || v == Verdict.ERROR) && expected.containsKey(r.id());
        }

        /**
         * A cell whose FAIL and ERROR scenarios are all expected failures (and that has at least
         * one).
         */
        public boolean allExpected(Cell cell) {
            boolean any = false;
            for (ScenarioResult r : cell.scenarios()) {
                Verdict v = cell.on(r).orElse(null);
                if (v != Verdict.FAIL && v != Verdict.ERROR) continue;
                if (!isExpected(r)) return false;
                any = true;
            }
            return any;
        }
    }

    /** The clauses of one service. */
    public record Group(String service, List<Row> rows) {
        public Group {
            rows = List.copyOf(rows);
        }
    }

    /** One clause and its cell in each column (same order as {@link Matrix#columns}). */
    public record Row(ClauseLine clause, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }

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

    /**
     * The scenarios of one run that have a word on one clause: those tagged with it, and FAIL
     * scenarios whose findings name it. Each scenario's verdict on the clause is {@link
     * Verdicts#on}: a FAIL counts only where its findings name the clause; on its other tags it is
     * "not decided here".
     */
    public record Cell(String clause, List<ScenarioResult> scenarios) {
        public Cell {
            scenarios = List.copyOf(scenarios);
        }

        public static Cell of(String clause, List<ScenarioResult> scenarios) {
            return new Cell(clause, scenarios);
        }

        /**
         * {@code r}'s verdict on this clause; empty when it failed on other clauses only (not
         * decided here).
         */
        public Optional<Verdict> on(ScenarioResult r) {
            return Verdicts.on(r, clause);
        }

        /**
         * How many scenarios had each verdict on this clause (those that did not decide it left
         * out).
         */
        public Totals counts() {
            java.util.EnumMap<Verdict, Integer> c = new java.util.EnumMap<>(Verdict.class);
            for (ScenarioResult r : scenarios) on(r).ifPresent(v -> c.merge(v, 1, Integer::sum));
            return new Totals(c);
        }

        /**
         * Scenarios that failed on other clauses only: they name this one but did not decide it.
         */
        public List<ScenarioResult> notDecided() {
            return scenarios.stream().filter(r -> on(r).isEmpty()).toList();
        }

        /**
         * The cell's colour: FAIL when a finding names the clause, else ERROR when a scenario
         * tagged with it erred, else PASS when at least one scenario passed (see {@link #partial}),
         * else UNSUPPORTED, else OUTSIDE-CONTRACT; empty when no scenario decided it (no scenario
         * at all, or all failed on other clauses).
         */
        public Optional<Verdict> verdict() {
            Totals t = counts();
            for (Verdict v : ROLL_UP) if (t.get(v) > 0) return Optional.of(v);
            return Optional.empty();
        }

        /**
         * A PASS whose other scenarios could not be created here (UNSUPPORTED): passed as far as
         * this run went.
         */
        public boolean partial() {
            return verdict().equals(Optional.of(Verdict.PASS))
                    && counts().get(Verdict.UNSUPPORTED) > 0;
        }

        /** Judged: at least one scenario passed on the clause, or a finding names it. */
        public boolean judged() {
            Totals t = counts();
            return t.get(Verdict.PASS) > 0 || t.get(Verdict.FAIL) > 0;
        }

        /**
         * The cell's label: its verdict, {@link Verdicts#NOT_DECIDED} or {@link
         * Verdicts#NO_SCENARIO}.
         */
        public String label() {
            Optional<Verdict> v = verdict();
            if (v.isPresent()) return v.get().label();
            return scenarios.isEmpty() ? Verdicts.NO_SCENARIO : Verdicts.NOT_DECIDED;
        }

        /** The CSS class of its colour, the same on every page. */
        public String cssClass() {
            return "v-" + label();
        }
    }

    /**
     * The order in which a cell's verdict is chosen, and in which its counts are shown: FAIL and
     * ERROR first.
     */
    public static final List<Verdict> ROLL_UP =
            List.of(
                    Verdict.FAIL,
                    Verdict.ERROR,
                    Verdict.PASS,
                    Verdict.UNSUPPORTED,
                    Verdict.OUTSIDE_CONTRACT);

    /**
     * Builds the matrix of {@code runs} over the catalogue; clause ids named by scenarios but not
     * catalogued come last.
     */
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
            columns.add(
                    new Column(
                            run.adapter().name(),
                            run.adapter(),
                            run.kitVersion(),
                            run.startedAt(),
                            Totals.of(run.scenarios()),
                            run.expected()));
            Map<String, List<ScenarioResult>> m = new LinkedHashMap<>();
            for (ScenarioResult r : run.scenarios()) {
                for (String id : clausesOf(r)) m.computeIfAbsent(id, k -> new ArrayList<>()).add(r);
            }
            byClause.add(m);
        }

        Map<String, List<Row>> byService = new LinkedHashMap<>();
        for (ClauseLine line : lines.values()) {
            List<Cell> cells = new ArrayList<>();
            for (Map<String, List<ScenarioResult>> m : byClause)
                cells.add(Cell.of(line.id(), m.getOrDefault(line.id(), List.of())));
            byService
                    .computeIfAbsent(line.service(), k -> new ArrayList<>())
                    .add(new Row(line, cells));
        }
        List<Group> groups = new ArrayList<>();
        byService.forEach((service, rows) -> groups.add(new Group(service, rows)));
        return new Matrix(columns, groups);
    }

    /**
     * A scenario's clause ids without repeats (a scenario tagged twice with one id counts once),
     * see {@link Verdicts#clausesOf}.
     */
    static Set<String> clausesOf(ScenarioResult r) {
        return Verdicts.clausesOf(r);
    }

    /**
     * The clauses of a one-run matrix that it judged (see {@link Cell#judged}), in display order.
     */
    public List<String> judged(int column) {
        return rows().stream()
                .filter(r -> r.cells().get(column).judged())
                .map(r -> r.clause().id())
                .toList();
    }

    /** The catalogued clauses it did not judge, in display order. */
    public List<String> notJudged(int column) {
        return rows().stream()
                .filter(r -> r.clause().catalogued() && !r.cells().get(column).judged())
                .map(r -> r.clause().id())
                .toList();
    }

    /** All rows in display order. */
    public List<Row> rows() {
        List<Row> all = new ArrayList<>();
        for (Group g : groups) all.addAll(g.rows());
        return all;
    }
}
