package xmemck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import xmemck.cli.CkRunSetup;
import xmemck.files.Trees;
import xmemck.glue.CucumberRun;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;
import xmemck.report.AllureReport;

/**
 * The whole feature suite through Cucumber in a warm JVM, as {@code ck run} runs it for one adapter
 * (set up by {@link CkRunSetup}, as {@code ck run} sets up its runs): the glue, the oracle, and the
 * plugins. Reported as scenarios per second (the {@code scenarios} counter); a run's figure in
 * {@code ck run} also pays for starting the JVM and for compiling the code this measures warm.
 *
 * <p>{@code reports}: {@code stream} writes only Cucumber's message stream, which the kit reads its
 * verdicts from; {@code ck-run} adds what a {@code ck run} writes while its scenarios run (the
 * Cucumber HTML page, the JUnit XML, the kit's reports and Allure's raw results), but not the
 * Allure report, which {@code ck run} makes off the runs' path; {@code html}, {@code junit}, {@code
 * kit} and {@code allure} add one of them alone, to see what each costs. Every invocation's
 * verdicts are checked (no ERROR, and the same verdicts as the first run's, which are printed), so
 * a run that stopped judging cannot look fast. At the end it prints the last run's slowest scenario
 * and the time of all its scenarios.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 10, time = 2)
@Measurement(iterations = 5, time = 4)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SuiteBench {

    /** Scenarios judged, counted as operations: JMH reports them per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Judged {
        public long scenarios;

        @Setup(Level.Iteration)
        public void clear() {
            scenarios = 0;
        }
    }

    @State(Scope.Thread)
    public static class Suite {
        @Param({"reference"})
        public String adapter;

        @Param({"stream", "ck-run"})
        public String reports;

        Path dir;
        Map<String, String> properties;
        List<String> arguments;

        /** Whether the kit's report plugin is on, which clears Allure's results as a run starts. */
        boolean kitClears;

        /** What the first run judged: every later run must judge the same. */
        Map<Verdict, Long> verdicts;

        /** The last run's results, for the slowest scenario at the end. */
        List<ScenarioResult> last = List.of();

        @Setup(Level.Trial)
        public void prepare() throws IOException {
            Path features = BuiltIn.kitFile("features").toAbsolutePath().normalize();
            if (!Files.isDirectory(features))
                throw new IllegalStateException(
                        "no feature files at " + features + ": pass -Dxmemck.root=REPO");
            dir = Files.createTempDirectory("xmemck-suite-bench");
            // A run that judges differently throws, and JMH may then end the fork without this
            // trial's tear-down: the folder goes when the fork's JVM exits, whichever way it ends.
            Path made = dir;
            Runtime.getRuntime()
                    .addShutdownHook(
                            new Thread(
                                    () -> {
                                        try {
                                            Trees.delete(made);
                                        } catch (IOException e) {
                                            System.err.println(
                                                    "SuiteBench: could not remove "
                                                            + made
                                                            + ": "
                                                            + e);
                                        }
                                    }));
            String sut =
                    adapter.equals("process")
                            ? System.getProperty(
                                    "xmemck.cExample",
                                    BuiltIn.kitFile(BuiltIn.C_EXAMPLE).toString())
                            : null;
            // As ck run sets up an adapter's run, the Allure report aside (ck run makes it off
            // the runs' path).
            properties = CkRunSetup.properties(adapter, sut, null, null, dir, features, false);
            Map<String, List<String>> plugins = CkRunSetup.reportPlugins(dir, true);
            arguments = new ArrayList<>(List.of("--no-summary"));
            switch (reports) {
                case "stream" -> {}
                case "ck-run" -> plugins.values().forEach(arguments::addAll);
                default -> {
                    List<String> one = plugins.get(reports);
                    if (one == null)
                        throw new IllegalArgumentException(
                                "reports: stream, ck-run or one of "
                                        + plugins.keySet()
                                        + ", not "
                                        + reports);
                    arguments.addAll(one);
                }
            }
            kitClears = arguments.containsAll(plugins.get("kit"));
            arguments.add(features.toString());
        }

        /**
         * Each run finds its folder as a ck run does; Allure's results are cleared here only when
         * the kit's plugin, which clears them in a ck run, is not on (else they would pile up).
         */
        @Setup(Level.Invocation)
        public void begin() throws IOException {
            CkRunSetup.begin(dir, Instant.now());
            if (!kitClears) AllureReport.clearResults(AllureReport.resultsDir(dir));
        }

        @TearDown(Level.Trial)
        public void remove() throws IOException {
            last.stream()
                    .max(Comparator.comparingDouble(ScenarioResult::seconds))
                    .ifPresent(
                            r ->
                                    System.err.printf(
                                            Locale.ROOT,
                                            "SuiteBench: %s, last run: slowest scenario %.2f s of"
                                                    + " %.2f s (%s)%n",
                                            adapter,
                                            r.seconds(),
                                            last.stream()
                                                    .mapToDouble(ScenarioResult::seconds)
                                                    .sum(),
                                            r.name()));
            Trees.delete(dir);
        }
    }

    @Benchmark
    public int suite(Suite s, Judged judged) {
        CucumberRun.Outcome o =
                new CucumberRun(s.properties, s.arguments, CkRunSetup.messages(s.dir)).execute();
        List<ScenarioResult> results = o.read().results();
        Map<Verdict, Long> verdicts = new java.util.EnumMap<>(Verdict.class);
        for (ScenarioResult r : results) verdicts.merge(r.verdict(), 1L, Long::sum);
        if (s.verdicts == null) {
            s.verdicts = verdicts;
            System.err.println("SuiteBench: " + s.adapter + " judged " + verdicts);
        }
        if (results.isEmpty()
                || verdicts.containsKey(Verdict.ERROR)
                || !verdicts.equals(s.verdicts))
            throw new IllegalStateException(
                    "the suite on "
                            + s.adapter
                            + " judged "
                            + verdicts
                            + " (the first run: "
                            + s.verdicts
                            + "); a benchmark needs the same verdicts every run, and no ERROR");
        s.last = results;
        judged.scenarios += results.size();
        return results.size();
    }
}
