package xmemck.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import xmemck.glue.CucumberRun;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;
import xmemck.report.AllurePlugin;
import xmemck.report.AllureReport;
import xmemck.report.ConformancePlugin;

/**
 * The whole feature suite through Cucumber in a warm JVM, as {@code ck run} runs it for one
 * adapter: the glue, the oracle, and the plugins. Reported as scenarios per second (the {@code
 * scenarios} counter); a run's figure in {@code ck run} also pays for starting the JVM and for
 * compiling the code this measures warm.
 *
 * <p>{@code reports}: {@code stream} writes only Cucumber's message stream, which the kit reads its
 * verdicts from; {@code ck-run} adds what a {@code ck run} writes while its scenarios run (the
 * Cucumber HTML page, the JUnit XML, the kit's reports and Allure's raw results), but not the
 * Allure report, which {@code ck run} makes off the runs' path; {@code html}, {@code junit}, {@code
 * kit} and {@code allure} add one of them alone, to see what each costs. Every invocation's
 * verdicts are checked (no ERROR, and the same verdicts as the first run's, which are printed), so
 * a run that stopped judging cannot look fast.
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
        Path features;
        Map<String, String> properties;
        List<String> arguments;

        /** What the first run judged: every later run must judge the same. */
        Map<Verdict, Long> verdicts;

        @Setup(Level.Trial)
        public void prepare() throws IOException {
            features = BuiltIn.kitFile("features").toAbsolutePath().normalize();
            if (!Files.isDirectory(features))
                throw new IllegalStateException(
                        "no feature files at " + features + ": pass -Dxmemck.root=REPO");
            dir = Files.createTempDirectory("xmemck-suite-bench");
            properties = new LinkedHashMap<>();
            properties.put("xmemck.adapter", adapter);
            if (adapter.equals("process"))
                properties.put(
                        "xmemck.sut",
                        System.getProperty(
                                "xmemck.cExample", BuiltIn.kitFile(BuiltIn.C_EXAMPLE).toString()));
            properties.put("xmemck.reportDir", dir.toString());
            properties.put("xmemck.features", features.toString());
            properties.put(AllureReport.RESULTS_PROPERTY, dir.resolve("allure-results").toString());
            properties.put("xmemck.allure", "off");
            arguments = new ArrayList<>(List.of("--no-summary"));
            Map<String, List<String>> plugins = new LinkedHashMap<>();
            plugins.put("html", List.of("--plugin", "html:" + dir.resolve("cucumber.html")));
            plugins.put("junit", List.of("--plugin", "junit:" + dir.resolve("cucumber-junit.xml")));
            plugins.put("kit", List.of("--plugin", ConformancePlugin.class.getName() + ":" + dir));
            plugins.put("allure", List.of("--plugin", AllurePlugin.class.getName()));
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
            arguments.add(features.toString());
        }

        /** Each run starts from an empty folder, as ck run's does, and the disk does not fill. */
        @Setup(Level.Invocation)
        public void clearFolder() throws IOException {
            delete(dir);
            Files.createDirectories(dir);
        }

        @TearDown(Level.Trial)
        public void remove() throws IOException {
            delete(dir);
        }

        private static void delete(Path root) throws IOException {
            if (!Files.exists(root)) return;
            try (Stream<Path> all = Files.walk(root)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList())
                    Files.deleteIfExists(p);
            }
        }
    }

    @Benchmark
    public int suite(Suite s, Judged judged) {
        CucumberRun.Outcome o =
                new CucumberRun(s.properties, s.arguments, s.dir.resolve("messages.ndjson"))
                        .execute();
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
        judged.scenarios += results.size();
        return results.size();
    }
}
