package xmemck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real Allure generator, found the way a run finds it (the build copies the commandline into
 * target/tools) and called in this JVM, turns a small set of results into one self-contained file.
 * (That it shows a skipped scenario as skipped, with its reason, is checked on the rendered page by
 * runner/check-reports.sh.)
 */
class AllureGenerationTest {

    @TempDir Path dir;

    private static void result(
            Path results, String uuid, String name, String status, String message)
            throws Exception {
        Files.writeString(
                results.resolve(uuid + "-result.json"),
                """
                {"uuid":"%s","historyId":"%s","name":"%s","fullName":"features/x.feature:%s","status":"%s",
                 "statusDetails":{"message":"%s"},"stage":"finished","start":1,"stop":2,
                 "labels":[{"name":"feature","value":"copyout"}]}
                """
                        .formatted(uuid, uuid, name, uuid, status, message));
    }

    private Path results() throws Exception {
        Path results = dir.resolve("allure-results");
        Files.createDirectories(results);
        result(results, "1", "copyout copies 64 bytes", "passed", "");
        result(
                results,
                "2",
                "copyout into a read-only page",
                "skipped",
                "UNSUPPORTED: read-only pages: not here");
        result(
                results,
                "3",
                "copyout at interrupt level",
                "skipped",
                "OUTSIDE-CONTRACT: copyout.ctx.user-only: interrupt");
        AllureReport.writeExtras(results, Fixtures.mixedRun());
        return results;
    }

    private static AllureCommandline.Home tool() {
        var found = AllureCommandline.locate(AllureCommandline.fromEnvironment());
        return assertInstanceOf(
                AllureCommandline.Home.class,
                found,
                "the build copies the commandline into target/tools: " + found);
    }

    @Test
    void generatesOneSelfContainedFileNamedForTheRun() throws Exception {
        var outcome =
                AllureReport.generate(results(), dir, tool(), "xmemck conformance: reference");
        var generated = assertInstanceOf(AllureReport.Generated.class, outcome, outcome.toString());
        Path file = dir.resolve(generated.link());
        assertTrue(Files.size(file) > 100_000, "the whole report app is inlined");
        try (var s = Files.list(file.getParent())) {
            assertEquals(
                    List.of("index.html"),
                    s.map(p -> p.getFileName().toString())
                            .sorted(Comparator.naturalOrder())
                            .toList(),
                    "a single file, nothing beside it");
        }
        try (var s = Files.list(dir)) {
            assertFalse(
                    s.anyMatch(p -> p.getFileName().toString().startsWith("allure-report.new-")),
                    "no half-made report left");
        }
        String html = Files.readString(file);
        assertTrue(
                html.contains("<title>xmemck conformance: reference</title>"),
                "titled for the run");
        assertTrue(
                Files.readString(dir.resolve(AllureReport.LOG))
                        .startsWith("Allure report generated in "),
                "the log says how long it took");
    }

    @Test
    void theGeneratorIsLoadedOnceAndReused() throws Exception {
        assertSame(AllureGenerator.of(tool().dir()), AllureGenerator.of(tool().dir()));
        Path results = results();
        var first = AllureReport.generate(results, dir.resolve("a"), tool(), "a");
        var second = AllureReport.generate(results, dir.resolve("a"), tool(), "a");
        assertInstanceOf(AllureReport.Generated.class, first, first.toString());
        assertInstanceOf(
                AllureReport.Generated.class,
                second,
                "a second report replaces the first: " + second);
    }

    @Test
    void aWarmUpMakesAThrowAwayReportAndLeavesNothingBehind() throws Exception {
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        java.util.function.Supplier<Long> leftovers =
                () -> {
                    try (var s = Files.list(tmp)) {
                        return s.filter(
                                        p ->
                                                p.getFileName()
                                                        .toString()
                                                        .startsWith("xmemck-allure-warm-up-"))
                                .count();
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                };
        long before = leftovers.get();
        // A home of its own (a copy of the real one's path), so this generator is not already warm
        // from another test.
        Path home = Files.createSymbolicLink(dir.resolve("allure-home"), tool().dir());
        try {
            AllureGenerator.of(home).warmUp();
        } finally {
            Files.delete(home);
        }
        assertEquals(before, leftovers.get(), "its temporary folder is deleted");
    }

    @Test
    void aGeneratorThatCannotRunFailsWithItsTraceInTheLogAndNoReport() throws Exception {
        Path home = dir.resolve("not-allure");
        Files.createDirectories(home.resolve("lib"));
        Files.writeString(home.resolve("lib/allure-commandline-2.34.0.jar"), "not a jar");
        var outcome = AllureReport.generate(results(), dir, new AllureCommandline.Home(home), "t");
        var failed = assertInstanceOf(AllureReport.Failed.class, outcome);
        assertTrue(
                failed.reason().startsWith("the Allure generator of " + home + " failed: "),
                failed.reason());
        assertTrue(failed.reason().endsWith("(see allure-generate.log)"), failed.reason());
        assertTrue(
                Files.readString(dir.resolve(AllureReport.LOG)).contains("ClassNotFoundException"),
                "the log has the trace");
        assertFalse(Files.exists(dir.resolve(AllureReport.OUTPUT_DIR)), "no report");
    }
}
