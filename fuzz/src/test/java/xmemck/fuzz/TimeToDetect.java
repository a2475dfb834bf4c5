package xmemck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import xmemck.fuzz.engine.Budget;
import xmemck.fuzz.engine.Counterexample;
import xmemck.fuzz.engine.Search;
import xmemck.fuzz.engine.Trial;
import xmemck.fuzz.gen.CaseGen;
import xmemck.harness.Step;
import xmemck.ops.Op;
import xmemck.oracle.Finding;
import xmemck.oracle.Verdict;
import xmemck.spi.Adapters;
import xmemck.spi.Sut;
import xmemck.spi.SutOptions;

/**
 * Time to detect: for each seeded fault of the C example, fuzzing alone (no feature suite) with
 * several seeds; records the time and the cases until the first failure, the clause it failed on
 * and the size of the shrunk counterexample, and prints a Markdown table of medians (also written
 * to {@code target/time-to-detect.md}).
 *
 * <p>A measurement, not a test of the build: its name matches none of Surefire's patterns, so it
 * runs only when asked for:
 *
 * <pre>
 * ./mvnw -q -B -pl fuzz test -Dtest=TimeToDetect [-Dxmemck.ttd.seeds=5] [-Dxmemck.ttd.limitSeconds=60] [-Dxmemck.ttd.faults=a,b]
 * </pre>
 *
 * It first fuzzes the conforming build for as many seconds as the slowest detection may take, which
 * warms the JVM and shows that a failure there is the fault's doing, not a false alarm.
 */
class TimeToDetect {

    /** One search for one fault with one seed. */
    record Detection(
            String fault,
            long seed,
            boolean found,
            double secondsToFind,
            long casesToFind,
            String signature,
            int originalOps,
            List<Op> counterexample,
            boolean caughtOnListed,
            double shrinkSeconds) {}

    @Test
    void measure() throws Exception {
        int seeds = Integer.getInteger("xmemck.ttd.seeds", 5);
        long limit = Long.getLong("xmemck.ttd.limitSeconds", 60);
        String only = System.getProperty("xmemck.ttd.faults", "").strip();
        Path binary = cExample();
        Map<String, String> faults = listFaults(binary);
        if (!only.isEmpty()) {
            Map<String, String> chosen = new LinkedHashMap<>();
            for (String name : only.split(",")) {
                String clause = faults.get(name.strip());
                if (clause == null)
                    throw new IllegalArgumentException(
                            "xmemck.ttd.faults: the C example has no fault \""
                                    + name.strip()
                                    + "\"; it has "
                                    + faults.keySet());
                chosen.put(name.strip(), clause);
            }
            faults = chosen;
        }

        FuzzRun.Summary conforming = conformingRun(binary, Math.min(limit, 10));
        assertEquals(
                List.of(), conforming.failures(), "the conforming C example must give no failure");

        Map<String, List<Detection>> all = new LinkedHashMap<>();
        for (String fault : faults.keySet()) {
            List<Detection> runs = new ArrayList<>();
            for (long seed = 1; seed <= seeds; seed++)
                runs.add(detect(binary, fault, faults.get(fault), seed, limit));
            all.put(fault, runs);
        }
        String report =
                table(faults, all, seeds, limit)
                        + "\n"
                        + conformingLine(conforming)
                        + "\n\n"
                        + counterexamples(all);
        Path out = Path.of("target", "time-to-detect.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, report, StandardCharsets.UTF_8);
        System.out.println(report);
        all.forEach(
                (fault, runs) ->
                        assertTrue(
                                runs.stream().anyMatch(Detection::found),
                                fault + " was not found by any seed within " + limit + " s"));
    }

    /**
     * Fuzzes {@code fault} with {@code seed} until the first failure (or {@code limitSeconds}),
     * shrinks it, and replays the counterexample to see whether its failing step is caught on
     * {@code listedClause}.
     */
    static Detection detect(
            Path binary, String fault, String listedClause, long seed, long limitSeconds)
            throws Exception {
        Sut sut =
                Adapters.find("process")
                        .open(new SutOptions(Map.of("sut", binary.toString(), "fault", fault)));
        try {
            SessionProperty property = new SessionProperty(sut, new Coverage());
            CaseGen gen = new CaseGen(sut.capabilities());
            FirstFailure first = new FirstFailure();
            Search.Settings settings =
                    new Search.Settings(
                            Budget.time(Duration.ofSeconds(limitSeconds)),
                            Search.Settings.defaultShrink(),
                            Search.Settings.defaultSimplify(),
                            1);
            Search.Report<List<Op>> report =
                    new Search<>(gen, property, new OpSimplifier(), settings, first).run(seed);
            if (report.failures().isEmpty())
                return new Detection(
                        fault,
                        seed,
                        false,
                        report.seconds(),
                        report.cases(),
                        null,
                        0,
                        List.of(),
                        false,
                        0);
            Counterexample<List<Op>> cx = report.failures().getFirst();
            double shrinkSeconds = (System.nanoTime() - first.foundAt) / 1e9;
            boolean caught =
                    Replay.failing(sut, cx.value())
                            .map(f -> f.step() != null && caughtOn(f.step(), listedClause))
                            .orElse(false);
            return new Detection(
                    fault,
                    seed,
                    true,
                    (first.foundAt - first.start) / 1e9,
                    first.index + 1,
                    cx.signature(),
                    cx.original().size(),
                    cx.value(),
                    caught,
                    shrinkSeconds);
        } finally {
            sut.close();
        }
    }

    /**
     * As the kit's other checks of the seeded faults decide it: the step FAILs and a finding names
     * the clause, or the clause belongs to the allowed outcome the implementation departed from.
     */
    static boolean caughtOn(Step step, String clause) {
        if (step.verdict() != Verdict.FAIL || step.judgement() == null) return false;
        if (step.judgement().findings().stream().map(Finding::clause).anyMatch(clause::equals))
            return true;
        return step.judgement().matched() != null
                && step.judgement().matched().clauses().contains(clause);
    }

    /** Notes when the search started and when (at which case) it found its first failure. */
    static final class FirstFailure implements Search.Listener<List<Op>> {
        final long start = System.nanoTime();
        long foundAt;
        long index = -1;

        @Override
        public void onFailure(long i, Trial<List<Op>> trial) {
            if (index < 0) {
                foundAt = System.nanoTime();
                index = i;
            }
        }
    }

    static FuzzRun.Summary conformingRun(Path binary, long seconds) throws Exception {
        Sut sut = Adapters.find("process").open(new SutOptions(Map.of("sut", binary.toString())));
        try {
            var options =
                    new FuzzRun.Options(
                            "process",
                            SutOptions.none(),
                            Budget.time(Duration.ofSeconds(seconds)),
                            1,
                            Path.of("target", "time-to-detect-reports"),
                            5,
                            false);
            return FuzzRun.run(sut, options, null);
        } finally {
            sut.close();
        }
    }

    static String table(
            Map<String, String> faults, Map<String, List<Detection>> all, int seeds, long limit) {
        StringBuilder sb = new StringBuilder();
        sb.append(
                "| fault | listed clause | found | median time to find | median cases | shrunk ops: median (min-max) | median shrink time | first failure on | caught on the listed clause |\n");
        sb.append("|---|---|---|---|---|---|---|---|---|\n");
        double worstMedian = 0;
        int worstOps = 0;
        for (var e : all.entrySet()) {
            List<Detection> runs = e.getValue();
            List<Detection> found = runs.stream().filter(Detection::found).toList();
            // A seed that found nothing counts as "later than the limit": the median stays honest.
            double[] times =
                    runs.stream()
                            .mapToDouble(
                                    d -> d.found() ? d.secondsToFind() : Double.POSITIVE_INFINITY)
                            .toArray();
            double[] cases =
                    runs.stream()
                            .mapToDouble(
                                    d -> d.found() ? d.casesToFind() : Double.POSITIVE_INFINITY)
                            .toArray();
            int[] ops = found.stream().mapToInt(d -> d.counterexample().size()).sorted().toArray();
            double medianTime = median(times);
            worstMedian = Math.max(worstMedian, medianTime);
            if (ops.length > 0) worstOps = Math.max(worstOps, ops[ops.length - 1]);
            Map<String, Long> clauses =
                    found.stream()
                            .collect(
                                    Collectors.groupingBy(
                                            d -> clauseOf(d.signature()),
                                            TreeMap::new,
                                            Collectors.counting()));
            String on =
                    clauses.entrySet().stream()
                            .map(
                                    c ->
                                            "`"
                                                    + c.getKey()
                                                    + "`"
                                                    + (c.getValue() == found.size()
                                                            ? ""
                                                            : " (" + c.getValue() + ")"))
                            .collect(Collectors.joining(", "));
            long caught = found.stream().filter(Detection::caughtOnListed).count();
            sb.append(
                    String.format(
                            Locale.ROOT,
                            "| `%s` | `%s` | %d/%d | %s | %s | %s | %s | %s | %d/%d |%n",
                            e.getKey(),
                            faults.get(e.getKey()),
                            found.size(),
                            runs.size(),
                            Double.isInfinite(medianTime)
                                    ? "> " + limit + " s"
                                    : String.format(Locale.ROOT, "%.2f s", medianTime),
                            Double.isInfinite(median(cases))
                                    ? "-"
                                    : String.format(Locale.ROOT, "%.0f", median(cases)),
                            ops.length == 0
                                    ? "-"
                                    : ops.length % 2 == 1
                                            ? ops[ops.length / 2]
                                                    + " ("
                                                    + ops[0]
                                                    + "-"
                                                    + ops[ops.length - 1]
                                                    + ")"
                                            : String.format(
                                                    Locale.ROOT,
                                                    "%.1f (%d-%d)",
                                                    median(
                                                            Arrays.stream(ops)
                                                                    .asDoubleStream()
                                                                    .toArray()),
                                                    ops[0],
                                                    ops[ops.length - 1]),
                            found.isEmpty()
                                    ? "-"
                                    : String.format(
                                            Locale.ROOT,
                                            "%.2f s",
                                            median(
                                                    found.stream()
                                                            .mapToDouble(Detection::shrinkSeconds)
                                                            .toArray())),
                            on.isEmpty() ? "-" : on,
                            caught,
                            found.size()));
        }
        sb.append(
                String.format(
                        Locale.ROOT,
                        "%n%d fault(s), seeds 1 to %d each; the slowest median is %.2f s, the largest counterexample %d operations.%n",
                        all.size(),
                        seeds,
                        worstMedian,
                        worstOps));
        return sb.toString();
    }

    private static String conformingLine(FuzzRun.Summary s) {
        return String.format(
                Locale.ROOT,
                "The conforming build, fuzzed first with seed %d: %d cases in %.1f s (%.0f cases/s), %d failure(s).",
                s.seed(),
                s.cases(),
                s.seconds(),
                s.casesPerSecond(),
                s.failures().size());
    }

    /**
     * Each fault's smallest counterexample, and its largest when that is bigger, in the features'
     * words.
     */
    static String counterexamples(Map<String, List<Detection>> all) {
        StringBuilder sb =
                new StringBuilder(
                        "Smallest (and, when bigger, largest) counterexample per fault:\n");
        all.forEach(
                (fault, runs) -> {
                    List<Detection> found =
                            runs.stream()
                                    .filter(Detection::found)
                                    .sorted(
                                            (a, b) ->
                                                    Integer.compare(
                                                            a.counterexample().size(),
                                                            b.counterexample().size()))
                                    .toList();
                    if (found.isEmpty()) return;
                    describe(sb, found.getFirst());
                    if (found.getLast().counterexample().size()
                            > found.getFirst().counterexample().size())
                        describe(sb, found.getLast());
                });
        return sb.toString();
    }

    private static void describe(StringBuilder sb, Detection d) {
        sb.append("\n")
                .append(d.fault())
                .append(" (seed ")
                .append(d.seed())
                .append(", ")
                .append(d.counterexample().size())
                .append(" operations, shrunk from ")
                .append(d.originalOps())
                .append(", ")
                .append(d.signature())
                .append(d.caughtOnListed() ? "" : "; not caught on the listed clause")
                .append("):\n");
        for (String line : steps(d.counterexample())) sb.append("    ").append(line).append('\n');
    }

    private static List<String> steps(List<Op> ops) {
        try {
            return GherkinWriter.steps(ops);
        } catch (IllegalArgumentException e) {
            return ops.stream().map(Op::describe).toList();
        }
    }

    private static String clauseOf(String signature) {
        return signature == null ? "-" : signature.substring(signature.lastIndexOf(' ') + 1);
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        if (n == 0) return Double.NaN;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    /**
     * The C example, built by the process module; {@code -Dxmemck.cExample=PATH} points elsewhere.
     */
    static Path cExample() {
        String configured = System.getProperty("xmemck.cExample", "").strip();
        Path p =
                (configured.isEmpty()
                                ? Path.of(
                                        "..",
                                        "sut-adapters",
                                        "process",
                                        "target",
                                        "xmemck-c-example")
                                : Path.of(configured))
                        .toAbsolutePath()
                        .normalize();
        if (!Files.isExecutable(p)) {
            throw new IllegalStateException(
                    "the C example is not built at "
                            + p
                            + ": ./mvnw -pl sut-adapters/process -am package, or -Dxmemck.cExample=PATH");
        }
        return p;
    }

    /** Fault name to listed clause, from {@code --list-faults}. */
    static Map<String, String> listFaults(Path binary) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binary.toString(), "--list-faults").start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0)
            throw new IllegalStateException(binary + " --list-faults failed:\n" + out);
        Map<String, String> faults = new LinkedHashMap<>();
        for (String line : out.split("\n")) {
            if (line.isBlank()) continue;
            String[] f = line.split("\t");
            if (f.length != 3)
                throw new IllegalStateException(
                        binary
                                + " --list-faults: expected name, clause and description separated by tabs, got \""
                                + line
                                + "\"");
            faults.put(f[0], f[1]);
        }
        return faults;
    }

    public static void main(String[] args) throws Exception {
        new TimeToDetect().measure();
    }
}
