package xmemck.report;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EmbedEvent;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import xmemck.glue.ResultAttachments;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Catalogue;
import xmemck.oracle.Verdict;
import xmemck.records.AdapterInfo;
import xmemck.records.KitVersion;
import xmemck.records.RunReport;
import xmemck.records.Totals;

/**
 * The Cucumber plugin that writes the kit's own reports ({@code
 * xmemck.report.ConformancePlugin:DIR}, DIR the report directory; without an argument {@code
 * -Dxmemck.reportDir}, else {@code reports}). It clears the previous run's Allure results (sets
 * them aside for this run's writer to reuse, and deletes those left when the run ends) and report
 * when the run starts, collects each scenario's result as the glue attaches it ({@link
 * ResultAttachments}), and when the run ends writes summary.json, profile.json, results.json,
 * matrix.html and the Allure single-file report, then index.html. Problems are printed and shown in
 * index.html; they never fail the run.
 *
 * <p>System property {@code xmemck.allure}: {@code on} (the default) makes the Allure report before
 * the plugin returns; {@code background} makes it on a thread of its own ({@link
 * AllureBackground}), for a caller that waits for it before exiting ({@code ck run}), so the run's
 * verdict does not wait for it; {@code off} skips it. {@code xmemck.allure.timeoutSeconds} (default
 * 600) bounds its generation; see {@link AllureCommandline} for where the Allure tool is found.
 */
public final class ConformancePlugin implements ConcurrentEventListener {
    private final Path reportDir;
    private final PrintStream out;
    private Instant started;
    private final List<ScenarioResult> results = new ArrayList<>();
    private Map<String, String> info = Map.of();

    public ConformancePlugin() {
        this("");
    }

    public ConformancePlugin(String reportDir) {
        String dir =
                reportDir == null || reportDir.isBlank()
                        ? xmemck.glue.RunScope.current().property("xmemck.reportDir", "reports")
                        : reportDir;
        this.reportDir = Path.of(dir).toAbsolutePath().normalize();
        this.out = System.err;
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestRunStarted.class, this::started);
        publisher.registerHandlerFor(EmbedEvent.class, this::attached);
        publisher.registerHandlerFor(TestRunFinished.class, this::finished);
    }

    /** Scenarios end on several threads in a parallel run: the collection is synchronised. */
    private synchronized void attached(EmbedEvent e) {
        String body = new String(e.getData(), StandardCharsets.UTF_8);
        switch (e.getMediaType()) {
            case ResultAttachments.RESULT -> results.add(ResultAttachments.result(body));
            case ResultAttachments.RUN_INFO -> info = ResultAttachments.info(body);
            default -> {}
        }
    }

    private void started(TestRunStarted e) {
        started = e.getInstant();
        // A report still being made for this folder by an earlier run in this JVM would read the
        // results cleared here.
        AllureBackground.await(reportDir, AllureBackground.timeoutSeconds());
        try {
            AllureReport.clearResults(AllureReport.resultsDir(reportDir));
            AllureReport.clearReport(reportDir);
        } catch (IOException x) {
            out.println("xmemck report: could not clear the previous Allure results: " + x);
        }
        if (allureMode() != AllureMode.OFF)
            AllureBackground.warmUp(AllureCommandline.locate(AllureCommandline.fromEnvironment()));
    }

    private synchronized void finished(TestRunFinished e) {
        Instant begin = started == null ? e.getInstant() : started;
        double seconds = Duration.between(begin, e.getInstant()).toNanos() / 1e9;
        RunReport run =
                new RunReport(
                        KitVersion.get(),
                        AdapterInfo.fromRunInfo(info),
                        begin.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                        seconds,
                        List.copyOf(results));
        try {
            AllureReport.discardSpares(AllureReport.resultsDir(reportDir));
        } catch (IOException x) {
            out.println("xmemck report: could not delete the previous Allure results: " + x);
        }
        ReportWriter.Written w =
                ReportWriter.write(reportDir, run, Catalogue.all(), standardAllure(reportDir));
        Totals t = Totals.of(run.scenarios());
        StringBuilder line =
                new StringBuilder("xmemck report: ")
                        .append(reportDir.resolve(ReportWriter.INDEX))
                        .append(" (")
                        .append(t.total())
                        .append(" scenarios");
        for (Verdict v : Verdict.values())
            line.append(", ").append(t.get(v)).append(' ').append(v.label());
        line.append(String.format(Locale.ROOT, "; %.1f scenarios/s)", run.scenariosPerSecond()));
        out.println(line);
        for (String p : w.problems()) out.println("xmemck report: " + p);
    }

    private enum AllureMode {
        ON,
        BACKGROUND,
        OFF
    }

    private static AllureMode allureMode() {
        String mode =
                xmemck.glue.RunScope.current()
                        .property("xmemck.allure", "on")
                        .toLowerCase(Locale.ROOT);
        if (List.of("off", "false", "skip", "no").contains(mode)) return AllureMode.OFF;
        return mode.equals("background") ? AllureMode.BACKGROUND : AllureMode.ON;
    }

    /**
     * The Allure step of a live run: extras into the results, locate the tool, generate the single
     * file (see the class comment).
     */
    public static ReportWriter.AllureStep standardAllure(Path reportDir) {
        return run -> {
            AllureMode mode = allureMode();
            if (mode == AllureMode.OFF)
                return new AllureReport.Skipped(
                        "skipped (-Dxmemck.allure="
                                + xmemck.glue.RunScope.current().property("xmemck.allure")
                                + ")");
            Path results = AllureReport.resultsDir(reportDir);
            try {
                AllureReport.writeExtras(results, run);
            } catch (IOException x) {
                return new AllureReport.Failed(
                        "cannot write into the Allure results folder " + results + ": " + x);
            }
            String name = "xmemck conformance: " + run.adapter().id();
            java.util.function.Supplier<AllureReport.Outcome> generate =
                    () -> {
                        try {
                            AllureReport.neutralise(
                                    results); // the implementation's text, never live HTML in
                            // Allure's pages
                        } catch (IOException x) {
                            return new AllureReport.Failed(
                                    "the Allure results in "
                                            + results
                                            + " could not be made safe to show: "
                                            + x);
                        }
                        return AllureReport.generate(
                                results,
                                reportDir,
                                AllureCommandline.locate(AllureCommandline.fromEnvironment()),
                                name);
                    };
            if (mode == AllureMode.BACKGROUND)
                return AllureBackground.start(reportDir, Catalogue.all(), generate);
            return AllureBackground.generateAndWait(generate, AllureBackground.timeoutSeconds());
        };
    }
}
