package xmemck.bench;

import java.util.ArrayList;
import java.util.List;
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
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Context;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.spi.Sut;

/**
 * Calls per second through an adapter alone (no oracle): a 64-byte copyout, a 64-byte xmemout from
 * a kernel process, and batches of 64 copyouts (how the process protocol amortises its round
 * trips). Compare with {@link RawSyscallBench}, the kernel's own cost.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class AdapterCallBench {
    static final int BATCH = 64;

    @State(Scope.Thread)
    public static class World {
        @Param({"reference", "process", "linux"})
        public String adapter;

        Sut sut;
        Call copyout;
        Call xmemout;
        List<Op> batch;

        @Setup(Level.Trial)
        public void build() throws Exception {
            sut = BuiltIn.open(adapter);
            sut.reset();
            for (Op op : Worlds.xmemoutWorld(2)) {
                Result r = sut.apply(op);
                if (r instanceof Result.Unsupported u)
                    throw new IllegalStateException(op.describe() + ": " + u.reason());
            }
            copyout = new Call.Copyout(Worlds.P, Addr.in("kbuf", 8), Addr.in("ubuf", 100), 64);
            xmemout =
                    new Call.Xmemout(
                            Context.kernelProcess(),
                            Addr.in("kbuf", 8),
                            Addr.in("ubuf", 100),
                            64,
                            "dp");
            batch = new ArrayList<>();
            for (int i = 0; i < BATCH; i++) batch.add(copyout);
            expectZero(sut.apply(copyout));
            expectZero(sut.apply(xmemout));
        }

        private static void expectZero(Result r) {
            if (!(r instanceof Result.Returned ret) || ret.value() != 0)
                throw new IllegalStateException("benchmark call did not succeed: " + r);
        }

        @TearDown(Level.Trial)
        public void close() {
            sut.close();
        }
    }

    @Benchmark
    public Result copyout(World w) throws Exception {
        return w.sut.apply(w.copyout);
    }

    @Benchmark
    public Result xmemout(World w) throws Exception {
        return w.sut.apply(w.xmemout);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public List<Result> copyoutBatched(World w) throws Exception {
        return w.sut.applyAll(w.batch);
    }
}
