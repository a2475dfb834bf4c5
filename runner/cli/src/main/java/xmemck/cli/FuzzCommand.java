package xmemck.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import xmemck.conformance.Expectations;
import xmemck.conformance.InputFileException;
import xmemck.features.Shard;
import xmemck.fuzz.FuzzRun;
import xmemck.fuzz.engine.Budget;
import xmemck.spi.SutFailure;

/**
 * {@code ck fuzz}: differential fuzzing through {@link FuzzRun}'s Java API. The options are
 * picocli's like every command's (the adapter, the report folder, the shard and the seeds are the
 * mixins {@code ck run} shares); ck picks this shard's seeds, opens the process adapter on the C
 * example when no {@code --sut} is given, runs {@link FuzzRun#run} once per seed and maps the
 * outcome onto the shared exit codes ({@link Ck#EXIT_CODES}).
 *
 * <p>Known findings: the clause entries in force of the implementation's expectations ({@code
 * --expectations FILE}, else for a built-in adapter with a file of its own and no {@code --sut} the
 * kit's, as {@code ck run} does: {@link RunPlan#BUILT_IN_EXPECTATIONS}) go to the fuzzer as plain
 * clause ids: a FAIL whose first broken clause is listed is counted and reported, not a failure.
 * Scenario entries name scenarios of the features, which a generated case is not: they do not
 * apply, and the notes printed before the run say so.
 */
@Command(
        name = "fuzz",
        mixinStandardHelpOptions = true,
        versionProvider = Ck.Version.class,
        sortOptions = false,
        description = {
            "Differential fuzzing: generate cases and compare each call of the implementation with the oracle.",
            "Each new kind of failure is shrunk to a minimal counterexample and written as a replayable scenario",
            "(REPORT-DIR/regressions/*.feature, and the same operations as JSON for ck explain); a progress line goes to standard",
            "error and the run's summary to REPORT-DIR/fuzz/summary.json.",
            "Several seeds (--seeds, or --seed with --shard) are fuzzed one after the other, each into REPORT-DIR/seed-S/."
        },
        footer = {
            "",
            "Examples:",
            "  ck fuzz --adapter reference --seconds 60",
            "  ck fuzz --adapter process --seconds 300 --seed 42          the C example",
            "  ck fuzz --adapter process --fault copyout_no_write_check --tries 5000   a seeded fault of the C example",
            "  ck fuzz --adapter process --sut ./my-impl --tries 10000",
            "  ck fuzz --adapter-path my-emulator.jar --adapter my-emulator --seconds 60   an implementation on the JVM",
            "  ck fuzz --adapter linux --seeds 1..8 --shard 2/4 --seconds 600   seeds 2 and 6, ten minutes each",
            "  ck fuzz --adapter linux --seed 12345 --case 17           replay case 17 of a run (its summary or feature names it)",
            "  ck fuzz --adapter process --sut ./my-impl --expectations my-impl.expectations   known findings counted, not failures"
        })
final class FuzzCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin AdapterOptions adapter;

    @Option(
            names = "--seconds",
            paramLabel = "N",
            description = "search for N seconds (default 10); shrinking comes on top")
    Long seconds;

    @Option(names = "--tries", paramLabel = "N", description = "search N cases instead of a time")
    Long tries;

    @Mixin SeedOptions seeds;

    @Option(
            names = "--case",
            paramLabel = "I",
            description =
                    "run only case I of the seed (as a summary or a counterexample's header names it), shrink it if it fails")
    Long onlyCase;

    @Option(
            names = "--max-failures",
            paramLabel = "N",
            description = "stop after N distinct failures (default 5)")
    Long maxFailures;

    @Mixin ShardOption shard;

    @Option(
            names = "--expectations",
            paramLabel = "FILE",
            description = {
                "the implementation's known failures, as for ck run (format: runner/README.md). Its clause entries in force apply:"
                        + " a FAIL whose first broken clause is listed is counted and reported as a known finding, not a failure, and the"
                        + " search goes on; scenario entries do not apply to fuzzing.",
                "Default: for a built-in adapter with known findings of its own (linux) and no --sut, the kit's file, as ck run uses"
            })
    Path expectations;

    @Mixin ReportDirOption report;

    /** The fuzzer's old spelling of --report-dir, still accepted; not shown in the help. */
    @Option(names = "--report", paramLabel = "DIR", hidden = true)
    Path reportAlias;

    @Option(names = "--quiet", description = "no progress line")
    boolean quiet;

    /** Today's date for the expectations' expiry (tests set a fixed clock). */
    Clock clock = Clock.systemUTC();

    /**
     * What one ck fuzz invocation runs: one {@link FuzzRun.Options} per seed, each with its report
     * folder; {@code notes} are printed before the runs (which expectations apply, and how).
     */
    record Plan(List<FuzzRun.Options> runs, List<String> notes) {
        Plan {
            runs = List.copyOf(runs);
            notes = List.copyOf(notes);
        }
    }

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
        for (String note : plan.notes()) err.println("ck fuzz: " + note);
        err.flush();
        PrintStream stream = System.err;
        if (plan.runs().size() == 1) return fuzz(plan.runs().getFirst(), stream);
        int worst = Ck.OK;
        int n = 0;
        for (FuzzRun.Options o : plan.runs()) {
            stream.println(
                    "ck fuzz: seed "
                            + o.seed()
                            + " ("
                            + ++n
                            + " of "
                            + plan.runs().size()
                            + "), reports in "
                            + o.reportDir());
            int status = fuzz(o, stream);
            if (status == Ck.USAGE) return status;
            worst = Math.max(worst, status);
        }
        return worst;
    }

    /**
     * Checks the options together and turns them into the runs to do; a problem is a {@link
     * CliProblem}.
     */
    Plan plan() {
        if (adapter.adapters == null && adapter.sut == null && !adapter.pathGiven()) {
            throw new CliProblem(
                    Ck.USAGE,
                    "--adapter NAME is required: the adapter to fuzz (ck list adapters shows them)");
        }
        if (seconds != null && tries != null)
            throw new CliProblem(Ck.USAGE, "give --seconds or --tries, not both");
        atLeast("--seconds", seconds, 0);
        atLeast("--tries", tries, 0);
        atLeast("--case", onlyCase, 0);
        atLeast("--max-failures", maxFailures, 1);
        if (onlyCase != null && !seeds.given())
            throw new CliProblem(Ck.USAGE, "--case needs the --seed of the run that found it");
        Shard part = shard.get();
        List<Long> mine = seeds.pick(part);
        List<AdapterChoice> chosen = adapter.choose(new ArrayList<>());
        if (chosen.size() != 1) {
            throw new CliProblem(
                    Ck.USAGE,
                    "ck fuzz fuzzes one adapter at a time, got "
                            + chosen.size()
                            + " ("
                            + String.join(", ", chosen.stream().map(AdapterChoice::id).toList())
                            + "): run it once for each");
        }
        AdapterChoice a = chosen.getFirst();
        Path root = reportAlias != null ? reportAlias : report.dir;
        RunPlan.writable(root.toAbsolutePath().normalize());

        Budget budget =
                tries != null
                        ? Budget.calls(tries)
                        : Budget.time(
                                seconds != null
                                        ? Duration.ofSeconds(seconds)
                                        : FuzzRun.DEFAULT_TIME);
        int failures =
                maxFailures == null
                        ? FuzzRun.DEFAULT_MAX_FAILURES
                        : (int) Math.min(Integer.MAX_VALUE, maxFailures);
        FuzzRun.Options base =
                new FuzzRun.Options(
                        a.id(),
                        a.options(adapter.timeoutMillis),
                        budget,
                        0,
                        root,
                        failures,
                        !quiet);
        if (onlyCase != null) base = base.withOnlyCase(onlyCase);
        List<String> notes = new ArrayList<>();
        base = base.withKnownClauses(knownClauses(a, notes));
        if (mine.size() <= 1) {
            return new Plan(
                    List.of(base.withSeed(mine.isEmpty() ? FuzzRun.freshSeed() : mine.getFirst())),
                    notes);
        }
        List<FuzzRun.Options> runs = new ArrayList<>();
        for (long s : mine) runs.add(base.withSeed(s).withReportDir(root.resolve("seed-" + s)));
        return new Plan(runs, notes);
    }

    /**
     * The clauses whose FAILs are known findings of {@code a}: the clause entries in force of
     * {@code --expectations}, or of the kit's own file for a built-in adapter without {@code
     * --sut}; none without a file. Says in {@code notes} which file applies and what of it does not
     * (scenario entries, expired entries). A file that cannot be read or parsed is a usage error
     * naming the file and the line.
     */
    Set<String> knownClauses(AdapterChoice a, List<String> notes) {
        Path file = expectations;
        String shown = file == null ? null : file.toString();
        if (file == null) {
            String own = RunPlan.BUILT_IN_EXPECTATIONS.get(a.id());
            if (own == null
                    || a.sut() != null
                    || !Files.isRegularFile(KitPaths.root().resolve(own))) return Set.of();
            file = KitPaths.root().resolve(own);
            shown = own;
            notes.add(
                    a.id()
                            + ": the kit's known findings on this system apply ("
                            + own
                            + "); --expectations FILE replaces them");
        }
        Expectations read;
        try {
            read = Expectations.read(file);
        } catch (InputFileException e) {
            throw new CliProblem(Ck.USAGE, e.getMessage());
        }
        LocalDate today = LocalDate.now(clock);
        Set<String> clauses = read.clausesInForce(today);
        List<String> scenarios = new ArrayList<>();
        for (Expectations.Entry e : read.entries()) {
            String where = shown + ":" + e.line();
            switch (e.target()) {
                case Expectations.Target.Clause c when e.activeOn(today) -> {} // in clauses
                case Expectations.Target.Clause c ->
                        notes.add(
                                where
                                        + ": the entry for clause "
                                        + c.id()
                                        + " expired on "
                                        + e.expires()
                                        + ", so it does not apply: a FAIL on it is a failure");
                case Expectations.Target.Scenario sc -> scenarios.add(where);
            }
        }
        if (!scenarios.isEmpty()) {
            notes.add(
                    scenarios.size()
                            + " scenario entr"
                            + (scenarios.size() == 1 ? "y" : "ies")
                            + " of "
                            + shown
                            + " ("
                            + String.join(", ", scenarios)
                            + ") do not apply to fuzzing: a generated case is no scenario of the features; only clause entries do");
        }
        notes.add(
                clauses.isEmpty()
                        ? "no clause entry of " + shown + " in force: every FAIL is a failure"
                        : "known findings ("
                                + shown
                                + "): a FAIL whose first broken clause is "
                                + String.join(" or ", clauses)
                                + " is counted and reported, not a failure");
        return clauses;
    }

    private static void atLeast(String option, Long value, long min) {
        if (value != null && value < min)
            throw new CliProblem(Ck.USAGE, option + " must be at least " + min + ", got " + value);
    }

    /**
     * One seed's run, its outcome as an exit code; what went wrong goes to {@code stream} with the
     * run's output.
     */
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
