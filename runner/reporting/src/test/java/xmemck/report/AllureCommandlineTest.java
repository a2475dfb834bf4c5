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

    private Path tools() {
        return tmp.resolve("kit/runner/cli/target/tools");
    }

    private Path toolsZip(String... entries) throws IOException {
        Path zip = tools().resolve("allure-commandline-2.34.0.zip");
        Files.createDirectories(zip.getParent());
        try (OutputStream o = Files.newOutputStream(zip);
                ZipOutputStream z = new ZipOutputStream(o)) {
            for (String e : entries) {
                z.putNextEntry(new ZipEntry(e));
                if (!e.endsWith("/")) z.write("x".getBytes());
                z.closeEntry();
            }
        }
        return zip;
    }

    private AllureCommandline.Places places() {
        return new AllureCommandline.Places(Optional.empty(), Optional.of(tools()));
    }

    @Test
    void theZipTheBuildCopiedIsUnpackedIntoTheToolsFolderOnce() throws IOException {
        Path zip =
                toolsZip(
                        "allure-2.34.0/",
                        "allure-2.34.0/lib/",
                        "allure-2.34.0/lib/allure-commandline-2.34.0.jar",
                        "allure-2.34.0/bin/allure");
        var home =
                assertInstanceOf(AllureCommandline.Home.class, AllureCommandline.locate(places()));
        assertEquals(tools().resolve("allure-2.34.0"), home.dir());
        assertTrue(Files.isRegularFile(home.dir().resolve("lib/allure-commandline-2.34.0.jar")));
        try (var s = Files.list(tools())) {
            assertEquals(
                    2,
                    s.count(),
                    "the zip and the unpacked folder, no temporary folder left behind");
        }
        Files.delete(zip);
        assertEquals(home, AllureCommandline.locate(places()), "the unpacked copy is reused");
    }

    @Test
    void aZipWithAnEntryOutsideItsFolderIsRefused() throws IOException {
        toolsZip("allure-2.34.0/lib/allure-commandline-2.34.0.jar", "../../evil.txt");
        var nf =
                assertInstanceOf(
                        AllureCommandline.NotFound.class, AllureCommandline.locate(places()));
        assertTrue(nf.reason().contains("points outside the folder"), nf.reason());
        assertTrue(Files.notExists(tools().getParent().resolve("evil.txt")));
    }

    @Test
    void aZipWithoutTheCommandlineIsRefused() throws IOException {
        toolsZip("something-else/readme.txt");
        var nf =
                assertInstanceOf(
                        AllureCommandline.NotFound.class, AllureCommandline.locate(places()));
        assertTrue(
                nf.reason().contains("does not hold allure-2.34.0/lib/allure-commandline-*.jar"),
                nf.reason());
    }

    @Test
    void nothingFoundNamesTheFileLookedForAndTheBuildThatProvidesIt() throws IOException {
        // A checkout: the wrapper and a pom at its root, the module below.
        Files.createDirectories(tmp.resolve("kit/runner/cli"));
        Files.writeString(tmp.resolve("kit/mvnw"), "");
        Files.writeString(tmp.resolve("kit/pom.xml"), "");
        var nf =
                assertInstanceOf(
                        AllureCommandline.NotFound.class, AllureCommandline.locate(places()));
        assertTrue(
                nf.reason()
                        .startsWith(
                                "Allure commandline 2.34.0 not found: no "
                                        + tools().resolve("allure-commandline-2.34.0.zip")),
                nf.reason());
        assertTrue(nf.reason().contains("./mvnw -pl runner/cli generate-resources"), nf.reason());
    }

    @Test
    void codeOutsideAMavenTargetFolderIsToldHowToPointAtTheTool() {
        var nf =
                assertInstanceOf(
                        AllureCommandline.NotFound.class,
                        AllureCommandline.locate(
                                new AllureCommandline.Places(Optional.empty(), Optional.empty())));
        assertTrue(nf.reason().contains("not inside a Maven target folder"), nf.reason());
        assertTrue(
                nf.reason().contains("-Dxmemck.tools.dir")
                        && nf.reason().contains("-Dxmemck.allure.home"),
                nf.reason());
        assertTrue(nf.reason().contains(AllureCommandline.BUILD_COMMAND), nf.reason());
    }

    @Test
    void anExplicitHomeMustHoldTheCommandline() throws IOException {
        Path home = tmp.resolve("my-allure");
        var bad = new AllureCommandline.Places(Optional.of(home), Optional.of(tools()));
        var nf = assertInstanceOf(AllureCommandline.NotFound.class, AllureCommandline.locate(bad));
        assertTrue(nf.reason().contains("has no lib/allure-commandline-*.jar"), nf.reason());
        Files.createDirectories(home.resolve("lib"));
        Files.writeString(home.resolve("lib/allure-commandline-2.99.jar"), "");
        assertEquals(new AllureCommandline.Home(home), AllureCommandline.locate(bad));
    }

    @Test
    void generationWithoutTheToolOrWithoutResultsFailsWithAReason() throws IOException {
        var noTool =
                AllureReport.generate(tmp, tmp, new AllureCommandline.NotFound("not here"), "t");
        assertEquals(new AllureReport.Failed("not here"), noTool);
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("lib"));
        var noResults =
                AllureReport.generate(
                        tmp.resolve("missing"), tmp, new AllureCommandline.Home(home), "t");
        assertTrue(
                ((AllureReport.Failed) noResults).reason().startsWith("no Allure results at "),
                noResults.toString());
    }

    @Test
    void clearingSetsOnlyAllureFilesAsideAndDiscardingDeletesThem() throws IOException {
        Files.writeString(tmp.resolve("0a-result.json"), "{}");
        Files.writeString(tmp.resolve("0b-container.json"), "{}");
        Files.writeString(tmp.resolve("0c-attachment.txt"), "x");
        Files.writeString(tmp.resolve("notes.txt"), "keep me");
        // A spare a killed run left: kept, and the new spares take other names.
        Files.writeString(tmp.resolve(AllureReport.SPARE_PREFIX + "1"), "old");
        assertEquals(3, AllureReport.clearResults(tmp));
        assertEquals(
                java.util.List.of(
                        ".xmemck-spare-0",
                        ".xmemck-spare-1",
                        ".xmemck-spare-2",
                        ".xmemck-spare-3",
                        "notes.txt"),
                names());
        assertEquals("old", Files.readString(tmp.resolve(AllureReport.SPARE_PREFIX + "1")));
        assertEquals(4, AllureReport.discardSpares(tmp));
        assertEquals(java.util.List.of("notes.txt"), names());
        assertEquals(0, AllureReport.clearResults(tmp.resolve("absent")));
        assertEquals(0, AllureReport.discardSpares(tmp.resolve("absent")));
    }

    private java.util.List<String> names() throws IOException {
        try (var s = Files.list(tmp)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
