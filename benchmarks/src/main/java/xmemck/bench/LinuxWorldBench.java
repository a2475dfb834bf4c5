package xmemck.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.spi.Adapters;
import xmemck.spi.Sut;
import xmemck.spi.SutOptions;

/**
 * Fuzz-sized worlds per second through the Linux adapter alone (no oracle): a reset, then {@link
 * Worlds#fuzzSizedWorld} (a process, two small buffers, a read-only page, one copyout, one
 * observation). With {@code reuse=true} (the adapter's default) the regions and the helper's
 * mappings are taken over from the world before; with {@code false} every world is built from
 * scratch, as the adapter did before it kept them.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class LinuxWorldBench {

    @State(Scope.Thread)
    public static class Adapter {
        @Param({"true", "false"})
        public String reuse;

        Sut sut;
        List<Op> world;

        @Setup(Level.Trial)
        public void open() throws Exception {
            sut = Adapters.find("linux").open(new SutOptions(Map.of("reuse", reuse)));
            world = Worlds.fuzzSizedWorld();
            sut.reset();
            for (Result r : sut.applyAll(world)) {
                if (r instanceof Result.Unsupported u)
                    throw new IllegalStateException(
                            "the benchmark world is not supported: " + u.reason());
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            sut.close();
        }
    }

    @Benchmark
    public List<Result> world(Adapter a) throws Exception {
        a.sut.reset();
        return a.sut.applyAll(a.world);
    }
}
