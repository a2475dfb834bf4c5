package xmemck.report;

import xmemck.records.Matrix;
import xmemck.records.RunReport;
import xmemck.records.ResultsJson;
import xmemck.records.SummaryJson;
import xmemck.records.ProfileJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import xmemck.oracle.Clause;

/**
 * Writes every report of a run into the report directory. Each output is written on its own: one that cannot be
 * produced is listed in index.html with the reason, and the others are still written. The index comes last so it
 * can say what happened to each.
 */
public final class ReportWriter {
    private ReportWriter() {}

    public static final String INDEX = "index.html";
    public static final String MATRIX = "matrix.html";
    public static final String SUMMARY = "summary.json";
    public static final String PROFILE = "profile.json";
    public static final String RESULTS = "results.json";
    public static final String CUCUMBER = "cucumber.html";

    /** Produces the Allure report for a run (a seam, so tests and report rebuilds need not run the real tool). */
    @FunctionalInterface
    public interface AllureStep {
        AllureReport.Outcome run(RunReport run);

        /** Never generates: for tests and for rebuilding reports where the run's Allure results are gone. */
        static AllureStep skipped(String why) { return run -> new AllureReport.Skipped(why); }
    }

    /** What was written, and the problems met on the way (empty when everything was produced). */
    public record Written(List<ReportFile> files, List<String> problems) {
        public Written {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
        }
    }

    public static Written write(Path dir, RunReport run, List<Clause> catalogue, AllureStep allure) {
        List<ReportFile> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return new Written(List.of(), List.of("cannot create the report directory " + dir + ": " + e));
        }
        Matrix matrix = Matrix.of(catalogue, List.of(run));

        files.add(file(dir, MATRIX, "Conformance matrix", "clauses by verdict; click a cell for its scenarios",
                () -> MatrixPage.render(matrix, "Conformance matrix: " + run.adapter().id()), problems));
        if (Files.exists(dir.resolve(CUCUMBER))) {
            files.add(ReportFile.ok("Cucumber report", CUCUMBER, "every scenario and step, as Cucumber ran them"));
        } else {
            files.add(ReportFile.missing("Cucumber report", "no " + CUCUMBER + " in this directory (Cucumber's html plugin writes it during a run)"));
        }

        AllureReport.Outcome outcome;
        try {
            outcome = allure.run(run);
        } catch (RuntimeException e) {
            outcome = new AllureReport.Failed("unexpected " + e);
        }
        switch (outcome) {
            case AllureReport.Generated g -> files.add(ReportFile.ok("Allure report", g.link(), g.seconds() > 0
                    ? String.format(java.util.Locale.ROOT, "one self-contained file (generated in %.1f s)", g.seconds())
                    : "one self-contained file"));
            case AllureReport.Failed f -> {
                files.add(ReportFile.missing("Allure report", f.reason()));
                problems.add("Allure report not generated: " + f.reason());
            }
            case AllureReport.Skipped s -> files.add(ReportFile.missing("Allure report", s.reason()));
        }

        files.add(file(dir, SUMMARY, SUMMARY, "totals and per-clause verdicts, for machines",
                () -> SummaryJson.render(run, matrix), problems));
        files.add(file(dir, PROFILE, PROFILE, "implementation-defined choices observed in this run",
                () -> ProfileJson.render(run), problems));
        files.add(file(dir, RESULTS, RESULTS, "every scenario result in full; reports can be rebuilt from it",
                () -> ResultsJson.render(run), problems));

        ReportFile index = file(dir, INDEX, INDEX, "", () -> IndexPage.render(run, matrix, files), problems);
        List<ReportFile> all = new ArrayList<>(files);
        all.addFirst(index);
        return new Written(all, problems);
    }

    /** Rebuilds the pages and JSON files of a run saved as results.json (its Allure report is left as it is). */
    public static Written rebuild(Path dir, List<Clause> catalogue) throws IOException {
        Path results = dir.resolve(RESULTS);
        RunReport run = ResultsJson.read(Files.readString(results, StandardCharsets.UTF_8), results.toString());
        boolean haveAllure = Files.isRegularFile(dir.resolve(AllureReport.LINK));
        return write(dir, run, catalogue, r -> haveAllure ? new AllureReport.Generated(AllureReport.LINK, 0)
                : new AllureReport.Skipped("not generated when the reports were rebuilt from " + RESULTS));
    }

    interface Render { String text() throws Exception; }

    /** Renders and writes one file through a temporary name, so a reader never sees half a file. */
    private static ReportFile file(Path dir, String name, String label, String note, Render r, List<String> problems) {
        try {
            Path tmp = dir.resolve(name + ".tmp");
            Files.writeString(tmp, r.text(), StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            return ReportFile.ok(label, name, note);
        } catch (Exception e) {
            problems.add(name + " not written: " + e);
            return ReportFile.missing(label, e.toString());
        }
    }
}
