package xmemck.fuzz;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import xmemck.fuzz.engine.Budget;

/**
 * The kit's self-check, hosted as JUnit 5 dynamic tests: fuzzing the reference implementation must
 * find nothing (a failure here is a disagreement between the reference and its own oracle, or a
 * harness defect).
 */
class ReferenceFuzzTest {
    @TestFactory
    Stream<DynamicTest> referenceAgreesWithTheOracle() {
        return FuzzTests.forAdapters(
                List.of("reference"), new long[] {1, 2, 3}, Budget.calls(3_000));
    }
}
