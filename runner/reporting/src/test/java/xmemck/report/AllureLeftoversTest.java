package xmemck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kit killed while it made an Allure report (in its own JVM, so the generator dies with it)
 * leaves at most a folder beside the report, never linked (a report is renamed into place only once
 * whole); the next run clears it, with the previous report and its log.
 */
class AllureLeftoversTest {
    @Test
    void theNextRunClearsAHalfMadeReportAndThePreviousOne(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve(AllureReport.OUTPUT_DIR + ".new-1234/data"));
        Files.writeString(dir.resolve(AllureReport.OUTPUT_DIR + ".new-1234/data/half.json"), "{");
        Files.createDirectories(dir.resolve(AllureReport.OUTPUT_DIR));
        Files.writeString(dir.resolve(AllureReport.LINK), "<html>the previous run</html>");
        Files.writeString(dir.resolve(AllureReport.LOG), "the previous run");
        Files.writeString(dir.resolve("results.json"), "{}");
        AllureReport.clearReport(dir);
        assertFalse(Files.exists(dir.resolve(AllureReport.OUTPUT_DIR)));
        assertFalse(Files.exists(dir.resolve(AllureReport.LOG)));
        try (var s = Files.list(dir)) {
            assertEquals(
                    List.of("results.json"),
                    s.map(p -> p.getFileName().toString()).toList(),
                    "nothing else is touched");
        }
    }
}
