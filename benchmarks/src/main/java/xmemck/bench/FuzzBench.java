package xmemck.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import xmemck.conformance.Expectations;
import xmemck.fuzz.Coverage;
import xmemck.fuzz.SessionProperty;
import xmemck.fuzz.engine.Budget;
import xmemck.fuzz.engine.Search;
import xmemck.fuzz.gen.CaseGen;
import xmemck.ops.Op;
import xmemck.spi.Sut;

/**
 * Fuzz cases per second as {@code ck fuzz} draws and checks them (its generator, its property, its
 * search with the cases sent ahead where the adapter takes them), once the JIT has warmed up: the
 * figure of issue 15's goals 1 and 2 without the first seconds of a {@code ck fuzz} run, which run
 * interpreted and compiling. The Linux adapter has the most code to compile and is still speeding
 * up 15 s into a run; hence 20 warm-up seconds. Each invocation searches {@link #CASES} new cases
 * (a seed of their own, the next one each time, so every run measures the same cases in the same
 * order). The Linux adapter's known findings ({@code sut-adapters/linux/linux.expectations}) are
 * known here as they are to {@code ck fuzz}; a known finding's example is not shrunk, since {@code
 * ck fuzz} shrinks one per run, not one per thousand cases. Any other failure stops the benchmark:
 * it would measure the failure's shrinking, not fuzzing.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 20, time = 1)
@Measurement(iterations = 10, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@State(Scope.Thread)
public class FuzzBench {
    /** The cases of one invocation. */
    static final int CASES = 1000;

    /** Where the kit keeps the Linux adapter's known findings, relative to the repository root. */
    static final String LINUX_EXPECTATIONS = "sut-adapters/linux/linux.expectations";

    @Param({"reference", "process", "linux"})
    public String adapter;

    Sut implementation;
    SessionProperty property;
    CaseGen gen;
    Search.Settings settings;
    long seed;

    @Setup(Level.Trial)
    public void open() throws Exception {
        implementation = BuiltIn.open(adapter);
        property = new SessionProperty(implementation, new Coverage(), known(adapter));
        gen = new CaseGen(implementation.capabilities());
        settings = new Search.Settings(Budget.calls(CASES), Budget.calls(0), Budget.calls(0), 1);
    }

    /**
     * The Linux adapter's known findings; a missing file is an error here, as a Linux benchmark
     * that knew none would stop at the first known finding.
     */
    private static Set<String> known(String adapter) {
        if (!adapter.equals("linux")) return Set.of();
        Path file = BuiltIn.kitFile(LINUX_EXPECTATIONS);
        if (!Files.isRegularFile(file))
            throw new IllegalStateException(
                    "no " + file.toAbsolutePath() + ": run the benchmarks through ./ck bench");
        return Expectations.read(file).clausesInForce(LocalDate.now());
    }

    @TearDown(Level.Trial)
    public void close() {
        implementation.close();
    }

    @Benchmark
    @OperationsPerInvocation(CASES)
    public long cases() {
        Search.Report<List<Op>> report = new Search<>(gen, property, settings).run(seed++);
        if (!report.passed())
            throw new IllegalStateException(
                    adapter
                            + ": seed "
                            + report.seed()
                            + " found a failure, so this would measure its shrinking: "
                            + report.failures().getFirst().signature());
        return report.cases();
    }
}
