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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import xmemck.harness.Session;
import xmemck.ops.Op;
import xmemck.oracle.Verdict;
import xmemck.spi.Sut;

/**
 * Differential cases per second through the harness: a fresh world (process, two buffers), one
 * 64-byte copyout, judged against the oracle, through each built-in adapter (the process adapter
 * runs the C example).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class SessionBench {

    @State(Scope.Thread)
    public static class Adapter {
        @Param({"reference", "process", "linux"})
        public String adapter;

        Sut implementation;
        List<Op> ops;

        @Setup(Level.Trial)
        public void open() throws Exception {
            implementation = BuiltIn.open(adapter);
            ops = Worlds.smallCase();
        }

        @TearDown(Level.Trial)
        public void close() {
            implementation.close();
        }
    }

    @Benchmark
    public Verdict smallCase(Adapter a) {
        Session s = new Session(a.implementation);
        s.runAll(a.ops);
        if (s.verdict() != Verdict.PASS)
            throw new IllegalStateException("benchmark case did not pass: " + s.log());
        return s.verdict();
    }
}
