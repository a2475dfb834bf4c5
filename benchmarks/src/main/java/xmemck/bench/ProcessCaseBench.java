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
import xmemck.fuzz.Coverage;
import xmemck.fuzz.SessionProperty;
import xmemck.fuzz.engine.Outcome;
import xmemck.harness.Session;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Op;
import xmemck.oracle.Verdict;
import xmemck.spi.Sut;

/**
 * Whole fuzz-shaped cases per second, the way {@code ck fuzz} runs them ({@link SessionProperty}):
 * a fresh world, set-ups, one or two calls judged against the oracle with their observations, and
 * the end of the case. {@code reference} is the in-process limit; {@code process} runs the C
 * example, which is sent each case whole (planned ahead, its objects observed as page digests, the
 * reset that ends it behind the last operation: one round trip). The ratio of the two, measured in
 * the same run, is the figure to quote (issue 15, goal 1). {@code copyoutCaseStepByStep} runs the
 * same case through a plain session, one batch per call and a round trip to end it, as the feature
 * suite does: the difference is what sending a case whole saves. {@code copyoutCasesAhead} sends
 * the cases ahead, a lot at a time, as the fuzzer does for an adapter that takes them ({@link
 * Sut#scenariosAhead}, the process adapter); against {@code copyoutCase} it shows what that buys.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
public class ProcessCaseBench {

    @State(Scope.Thread)
    public static class Adapter {
        @Param({"reference", "process"})
        public String adapter;

        Sut implementation;
        SessionProperty property;
        List<Op> copyoutCase;
        List<Op> xmemoutCase;

        /** The lot told last and not checked yet ({@link #copyoutCasesAhead}). */
        List<List<Op>> told;

        @Setup(Level.Trial)
        public void open() throws Exception {
            implementation = BuiltIn.open(adapter);
            property = new SessionProperty(implementation, new Coverage());
            List<Op> copy = new ArrayList<>(Worlds.fuzzSizedWorld());
            copy.removeLast(); // the harness observes what the call may touch; no extra observation
            copyoutCase = copy;
            List<Op> xm = new ArrayList<>(Worlds.xmemoutWorld(2));
            xm.add(
                    new Call.Xmemout(
                            Worlds.P, Addr.in("kbuf", 100), Addr.in("ubuf", 4000), 300, "dp"));
            xmemoutCase = xm;
        }

        @TearDown(Level.Trial)
        public void close() {
            implementation.close();
        }
    }

    private static Verdict run(Sut sut, List<Op> ops) throws Exception {
        Session s = new Session(sut);
        s.runAll(ops);
        sut.endScenario();
        if (s.verdict() != Verdict.PASS)
            throw new IllegalStateException("benchmark case did not pass: " + s.log());
        return s.verdict();
    }

    private static Outcome fuzz(SessionProperty property, List<Op> ops) {
        Outcome o = property.check(ops);
        if (o != Outcome.PASS) throw new IllegalStateException("benchmark case did not pass: " + o);
        return o;
    }

    /** Four set-ups and one copyout, as the fuzzer sends them. */
    @Benchmark
    public Outcome copyoutCase(Adapter a) {
        return fuzz(a.property, a.copyoutCase);
    }

    /** Three set-ups, xmattach, xmemout: two calls in the case. */
    @Benchmark
    public Outcome xmemoutCase(Adapter a) {
        return fuzz(a.property, a.xmemoutCase);
    }

    /**
     * The copyout case as {@code ck fuzz} runs it when the adapter takes cases ahead ({@link
     * Sut#scenariosAhead}: the process adapter): a lot of cases is told to the property, and sent,
     * before the lot before it is checked, so that the implementation works on one while the kit
     * judges the other. Each invocation tells one lot and checks the one told before: its score is
     * in cases. The reference takes nothing ahead, and runs as {@link #copyoutCase}.
     */
    @Benchmark
    @OperationsPerInvocation(LOT)
    public Outcome copyoutCasesAhead(Adapter a) {
        List<List<Op>> lot = new ArrayList<>(LOT);
        for (int i = 0; i < LOT; i++) lot.add(new ArrayList<>(a.copyoutCase)); // one case each
        if (a.property.lookahead() > 0) a.property.upcoming(lot);
        List<List<Op>> checked = a.told == null ? lot : a.told;
        a.told = lot;
        Outcome o = null;
        for (List<Op> ops : checked) o = fuzz(a.property, ops);
        return o;
    }

    /** The cases of one invocation of {@link #copyoutCasesAhead}. */
    static final int LOT = 16;

    /** The copyout case through a plain session: one batch per call, and one to end the case. */
    @Benchmark
    public Verdict copyoutCaseStepByStep(Adapter a) throws Exception {
        return run(a.implementation, a.copyoutCase);
    }
}
