package xmemck.glue;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;
import xmemck.lint.StepMatcher;

/**
 * runner/README.md lists every step definition of the glue, word for word, so that the vocabulary's
 * document never drifts.
 */
class VocabularyDocumentedTest {

    @Test
    void everyStepDefinitionIsInTheReadme() throws IOException {
        String readme =
                Files.readString(
                        FeaturesFolder.path().resolveSibling("runner").resolve("README.md"));
        List<String> missing =
                StepMatcher.forGlue("xmemck.glue").definitions().stream()
                        .map(StepMatcher.Definition::expression)
                        .filter(e -> !readme.contains("    " + e + "\n"))
                        .toList();
        assertTrue(missing.isEmpty(), "runner/README.md does not list: " + missing);
    }
}
