package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.cli.Cli.ck;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ck run with the Allure report: made in the background (the verdict is printed without waiting for
 * it), and there, linked from the run's index.html, when ck run returns.
 */
class AllureInRunTest {

    @Test
    void theVerdictComesFirstAndTheReportIsThereWhenCkReturns(@TempDir Path dir)
            throws IOException {
        Cli.Ran r = ck(RunTest.JAN_2027, Cli.referenceRun(dir, "--quiet"));
        assertEquals(0, r.status(), r.all());
        Path run = dir.resolve("reports/reference");
        assertTrue(
                Files.size(run.resolve("allure-report/index.html")) > 100_000,
                "the single-file report: " + r.all());
        String index = Files.readString(run.resolve("index.html"));
        assertTrue(
                index.contains("<a href=\"allure-report/index.html\">Allure report</a>"), "linked");
        assertFalse(index.contains("being generated"), "no longer said to be in the making");
        int verdict = r.out().indexOf("ck run reference: passed");
        int waited = r.out().indexOf("waiting for the Allure report");
        assertTrue(
                verdict >= 0 && (waited < 0 || verdict < waited),
                "the verdict does not wait for Allure:\n" + r.out());
    }
}
