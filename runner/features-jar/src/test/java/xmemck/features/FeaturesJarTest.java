package xmemck.features;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import xmemck.glue.CucumberRun;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;

/**
 * The features artifact holds every feature file of the repository under {@code features/}, and the
 * glue runs them from the class path with the same scenario ids as from the folder.
 */
class FeaturesJarTest {

    /** The repository's features folder, from this module's folder (where Surefire runs). */
    static final Path SOURCE = Path.of("../../features");

    @Test
    void everyFeatureFileOfTheRepositoryIsOnTheClassPathUnderFeatures()
            throws IOException, URISyntaxException {
        URL root = FeaturesJarTest.class.getClassLoader().getResource("features");
        assertTrue(root != null, "no features/ on the class path");
        Set<String> packaged = files(Path.of(root.toURI()));
        Set<String> source = files(SOURCE);
        assertFalse(source.isEmpty(), "no feature files in " + SOURCE.toAbsolutePath());
        assertEquals(source, packaged);
    }

    @Test
    void theGlueRunsThemFromTheClassPathWithTheFolderIds() {
        Map<String, String> properties = new HashMap<>();
        properties.put("xmemck.adapter", "reference");
        properties.put("xmemck.features", null); // ids must not depend on a features folder
        CucumberRun.Outcome o =
                new CucumberRun(
                                properties,
                                List.of(
                                        "--no-summary",
                                        "--monochrome",
                                        "classpath:features/copyout/counts.feature"),
                                null)
                        .execute();
        List<ScenarioResult> results = o.read().results();
        assertFalse(results.isEmpty(), "no scenario ran");
        for (ScenarioResult r : results) {
            assertTrue(r.id().matches("features/copyout/counts\\.feature:[0-9]+"), r.id());
            assertTrue(
                    r.verdict() == Verdict.PASS || r.verdict() == Verdict.OUTSIDE_CONTRACT,
                    r.id() + ": " + r.verdict() + " " + r.reason());
        }
        assertEquals(0, o.status(), "Cucumber's status");
    }

    /** The .feature files below {@code dir}, as paths relative to it with '/'. */
    private static Set<String> files(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isRegularFile(p) && p.toString().endsWith(".feature"))
                    .map(p -> dir.relativize(p).toString().replace('\\', '/'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }
    }
}
