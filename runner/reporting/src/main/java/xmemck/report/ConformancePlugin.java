package xmemck.report;

import xmemck.records.RunReport;
import xmemck.records.Totals;
import xmemck.records.AdapterInfo;
import xmemck.records.KitVersion;
import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import xmemck.harness.RunRecorder;
import xmemck.oracle.Catalogue;
import xmemck.oracle.Verdict;

/**
 * The Cucumber plugin that writes the kit's own reports ({@code xmemck.report.ConformancePlugin:DIR}, DIR the
 * report directory; without an argument {@code -Dxmemck.reportDir}, else {@code reports}). It clears the previous
 * run's Allure results when the run starts; when it ends it reads the scenario results the glue recorded in
 * {@link RunRecorder#global()}, writes summary.json, profile.json, results.json, matrix.html and the Allure
 * single-file report, then index.html. Problems are printed and shown in index.html; they never fail the run.
 *
 * <p>System properties: {@code xmemck.allure=off} skips the Allure report; {@code xmemck.allure.timeoutSeconds}
 * (default 600) bounds its generation; see {@link AllureCommandline} for where the Allure tool is found.
 */
public final class ConformancePlugin implements ConcurrentEventListener {
    private final Path reportDir;
    private final PrintStream out;
    private Instant started;
    /** Results already recorded when this run started: they belong to an earlier run in the same JVM. */
    private int before;

    public ConformancePlugin() { this(""); }

    public ConformancePlugin(String reportDir) {
        String dir = reportDir == null || reportDir.isBlank() ? System.getProperty("xmemck.reportDir", "reports") : reportDir;
        this.reportDir = Path.of(dir).toAbsolutePath().normalize();
        this.out = System.err;
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(TestRunStarted.class, this::started);
        publisher.registerHandlerFor(TestRunFinished.class, this::finished);
    }

    private void started(TestRunStarted e) {
        started = e.getInstant();
        before = RunRecorder.global().results().size();
        try {
            AllureReport.clearResults(AllureReport.resultsDir(reportDir));
        } catch (IOException x) {
            out.println("xmemck report: could not clear the previous Allure results: " + x);
        }
    }

    private void finished(TestRunFinished e) {
        Instant begin = started == null ? e.getInstant() : started;
        double seconds = Duration.between(begin, e.getInstant()).toNanos() / 1e9;
        RunRecorder rec = RunRecorder.global();
        List<xmemck.harness.ScenarioResult> all = rec.results();
        // Only this run's results; if the recorder was cleared meanwhile, everything in it is this run's.
        List<xmemck.harness.ScenarioResult> mine = all.size() >= before ? all.subList(before, all.size()) : all;
        RunReport run = new RunReport(KitVersion.get(), AdapterInfo.fromRunInfo(rec.runInfo()),
                begin.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                seconds, mine);
        ReportWriter.Written w = ReportWriter.write(reportDir, run, Catalogue.all(), standardAllure(reportDir));
        Totals t = Totals.of(run.scenarios());
        StringBuilder line = new StringBuilder("xmemck report: ").append(reportDir.resolve(ReportWriter.INDEX))
                .append(" (").append(t.total()).append(" scenarios");
        for (Verdict v : Verdict.values()) line.append(", ").append(t.get(v)).append(' ').append(v.label());
        line.append(String.format(Locale.ROOT, "; %.1f scenarios/s)", run.scenariosPerSecond()));
        out.println(line);
        for (String p : w.problems()) out.println("xmemck report: " + p);
    }

    /** The Allure step of a live run: extras into the results, locate the tool, generate the single file. */
    public static ReportWriter.AllureStep standardAllure(Path reportDir) {
        return run -> {
            String mode = System.getProperty("xmemck.allure", "on");
            if (List.of("off", "false", "skip", "no").contains(mode.toLowerCase(Locale.ROOT))) {
                return new AllureReport.Skipped("skipped (-Dxmemck.allure=" + mode + ")");
            }
            Path results = AllureReport.resultsDir(reportDir);
            try {
                AllureReport.writeExtras(results, run);
            } catch (IOException x) {
                return new AllureReport.Failed("cannot write into the Allure results folder " + results + ": " + x);
            }
            StringBuilder log = new StringBuilder();
            AllureCommandline.Found tool = AllureCommandline.locate(AllureCommandline.fromEnvironment(), log);
            long timeout = Long.getLong("xmemck.allure.timeoutSeconds", 600);
            return AllureReport.generate(results, reportDir, tool, timeout);
        };
    }
}
