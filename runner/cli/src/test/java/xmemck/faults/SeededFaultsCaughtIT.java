package xmemck.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import xmemck.glue.FeaturesFolder;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Catalogue;
import xmemck.oracle.Verdict;

/**
 * The feature suite catches every seeded fault of the C example: for each fault that {@code
 * xmemck-c-example --list-faults} lists, the whole suite (as {@code ck run} runs it by default:
 * everything but {@code @slow}) runs through Cucumber in this JVM against {@code xmemck-c-example
 * --fault NAME} with the process adapter, and must end with at least one FAIL caught on the fault's
 * listed clause (a finding of the FAIL breaks it: {@link ScenarioResult#violated}) and no ERROR.
 * The conforming build must pass the same suite without a FAIL or an ERROR, else a fault's FAILs
 * would prove nothing.
 *
 * <p>The table (fault, clause, scenarios that caught it, clauses the findings named) is written to
 * {@code target/seeded-faults-caught.md} and printed; the C example's README shows it.
 */
class SeededFaultsCaughtIT {

    /** What {@code ck run} runs by default. */
    static final String TAGS = "not @slow";

    private static Path binary;
    private static List<SeededFault> faults;
    private static final Map<Integer, Row> ROWS = new ConcurrentSkipListMap<>();

    /** One fault's line of the table. */
    record Row(
            SeededFault fault,
            int scenarios,
            int failing,
            int caughtOn,
            Map<String, Integer> findings,
            int errors,
            double seconds) {}

    @BeforeAll
    static void findTheFaults() throws Exception {
        binary = SeededFault.binary();
        faults = SeededFault.listed(binary);
    }

    @Test
    void everyListedClauseIsInTheCatalogueAndEveryFaultNamedOnce() {
        List<String> unknown =
                faults.stream()
                        .filter(f -> !Catalogue.contains(f.clause()))
                        .map(f -> f.name() + " -> " + f.clause())
                        .toList();
        assertTrue(
                unknown.isEmpty(),
                "faults listed with clauses the catalogue does not have: " + unknown);
        assertEquals(
                faults.size(),
                faults.stream().map(SeededFault::name).distinct().count(),
                "a fault name listed twice: " + faults);
        assertTrue(
                faults.size() >= 16,
                "the C example lists " + faults.size() + " faults, its README 16");
    }

    @Test
    void theConformingBuildPassesTheSuite() {
        FeatureRun run =
                FeatureRun.run("process", quoted(binary), TAGS, List.of(FeaturesFolder.path()));
        Map<Verdict, Integer> totals = run.totals();
        assertTrue(totals.get(Verdict.PASS) > 100, "the suite ran too little: " + totals);
        List<ScenarioResult> bad =
                run.results().stream()
                        .filter(r -> r.verdict() == Verdict.FAIL || r.verdict() == Verdict.ERROR)
                        .toList();
        if (!bad.isEmpty())
            fail(
                    "the conforming C example must pass the suite; "
                            + totals
                            + ":\n"
                            + describe(bad, 10));
    }

    /**
     * The criterion tells clauses apart: a fault in copyout's permission check is not "caught" on
     * xmemout's or vm_mvc's clauses.
     */
    @Test
    void aFaultIsNotCaughtOnClausesItDoesNotBreak() {
        FeatureRun run =
                FeatureRun.run(
                        "process",
                        quoted(binary) + " --fault copyout_no_write_check",
                        TAGS,
                        List.of(FeaturesFolder.path()));
        // What a FAIL is caught on is data: the clauses its findings break, never read back from
        // its text.
        List<List<String>> violated =
                run.with(Verdict.FAIL).stream().map(ScenarioResult::violated).toList();
        assertTrue(
                violated.stream().anyMatch(v -> v.contains("copyout.fail.paging-fault")),
                "caught on its own clause: " + violated);
        for (String other :
                List.of(
                        "xmemout.fail.authority",
                        "vm_mvc.read",
                        "inv.no-write-outside",
                        "copyout.succ")) {
            assertTrue(
                    violated.stream().noneMatch(v -> v.contains(other)),
                    "copyout_no_write_check must not count as caught on " + other);
        }
    }

    @TestFactory
    Stream<DynamicTest> everySeededFaultIsCaughtOnItsClause() {
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < faults.size(); i++) {
            int index = i;
            SeededFault f = faults.get(i);
            tests.add(
                    DynamicTest.dynamicTest(
                            f.name() + " is caught on " + f.clause(), () -> check(index, f)));
        }
        return tests.stream();
    }

    private static void check(int index, SeededFault fault) {
        FeatureRun run =
                FeatureRun.run(
                        "process",
                        quoted(binary) + " --fault " + fault.name(),
                        TAGS,
                        List.of(FeaturesFolder.path()));
        List<ScenarioResult> failing = run.with(Verdict.FAIL);
        List<ScenarioResult> errors = run.with(Verdict.ERROR);
        Map<String, Integer> findings = new TreeMap<>();
        int caught = 0;
        for (ScenarioResult r : failing) {
            for (String c : r.violated()) findings.merge(c, 1, Integer::sum);
            if (r.violated().contains(fault.clause())) caught++;
        }
        ROWS.put(
                index,
                new Row(
                        fault,
                        run.results().size(),
                        failing.size(),
                        caught,
                        findings,
                        errors.size(),
                        run.seconds()));
        List<String> problems = new ArrayList<>();
        if (caught == 0) {
            problems.add(
                    "no FAIL caught it on "
                            + fault.clause()
                            + " ("
                            + failing.size()
                            + " FAIL(s), their findings named "
                            + findings
                            + ")"
                            + (failing.isEmpty() ? "" : ":\n" + describe(failing, 5)));
        }
        if (!errors.isEmpty())
            problems.add(
                    errors.size()
                            + " ERROR(s), where a seeded fault must give FAILs only:\n"
                            + describe(errors, 5));
        if (!problems.isEmpty())
            fail(fault.name() + " (" + fault.description() + "): " + String.join("\n", problems));
    }

    @AfterAll
    static void writeTheTable() throws IOException {
        if (ROWS.isEmpty()) return;
        String table = table(ROWS.values().stream().toList());
        Path out = Path.of("target", "seeded-faults-caught.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table, StandardCharsets.UTF_8);
        System.out.println(table);
    }

    /** The Markdown table of the README: one row per fault. */
    static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                "| fault | listed clause | caught | FAIL scenarios (caught on the clause) | clauses named by the findings (scenarios) | ERROR |\n");
        sb.append("|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            String named =
                    r.findings().entrySet().stream()
                            .map(e -> "`" + e.getKey() + "` (" + e.getValue() + ")")
                            .collect(Collectors.joining(", "));
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "| `%s` | `%s` | %s | %d (%d) | %s | %d |%n",
                            r.fault().name(),
                            r.fault().clause(),
                            r.caughtOn() > 0 ? "yes" : "**no**",
                            r.failing(),
                            r.caughtOn(),
                            named.isEmpty() ? "none" : named,
                            r.errors()));
        }
        int scenarios = rows.stream().mapToInt(Row::scenarios).max().orElse(0);
        double seconds = rows.stream().mapToDouble(Row::seconds).sum();
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%n%d fault(s), %d scenarios a run (tags `%s`), %.0f s for all runs.%n",
                        rows.size(),
                        scenarios,
                        TAGS,
                        seconds));
        return sb.toString();
    }

    /** The command line word for {@code path}, quoted for the adapter's word splitting. */
    static String quoted(Path path) {
        String s = path.toString();
        return s.matches("[A-Za-z0-9_./+-]+") ? s : "'" + s.replace("'", "'\\''") + "'";
    }

    private static String describe(List<ScenarioResult> results, int max) {
        StringBuilder sb = new StringBuilder();
        for (ScenarioResult r : results.subList(0, Math.min(max, results.size()))) {
            sb.append("  ")
                    .append(r.verdict().label())
                    .append(' ')
                    .append(r.uri())
                    .append(':')
                    .append(r.line())
                    .append(' ')
                    .append(r.name())
                    .append('\n');
            sb.append("    ").append(r.reason().strip().replace("\n", "\n    ")).append('\n');
        }
        if (results.size() > max)
            sb.append("  ... and ").append(results.size() - max).append(" more\n");
        return sb.toString();
    }
}
