package xmemck.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xmemck.report.AllurePlugin;
import xmemck.report.AllureReport;
import xmemck.report.ConformancePlugin;
import xmemck.report.ReportWriter;

/**
 * How {@code ck run} sets up the Cucumber run of one adapter: the run's properties, the report
 * plugins, and the report folder before it starts. {@link AdapterRun} builds its runs from here,
 * and so does the suite benchmark ({@code SuiteBench}), which then measures what {@code ck run}
 * does.
 */
public final class CkRunSetup {
    private CkRunSetup() {}

    /**
     * Cucumber's message stream and its JUnit XML, beside the kit's reports, for any CI system to
     * read.
     */
    static final String MESSAGES = "cucumber-messages.ndjson";

    static final String JUNIT = "cucumber-junit.xml";

    /**
     * The properties the glue and the plugins read for the run ({@link xmemck.glue.RunScope}); a
     * null {@code sut}, {@code fault} or {@code timeoutMillis} is unset for the run. {@code
     * allure}: Allure's report is made in the background after the run, else not at all.
     */
    public static Map<String, String> properties(
            String adapter,
            String sut,
            String fault,
            Long timeoutMillis,
            Path reportDir,
            Path features,
            boolean allure) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("xmemck.adapter", adapter);
        p.put("xmemck.sut", sut);
        p.put("xmemck.fault", fault);
        p.put("xmemck.timeoutMillis", timeoutMillis == null ? null : timeoutMillis.toString());
        p.put("xmemck.reportDir", reportDir.toString());
        p.put("xmemck.features", features.toAbsolutePath().normalize().toString());
        p.put(AllureReport.RESULTS_PROPERTY, AllureReport.resultsDir(reportDir).toString());
        // In the background: neither this run's verdict nor the next adapter's run waits for the
        // Allure report.
        p.put("xmemck.allure", allure ? "background" : "off");
        return p;
    }

    /**
     * The report plugins by name ({@code html}, {@code junit}, {@code kit}, and {@code allure} when
     * Allure's report is wanted), each as Cucumber's arguments, in the order ck run gives them.
     */
    public static Map<String, List<String>> reportPlugins(Path reportDir, boolean allure) {
        Map<String, List<String>> plugins = new LinkedHashMap<>();
        plugins.put(
                "html", List.of("--plugin", "html:" + reportDir.resolve(ReportWriter.CUCUMBER)));
        plugins.put("junit", List.of("--plugin", "junit:" + reportDir.resolve(JUNIT)));
        plugins.put(
                "kit", List.of("--plugin", ConformancePlugin.class.getName() + ":" + reportDir));
        // Allure's raw results (thousands of files) only when its report is wanted.
        if (allure) plugins.put("allure", List.of("--plugin", AllurePlugin.class.getName()));
        return plugins;
    }

    /** Where Cucumber's message stream goes in the report folder. */
    public static Path messages(Path reportDir) {
        return reportDir.resolve(MESSAGES);
    }

    /**
     * The report folder before a run: the previous run's files go and a marker says a run is under
     * way (the report plugin clears Allure's results when the run starts).
     */
    public static void begin(Path reportDir, Instant started) throws IOException {
        RunMarker.begin(reportDir, started);
    }
}
