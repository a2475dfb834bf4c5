package xmemck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import xmemck.oracle.Catalogue;
import xmemck.records.Matrix;
import xmemck.records.RunReport;
import xmemck.report.MatrixPage;
import xmemck.report.SuiteIndexPage;

/**
 * {@code ck run}: the feature suite against one or several adapters (every built-in one by
 * default), each into its own report folder, then index.html and the combined matrix over all of
 * them. Everything that can be wrong with the input is checked first ({@link RunPlan}). Exits 0
 * only when every run passed: at least one PASS, no FAIL or ERROR that the expectations do not
 * cover, no unexpected pass, no expired expectation, no drift from the declared profile; 5 when a
 * run judged nothing (no scenario passed or failed).
 */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        versionProvider = Ck.Version.class,
        sortOptions = false,
        description = {
            "Run the feature suite against implementations and write the reports.",
            "Each adapter's reports go to REPORT-DIR/ADAPTER/ (index.html, matrix.html, cucumber.html, the Allure report,",
            "summary.json, profile.json, results.json, bundle.json); REPORT-DIR/index.html and matrix.html cover them all."
        },
        footer = {
            "",
            "Examples:",
            "  ck run                                         reference, the C example (process) and linux",
            "  ck run --adapter reference --report-dir out",
            "  ck run --sut \"./my-impl --quiet\"                a process implementation (implies --adapter process)",
            "  ck run --adapter process --sut ./my-impl --expectations my-impl.expectations --profile my-impl.profile.json",
            "  ck run --adapter-path my-emulator.jar --adapter my-emulator   an implementation on the JVM, in a jar of its own",
            "  ck run --adapter reference --shard 2/4         the second quarter of the scenarios",
            "  ck run --tags '@clause:copyout.succ'           one clause's scenarios",
            "  ck run --tags '@slow or not @slow'             everything, scenarios tagged @slow included"
        })
final class RunCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin AdapterOptions adapter;

    /**
     * Scenarios tagged @slow (a convention for long ones; the kit's own have none) run only when
     * asked for.
     */
    static final String DEFAULT_TAGS = "not @slow";

    @Option(
            names = "--tags",
            paramLabel = "EXPRESSION",
            defaultValue = DEFAULT_TAGS,
            description =
                    "run only the scenarios this Cucumber tag expression selects (default: ${DEFAULT-VALUE})")
    String tags;

    @Mixin ShardOption shard;

    @Option(
            names = "--expectations",
            paramLabel = "FILE",
            description =
                    "the implementation's known failures, each with a reason and an expiry date (format: runner/README.md)")
    Path expectations;

    @Option(
            names = "--profile",
            paramLabel = "FILE",
            description =
                    "a declared implementation profile (a profile.json of an accepted run): any drift fails the run")
    Path profile;

    @Mixin ReportDirOption report;

    @Option(
            names = "--features",
            defaultValue = "${sys:xmemck.features:-features}",
            paramLabel = "DIR",
            description = "the feature files (default: ${DEFAULT-VALUE})")
    Path features;

    @Option(
            names = "--no-allure",
            description =
                    "no Allure output: neither its raw results nor its report (the other reports are"
                            + " written)")
    boolean noAllure;

    @Option(names = "--quiet", description = "no progress lines")
    boolean quiet;

    @Option(
            names = "--jobs",
            paramLabel = "N",
            description =
                    "how many adapters run at the same time, each on a thread of its own (default: all"
                            + " of them; 1: one after the other). Their lines are printed in order either way")
    Integer jobs;

    static final int MAX_JOBS = 64;

    /** Today's date for expiry decisions comes from here (tests set a fixed clock). */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (jobs != null && (jobs < 1 || jobs > MAX_JOBS)) {
            err.println(
                    "ck run: --jobs "
                            + jobs
                            + ": how many adapters run at a time is 1 to "
                            + MAX_JOBS);
            return Ck.USAGE;
        }
        RunPlan plan;
        try {
            plan =
                    RunPlan.prepare(
                            new RunPlan.Request(
                                    adapter,
                                    tags,
                                    report.dir,
                                    features,
                                    shard.get(),
                                    expectations,
                                    profile));
        } catch (CliProblem p) {
            for (String line : p.getMessage().split("\n")) err.println("ck run: " + line);
            return p.status();
        }
        for (String note : plan.notes()) out.println("ck run: " + note);

        try (RunMarker.Lock lock = RunMarker.lock(plan.reportRoot())) {
            return runLocked(plan, out, err);
        } catch (CliProblem p) {
            err.println("ck run: " + p.getMessage());
            return p.status();
        }
    }

    private int runLocked(RunPlan plan, PrintWriter out, PrintWriter err) {
        List<AdapterRun.Outcome> outcomes = runAdapters(plan, out, err);
        AdapterRun.awaitAllureReports(out, err);
        List<SuiteIndexPage.Entry> entries = new ArrayList<>();
        List<RunReport> runs = new ArrayList<>();
        for (AdapterRun.Outcome o : outcomes) {
            entries.add(
                    new SuiteIndexPage.Entry(
                            o.adapter().folder(), o.run(), o.passed(), o.problems()));
            runs.add(o.run());
        }
        boolean written = writeSuitePages(plan.reportRoot(), entries, runs, err);

        long failed = outcomes.stream().filter(o -> !o.passed()).count();
        if (outcomes.size() > 1) {
            out.println(
                    "ck run: "
                            + (outcomes.size() - failed)
                            + " of "
                            + outcomes.size()
                            + " runs passed"
                            + (written
                                    ? "; overview: " + plan.reportRoot().resolve("index.html")
                                    : ""));
        }
        int status = Ck.OK;
        for (AdapterRun.Outcome o : outcomes) status = Math.max(status, o.status());
        if (!written || outcomes.stream().anyMatch(o -> !o.reportsWritten())) {
            err.println(
                    "ck run: reports not written (exit "
                            + Ck.REPORTS_NOT_WRITTEN
                            + "): see the lines above");
            status = Math.max(status, Ck.REPORTS_NOT_WRITTEN);
        }
        if (status == Ck.OK || status == Ck.FAILED || status == Ck.NOTHING_JUDGED)
            RunMarker.finished(plan.reportRoot());
        return status;
    }

    /**
     * Each adapter's run: one after the other, or several at once (--jobs), each on a thread of its
     * own with its own report folder and implementations ({@link xmemck.glue.RunScope}). The JVM,
     * and so the code its compilers have made, is shared, which is what makes running them together
     * cheaper than one JVM per adapter. The lines a run prints are kept until it ends and printed
     * in the plan's order, so the output reads as if the runs had gone one after the other (the
     * progress lines, which name their adapter, come as they happen).
     */
    private List<AdapterRun.Outcome> runAdapters(RunPlan plan, PrintWriter out, PrintWriter err) {
        List<AdapterChoice> adapters = plan.adapters();
        int together = Math.min(adapters.size(), jobs == null ? adapters.size() : jobs);
        AdapterRun.Settings settings =
                new AdapterRun.Settings(
                        adapter.timeoutMillis, !noAllure, !quiet, clock, together > 1);
        List<AdapterRun.Outcome> outcomes = new ArrayList<>();
        if (together <= 1) {
            for (AdapterChoice a : adapters)
                outcomes.add(AdapterRun.run(plan.forAdapter(a), a, settings, out, err));
            return outcomes;
        }
        out.println(
                "ck run: "
                        + String.join(", ", adapters.stream().map(AdapterChoice::id).toList())
                        + ", "
                        + together
                        + " at a time (--jobs 1: one after the other)");
        out.flush();
        ExecutorService pool =
                Executors.newFixedThreadPool(
                        together, Thread.ofPlatform().name("ck-run-", 1).factory());
        try {
            List<Future<Printed>> runs = new ArrayList<>();
            for (AdapterChoice a : adapters)
                runs.add(pool.submit(() -> Printed.run(plan.forAdapter(a), a, settings)));
            RuntimeException failure = null;
            for (Future<Printed> f : runs) {
                Printed p;
                try {
                    p = f.get();
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause()); // Printed.run catches them all
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("interrupted while the adapters ran", e);
                }
                out.print(p.out());
                out.flush();
                err.print(p.err());
                err.flush();
                if (p.failure() != null) {
                    // As when the runs go one after the other, an unforeseen failure ends ck run,
                    // after every run's lines (the failed one's too) are printed.
                    if (failure == null) failure = p.failure();
                } else {
                    outcomes.add(p.outcome());
                }
            }
            if (failure != null) throw failure;
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * An adapter's run, with the lines it printed; {@code failure} when it ended in an unforeseen
     * exception (then without an outcome).
     */
    private record Printed(
            AdapterRun.Outcome outcome, String out, String err, RuntimeException failure) {
        static Printed run(RunPlan plan, AdapterChoice a, AdapterRun.Settings settings) {
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            try (PrintWriter o = new PrintWriter(out);
                    PrintWriter e = new PrintWriter(err)) {
                AdapterRun.Outcome outcome = null;
                RuntimeException failure = null;
                try {
                    outcome = AdapterRun.run(plan, a, settings, o, e);
                } catch (RuntimeException x) {
                    failure = x;
                } catch (Error x) {
                    failure = new IllegalStateException("ck run " + a.id() + ": " + x, x);
                }
                o.flush();
                e.flush();
                return new Printed(outcome, out.toString(), err.toString(), failure);
            }
        }
    }

    /**
     * REPORT-DIR/index.html (one line per run) and REPORT-DIR/matrix.html (every clause against
     * every run); false, with the reason on {@code err}, when they could not be written.
     */
    static boolean writeSuitePages(
            Path root, List<SuiteIndexPage.Entry> entries, List<RunReport> runs, PrintWriter err) {
        try {
            List<RunReport> safe = runs.stream().map(xmemck.report.UntrustedRun::safe).toList();
            RunMarker.writeAtomically(
                    root.resolve(SuiteIndexPage.COMBINED_MATRIX),
                    MatrixPage.render(
                            Matrix.of(Catalogue.all(), safe),
                            "Conformance matrix: "
                                    + runs.size()
                                    + (runs.size() == 1 ? " run" : " runs")));
            RunMarker.writeAtomically(
                    root.resolve("index.html"),
                    SuiteIndexPage.render("xmemck conformance runs", entries));
        } catch (IOException | RuntimeException e) {
            err.println("ck run: the overview pages were not written: " + e);
            return false;
        }
        return true;
    }
}
