package xmemck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AllureCommandlineTest {

    @TempDir Path tmp;

    private Path repoZip(String... entries) throws IOException {
        Path zip = tmp.resolve("repo/io/qameta/allure/allure-commandline/2.34.0/allure-commandline-2.34.0.zip");
        Files.createDirectories(zip.getParent());
        try (OutputStream o = Files.newOutputStream(zip); ZipOutputStream z = new ZipOutputStream(o)) {
            for (String e : entries) {
                z.putNextEntry(new ZipEntry(e));
                if (!e.endsWith("/")) z.write("x".getBytes());
                z.closeEntry();
            }
        }
        return zip;
    }

    private AllureCommandline.Places places() {
        return new AllureCommandline.Places(Optional.empty(), tmp.resolve("tools"), tmp.resolve("repo"), Optional.empty());
    }

    @Test
    void theZipInTheLocalRepositoryIsUnpackedIntoTheToolsFolderOnce() throws IOException {
        Path zip = repoZip("allure-2.34.0/", "allure-2.34.0/lib/", "allure-2.34.0/lib/allure-commandline-2.34.0.jar", "allure-2.34.0/bin/allure");
        var found = AllureCommandline.locate(places(), new StringBuilder());
        var home = assertInstanceOf(AllureCommandline.Home.class, found);
        assertEquals(tmp.resolve("tools/allure-2.34.0"), home.dir());
        assertTrue(Files.isRegularFile(home.dir().resolve("lib/allure-commandline-2.34.0.jar")));
        try (var s = Files.list(tmp.resolve("tools"))) {
            assertEquals(1, s.count(), "no temporary folder left behind");
        }
        Files.delete(zip);
        assertEquals(home, AllureCommandline.locate(places(), new StringBuilder()), "the unpacked copy is reused");
    }

    @Test
    void aZipWithAnEntryOutsideItsFolderIsRefused() throws IOException {
        repoZip("allure-2.34.0/lib/allure-commandline-2.34.0.jar", "../../evil.txt");
        var nf = assertInstanceOf(AllureCommandline.NotFound.class, AllureCommandline.locate(places(), new StringBuilder()));
        assertTrue(nf.reason().contains("points outside the folder"), nf.reason());
        assertTrue(Files.notExists(tmp.resolve("evil.txt")));
    }

    @Test
    void aZipWithoutTheCommandlineIsRefused() throws IOException {
        repoZip("something-else/readme.txt");
        var nf = assertInstanceOf(AllureCommandline.NotFound.class, AllureCommandline.locate(places(), new StringBuilder()));
        assertTrue(nf.reason().contains("does not hold allure-2.34.0/lib/allure-commandline-*.jar"), nf.reason());
    }

    @Test
    void nothingFoundSaysWhereItLookedAndHowToFetchIt() {
        var nf = assertInstanceOf(AllureCommandline.NotFound.class, AllureCommandline.locate(places(), new StringBuilder()));
        assertTrue(nf.reason().startsWith("Allure commandline 2.34.0 not found; tried: "), nf.reason());
        assertTrue(nf.reason().contains("allure-commandline-2.34.0.zip (absent)"), nf.reason());
        assertTrue(nf.reason().contains("./mvnw dependency:copy -Dartifact=io.qameta.allure:allure-commandline:2.34.0:zip"), nf.reason());
    }

    @Test
    void anExplicitHomeMustHoldTheCommandline() throws IOException {
        Path home = tmp.resolve("my-allure");
        var bad = new AllureCommandline.Places(Optional.of(home), tmp.resolve("tools"), tmp.resolve("repo"), Optional.empty());
        var nf = assertInstanceOf(AllureCommandline.NotFound.class, AllureCommandline.locate(bad, new StringBuilder()));
        assertTrue(nf.reason().contains("has no lib/allure-commandline-*.jar"), nf.reason());
        Files.createDirectories(home.resolve("lib"));
        Files.writeString(home.resolve("lib/allure-commandline-2.99.jar"), "");
        assertEquals(new AllureCommandline.Home(home), AllureCommandline.locate(bad, new StringBuilder()));
    }

    @Test
    void generationWithoutTheToolOrWithoutResultsFailsWithAReason() throws IOException {
        var noTool = AllureReport.generate(tmp, tmp, new AllureCommandline.NotFound("not here"), 10);
        assertEquals(new AllureReport.Failed("not here"), noTool);
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("lib"));
        var noResults = AllureReport.generate(tmp.resolve("missing"), tmp, new AllureCommandline.Home(home), 10);
        assertTrue(((AllureReport.Failed) noResults).reason().startsWith("no Allure results at "), noResults.toString());
    }

    @Test
    void clearingRemovesOnlyAllureFiles() throws IOException {
        Files.writeString(tmp.resolve("0a-result.json"), "{}");
        Files.writeString(tmp.resolve("0b-container.json"), "{}");
        Files.writeString(tmp.resolve("0c-attachment.txt"), "x");
        Files.writeString(tmp.resolve("notes.txt"), "keep me");
        assertEquals(3, AllureReport.clearResults(tmp));
        try (var s = Files.list(tmp)) {
            assertEquals(java.util.List.of("notes.txt"), s.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(0, AllureReport.clearResults(tmp.resolve("absent")));
    }
}
