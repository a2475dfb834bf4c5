package xmemck.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scenarios of a features folder, with the ids the reports give them, read without running
 * anything.
 */
class SuiteScenariosTest {

    static final String FEATURE =
            """
            @clause:copyout.succ
            Feature: two scenarios and an outline

              Scenario: one
                Given a user process p1

              @slow
              Scenario Outline: rows <n>
                Given a user process p<n>

                Examples:
                  | n |
                  | 1 |
                  | 2 |
            """;

    static Path features(Path dir) throws IOException {
        Path f = Files.createDirectories(dir.resolve("features").resolve("copyout"));
        Files.writeString(f.resolve("small.feature"), FEATURE);
        return dir.resolve("features");
    }

    @Test
    void scenariosAndExampleRowsAreNamedByFileAndLine(@TempDir Path dir) throws IOException {
        SuiteScenarios s = SuiteScenarios.read(features(dir));
        assertEquals(
                List.of(
                        "features/copyout/small.feature:4",
                        "features/copyout/small.feature:13",
                        "features/copyout/small.feature:14"),
                s.all().stream().map(SuiteScenarios.SuiteScenario::id).toList());
        assertEquals(
                List.of("@clause:copyout.succ", "@slow"),
                s.all().get(1).tags(),
                "inherited tags included");
        assertEquals("rows 2", s.all().get(2).name());
    }

    @Test
    void tagExpressionsSelectAsCucumberDoes(@TempDir Path dir) throws IOException {
        SuiteScenarios s = SuiteScenarios.read(features(dir));
        assertEquals(1, s.select(Shard.ALL, "not @slow").size());
        assertEquals(3, s.select(Shard.ALL, "@clause:copyout.succ").size());
        assertEquals(3, s.select(Shard.ALL, "").size());
        assertTrue(
                assertThrows(IllegalArgumentException.class, () -> s.select(Shard.ALL, "not ("))
                        .getMessage()
                        .contains("is not a tag expression"));
    }

    @Test
    void theHashChangesWithTheFeaturesText(@TempDir Path dir) throws IOException {
        Path root = features(dir);
        String before = SuiteScenarios.read(root).sha256();
        assertTrue(Sha256.HEX.matcher(before).matches(), before);
        assertEquals(before, SuiteScenarios.read(root).sha256());
        Files.writeString(root.resolve("copyout/small.feature"), FEATURE.replace("one", "uno"));
        assertNotEquals(before, SuiteScenarios.read(root).sha256());
    }

    @Test
    void theRealFeaturesGiveEachScenarioADistinctId() {
        SuiteScenarios s = ShardTest.SUITE;
        assertEquals(
                s.all().size(),
                s.all().stream().map(SuiteScenarios.SuiteScenario::id).distinct().count());
        for (SuiteScenarios.SuiteScenario x : s.all())
            assertTrue(x.id().matches("features/[a-z_]+/[a-z0-9-_]+\\.feature:[0-9]+"), x.id());
    }
}
