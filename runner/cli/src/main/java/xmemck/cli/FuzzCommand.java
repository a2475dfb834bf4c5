package xmemck.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import xmemck.features.Shard;
import xmemck.fuzz.FuzzRun;
import xmemck.fuzz.engine.Budget;
import xmemck.spi.SutFailure;

/**
 * {@code ck fuzz}: differential fuzzing through {@link FuzzRun}'s Java API. The options are picocli's like every
 * command's (the adapter, the report folder, the shard and the seeds are the mixins {@code ck run} shares); ck picks
 * this shard's seeds, opens the process adapter on the C example when no {@code --sut} is given, runs
 * {@link FuzzRun#run} once per seed and maps the outcome onto the shared exit codes ({@link Ck#EXIT_CODES}).
 */
@Command(name = "fuzz", mixinStandardHelpOptions = true, versionProvider = Ck.Version.class, sortOptions = false,
        description = {"Differential fuzzing: generate cases and compare each call of the implementation with the oracle.",
                "Each new kind of failure is shrunk to a minimal counterexample and written as a replayable scenario",
                "(REPORT-DIR/regressions/*.feature, and the same operations as JSON for ck explain); a progress line goes to standard",
                "error and the run's summary to REPORT-DIR/fuzz/summary.json.",
                "Several seeds (--seeds, or --seed with --shard) are fuzzed one after the other, each into REPORT-DIR/seed-S/."},
        footer = {"", "Examples:",
                "  ck fuzz --adapter reference --seconds 60",
                "  ck fuzz --adapter process --seconds 300 --seed 42          the C example",
                "  ck fuzz --adapter process --fault copyout_no_write_check --tries 5000   a seeded fault of the C example",
                "  ck fuzz --adapter process --sut ./my-impl --tries 10000",
                "  ck fuzz --adapter-path my-emulator.jar --adapter my-emulator --seconds 60   an implementation on the JVM",
                "  ck fuzz --adapter linux --seeds 1..8 --shard 2/4 --seconds 600   seeds 2 and 6, ten minutes each",
                "  ck fuzz --adapter linux --seed 12345 --case 17           replay case 17 of a run (its summary or feature names it)"})
final class FuzzCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    AdapterOptions adapter;

    @Option(names = "--seconds", paramLabel = "N", description = "search for N seconds (default 10); shrinking comes on top")
    Long seconds;

    @Option(names = "--tries", paramLabel = "N", description = "search N cases instead of a time")
    Long tries;

    @Mixin
    SeedOptions seeds;

    @Option(names = "--case", paramLabel = "I",
            description = "run only case I of the seed (as a summary or a counterexample's header names it), shrink it if it fails")
    Long onlyCase;

    @Option(names = "--max-failures", paramLabel = "N", description = "stop after N distinct failures (default 5)")
    Long maxFailures;

    @Mixin
    ShardOption shard;

    @Mixin
    ReportDirOption report;

    /** The fuzzer's old spelling of --report-dir, still accepted; not shown in the help. */
    @Option(names = "--report", paramLabel = "DIR", hidden = true)
    Path reportAlias;

    @Option(names = "--quiet", description = "no progress line")
    boolean quiet;

    /** What one ck fuzz invocation runs: one {@link FuzzRun.Options} per seed, each with its report folder. */
    record Plan(List<FuzzRun.Options> runs) {}

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Plan plan;
        try {
            plan = plan();
        } catch (CliProblem p) {
            for (String line : p.getMessage().split("\n")) err.println("ck fuzz: " + line);
            return p.status();
        }
        err.flush();
        PrintStream stream = System.err;
        if (plan.runs().size() == 1) return fuzz(plan.runs().getFirst(), stream);
        int worst = Ck.OK;
        int n = 0;
        for (FuzzRun.Options o : plan.runs()) {
            stream.println("ck fuzz: seed " + o.seed() + " (" + ++n + " of " + plan.runs().size() + "), reports in " + o.reportDir());
            int status = fuzz(o, stream);
            if (status == Ck.USAGE) return status;
            worst = Math.max(worst, status);
        }
        return worst;
    }

    /** Checks the options together and turns them into the runs to do; a problem is a {@link CliProblem}. */
    Plan plan() {
        if (adapter.adapters == null && adapter.sut == null && !adapter.pathGiven()) {
            throw new CliProblem(Ck.USAGE, "--adapter NAME is required: the adapter to fuzz (ck list adapters shows them)");
        }
        if (seconds != null && tries != null) throw new CliProblem(Ck.USAGE, "give --seconds or --tries, not both");
        atLeast("--seconds", seconds, 0);
        atLeast("--tries", tries, 0);
        atLeast("--case", onlyCase, 0);
        atLeast("--max-failures", maxFailures, 1);
        if (onlyCase != null && !seeds.given()) throw new CliProblem(Ck.USAGE, "--case needs the --seed of the run that found it");
        Shard part = shard.get();
        List<Long> mine = seeds.pick(part);
        List<AdapterChoice> chosen = adapter.choose(new ArrayList<>());
        if (chosen.size() != 1) {
            throw new CliProblem(Ck.USAGE, "ck fuzz fuzzes one adapter at a time, got " + chosen.size() + " ("
                    + String.join(", ", chosen.stream().map(AdapterChoice::id).toList()) + "): run it once for each");
        }
        AdapterChoice a = chosen.getFirst();
        Path root = reportAlias != null ? reportAlias : report.dir;
        RunPlan.writable(root.toAbsolutePath().normalize());

        Budget budget = tries != null ? Budget.calls(tries) : Budget.time(seconds != null ? Duration.ofSeconds(seconds) : FuzzRun.DEFAULT_TIME);
        int failures = maxFailures == null ? FuzzRun.DEFAULT_MAX_FAILURES : (int) Math.min(Integer.MAX_VALUE, maxFailures);
        FuzzRun.Options base = new FuzzRun.Options(a.id(), a.options(adapter.timeoutMillis), budget, 0, root, failures, !quiet);
        if (onlyCase != null) base = base.withOnlyCase(onlyCase);
        if (mine.size() <= 1) {
            return new Plan(List.of(base.withSeed(mine.isEmpty() ? FuzzRun.freshSeed() : mine.getFirst())));
        }
        List<FuzzRun.Options> runs = new ArrayList<>();
        for (long s : mine) runs.add(base.withSeed(s).withReportDir(root.resolve("seed-" + s)));
        return new Plan(runs);
    }

    private static void atLeast(String option, Long value, long min) {
        if (value != null && value < min) throw new CliProblem(Ck.USAGE, option + " must be at least " + min + ", got " + value);
    }

    /** One seed's run, its outcome as an exit code; what went wrong goes to {@code stream} with the run's output. */
    static int fuzz(FuzzRun.Options o, PrintStream stream) {
        try {
            return FuzzRun.run(o, stream).passed() ? Ck.OK : Ck.FAILED;
        } catch (SutFailure e) {
            stream.println("ck fuzz: the adapter " + o.adapter() + " failed: " + e);
            return Ck.ADAPTER_FAILED;
        } catch (UncheckedIOException e) {
            stream.println("ck fuzz: the reports were not written: " + e.getMessage());
            return Ck.REPORTS_NOT_WRITTEN;
        } catch (IllegalArgumentException e) {
            stream.println("ck fuzz: " + e.getMessage());
            return Ck.USAGE;
        }
    }
}
