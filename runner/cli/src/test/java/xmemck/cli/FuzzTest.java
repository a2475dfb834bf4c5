package xmemck.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.cli.Cli.ck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import xmemck.fuzz.FuzzRun;
import xmemck.fuzz.engine.Budget;

/**
 * ck fuzz: picocli options mapped onto the fuzzer's Java API ({@link FuzzRun.Options}), seeds
 * partitioned into shards, the report folder, bad options as usage errors, and the fuzzer's outcome
 * as the shared exit codes.
 */
class FuzzTest {

    @TempDir Path reports;

    /**
     * The runs ck fuzz would do with these arguments (the report folder is a temporary one unless
     * given).
     */
    FuzzCommand.Plan plan(String... args) {
        CommandLine cl = Ck.commandLine();
        List<String> all = new ArrayList<>(List.of("fuzz"));
        all.addAll(List.of(args));
        if (!all.contains("--report-dir") && !all.contains("--report"))
            all.addAll(List.of("--report-dir", reports.toString()));
        cl.parseArgs(all.toArray(String[]::new));
        return ((FuzzCommand) cl.getSubcommands().get("fuzz").getCommand()).plan();
    }

    List<Long> seeds(String... args) {
        return plan(args).runs().stream().map(FuzzRun.Options::seed).toList();
    }

    static String[] with(String[] args, String... more) {
        return Stream.concat(Stream.of(args), Stream.of(more)).toArray(String[]::new);
    }

    @Test
    void seedsArePartitionedIntoShards() {
        List<Long> all = new ArrayList<>();
        for (int i = 1; i <= 3; i++)
            all.addAll(seeds("--adapter", "reference", "--seeds", "1..8", "--shard", i + "/3"));
        all.sort(null);
        assertEquals(
                List.of(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L), all, "every seed in exactly one shard");
        assertEquals(
                List.of(2L, 6L),
                seeds("--adapter", "reference", "--seeds", "1..8", "--shard", "2/4"));
        assertEquals(
                List.of(7L, 9L),
                seeds("--adapter", "reference", "--seeds", "5,7,8,9", "--shard", "2/2"));
        assertEquals(
                List.of(43L),
                seeds("--adapter", "reference", "--seed", "41", "--shard", "3/4"),
                "--seed S with a shard: seed S+i-1");
        assertEquals(List.of(255L), seeds("--adapter", "reference", "--seed", "0xff"));
        assertEquals(1, seeds("--adapter", "reference").size(), "no seed: a fresh one is drawn");
    }

    @Test
    void seedsAreDecimalOrHexadecimal() {
        assertEquals(-3, SeedOptions.seed("-3"));
        assertEquals(0xFFFF_FFFF_FFFF_FFFFL, SeedOptions.seed("0xffffffffffffffff"));
        assertEquals(List.of(-2L, -1L, 0L), SeedOptions.seeds("-2..0"));
        assertThrows(CommandLine.TypeConversionException.class, () -> SeedOptions.seed("x"));
    }

    @Test
    void theOptionsMapOntoTheFuzzersOptions() {
        FuzzRun.Options o =
                plan(
                                "--adapter",
                                "reference",
                                "--tries",
                                "5",
                                "--seed",
                                "9",
                                "--max-failures",
                                "2",
                                "--timeout-ms",
                                "700",
                                "--quiet")
                        .runs()
                        .getFirst();
        assertEquals("reference", o.adapter());
        assertEquals(Budget.calls(5), o.budget());
        assertEquals(9, o.seed());
        assertEquals(2, o.maxFailures());
        assertEquals("700", o.sutOptions().get("timeoutMillis", null));
        assertEquals(false, o.progress());
        assertEquals(-1, o.onlyCase());
        assertEquals(reports, o.reportDir(), "one seed: the report folder itself");

        FuzzRun.Options defaults = plan("--adapter", "reference").runs().getFirst();
        assertEquals(Budget.time(FuzzRun.DEFAULT_TIME), defaults.budget());
        assertEquals(FuzzRun.DEFAULT_MAX_FAILURES, defaults.maxFailures());
        assertTrue(defaults.progress());

        assertEquals(
                17,
                plan("--adapter", "reference", "--seed", "3", "--case", "17")
                        .runs()
                        .getFirst()
                        .onlyCase());
        List<FuzzRun.Options> two = plan("--adapter", "reference", "--seeds", "4,5").runs();
        assertEquals(
                List.of(reports.resolve("seed-4"), reports.resolve("seed-5")),
                two.stream().map(FuzzRun.Options::reportDir).toList(),
                "several seeds: a folder each");
        Path old = reports.resolve("old");
        assertEquals(
                old,
                plan("--adapter", "reference", "--report", old.toString())
                        .runs()
                        .getFirst()
                        .reportDir(),
                "--report, the fuzzer's old spelling, still works");
    }

    @Test
    void theProcessAdapterRunsTheCExampleUnlessASutIsGiven() {
        FuzzRun.Options own =
                plan("--adapter", "process", "--sut", "./my-impl --quiet").runs().getFirst();
        assertEquals("./my-impl --quiet", own.sutOptions().get("sut", null));
        assertEquals(
                "process",
                plan("--sut", "./my-impl").runs().getFirst().adapter(),
                "--sut alone means the process adapter, as in ck run");
        if (KitPaths.cExampleBuilt()) {
            assertEquals(
                    KitPaths.cExample().toString(),
                    plan("--adapter", "process").runs().getFirst().sutOptions().get("sut", null));
        }
    }

    @Test
    void badOptionsAreUsageErrorsThatNameTheOption() {
        String[] ok = {"fuzz", "--adapter", "reference", "--report-dir", reports.toString()};
        record Bad(List<String> args, String said) {}
        for (Bad bad :
                List.of(
                        new Bad(List.of("--shard", "1/2"), "--shard needs --seed"),
                        new Bad(List.of("--shard", "0/2", "--seed", "1"), "--shard"),
                        new Bad(List.of("--seed", "1", "--seeds", "1..2"), "not both"),
                        new Bad(List.of("--seeds", "5..1"), "ends before it starts"),
                        new Bad(List.of("--seeds", "1..2", "--shard", "3/3"), "holds none"),
                        new Bad(List.of("--seed", "x"), "64-bit whole number"),
                        new Bad(List.of("--seconds", "x"), "--seconds"),
                        new Bad(List.of("--seconds", "-1"), "--seconds"),
                        new Bad(List.of("--seconds", "1", "--tries", "5"), "not both"),
                        new Bad(List.of("--case", "4"), "--case needs the --seed"),
                        new Bad(List.of("--max-failures", "0"), "--max-failures"),
                        new Bad(List.of("--timeout-ms", "0"), "--timeout-ms"),
                        new Bad(List.of("--frobnicate"), "--frobnicate"),
                        new Bad(
                                List.of("--adapter", "process", "--sut", "./impl"),
                                "one adapter"))) {
            Cli.Ran r = ck(with(ok, bad.args().toArray(String[]::new)));
            assertEquals(Ck.USAGE, r.status(), bad + ": " + r.all());
            assertTrue(r.err().contains(bad.said()), bad + ": " + r.err());
        }
        Cli.Ran none = ck("fuzz", "--tries", "1", "--report-dir", reports.toString());
        assertEquals(Ck.USAGE, none.status(), none.all());
        assertTrue(none.err().contains("--adapter") && none.err().contains("required"), none.err());

        Cli.Ran unknown =
                ck("fuzz", "--adapter", "nope", "--tries", "1", "--report-dir", reports.toString());
        assertEquals(Ck.USAGE, unknown.status(), unknown.all());
        assertTrue(
                unknown.err().contains("unknown adapter \"nope\"")
                        && unknown.err().contains("reference"),
                unknown.err());
    }

    @Test
    void anUnwritableReportFolderIsSaidBeforeFuzzing() throws Exception {
        Path file = Files.writeString(reports.resolve("a-file"), "not a folder");
        Cli.Ran r =
                ck(
                        "fuzz",
                        "--adapter",
                        "reference",
                        "--tries",
                        "1",
                        "--report-dir",
                        file.resolve("r").toString());
        assertEquals(Ck.USAGE, r.status(), r.all());
        assertTrue(r.err().contains("cannot write reports to"), r.err());
    }

    @Test
    void reportsThatCannotBeWrittenMidRunAreExitCode4() throws Exception {
        Path file = Files.writeString(reports.resolve("a-file"), "not a folder");
        var options =
                new FuzzRun.Options(
                        "reference",
                        xmemck.spi.SutOptions.none(),
                        Budget.calls(3),
                        1,
                        file.resolve("r"),
                        1,
                        false);
        assertEquals(
                Ck.REPORTS_NOT_WRITTEN,
                FuzzCommand.fuzz(
                        options, new java.io.PrintStream(java.io.OutputStream.nullOutputStream())));
    }

    @Test
    void aShortFuzzRunExitsAsTheFuzzerSaysAndWritesItsSummary() {
        Cli.Ran ok =
                ck(
                        "fuzz",
                        "--adapter",
                        "reference",
                        "--tries",
                        "10",
                        "--seed",
                        "1",
                        "--report-dir",
                        reports.toString(),
                        "--quiet");
        assertEquals(Ck.OK, ok.status(), ok.all());
        assertTrue(Files.isRegularFile(reports.resolve("fuzz/summary.json")));

        Cli.Ran two =
                ck(
                        "fuzz",
                        "--adapter",
                        "reference",
                        "--tries",
                        "5",
                        "--seeds",
                        "1..4",
                        "--shard",
                        "1/2",
                        "--report-dir",
                        reports.toString(),
                        "--quiet");
        assertEquals(Ck.OK, two.status(), two.all());
        assertTrue(
                Files.isRegularFile(reports.resolve("seed-1/fuzz/summary.json"))
                        && Files.isRegularFile(reports.resolve("seed-3/fuzz/summary.json")));
    }
}
