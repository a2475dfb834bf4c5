package xmemck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.qameta.allure.FileSystemResultsWriter;
import io.qameta.allure.model.Status;
import io.qameta.allure.model.TestResult;
import io.qameta.allure.model.TestResultContainer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecyclingResultsWriterTest {

    @TempDir Path tmp;

    private List<String> names(Path dir) throws IOException {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    private static TestResult result(String uuid, String name) {
        return new TestResult().setUuid(uuid).setName(name).setStatus(Status.PASSED);
    }

    @Test
    void aNewRunsResultsTakeThePreviousRunsFilesAndWriteTheSameAsAllure() throws IOException {
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        Path dir = Files.createDirectories(tmp.resolve("recycled"));
        // The previous run: a long result, so a shorter new one shows that the file is rewritten
        // whole, not written over in part.
        Files.writeString(
                dir.resolve("old-1-result.json"), "{\"name\":\"" + "x".repeat(5000) + "\"}");
        Files.writeString(dir.resolve("old-2-container.json"), "{}");
        Object inodeOfFirst = Files.getAttribute(dir.resolve("old-1-result.json"), "unix:ino");
        assertEquals(2, AllureReport.clearResults(dir));

        var writer = new RecyclingResultsWriter(dir);
        var allure = new FileSystemResultsWriter(plain);
        for (var w : List.of(writer, allure)) {
            w.write(result("u1", "first"));
            w.write(new TestResultContainer().setUuid("c1").setName("container"));
            w.write(result("u2", "second")); // no spare left: created
            w.write("a1-attachment.txt", new ByteArrayInputStream("picture".getBytes()));
        }

        List<String> expected =
                List.of(
                        "a1-attachment.txt",
                        "c1-container.json",
                        "u1-result.json",
                        "u2-result.json");
        assertEquals(expected, names(plain));
        assertEquals(expected, names(dir));
        for (String n : expected)
            assertEquals(Files.readString(plain.resolve(n)), Files.readString(dir.resolve(n)), n);
        // The files the previous run left were taken in some order: one of them is now a result.
        Object u1 = Files.getAttribute(dir.resolve("u1-result.json"), "unix:ino");
        Object c1 = Files.getAttribute(dir.resolve("c1-container.json"), "unix:ino");
        assertTrue(inodeOfFirst.equals(u1) || inodeOfFirst.equals(c1), "no file was reused");
        assertEquals(0, AllureReport.discardSpares(dir));
    }

    @Test
    void sparesTheRunDoesNotTakeAreDeletedAtItsEnd() throws IOException {
        for (int i = 0; i < 3; i++) Files.writeString(tmp.resolve("r" + i + "-result.json"), "{}");
        AllureReport.clearResults(tmp);
        new RecyclingResultsWriter(tmp).write(result("u1", "only"));
        assertEquals(2, AllureReport.discardSpares(tmp));
        assertEquals(List.of("u1-result.json"), names(tmp));
        Path plain = Files.createDirectories(tmp.resolve("plain"));
        new FileSystemResultsWriter(plain).write(result("u1", "only"));
        assertEquals(
                Files.readString(plain.resolve("u1-result.json")),
                Files.readString(tmp.resolve("u1-result.json")));
    }
}
