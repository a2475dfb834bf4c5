package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run against the Linux adapter carries the clauses the adapter's own code decides into
 * summary.json ({@code adapter.emulatedClauses}) and marks their cells on the matrix page, with the
 * reason; a clause the kernel decides has no mark, and an adapter that declares none writes no such
 * field.
 */
class EmulatedClausesRunTest {
    private static final String TAGS = "@clause:xmattach.fail.count or @clause:copyout.count.zero";

    @Test
    @SuppressWarnings("unchecked")
    void theLinuxRunMarksTheClausesTheAdapterEmulates(@TempDir Path dir) throws IOException {
        Path reports = dir.resolve("reports");
        Cli.Ran r =
                Cli.ck(
                        "run",
                        "--adapter",
                        "linux",
                        "--tags",
                        TAGS,
                        "--report-dir",
                        reports.toString(),
                        "--quiet",
                        "--no-allure");
        assertEquals(0, r.status(), r.all());
        Path run = reports.resolve("linux");

        Map<String, Object> summary = RunTest.json(run.resolve("summary.json"));
        Map<String, Object> adapter = (Map<String, Object>) summary.get("adapter");
        Map<String, Object> emulated = (Map<String, Object>) adapter.get("emulatedClauses");
        assertTrue(emulated != null, adapter.toString());
        assertTrue(emulated.containsKey("xmattach.fail.count"), emulated.toString());
        assertTrue(emulated.containsKey("vm_mvc.einval.cmd"), emulated.toString());
        assertFalse(emulated.containsKey("copyout.count.zero"), emulated.toString());
        assertTrue(
                String.valueOf(emulated.get("xmattach.fail.count"))
                        .startsWith("emulated by the adapter: "),
                emulated.toString());

        String matrix = Files.readString(run.resolve("matrix.html"));
        String row = rowOf(matrix, "xmattach.fail.count");
        assertTrue(
                row.contains("<div class=\"emulated\" title=\"emulated by the adapter: ")
                        && row.contains(">emulated by the adapter</div>"),
                row);
        assertFalse(rowOf(matrix, "copyout.count.zero").contains("class=\"emulated\""));
        assertTrue(
                matrix.contains("<p class=\"emulated\"><strong>emulated by the adapter</strong>: "),
                "the cell's details give the reason");
    }

    @Test
    @SuppressWarnings("unchecked")
    void anAdapterThatEmulatesNothingHasNoMark(@TempDir Path dir) throws IOException {
        Path reports = dir.resolve("reports");
        Cli.Ran r =
                Cli.ck(
                        "run",
                        "--adapter",
                        "reference",
                        "--tags",
                        TAGS,
                        "--report-dir",
                        reports.toString(),
                        "--quiet",
                        "--no-allure");
        assertEquals(0, r.status(), r.all());
        Path run = reports.resolve("reference");
        Map<String, Object> adapter =
                (Map<String, Object>) RunTest.json(run.resolve("summary.json")).get("adapter");
        assertFalse(adapter.containsKey("emulatedClauses"), adapter.toString());
        assertFalse(
                Files.readString(run.resolve("matrix.html")).contains("<div class=\"emulated\""));
    }

    /** The matrix row of {@code clause}: from its id cell to the end of its row. */
    private static String rowOf(String matrix, String clause) {
        int at = matrix.indexOf("<code>" + clause + "</code>");
        if (at < 0) at = matrix.indexOf(clause);
        assertTrue(at >= 0, "no row for " + clause);
        int end = matrix.indexOf("</tr>", at);
        return matrix.substring(at, end);
    }
}
