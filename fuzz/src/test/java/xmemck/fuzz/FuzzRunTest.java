package xmemck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import xmemck.fuzz.engine.Budget;
import xmemck.ops.Op;
import xmemck.spi.Adapters;
import xmemck.spi.SutOptions;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import xmemck.wire.OpCodec;

class FuzzRunTest {
    private static final JsonMapper JSON = new JsonMapper();

    @TempDir Path reports;

    static String run(List<String> args, int[] code) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        code[0] = FuzzRun.execute(args, new PrintStream(err, true, StandardCharsets.UTF_8));
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void badArgumentsAreNamedAndTheUsageShown() {
        int[] code = new int[1];
        String out = run(List.of("--adapter", "reference", "--seconds", "x"), code);
        assertEquals(FuzzRun.USAGE, code[0]);
        assertTrue(out.contains("--seconds needs a whole number, got \"x\""), out);
        assertTrue(out.contains("usage: ck fuzz"), out);
        out = run(List.of("--adapter", "reference", "--seconds", "1", "--tries", "5"), code);
        assertTrue(out.contains("give --seconds or --tries, not both"), out);
        out = run(List.of("--seconds", "1"), code);
        assertTrue(out.contains("--adapter NAME is required"), out);
        out = run(List.of("--adapter", "reference", "--frobnicate"), code);
        assertTrue(out.contains("unknown argument \"--frobnicate\" (argument 3)"), out);
        out = run(List.of("--adapter", "nosuch", "--tries", "1", "--report", reports.toString()), code);
        assertEquals(FuzzRun.USAGE, code[0]);
        assertTrue(out.contains("unknown adapter \"nosuch\""), out);
    }

    @Test
    void oneCaseIsFoundAgainFromItsSeedAndIndex() throws Exception {
        var sut = new PlantedBugSut(Adapters.find("reference").open(SutOptions.none()), PlantedBugSut.Bug.DROPS_LAST_BYTE_OF_9_PLUS);
        var search = FuzzRun.run(sut, new FuzzRun.Options("planted", SutOptions.none(), Budget.calls(5_000), 31, reports, 1, false), null);
        Failure found = search.failures().getFirst();
        var options = FuzzRun.Options.parse(List.of("--adapter", "planted", "--seed", "31", "--case", String.valueOf(found.caseIndex()),
                "--report", reports.resolve("again").toString()));
        FuzzRun.Summary again = FuzzRun.run(sut, options, null);
        assertEquals(1, again.cases());
        assertEquals(found.ops(), again.failures().getFirst().ops());
        assertEquals(found.caseIndex(), again.failures().getFirst().caseIndex());
    }

    @Test
    void aCaseNeedsItsSeed() {
        int[] code = new int[1];
        String out = run(List.of("--adapter", "reference", "--case", "4"), code);
        assertEquals(FuzzRun.USAGE, code[0]);
        assertTrue(out.contains("--case needs the --seed of the run that found it"), out);
    }

    @Test
    void progressRedrawsOneLineOnATerminalAndWritesWholeLinesElsewhere() {
        for (boolean terminal : new boolean[] {true, false}) {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            var progress = new FuzzRun.Progress("x", new PrintStream(bytes, true, StandardCharsets.UTF_8), new Coverage(), terminal);
            progress.onFailure(3, new xmemck.fuzz.engine.Trial<>(new long[0], new int[0][], List.of(), new xmemck.fuzz.engine.Outcome.Fail("FAIL copyout copyout.succ", "")));
            progress.done(10);
            String out = bytes.toString(StandardCharsets.UTF_8);
            assertTrue(out.contains("fuzz x: 10 cases"), out);
            assertEquals(terminal, out.contains("\r"), "carriage returns only on a terminal: " + out);
            if (!terminal) {
                assertEquals(List.of("fuzz x: 0 cases", "ck fuzz: case 3", "fuzz x: 10 cases"),
                        out.lines().map(l -> l.substring(0, Math.min(l.length(), l.startsWith("ck") ? 15 : l.indexOf(" cases") + 6))).toList(), out);
            }
        }
    }

    @Test
    void theReportFolderIsNamedAsCkRunNamesIt() {
        assertEquals(Path.of("r1"), FuzzRun.Options.parse(List.of("--adapter", "reference", "--report", "r1")).reportDir());
        assertEquals(Path.of("r2"), FuzzRun.Options.parse(List.of("--adapter", "reference", "--report-dir", "r2")).reportDir());
    }

    @Test
    void seedsAreDecimalOrHexadecimal() {
        assertEquals(-3, FuzzRun.Options.seed("-3"));
        assertEquals(0xFFFF_FFFF_FFFF_FFFFL, FuzzRun.Options.seed("0xffffffffffffffff"));
    }

    @Test
    void aCleanRunWritesTheSummaryWithItsContractFields() throws Exception {
        int[] code = new int[1];
        String out = run(List.of("--adapter", "reference", "--tries", "500", "--seed", "12", "--report", reports.toString()), code);
        assertEquals(FuzzRun.OK, code[0], out);
        assertTrue(out.contains("fuzz reference: "), "progress line: " + out);
        JsonNode s = read(reports.resolve("fuzz/summary.json"));
        assertEquals("reference", s.get("adapter").stringValue());
        assertEquals(12, s.get("seed").longValue());
        assertEquals(500, s.get("cases").longValue());
        assertTrue(s.get("seconds").isNumber(), s.toString());
        assertTrue(s.get("casesPerSecond").isNumber(), s.toString());
        assertTrue(s.get("failures").isArray() && s.get("failures").isEmpty(), s.toString());
        assertTrue(s.get("clausesReached").size() > 20, s.get("clausesReached").toString());
    }

    @Test
    void aFailureIsWrittenAsAFeatureAndAsJsonOpsThatDecodeBack() throws Exception {
        var sut = new PlantedBugSut(Adapters.find("reference").open(SutOptions.none()), PlantedBugSut.Bug.DROPS_LAST_BYTE_OF_9_PLUS);
        var options = new FuzzRun.Options("planted", SutOptions.none(), Budget.calls(5_000), 99, reports, 1, false);
        FuzzRun.Summary summary = FuzzRun.run(sut, options, null);
        assertEquals(1, summary.failures().size(), summary.failures().toString());
        Failure f = summary.failures().getFirst();
        String feature = Files.readString(reports.resolve(f.feature()));
        assertTrue(f.feature().startsWith("regressions/fuzz-planted-99-"), f.feature());
        assertTrue(feature.contains("# adapter: planted\n# seed: 99  case: " + f.caseIndex() + "\n"), feature);
        for (Op op : f.ops()) assertTrue(feature.contains(GherkinWriter.sentence(op)), feature);

        JsonNode json = read(reports.resolve(f.json()));
        List<Op> decoded = new ArrayList<>();
        for (JsonNode op : json.get("ops")) decoded.add(OpCodec.decode(op.toString()));
        assertEquals(f.ops(), decoded);

        JsonNode entry = read(reports.resolve("fuzz/summary.json")).get("failures").get(0);
        assertEquals(f.clause(), entry.get("clause").stringValue());
        assertEquals(f.feature(), entry.get("feature").stringValue());
    }

    private static JsonNode read(Path file) throws Exception { return JSON.readTree(Files.readString(file)); }
}
