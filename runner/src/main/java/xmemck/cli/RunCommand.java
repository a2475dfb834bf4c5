package xmemck.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import xmemck.glue.Hooks;
import xmemck.harness.RunRecorder;
import xmemck.lint.FeatureLint;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;
import xmemck.spi.Adapters;

/**
 * {@code ck run}: runs the features through Cucumber against one adapter, with the same plugins as the Maven run,
 * and exits 0 only when no scenario ended in FAIL or ERROR (and at least one ran).
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the feature suite against an implementation and write the reports.")
final class RunCommand implements Callable<Integer> {

    /** The report plugin; written by the reports package, loaded by name so that a missing one is reported, not fatal. */
    static final String REPORT_PLUGIN = "xmemck.report.ConformancePlugin";
    static final String ALLURE_PLUGIN = "io.qameta.allure.cucumber7jvm.AllureCucumber7Jvm";

    @Spec
    CommandSpec spec;

    @Option(names = "--adapter", defaultValue = "reference", paramLabel = "NAME",
            description = "the implementation's adapter (default: ${DEFAULT-VALUE})")
    String adapter;

    @Option(names = "--sut", paramLabel = "COMMAND",
            description = "the command line that starts a process implementation (for --adapter process)")
    String sut;

    /** Scenarios tagged @slow (a 256 MiB move) take seconds each; they run only when asked for. */
    static final String DEFAULT_TAGS = "not @slow";

    @Option(names = "--tags", paramLabel = "EXPRESSION", defaultValue = DEFAULT_TAGS,
            description = "run only the scenarios this Cucumber tag expression selects, e.g. '@clause:copyout.succ'"
                    + " (default: ${DEFAULT-VALUE}; '@slow or not @slow' runs everything)")
    String tags;

    @Option(names = "--report-dir", defaultValue = "reports", paramLabel = "DIR",
            description = "where the reports go (default: ${DEFAULT-VALUE})")
    Path reportDir;

    @Option(names = "--features", defaultValue = "${sys:xmemck.features:-features}", paramLabel = "DIR",
            description = "the feature files (default: ${DEFAULT-VALUE})")
    Path features;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Adapters.find(adapter);
        } catch (IllegalArgumentException e) {
            err.println("ck run: " + e.getMessage());
            return 2;
        }
        if (!Files.isDirectory(features)) {
            err.println("ck run: no features folder at " + features + " (give one with --features DIR)");
            return 2;
        }
        List<FeatureLint.Problem> problems = FeatureLint.blocking(features);
        if (!problems.isEmpty()) {
            for (FeatureLint.Problem p : problems) err.println("ck run: " + p);
            err.println("ck run: " + problems.size() + " problem(s) in the features; nothing was run");
            return 2;
        }
        Path reports = reportDir.toAbsolutePath().normalize();
        Files.createDirectories(reports);

        System.setProperty("xmemck.adapter", adapter);
        if (sut != null) System.setProperty("xmemck.sut", sut);
        System.setProperty("xmemck.reportDir", reports.toString());
        System.setProperty("xmemck.features", features.toAbsolutePath().normalize().toString());
        System.setProperty("allure.results.directory", reports.resolve("allure-results").toString());
        System.setProperty("cucumber.publish.quiet", "true");
        RunRecorder.global().clear();

        List<String> args = cucumberArguments(reports, err);
        long started = System.nanoTime();
        byte status;
        try {
            status = io.cucumber.core.cli.Main.run(args.toArray(String[]::new), Thread.currentThread().getContextClassLoader());
        } catch (RuntimeException e) {
            err.println("ck run: the features could not be run: " + e.getMessage());
            return 1;
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<ScenarioResult> results = RunRecorder.global().results();
        int verdict = summarise(results, Hooks.lastRunSeconds(), status, reports, out, err);
        out.printf(java.util.Locale.ROOT, "ck run: %.2f s in all, with start-up and reports%n", seconds);
        return verdict;
    }

    private List<String> cucumberArguments(Path reports, PrintWriter err) {
        List<String> args = new ArrayList<>(List.of(
                "--glue", "xmemck.glue",
                "--plugin", "summary",
                "--plugin", "html:" + reports.resolve("cucumber.html"),
                "--plugin", ALLURE_PLUGIN));
        if (present(REPORT_PLUGIN)) {
            args.addAll(List.of("--plugin", REPORT_PLUGIN + ":" + reports));
        } else {
            err.println("ck run: warning: " + REPORT_PLUGIN + " is missing; summary.json, the matrix and index.html are not written");
        }
        if (tags != null && !tags.isBlank()) args.addAll(List.of("--tags", tags));
        args.add(features.toAbsolutePath().normalize().toString());
        return args;
    }

    static int summarise(List<ScenarioResult> results, double seconds, byte cucumberStatus, Path reports, PrintWriter out, PrintWriter err) {
        Map<Verdict, Integer> totals = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) totals.put(v, 0);
        for (ScenarioResult r : results) totals.merge(r.verdict(), 1, Integer::sum);
        StringBuilder line = new StringBuilder();
        for (Verdict v : Verdict.values()) line.append(line.isEmpty() ? "" : ", ").append(v.label()).append(' ').append(totals.get(v));
        out.printf(java.util.Locale.ROOT, "ck run: %d scenario(s) in %.2f s (%.0f scenarios/s): %s%n", results.size(), seconds,
                seconds > 0 ? results.size() / seconds : 0.0, line);
        out.println("ck run: reports in " + reports);
        if (results.isEmpty()) {
            err.println("ck run: no scenario ran (do the features exist, and does --tags select any?)");
            return 1;
        }
        if (totals.get(Verdict.FAIL) > 0 || totals.get(Verdict.ERROR) > 0) return 1;
        if (cucumberStatus != 0) {
            err.println("ck run: Cucumber reported a problem (exit status " + cucumberStatus + "); see its output above");
            return 1;
        }
        return 0;
    }

    private static boolean present(String className) {
        try {
            Class.forName(className, false, RunCommand.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }
}
