package xmemck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import xmemck.fuzz.engine.Budget;
import xmemck.ops.Op;
import xmemck.spi.Adapters;
import xmemck.spi.SutOptions;
import xmemck.wire.OpCodec;

class FuzzRunTest {
    private static final JsonMapper JSON = new JsonMapper();

    @TempDir Path reports;

    /** Runs against an adapter by id, as ck fuzz does; answers what the run printed. */
    static String run(FuzzRun.Options options, FuzzRun.Summary[] summary) throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        summary[0] = FuzzRun.run(options, new PrintStream(err, true, StandardCharsets.UTF_8));
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badOptionsAreRefusedByKind() {
        Budget b = Budget.calls(1);
        assertThrows(
                IllegalArgumentException.class,
                () -> new FuzzRun.Options(" ", SutOptions.none(), b, 1, reports, 1, false));
        IllegalArgumentException few =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                new FuzzRun.Options(
                                        "reference", SutOptions.none(), b, 1, reports, 0, false));
        assertTrue(few.getMessage().contains("maxFailures"), few.getMessage());
        assertThrows(
                IllegalArgumentException.class,
                () ->
                        new FuzzRun.Options("reference", SutOptions.none(), b, 1, reports, 1, false)
                                .withOnlyCase(-2));
        assertThrows(
                NullPointerException.class,
                () ->
                        new FuzzRun.Options(
                                "reference", SutOptions.none(), null, 1, reports, 1, false));
    }

    @Test
    void anUnknownAdapterIsAnIllegalArgumentNamingIt() {
        var options =
                new FuzzRun.Options(
                        "nosuch", SutOptions.none(), Budget.calls(1), 1, reports, 1, false);
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> FuzzRun.run(options, null));
        assertTrue(
                e.getMessage().contains("nosuch") && e.getMessage().contains("reference"),
                e.getMessage());
    }

    @Test
    void anUnwritableReportFolderIsAnUncheckedIOException() throws Exception {
        Path file = Files.writeString(reports.resolve("a-file"), "not a folder");
        var options =
                new FuzzRun.Options(
                        "reference",
                        SutOptions.none(),
                        Budget.calls(5),
                        1,
                        file.resolve("r"),
                        1,
                        false);
        assertThrows(java.io.UncheckedIOException.class, () -> FuzzRun.run(options, null));
    }

    @Test
    void oneCaseIsFoundAgainFromItsSeedAndIndex() throws Exception {
        var sut =
                new PlantedBugSut(
                        Adapters.find("reference").open(SutOptions.none()),
                        PlantedBugSut.Bug.DROPS_LAST_BYTE_OF_9_PLUS);
        var search =
                FuzzRun.run(
                        sut,
                        new FuzzRun.Options(
                                "planted",
                                SutOptions.none(),
                                Budget.calls(5_000),
                                31,
                                reports,
                                1,
                                false),
                        null);
        Failure found = search.failures().getFirst();
        var options =
                new FuzzRun.Options(
                                "planted",
                                SutOptions.none(),
                                Budget.calls(5_000),
                                31,
                                reports.resolve("again"),
                                1,
                                false)
                        .withOnlyCase(found.caseIndex());
        FuzzRun.Summary again = FuzzRun.run(sut, options, null);
        assertEquals(1, again.cases());
        assertEquals(found.ops(), again.failures().getFirst().ops());
        assertEquals(found.caseIndex(), again.failures().getFirst().caseIndex());
        assertEquals(
                1,
                again.failures().getFirst().firstSeenCases(),
                "run alone, the case is the first one run");
    }

    @Test
    void progressRedrawsOneLineOnATerminalAndWritesWholeLinesElsewhere() {
        for (boolean terminal : new boolean[] {true, false}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            var progress =
                    new FuzzRun.Progress(
                            "x",
                            new PrintStream(bytes, true, StandardCharsets.UTF_8),
                            new Coverage(),
                            terminal);
            progress.onFailure(
                    3,
                    new xmemck.fuzz.engine.Trial<>(
                            new long[0],
                            new int[0][],
                            List.of(),
                            new xmemck.fuzz.engine.Outcome.Fail("FAIL copyout copyout.succ", "")));
            progress.done(10);
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("fuzz x: 10 cases"), out);
            assertEquals(
                    terminal, out.contains("\r"), "carriage returns only on a terminal: " + out);
            if (!terminal) {
                assertEquals(
                        List.of("fuzz x: 0 cases", "ck fuzz: case 3", "fuzz x: 10 cases"),
                        out.lines()
                                .map(
                                        l ->
                                                l.substring(
                                                        0,
                                                        Math.min(
                                                                l.length(),
                                                                l.startsWith("ck")
                                                                        ? 15
                                                                        : l.indexOf(" cases") + 6)))
                                .toList(),
                        out);
            }
        }
    }

    @Test
    void aCleanRunWritesTheSummaryWithItsContractFields() throws Exception {
        FuzzRun.Summary[] summary = new FuzzRun.Summary[1];
        String out =
                run(
                        new FuzzRun.Options(
                                "reference",
                                SutOptions.none(),
                                Budget.calls(500),
                                12,
                                reports,
                                FuzzRun.DEFAULT_MAX_FAILURES,
                                true),
                        summary);
        assertTrue(summary[0].passed(), out);
        assertTrue(out.contains("fuzz reference: "), "progress line: " + out);
        JsonNode s = read(reports.resolve("fuzz/summary.json"));
        assertEquals("reference", s.get("adapter").get("id").stringValue());
        // The adapter as it declared itself when opened, not its id alone.
        assertEquals("reference oracle", s.get("adapter").get("name").stringValue());
        assertEquals(
                xmemck.spi.Capability.values().length,
                s.get("adapter").get("capabilities").size(),
                s.get("adapter").toString());
        assertTrue(s.get("kit").get("version").isString(), s.toString());
        assertEquals(12, s.get("seed").longValue());
        assertEquals(500, s.get("cases").longValue());
        assertTrue(s.get("durationSeconds").isNumber(), s.toString());
        assertTrue(s.get("casesPerSecond").isNumber(), s.toString());
        assertTrue(s.get("passed").booleanValue(), s.toString());
        for (String v : List.of("PASS", "OUTSIDE_CONTRACT", "UNSUPPORTED", "FAIL", "ERROR"))
            assertTrue(s.get("caseEndings").get(v).isNumber(), v);
        assertTrue(s.get("caseEndings").get("PASS").longValue() > 0, s.toString());
        assertTrue(s.get("failures").isArray() && s.get("failures").isEmpty(), s.toString());
        assertTrue(s.get("clausesReached").size() > 20, s.get("clausesReached").toString());
    }

    @Test
    void aFailureIsWrittenAsAFeatureAndAsJsonOpsThatDecodeBack() throws Exception {
        var sut =
                new PlantedBugSut(
                        Adapters.find("reference").open(SutOptions.none()),
                        PlantedBugSut.Bug.DROPS_LAST_BYTE_OF_9_PLUS);
        var options =
                new FuzzRun.Options(
                        "planted", SutOptions.none(), Budget.calls(5_000), 99, reports, 1, false);
        FuzzRun.Summary summary = FuzzRun.run(sut, options, null);
        assertEquals(1, summary.failures().size(), summary.failures().toString());
        Failure f = summary.failures().getFirst();
        String feature = Files.readString(reports.resolve(f.feature()));
        assertTrue(f.feature().startsWith("regressions/fuzz-planted-99-"), f.feature());
        assertTrue(
                feature.contains("# adapter: planted\n# seed: 99  case: " + f.caseIndex() + "\n"),
                feature);
        for (Op op : f.ops()) assertTrue(feature.contains(GherkinWriter.sentence(op)), feature);

        JsonNode json = read(reports.resolve(f.json()));
        List<Op> decoded = new ArrayList<>();
        for (JsonNode op : json.get("ops")) decoded.add(OpCodec.decode(op.toString()));
        assertEquals(f.ops(), decoded);

        JsonNode entry = read(reports.resolve("fuzz/summary.json")).get("failures").get(0);
        assertEquals(f.clause(), entry.get("clause").stringValue());
        assertEquals(f.feature(), entry.get("feature").stringValue());
    }

    private static JsonNode read(Path file) throws Exception {
        return JSON.readTree(Files.readString(file));
    }
}
