package xmemck.fuzz;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import xmemck.files.Adapter;
import xmemck.fuzz.engine.Budget;
import xmemck.fuzz.engine.Choices;
import xmemck.fuzz.engine.Counterexample;
import xmemck.fuzz.engine.Search;
import xmemck.fuzz.engine.Trial;
import xmemck.fuzz.gen.CaseGen;
import xmemck.ops.Op;
import xmemck.spi.Adapters;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;
import xmemck.spi.SutOptions;

/**
 * A fuzz run against one adapter: generate cases until the budget is spent, shrink each new kind of
 * failure to a minimal counterexample and, as soon as it is shrunk, write it as a Gherkin feature
 * and as JSON ops under {@code REPORT/regressions/} and show it on {@code err} (the search then
 * goes on); show a live progress line and, at the end, write {@code REPORT/fuzz/summary.json},
 * which describes the adapter as the open implementation declared itself and says when each failure
 * was first seen.
 *
 * <p>This is a plain Java API: an {@link Options} record in, a {@link Summary} out. It reads no
 * command line; {@code ck fuzz} (runner/cli's {@code FuzzCommand}) maps its options onto {@link
 * Options} and the outcome onto the kit's exit codes. What can go wrong is said by exceptions:
 * {@link SutFailure} (the implementation could not be used), {@link IllegalArgumentException} (an
 * unknown adapter, or one that supports none of the fuzzed services), {@link UncheckedIOException}
 * (the reports could not be written).
 */
public final class FuzzRun {
    private FuzzRun() {}

    /** The search budget when none is given: ten seconds. */
    public static final Duration DEFAULT_TIME = Duration.ofSeconds(10);

    /** Distinct failures after which a run stops when not told otherwise. */
    public static final int DEFAULT_MAX_FAILURES = 5;

    /**
     * A run's settings: the adapter's id and the options it is opened with ({@code sut}, {@code
     * fault}, {@code timeoutMillis}: see {@link SutOptions}), the search budget, the seed, where
     * the reports go, how many distinct failures to find before stopping, whether to draw the
     * progress line. {@code summaryPath} is where the summary goes, relative to {@code reportDir}
     * ({@link SummaryFile#PATH} for {@code ck fuzz}; the JUnit host writes one per adapter and
     * seed). {@code onlyCase}, when 0 or more, runs only that case of the seed (as a summary or a
     * counterexample's header names it) and shrinks it if it fails; -1 searches. {@code
     * knownClauses} are the clause ids of the implementation's known findings (the clause entries
     * in force of its expectations file): a FAIL whose first broken clause is one of them is
     * counted and reported as a known finding, not as a failure (see {@link SessionProperty});
     * empty by default.
     */
    public record Options(
            String adapter,
            SutOptions sutOptions,
            Budget budget,
            long seed,
            Path reportDir,
            int maxFailures,
            boolean progress,
            String summaryPath,
            long onlyCase,
            Set<String> knownClauses) {
        public Options {
            knownClauses = knownClauses == null ? Set.of() : Set.copyOf(knownClauses);
            if (adapter == null || adapter.isBlank())
                throw new IllegalArgumentException("a fuzz run needs an adapter id");
            Objects.requireNonNull(sutOptions, "sutOptions");
            Objects.requireNonNull(budget, "budget");
            Objects.requireNonNull(reportDir, "reportDir");
            if (maxFailures < 1)
                throw new IllegalArgumentException(
                        "maxFailures must be at least 1, got " + maxFailures);
            if (summaryPath == null || summaryPath.isBlank())
                throw new IllegalArgumentException("a summary path is required");
            if (onlyCase < -1)
                throw new IllegalArgumentException(
                        "onlyCase is a case index (0 or more) or -1 for a search, got " + onlyCase);
        }

        /** A search (no single case), its summary at {@link SummaryFile#PATH}. */
        public Options(
                String adapter,
                SutOptions sutOptions,
                Budget budget,
                long seed,
                Path reportDir,
                int maxFailures,
                boolean progress) {
            this(
                    adapter,
                    sutOptions,
                    budget,
                    seed,
                    reportDir,
                    maxFailures,
                    progress,
                    SummaryFile.PATH,
                    -1,
                    Set.of());
        }

        public Options withSummaryPath(String path) {
            return new Options(
                    adapter,
                    sutOptions,
                    budget,
                    seed,
                    reportDir,
                    maxFailures,
                    progress,
                    path,
                    onlyCase,
                    knownClauses);
        }

        /** Only case {@code index} of the seed, shrunk if it fails. */
        public Options withOnlyCase(long index) {
            return new Options(
                    adapter,
                    sutOptions,
                    budget,
                    seed,
                    reportDir,
                    maxFailures,
                    progress,
                    summaryPath,
                    index,
                    knownClauses);
        }

        public Options withReportDir(Path dir) {
            return new Options(
                    adapter,
                    sutOptions,
                    budget,
                    seed,
                    dir,
                    maxFailures,
                    progress,
                    summaryPath,
                    onlyCase,
                    knownClauses);
        }

        /** With these known clauses (see above) instead of the ones given before. */
        public Options withKnownClauses(Set<String> clauses) {
            return new Options(
                    adapter,
                    sutOptions,
                    budget,
                    seed,
                    reportDir,
                    maxFailures,
                    progress,
                    summaryPath,
                    onlyCase,
                    clauses);
        }

        public Options withSeed(long s) {
            return new Options(
                    adapter,
                    sutOptions,
                    budget,
                    s,
                    reportDir,
                    maxFailures,
                    progress,
                    summaryPath,
                    onlyCase,
                    knownClauses);
        }
    }

    /**
     * A seed nobody chose: for a run not told which one (it is printed, and in the summary, so the
     * run replays).
     */
    public static long freshSeed() {
        return new SecureRandom().nextLong();
    }

    /**
     * What a run found. {@code known} are the known findings it met (they do not make it fail),
     * {@code knownClauses} the clauses it was told are known, sorted.
     */
    public record Summary(
            String adapter,
            long seed,
            long cases,
            double seconds,
            List<Failure> failures,
            List<String> clausesReached,
            Map<String, Long> caseEndings,
            long invalidCases,
            long generatorErrors,
            String firstInvalid,
            List<KnownFinding> known,
            List<String> knownClauses) {
        public Summary {
            failures = List.copyOf(failures);
            clausesReached = List.copyOf(clausesReached);
            caseEndings = Map.copyOf(caseEndings);
            known = List.copyOf(known);
            knownClauses = List.copyOf(knownClauses);
        }

        /** Cases per second of the search (0 when no time was measured). */
        public double casesPerSecond() {
            return seconds > 0 ? cases / seconds : 0;
        }

        /** No failure; known findings do not count. */
        public boolean passed() {
            return failures.isEmpty();
        }

        /** How many of the search's cases showed a known finding. */
        public long knownCases() {
            return known.stream().mapToLong(KnownFinding::count).sum();
        }
    }

    /**
     * Opens the adapter, runs, closes it. {@code err} gets the progress line and the findings; null
     * for none.
     *
     * @throws SutFailure the implementation could not be started or failed while fuzzing
     * @throws IllegalArgumentException no adapter has that id, or the adapter supports none of the
     *     fuzzed services
     * @throws UncheckedIOException a counterexample or the summary could not be written
     */
    public static Summary run(Options options, PrintStream err) throws SutFailure {
        Sut sut = Adapters.find(options.adapter()).open(options.sutOptions());
        try {
            return run(sut, options, err);
        } finally {
            sut.close();
        }
    }

    /**
     * Runs against an open implementation (left open). {@code err} gets the progress line and the
     * findings; null for none. Each counterexample is replayed, written under {@code
     * REPORT/regressions/} and shown on {@code err} as soon as it is shrunk, while the search goes
     * on; the summary is written at the end.
     */
    public static Summary run(Sut sut, Options options, PrintStream err) {
        Coverage coverage = new Coverage();
        SessionProperty property = new SessionProperty(sut, coverage, options.knownClauses());
        CaseGen gen = new CaseGen(sut.capabilities());
        Progress progress =
                new Progress(options.adapter(), options.progress() ? err : null, coverage);
        List<Failure> failures = new ArrayList<>();
        Search.Listener<List<Op>> listener =
                new Search.Listener<>() {
                    @Override
                    public void onCase(long index, Trial<List<Op>> trial) {
                        // a case of the search, checked just now (a shrink's tries are not cases)
                        if (property.lastEnding() != null) coverage.ended(property.lastEnding());
                        progress.onCase(index, trial);
                    }

                    @Override
                    public void onFailure(long index, Trial<List<Op>> trial) {
                        progress.onFailure(index, trial);
                    }

                    @Override
                    public void onKnown(long index, Trial<List<Op>> trial) {
                        progress.onKnown();
                    }

                    @Override
                    public void onKnownExample(Counterexample<List<Op>> example) {
                        if (err != null) {
                            describeKnown(example, err);
                            err.flush();
                        }
                    }

                    @Override
                    public void onCounterexample(Counterexample<List<Op>> cx) {
                        Failure f =
                                CounterexampleFiles.write(
                                        options.reportDir(),
                                        options.adapter(),
                                        options.sutOptions().get("fault", null),
                                        options.sutOptions().settings().containsKey("sut"),
                                        failures.size() + 1,
                                        cx,
                                        Replay.failing(sut, cx.value()).orElse(null));
                        failures.add(f);
                        if (err != null) {
                            describe(f, err);
                            err.flush();
                        }
                    }
                };
        Search.Settings settings =
                new Search.Settings(
                        options.budget(),
                        Search.Settings.defaultShrink(),
                        Search.Settings.defaultSimplify(),
                        options.maxFailures());
        if (err != null)
            err.println(
                    "ck fuzz: adapter "
                            + options.adapter()
                            + " ("
                            + sut.name()
                            + "), seed "
                            + options.seed());
        Search<List<Op>> search =
                new Search<>(gen, property, new OpSimplifier(), settings, listener);
        Search.Report<List<Op>> report =
                options.onlyCase() >= 0
                        ? search.runCase(options.seed(), options.onlyCase())
                        : search.run(options.seed());
        if (options.onlyCase() >= 0 && err != null) {
            List<Op> ops =
                    gen.draw(Choices.random(Search.caseSeed(options.seed(), options.onlyCase())));
            err.println("ck fuzz: case " + options.onlyCase() + " of seed " + options.seed() + ":");
            for (String line : Replay.run(sut, ops).log()) err.println("    " + line);
        }
        progress.done(report.cases());

        Map<String, Long> endings = new HashMap<>();
        coverage.endings().forEach((v, n) -> endings.put(v.label(), n));
        double seconds = report.seconds();
        List<KnownFinding> known =
                report.known().stream()
                        .map(
                                k ->
                                        new KnownFinding(
                                                SessionProperty.clauseOf(k.signature()),
                                                k.signature(),
                                                k.count(),
                                                k.caseIndex(),
                                                k.firstSeenCases(),
                                                k.firstSeenSeconds(),
                                                k.example().value()))
                        .toList();
        Summary summary =
                new Summary(
                        options.adapter(),
                        options.seed(),
                        report.cases(),
                        seconds,
                        failures,
                        new ArrayList<>(coverage.clauses()).stream().sorted().toList(),
                        endings,
                        report.invalid(),
                        report.generatorErrors(),
                        report.firstInvalidReason(),
                        known,
                        new TreeSet<>(options.knownClauses()).stream().toList());
        write(
                options.reportDir().resolve(options.summaryPath()),
                summary,
                Adapter.of(options.adapter(), sut.name(), sut.capabilities()));
        if (err != null) {
            err.printf(
                    Locale.ROOT,
                    "ck fuzz: %d cases in %.1f s (%.0f cases/s), %d failure(s)%s, %d clauses reached; summary in %s%n",
                    summary.cases(),
                    seconds,
                    summary.casesPerSecond(),
                    failures.size(),
                    known.isEmpty()
                            ? ""
                            : ", "
                                    + known.size()
                                    + " known finding(s) in "
                                    + summary.knownCases()
                                    + " case(s)",
                    summary.clausesReached().size(),
                    options.reportDir().resolve(options.summaryPath()));
            if (report.generatorErrors() > 0 || report.invalid() > 0) {
                err.println(
                        "ck fuzz: kit warning: "
                                + report.invalid()
                                + " ill-formed case(s), first: "
                                + report.firstInvalidReason());
            }
        }
        return summary;
    }

    private static void describe(Failure f, PrintStream err) {
        err.println(
                String.format(
                        Locale.ROOT,
                        "ck fuzz: %s (case %d, first seen after %d case(s) and %.2f s, shrunk from %d to %d operations%s)",
                        f.signature(),
                        f.caseIndex(),
                        f.firstSeenCases(),
                        f.firstSeenSeconds(),
                        f.originalOps(),
                        f.ops().size(),
                        f.reproduced()
                                ? ""
                                : "; did NOT fail again on replay: the implementation is not deterministic"));
        if (!f.alsoBreaks().isEmpty())
            err.println("  also breaks: " + String.join(", ", f.alsoBreaks()));
        for (String line : SummaryFile.steps(f.ops())) err.println("    " + line);
        for (String line : f.message().split("\n")) err.println("  | " + line);
        if (f.feature() != null) err.println("  replay: " + f.feature());
        if (f.json() != null) err.println("  ops:    " + f.json());
    }

    private static void describeKnown(Counterexample<List<Op>> example, PrintStream err) {
        err.println(
                String.format(
                        Locale.ROOT,
                        "ck fuzz: known finding %s (case %d, first seen after %d case(s) and %.2f s): listed in the"
                                + " expectations, so counted and not a failure; the search goes on. Shrunk from %d to %d operations:",
                        example.signature(),
                        example.caseIndex(),
                        example.firstSeenCases(),
                        example.firstSeenSeconds(),
                        example.original().size(),
                        example.value().size()));
        for (String line : SummaryFile.steps(example.value())) err.println("    " + line);
    }

    private static void write(Path file, Summary summary, Adapter adapter) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(
                    file, SummaryFile.json(summary, adapter) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The live progress: cases, cases per second, failures, clauses reached. On a terminal one
     * line, redrawn at most four times a second; elsewhere (a CI log, a file) a plain line every
     * {@link #LOG_EVERY_NANOS}, since redrawn lines would pile up into one endless line there.
     */
    static final class Progress implements Search.Listener<List<Op>> {
        static final long LOG_EVERY_NANOS = 5_000_000_000L;

        private final String adapter;
        private final PrintStream err;
        private final Coverage coverage;
        private final boolean terminal;
        private final long start = System.nanoTime();
        private long lastDraw;
        private long cases;
        private int failures;
        private long known;

        Progress(String adapter, PrintStream err, Coverage coverage) {
            this(
                    adapter,
                    err,
                    coverage,
                    err == System.err && System.console() != null && System.console().isTerminal());
        }

        Progress(String adapter, PrintStream err, Coverage coverage, boolean terminal) {
            this.adapter = adapter;
            this.err = err;
            this.coverage = coverage;
            this.terminal = terminal;
            this.lastDraw = start;
        }

        @Override
        public void onCase(long index, Trial<List<Op>> trial) {
            cases = index + 1;
            if (err != null && (index & 255) == 0) {
                long now = System.nanoTime();
                if (now - lastDraw > (terminal ? 250_000_000L : LOG_EVERY_NANOS)) {
                    lastDraw = now;
                    draw(now);
                }
            }
        }

        @Override
        public void onFailure(long index, Trial<List<Op>> trial) {
            failures++;
            if (err != null) {
                draw(System.nanoTime());
                if (terminal) err.println();
                err.println("ck fuzz: case " + index + ": " + trial.signature() + "; shrinking...");
            }
        }

        void onKnown() {
            known++;
        }

        void done(long total) {
            cases = total;
            if (err != null) {
                draw(System.nanoTime());
                if (terminal) err.println();
            }
        }

        private void draw(long now) {
            double s = (now - start) / 1e9;
            String line =
                    String.format(
                            Locale.ROOT,
                            "fuzz %s: %d cases, %.0f cases/s, %d failure(s), %d clauses reached",
                            adapter,
                            cases,
                            s > 0 ? cases / s : 0.0,
                            failures,
                            coverage.clauseCount());
            if (known > 0) line += ", " + known + " case(s) with a known finding";
            if (terminal) err.print("\r" + line + "   ");
            else err.println(line);
            err.flush();
        }
    }
}
