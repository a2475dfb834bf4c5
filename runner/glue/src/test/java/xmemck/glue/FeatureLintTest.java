package xmemck.glue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import xmemck.lint.FeatureLint;
import xmemck.lint.FeatureLint.Features;
import xmemck.lint.FeatureLint.Problem;
import xmemck.lint.StepMatcher;
import xmemck.oracle.Catalogue;

/**
 * The coverage lint over the real features (one test per rule, so a failure names the rule), and
 * over a folder of deliberate mistakes (each rule must catch its mistake, with file and line).
 */
class FeatureLintTest {

    private static final Features FEATURES = FeatureLint.parse(FeaturesFolder.path());
    private static final StepMatcher GLUE = StepMatcher.forGlue("xmemck.glue");

    private static void none(List<Problem> problems) {
        assertTrue(
                problems.isEmpty(),
                () ->
                        problems.size()
                                + " problem(s):\n"
                                + problems.stream()
                                        .map(Problem::toString)
                                        .collect(Collectors.joining("\n")));
    }

    @Test
    void everyFeatureFileParses() {
        none(FeatureLint.malformed(FEATURES));
    }

    @Test
    void theFeaturesFolderHoldsOnlyFeatureFiles() {
        none(FeatureLint.foreignFiles(FEATURES));
    }

    @Test
    void everyScenarioHasAClauseTag() {
        none(FeatureLint.missingClauseTag(FEATURES));
    }

    @Test
    void everyClauseTagNamesACatalogueClause() {
        none(FeatureLint.unknownClauseTags(FEATURES, Catalogue.all()));
    }

    @Test
    void everyCatalogueClauseHasAScenario() {
        none(FeatureLint.uncoveredClauses(FEATURES, Catalogue.all()));
    }

    @Test
    void everyStepMatchesExactlyOneStepDefinition() {
        none(FeatureLint.unmatchedSteps(FEATURES, GLUE));
    }

    @Test
    void everyScenarioCallsAServiceAndEndsWithAClaim() {
        none(FeatureLint.noCallOrClaim(FEATURES));
    }

    @Test
    void everyOutlineHasExampleRows() {
        none(FeatureLint.outlinesWithoutRows(FEATURES));
    }

    @Test
    void scenarioNamesAreUniqueInTheirFile() {
        none(FeatureLint.duplicateNames(FEATURES));
    }

    @Test
    void allTheRulesTogetherFindNothing() {
        none(FeatureLint.all(FeaturesFolder.path()));
    }

    @Test
    void theSuiteIsLargeEnoughToMeanSomething() {
        long scenarios = FEATURES.files().stream().mapToLong(f -> f.pickles().size()).sum();
        assertTrue(
                scenarios >= 1000,
                "expected the sweeps to give at least 1000 scenarios, found " + scenarios);
    }

    /** Each rule catches its mistake in lint-fixtures/features, naming the file and the line. */
    @Nested
    class OnDeliberateMistakes {
        private final Features bad = FeatureLint.parse(fixtures());

        private static Path fixtures() {
            try {
                return Path.of(
                        FeatureLintTest.class.getResource("/lint-fixtures/features").toURI());
            } catch (URISyntaxException e) {
                throw new IllegalStateException(e);
            }
        }

        private static List<String> render(List<Problem> problems) {
            return problems.stream().map(p -> p.file() + ":" + p.line()).toList();
        }

        @Test
        void aMalformedFileIsNamedWithItsLine() {
            List<Problem> p = FeatureLint.malformed(bad);
            assertEquals(List.of("features/malformed.feature:8"), render(p));
            assertTrue(
                    p.getFirst().message().startsWith("malformed feature: "),
                    p.getFirst().message());
        }

        @Test
        void aFileThatIsNotAFeatureIsNamed() {
            assertEquals(List.of("features/notes.txt:0"), render(FeatureLint.foreignFiles(bad)));
        }

        @Test
        void aScenarioWithoutAClauseTagIsNamed() {
            List<Problem> p = FeatureLint.missingClauseTag(bad);
            assertEquals(List.of("features/sub/mistakes.feature:6"), render(p));
            assertTrue(
                    p.getFirst().message().contains("\"no clause tag at all\""),
                    p.getFirst().message());
        }

        @Test
        void anUnknownClauseTagIsNamedAtTheTag() {
            List<Problem> p = FeatureLint.unknownClauseTags(bad, Catalogue.all());
            assertEquals(List.of("features/sub/mistakes.feature:10"), render(p));
            assertTrue(
                    p.getFirst().message().contains("@clause:xmdetach.no-such-thing"),
                    p.getFirst().message());
        }

        @Test
        void aClauseWithoutScenarioIsNamed() {
            List<Problem> p = FeatureLint.uncoveredClauses(bad, Catalogue.all());
            assertTrue(
                    p.stream().anyMatch(x -> x.message().startsWith("clause xmemout.succ ")),
                    p::toString);
            assertTrue(
                    p.stream()
                            .noneMatch(
                                    x -> x.message().startsWith("clause xmdetach.fail.invalid ")),
                    p::toString);
        }

        @Test
        void anUndefinedStepIsNamedWithItsLine() {
            List<Problem> p = FeatureLint.unmatchedSteps(bad, GLUE);
            assertEquals(List.of("features/sub/mistakes.feature:17"), render(p));
            assertTrue(
                    p.getFirst().message().contains("\"process p1 juggles descriptor d\""),
                    p.getFirst().message());
        }

        @Test
        void aScenarioWithoutAClaimIsNamed() {
            List<Problem> p = FeatureLint.noCallOrClaim(bad);
            assertEquals(List.of("features/sub/mistakes.feature:21"), render(p));
        }

        @Test
        void anOutlineWithoutRowsIsNamed() {
            assertEquals(
                    List.of("features/sub/mistakes.feature:25"),
                    render(FeatureLint.outlinesWithoutRows(bad)));
        }

        @Test
        void aDuplicateScenarioNameIsNamedAtItsSecondUse() {
            List<Problem> p = FeatureLint.duplicateNames(bad);
            assertEquals(List.of("features/sub/mistakes.feature:33"), render(p));
            assertTrue(
                    p.getFirst().message().contains("already used at line 11"),
                    p.getFirst().message());
        }
    }
}
