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
import java.util.Optional;
import xmemck.fuzz.engine.Budget;
import xmemck.fuzz.engine.Choices;
import xmemck.fuzz.engine.Counterexample;
import xmemck.fuzz.engine.Search;
import xmemck.fuzz.engine.Trial;
import xmemck.fuzz.gen.CaseGen;
import xmemck.harness.Session;
import xmemck.harness.Step;
import xmemck.ops.Op;
import xmemck.spi.Adapters;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;
import xmemck.spi.SutOptions;

/**
 * A fuzz run against one adapter, as {@code ./ck fuzz --adapter NAME [--sut CMD] [--seconds N | --tries N]
 * [--seed S]} starts it: generate cases until the budget is spent, shrink each new kind of failure to a
 * minimal counterexample, write it as a Gherkin feature and as JSON ops under {@code REPORT/regressions/}, show
 * a live progress line on stderr and write {@code REPORT/fuzz/summary.json}.
 */
public final class FuzzRun {
    private FuzzRun() {}

    /** Exit codes of {@link #execute}. */
    public static final int OK = 0, FAILURES = 1, USAGE = 2, ADAPTER_FAILED = 3;

    public static final String USAGE_TEXT = """
            usage: ck fuzz --adapter NAME [--sut COMMAND] [--fault NAME] [--timeout-ms N]
                           [--seconds N | --tries N] [--seed S [--case I]] [--max-failures N] [--report DIR] [--quiet]
              --adapter NAME     the adapter to fuzz (its id, as ck adapters lists them)
              --sut COMMAND      the implementation's command line, for process adapters
              --fault NAME       a seeded fault, for adapters that have them
              --timeout-ms N     per-call timeout of the adapter
              --seconds N        search for N seconds (default 10); shrinking comes on top
              --tries N          search N cases instead
              --seed S           the run's seed (default: a fresh random one, printed)
              --case I           run only case I of the seed (as a summary or feature header names it), shrink it if it fails
              --max-failures N   stop after N distinct failures (default 5)
              --report DIR       the report directory (default reports; --report-dir DIR too)
              --quiet            no progress line
            """;

    /**
     * A run's settings. {@code summaryPath} is where the summary goes, relative to {@code reportDir}
     * ({@link SummaryFile#PATH} for {@code ck fuzz}; the JUnit host writes one per adapter and seed).
     */
    public record Options(String adapter, SutOptions sutOptions, Budget budget, long seed, Path reportDir, int maxFailures, boolean progress,
                          String summaryPath, long onlyCase) {
        public Options {
            if (adapter == null || adapter.isBlank()) throw new IllegalArgumentException("--adapter NAME is required");
            if (maxFailures < 1) throw new IllegalArgumentException("--max-failures must be at least 1, got " + maxFailures);
            if (summaryPath == null || summaryPath.isBlank()) throw new IllegalArgumentException("a summary path is required");
        }

        public Options(String adapter, SutOptions sutOptions, Budget budget, long seed, Path reportDir, int maxFailures, boolean progress) {
            this(adapter, sutOptions, budget, seed, reportDir, maxFailures, progress, SummaryFile.PATH, -1);
        }

        public Options withSummaryPath(String path) {
            return new Options(adapter, sutOptions, budget, seed, reportDir, maxFailures, progress, path, onlyCase);
        }

        /** Reads the command-line arguments; a bad one is an IllegalArgumentException naming it. */
        public static Options parse(List<String> args) {
            String adapter = null;
            Map<String, String> settings = new HashMap<>();
            Long seconds = null, tries = null, seed = null, onlyCase = null;
            Path report = Path.of("reports");
            int maxFailures = 5;
            boolean progress = true;
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--adapter" -> adapter = value(args, i++);
                    case "--sut" -> settings.put("sut", value(args, i++));
                    case "--fault" -> settings.put("fault", value(args, i++));
                    case "--timeout-ms" -> settings.put("timeoutMillis", String.valueOf(number(args, i++, 1)));
                    case "--seconds" -> seconds = number(args, i++, 0);
                    case "--tries" -> tries = number(args, i++, 0);
                    case "--seed" -> seed = seed(value(args, i++));
                    case "--max-failures" -> maxFailures = (int) Math.min(Integer.MAX_VALUE, number(args, i++, 1));
                    case "--report", "--report-dir" -> report = Path.of(value(args, i++)); // --report-dir as in ck run
                    case "--case" -> onlyCase = number(args, i++, 0);
                    case "--quiet" -> progress = false;
                    default -> throw new IllegalArgumentException("unknown argument \"" + a + "\" (argument " + (i + 1) + ")");
                }
            }
            if (seconds != null && tries != null) throw new IllegalArgumentException("give --seconds or --tries, not both");
            if (onlyCase != null && seed == null) throw new IllegalArgumentException("--case needs the --seed of the run that found it");
            Budget budget = tries != null ? Budget.calls(tries) : Budget.time(Duration.ofSeconds(seconds != null ? seconds : 10));
            return new Options(adapter, new SutOptions(settings), budget, seed != null ? seed : new SecureRandom().nextLong(), report, maxFailures,
                    progress, SummaryFile.PATH, onlyCase != null ? onlyCase : -1);
        }

        private static String value(List<String> args, int i) {
            if (i + 1 >= args.size() || args.get(i + 1).startsWith("--")) throw new IllegalArgumentException(args.get(i) + " needs a value");
            return args.get(i + 1);
        }

        private static long number(List<String> args, int i, long min) {
            String v = value(args, i);
            try {
                long n = Long.parseLong(v.strip());
                if (n < min) throw new IllegalArgumentException(args.get(i) + " must be at least " + min + ", got " + n);
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(args.get(i) + " needs a whole number, got \"" + v + "\"");
            }
        }

        /** A seed in decimal (may be negative) or hexadecimal ({@code 0x...}, all 64 bits). */
        static long seed(String v) {
            try {
                String t = v.strip();
                if (t.startsWith("0x") || t.startsWith("0X")) return Long.parseUnsignedLong(t.substring(2), 16);
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--seed needs a 64-bit whole number (decimal or 0x hexadecimal), got \"" + v + "\"");
            }
        }
    }

    /** What a run found. */
    public record Summary(String adapter, long seed, long cases, double seconds, double casesPerSecond, List<Failure> failures,
                          List<String> clausesReached, Map<String, Long> caseEndings, long invalidCases, long generatorErrors,
                          String firstInvalid) {
        public Summary {
            failures = List.copyOf(failures);
            clausesReached = List.copyOf(clausesReached);
            caseEndings = Map.copyOf(caseEndings);
        }

        public boolean passed() { return failures.isEmpty(); }
    }

    /** Runs {@code ck fuzz} with these arguments; answers the exit code. Messages go to {@code err}. */
    public static int execute(List<String> args, PrintStream err) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("ck fuzz: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
        try {
            Summary s = run(options, err);
            return s.passed() ? OK : FAILURES;
        } catch (SutFailure e) {
            err.println("ck fuzz: the adapter " + options.adapter() + " failed: " + e);
            return ADAPTER_FAILED;
        } catch (IllegalArgumentException e) {
            err.println("ck fuzz: " + e.getMessage());
            return USAGE;
        }
    }

    public static void main(String[] args) {
        System.exit(execute(List.of(args), System.err));
    }

    /** Opens the adapter, runs, closes it. */
    public static Summary run(Options options, PrintStream err) throws SutFailure {
        Sut sut = Adapters.find(options.adapter()).open(options.sutOptions());
        try {
            return run(sut, options, err);
        } finally {
            sut.close();
        }
    }

    /** Runs against an open implementation (left open). {@code err} gets the progress line and the findings; null for none. */
    public static Summary run(Sut sut, Options options, PrintStream err) {
        Coverage coverage = new Coverage();
        SessionProperty property = new SessionProperty(sut, coverage);
        CaseGen gen = new CaseGen(sut.capabilities());
        Progress progress = new Progress(options.adapter(), options.progress() ? err : null, coverage);
        Search.Settings settings = new Search.Settings(options.budget(), Search.Settings.defaultShrink(), Search.Settings.defaultSimplify(), options.maxFailures());
        if (err != null) err.println("ck fuzz: adapter " + options.adapter() + " (" + sut.name() + "), seed " + options.seed());
        Search<List<Op>> search = new Search<>(gen, property, new OpSimplifier(), settings, progress);
        Search.Report<List<Op>> report = options.onlyCase() >= 0 ? search.runCase(options.seed(), options.onlyCase()) : search.run(options.seed());
        if (options.onlyCase() >= 0 && err != null) {
            List<Op> ops = gen.draw(Choices.random(Search.caseSeed(options.seed(), options.onlyCase())));
            err.println("ck fuzz: case " + options.onlyCase() + " of seed " + options.seed() + ":");
            try (Session session = new Session(sut)) {
                session.runAll(ops);
                for (String line : session.log()) err.println("    " + line);
            }
        }
        progress.done(report.cases());

        List<Failure> failures = new ArrayList<>();
        for (Counterexample<List<Op>> cx : report.failures()) {
            Optional<Step> failing = Replay.failing(Replay.steps(sut, cx.value()));
            Failure f = CounterexampleFiles.write(options.reportDir(), options.adapter(), options.sutOptions().get("fault", null),
                    options.sutOptions().settings().containsKey("sut"), failures.size() + 1, cx, failing.orElse(null));
            failures.add(f);
            if (err != null) describe(f, err);
        }
        Map<String, Long> endings = new HashMap<>();
        coverage.endings().forEach((v, n) -> endings.put(v.label(), n));
        double seconds = report.seconds();
        Summary summary = new Summary(options.adapter(), options.seed(), report.cases(), seconds, seconds > 0 ? report.cases() / seconds : 0,
                failures, new ArrayList<>(coverage.clauses()).stream().sorted().toList(), endings, report.invalid(), report.generatorErrors(),
                report.firstInvalidReason());
        write(options.reportDir().resolve(options.summaryPath()), summary);
        if (err != null) {
            err.printf(Locale.ROOT, "ck fuzz: %d cases in %.1f s (%.0f cases/s), %d failure(s), %d clauses reached; summary in %s%n",
                    summary.cases(), seconds, summary.casesPerSecond(), failures.size(), summary.clausesReached().size(),
                    options.reportDir().resolve(options.summaryPath()));
            if (report.generatorErrors() > 0 || report.invalid() > 0) {
                err.println("ck fuzz: kit warning: " + report.invalid() + " ill-formed case(s), first: " + report.firstInvalidReason());
            }
        }
        return summary;
    }

    private static void describe(Failure f, PrintStream err) {
        err.println("ck fuzz: " + f.signature() + " (case " + f.caseIndex() + ", shrunk from " + f.originalOps() + " to " + f.ops().size()
                + " operations" + (f.reproduced() ? "" : "; did NOT fail again on replay: the implementation is not deterministic") + ")");
        for (String line : GherkinWriterSafe.steps(f.ops())) err.println("    " + line);
        for (String line : f.message().split("\n")) err.println("  | " + line);
        if (f.feature() != null) err.println("  replay: " + f.feature());
        if (f.json() != null) err.println("  ops:    " + f.json());
    }

    private static void write(Path file, Summary summary) {
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, SummaryFile.json(summary) + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** Steps for the console, falling back to the operations' own descriptions when some have no feature words. */
    private static final class GherkinWriterSafe {
        static List<String> steps(List<Op> ops) {
            try {
                return GherkinWriter.steps(ops);
            } catch (IllegalArgumentException e) {
                return ops.stream().map(Op::describe).toList();
            }
        }
    }

    /**
     * The live progress: cases, cases per second, failures, clauses reached. On a terminal one line, redrawn at most
     * four times a second; elsewhere (a CI log, a file) a plain line every {@link #LOG_EVERY_NANOS}, since redrawn
     * lines would pile up into one endless line there.
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

        Progress(String adapter, PrintStream err, Coverage coverage) {
            this(adapter, err, coverage, err == System.err && System.console() != null && System.console().isTerminal());
        }

        Progress(String adapter, PrintStream err, Coverage coverage, boolean terminal) {
            this.adapter = adapter;
            this.err = err;
            this.coverage = coverage;
            this.terminal = terminal;
            this.lastDraw = start;
        }

        @Override public void onCase(long index, Trial<List<Op>> trial) {
            cases = index + 1;
            if (err != null && (index & 255) == 0) {
                long now = System.nanoTime();
                if (now - lastDraw > (terminal ? 250_000_000L : LOG_EVERY_NANOS)) {
                    lastDraw = now;
                    draw(now);
                }
            }
        }

        @Override public void onFailure(long index, Trial<List<Op>> trial) {
            failures++;
            if (err != null) {
                draw(System.nanoTime());
                if (terminal) err.println();
                err.println("ck fuzz: case " + index + ": " + trial.signature() + "; shrinking...");
            }
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
            String line = String.format(Locale.ROOT, "fuzz %s: %d cases, %.0f cases/s, %d failure(s), %d clauses reached",
                    adapter, cases, s > 0 ? cases / s : 0.0, failures, coverage.clauseCount());
            if (terminal) err.print("\r" + line + "   ");
            else err.println(line);
            err.flush();
        }
    }
}
