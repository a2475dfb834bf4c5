package xmemck.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import xmemck.ops.Call;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.oracle.Expectation;
import xmemck.oracle.Judgement;
import xmemck.oracle.Oracle;

/**
 * The oracle alone. {@code smallExpect}: evaluations per second of a 64-byte copyout (target at
 * least 500,000/s on one core). {@code smallExpectAndJudge}: the whole per-call work of a
 * differential step (expect, observe the model, judge). {@code largeXmemoutJudge}: a 16 MiB move
 * expected and judged, for the oracle's bandwidth.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class OracleBench {

    @State(Scope.Thread)
    public static class Small {
        Oracle oracle;
        Call call;

        @Setup(Level.Trial)
        public void build() {
            oracle = new Oracle();
            Worlds.copyoutWorld().forEach(oracle::apply);
            call = Worlds.smallCopyout();
        }
    }

    @State(Scope.Thread)
    public static class Large {
        static final int PAGES = 4096; // 16 MiB
        Oracle oracle;
        Oracle implementation;
        Call call;
        Expectation expectation;
        List<Observe> wanted;
        List<Result> observed;
        long returned;

        @Setup(Level.Trial)
        public void build() {
            oracle = new Oracle();
            implementation = new Oracle();
            for (Op op : Worlds.xmemoutWorld(PAGES)) {
                if (op instanceof xmemck.ops.Setup s) {
                    oracle.apply(s);
                    implementation.apply(s);
                } else {
                    Call c = (Call) op;
                    oracle.commit(
                            c, judge(oracle, c, implementation.perform(c).value(), implementation));
                }
            }
            call = Worlds.xmemout((long) PAGES * 4096);
            expectation = oracle.expect(call);
            returned = implementation.perform(call).value();
            wanted = oracle.observationsFor(call, expectation);
            observed = wanted.stream().map(implementation::observe).toList();
        }

        private static Judgement judge(Oracle o, Call c, long value, Oracle impl) {
            Expectation e = o.expect(c);
            List<Observe> w = o.observationsFor(c, e);
            return o.judge(c, e, value, w.stream().map(impl::observe).toList());
        }
    }

    @Benchmark
    public Expectation smallExpect(Small s) {
        return s.oracle.expect(s.call);
    }

    @Benchmark
    public Judgement smallExpectAndJudge(Small s) {
        Expectation e = s.oracle.expect(s.call);
        List<Observe> wanted = s.oracle.observationsFor(s.call, e);
        List<Result> seen = wanted.stream().map(s.oracle::observe).toList();
        return s.oracle.judge(s.call, e, 0, seen);
    }

    /** One op = 16 MiB judged: multiply the score by 16 MiB for the bandwidth. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Judgement largeXmemoutJudge(Large l) {
        return l.oracle.judge(l.call, l.expectation, l.returned, l.observed);
    }
}
