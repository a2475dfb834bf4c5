package xmemck.fuzz;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;
import xmemck.fuzz.engine.Budget;
import xmemck.spi.Adapters;
import xmemck.spi.Sut;
import xmemck.spi.SutOptions;

/**
 * Fuzzing hosted on JUnit 5: one dynamic test per adapter and seed, so that Surefire and Allure
 * report each property run. A test fails with the minimised counterexamples in its message (and
 * written under the report directory); an adapter that supports none of the fuzzed services is
 * skipped with the reason, never passed.
 *
 * <pre>{@code
 * @TestFactory Stream<DynamicTest> fuzz() {
 *     return FuzzTests.forAdapters(List.of("reference"), new long[] {1, 2, 3}, Budget.calls(5_000));
 * }
 * }</pre>
 */
public final class FuzzTests {
    private FuzzTests() {}

    /**
     * The report directory: the system property {@code xmemck.reportDir}, else {@code
     * target/xmemck-reports}.
     */
    public static Path reportDir() {
        String dir = System.getProperty("xmemck.reportDir");
        return Path.of(dir == null || dir.isBlank() ? "target/xmemck-reports" : dir);
    }

    public static Stream<DynamicTest> forAdapters(
            List<String> adapterIds, long[] seeds, Budget budget) {
        List<DynamicTest> tests = new ArrayList<>();
        for (String id : adapterIds) {
            for (long seed : seeds) {
                tests.add(
                        DynamicTest.dynamicTest(
                                "fuzz " + id + " seed " + seed,
                                () -> {
                                    Sut sut = Adapters.find(id).open(SutOptions.none());
                                    try {
                                        check(sut, id, seed, budget);
                                    } finally {
                                        sut.close();
                                    }
                                }));
            }
        }
        return tests.stream();
    }

    /**
     * Fuzzes {@code sut}; throws AssertionFailedError listing the counterexamples when it finds
     * any.
     */
    public static FuzzRun.Summary check(Sut sut, String adapter, long seed, Budget budget) {
        FuzzRun.Options options =
                new FuzzRun.Options(adapter, SutOptions.none(), budget, seed, reportDir(), 5, false)
                        .withSummaryPath(
                                "fuzz/junit/"
                                        + CounterexampleFiles.safe(adapter)
                                        + "-"
                                        + Long.toUnsignedString(seed)
                                        + ".json");
        FuzzRun.Summary summary;
        try {
            summary = FuzzRun.run(sut, options, null);
        } catch (IllegalArgumentException noServices) {
            throw new TestAbortedException("UNSUPPORTED: " + noServices.getMessage());
        }
        if (!summary.passed()) {
            StringBuilder sb =
                    new StringBuilder(
                            adapter
                                    + ", seed "
                                    + seed
                                    + ": "
                                    + summary.failures().size()
                                    + " failure(s) in "
                                    + summary.cases()
                                    + " cases");
            for (Failure f : summary.failures()) {
                sb.append("\n\n")
                        .append(f.signature())
                        .append(" (case ")
                        .append(f.caseIndex())
                        .append(")");
                if (f.feature() != null)
                    sb.append(", replay with ").append(reportDir().resolve(f.feature()));
                for (var op : f.ops()) sb.append("\n    ").append(op.describe());
                sb.append("\n  ").append(f.message().replace("\n", "\n  "));
            }
            throw new AssertionFailedError(sb.toString());
        }
        return summary;
    }
}
