package xmemck.fuzz;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import xmemck.fuzz.engine.Budget;
import xmemck.fuzz.engine.Choices;
import xmemck.fuzz.engine.Gen;
import xmemck.fuzz.engine.Outcome;
import xmemck.fuzz.engine.Property;
import xmemck.fuzz.engine.Search;
import xmemck.fuzz.gen.CaseGen;
import xmemck.ops.Op;
import xmemck.spi.Adapters;
import xmemck.spi.Sut;
import xmemck.spi.SutOptions;

/**
 * The fuzzer's throughput against one in-process adapter (default {@code reference}), and where the
 * fuzzing thread's time goes: generating cases (the fuzz module), checking them (harness, oracle
 * and adapter; the fuzz module's share of it is its coverage count) and the rest of the search
 * engine (the fuzz module).
 *
 * <p>A measurement, not a test of the build (a machine shared with other work gives other figures):
 * its name matches none of Surefire's patterns, so it runs only when asked for:
 *
 * <pre>
 * ./mvnw -q -B -pl fuzz test -Dtest=FuzzThroughput [-Dxmemck.throughput.adapter=reference] [-Dxmemck.throughput.seconds=10]
 * </pre>
 *
 * "Per CPU-second" divides by the fuzzing thread's own CPU time, which the other processes on the
 * machine do not inflate; "per second" is wall-clock time, as {@code ck fuzz} shows it.
 */
class FuzzThroughput {

    @Test
    void measure() throws Exception {
        String adapter = System.getProperty("xmemck.throughput.adapter", "reference");
        long seconds = Long.getLong("xmemck.throughput.seconds", 10);
        Sut sut = Adapters.find(adapter).open(SutOptions.none());
        try {
            warmUp(sut, adapter);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            OperatingSystemMXBean os =
                    (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpu0 = threads.getCurrentThreadCpuTime(), proc0 = os.getProcessCpuTime();
            FuzzRun.Summary s = run(sut, adapter, seconds, 2);
            double threadCpu = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9,
                    processCpu = (os.getProcessCpuTime() - proc0) / 1e9;

            Timed timed =
                    new Timed(
                            new CaseGen(sut.capabilities()),
                            new SessionProperty(sut, new Coverage()));
            long t0 = System.nanoTime();
            Search.Report<List<Op>> r =
                    new Search<>(
                                    timed.gen,
                                    timed.property,
                                    new Search.Settings(
                                            Budget.time(
                                                    Duration.ofSeconds(Math.max(2, seconds / 2))),
                                            Search.Settings.defaultShrink(),
                                            Search.Settings.defaultSimplify(),
                                            1))
                            .run(3);
            double all = System.nanoTime() - t0;

            String report =
                    String.format(
                            Locale.ROOT,
                            """
                    fuzz throughput, adapter %s (%s), %d processor(s):
                      ck fuzz path: %d cases in %.1f s: %.0f cases/s wall-clock, %.0f per CPU-second of the fuzzing thread, %.0f per CPU-second of the whole JVM
                      where the fuzzing thread's time goes (%d cases): generating %.1f%%, checking %.1f%% (harness, oracle, adapter, coverage), search engine %.1f%%
                    """,
                            adapter,
                            sut.name(),
                            Runtime.getRuntime().availableProcessors(),
                            s.cases(),
                            s.seconds(),
                            s.casesPerSecond(),
                            s.cases() / threadCpu,
                            s.cases() / processCpu,
                            r.cases(),
                            100 * timed.genNanos / all,
                            100 * timed.checkNanos / all,
                            100 * (all - timed.genNanos - timed.checkNanos) / all);
            System.out.print(report);
            assertTrue(s.passed(), "fuzzing " + adapter + " found failures: " + s.failures());
        } finally {
            sut.close();
        }
    }

    /**
     * Runs two-second slices until one is no more than 5% faster than the one before (at most 15):
     * on a busy machine the JIT's compiler threads get little time, and a fixed warm-up measures
     * half-compiled code.
     */
    private static void warmUp(Sut sut, String adapter) {
        double before = 0;
        for (int slice = 0; slice < 15; slice++) {
            double rate = run(sut, adapter, 2, 100 + slice).casesPerSecond();
            if (slice > 0 && rate < before * 1.05) return;
            before = Math.max(before, rate);
        }
    }

    private static FuzzRun.Summary run(Sut sut, String adapter, long seconds, long seed) {
        return FuzzRun.run(
                sut,
                new FuzzRun.Options(
                        adapter,
                        SutOptions.none(),
                        Budget.time(Duration.ofSeconds(seconds)),
                        seed,
                        Path.of("target", "throughput-reports"),
                        5,
                        false),
                null);
    }

    /** The generator and the property, each timed. */
    static final class Timed {
        long genNanos, checkNanos;
        final Gen<List<Op>> gen;
        final Property<List<Op>> property;

        Timed(Gen<List<Op>> g, Property<List<Op>> p) {
            gen =
                    (Choices c) -> {
                        long t = System.nanoTime();
                        try {
                            return g.draw(c);
                        } finally {
                            genNanos += System.nanoTime() - t;
                        }
                    };
            property =
                    ops -> {
                        long t = System.nanoTime();
                        try {
                            Outcome o = p.check(ops);
                            return o;
                        } finally {
                            checkNanos += System.nanoTime() - t;
                        }
                    };
        }
    }
}
