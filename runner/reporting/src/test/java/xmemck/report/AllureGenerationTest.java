package xmemck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Allure commandline, found the way a run finds it (the build copies it into target/tools), turns a
 * small set of results into one self-contained file in which a skipped scenario keeps its status and reason.
 */
class AllureGenerationTest {

    @TempDir Path dir;

    private void result(Path results, String uuid, String name, String status, String message) throws Exception {
        Files.writeString(results.resolve(uuid + "-result.json"), """
                {"uuid":"%s","historyId":"%s","name":"%s","fullName":"features/x.feature:%s","status":"%s",
                 "statusDetails":{"message":"%s"},"stage":"finished","start":1,"stop":2,
                 "labels":[{"name":"feature","value":"copyout"}]}
                """.formatted(uuid, uuid, name, uuid, status, message));
    }

    @Test
    void generatesOneSelfContainedFileThatKeepsSkipsAndReasons() throws Exception {
        Path results = dir.resolve("allure-results");
        Files.createDirectories(results);
        result(results, "1", "copyout copies 64 bytes", "passed", "");
        result(results, "2", "copyout into a read-only page", "skipped", "UNSUPPORTED: read-only pages: not here");
        result(results, "3", "copyout at interrupt level", "skipped", "OUTSIDE-CONTRACT: copyout.ctx.user-only: interrupt");
        AllureReport.writeExtras(results, Fixtures.mixedRun());

        var tool = AllureCommandline.locate(AllureCommandline.fromEnvironment(), new StringBuilder());
        var outcome = AllureReport.generate(results, dir, tool, 300);
        var generated = assertInstanceOf(AllureReport.Generated.class, outcome, outcome.toString());
        Path file = dir.resolve(generated.link());
        assertTrue(Files.size(file) > 100_000, "the whole report app is inlined");
        try (var s = Files.list(file.getParent())) {
            assertEquals(List.of("index.html"), s.map(p -> p.getFileName().toString()).sorted(Comparator.naturalOrder()).toList(),
                    "a single file, nothing beside it");
        }
        String html = Files.readString(file);
        var shown = ReportAudit.allureStatuses(html);
        assertEquals(3, shown.size());
        assertTrue(shown.contains(new ReportAudit.Shown("copyout into a read-only page", "skipped", "UNSUPPORTED: read-only pages: not here")), shown.toString());
        assertTrue(shown.contains(new ReportAudit.Shown("copyout copies 64 bytes", "passed", "")), shown.toString());
        assertTrue(PageCheck.allureFocus(html).isPresent(), "a skipped test to open");
    }
}
