package xmemck.report;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import xmemck.oracle.Clause;
import xmemck.records.Matrix;
import xmemck.records.ProfileJson;
import xmemck.records.ResultsJson;
import xmemck.records.RunReport;
import xmemck.records.SummaryJson;

/**
 * Writes every report of a run into the report directory. Each output is written on its own: one
 * that cannot be produced is listed in index.html with the reason, and the others are still
 * written. The index comes last so it can say what happened to each.
 */
public final class ReportWriter {
    private ReportWriter() {}

    public static final String INDEX = "index.html";
    public static final String MATRIX = "matrix.html";
    public static final String SUMMARY = "summary.json";
    public static final String PROFILE = "profile.json";
    public static final String RESULTS = "results.json";
    public static final String CUCUMBER = "cucumber.html";

    /**
     * Cucumber's message stream and JUnit XML, written beside the reports by Cucumber's message and
     * junit plugins.
     */
    public static final String MESSAGES = "cucumber-messages.ndjson";

    public static final String JUNIT = "cucumber-junit.xml";

    /**
     * Present in a run's folder from its start until it ended cleanly ({@code ck run} writes and
     * removes it): a folder that still has it holds a run that was interrupted, whose files are
     * partial. {@link #rebuild} shows it.
     */
    public static final String INCOMPLETE = "INCOMPLETE";

    /** The label of index.html's line about {@link #INCOMPLETE}. */
    public static final String INCOMPLETE_LABEL = "Run incomplete";

    /** The files a run of ck run writes into its folder, cleared when the next run there starts. */
    public static final List<String> RUN_FILES =
            List.of(INDEX, MATRIX, SUMMARY, PROFILE, RESULTS, "bundle.json");

    /** The note of an {@link #INCOMPLETE} marker in {@code dir}, if there is one. */
    public static java.util.Optional<String> incomplete(Path dir) {
        Path marker = dir.resolve(INCOMPLETE);
        if (!Files.isRegularFile(marker)) return java.util.Optional.empty();
        try {
            return java.util.Optional.of(
                    UntrustedRun.note(Files.readString(marker, StandardCharsets.UTF_8)));
        } catch (IOException e) {
            return java.util.Optional.of("the run in this folder did not finish");
        }
    }

    private static final java.util.concurrent.ConcurrentHashMap<Path, Object> LOCKS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The lock held while a report directory's pages are written: a background Allure report
     * ({@link AllureBackground}) rewrites them when it ends, possibly while the run rewrites them
     * too.
     */
    static Object lockFor(Path dir) {
        return LOCKS.computeIfAbsent(dir.toAbsolutePath().normalize(), k -> new Object());
    }

    /**
     * Produces the Allure report for a run (a seam, so tests and report rebuilds need not run the
     * real tool).
     */
    @FunctionalInterface
    public interface AllureStep {
        AllureReport.Outcome run(RunReport run);

        /**
         * Never generates: for tests and for rebuilding reports where the run's Allure results are
         * gone.
         */
        static AllureStep skipped(String why) {
            return run -> new AllureReport.Skipped(why);
        }
    }

    /** What was written, and the problems met on the way (empty when everything was produced). */
    public record Written(List<ReportFile> files, List<String> problems) {
        public Written {
            files = List.copyOf(files);
            problems = List.copyOf(problems);
        }
    }

    public static Written write(
            Path dir, RunReport run, List<Clause> catalogue, AllureStep allure) {
        synchronized (lockFor(dir)) {
            return writeLocked(dir, UntrustedRun.safe(run), catalogue, allure, null);
        }
    }

    private static Written writeLocked(
            Path dir, RunReport run, List<Clause> catalogue, AllureStep allure, String incomplete) {
        List<ReportFile> files = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        if (incomplete != null) files.add(ReportFile.missing(INCOMPLETE_LABEL, incomplete));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            return new Written(
                    List.of(), List.of("cannot create the report directory " + dir + ": " + e));
        }
        Matrix matrix = Matrix.of(catalogue, List.of(run));

        files.add(
                file(
                        dir,
                        MATRIX,
                        "Conformance matrix",
                        MATRIX_NOTE,
                        () ->
                                MatrixPage.render(
                                        matrix, "Conformance matrix: " + run.adapter().id()),
                        problems));
        files.addAll(cucumberOutputs(dir));

        AllureReport.Outcome outcome;
        try {
            outcome = allure.run(run);
        } catch (RuntimeException e) {
            outcome = new AllureReport.Failed("unexpected " + e);
        }
        files.add(allureEntry(outcome, problems));

        files.add(
                file(
                        dir,
                        SUMMARY,
                        SUMMARY,
                        SUMMARY_NOTE,
                        () -> SummaryJson.render(run, matrix),
                        problems));
        files.add(
                file(dir, PROFILE, PROFILE, PROFILE_NOTE, () -> ProfileJson.render(run), problems));
        // results.json grows with the run: streamed to the file, never held as one string.
        files.add(
                file(
                        dir,
                        RESULTS,
                        RESULTS,
                        RESULTS_NOTE,
                        out -> ResultsJson.write(run, out),
                        problems));

        ReportFile index =
                file(dir, INDEX, INDEX, "", () -> IndexPage.render(run, matrix, files), problems);
        List<ReportFile> all = new ArrayList<>(files);
        all.addFirst(index);
        return new Written(all, problems);
    }

    /**
     * Rebuilds the pages and JSON files of a run saved as results.json (its Allure report is left
     * as it is).
     */
    public static Written rebuild(Path dir, List<Clause> catalogue) throws IOException {
        RunReport run =
                ResultsJson.read(
                        dir.resolve(RESULTS)); // streamed from the file: it grows with the run
        boolean haveAllure = Files.isRegularFile(dir.resolve(AllureReport.LINK));
        java.util.Optional<String> incomplete = incomplete(dir);
        if (incomplete.isPresent()) {
            synchronized (lockFor(dir)) {
                return writeLocked(
                        dir,
                        UntrustedRun.safe(run),
                        catalogue,
                        r -> new AllureReport.Skipped("the run did not finish"),
                        incomplete.get());
            }
        }
        return write(
                dir,
                run,
                catalogue,
                r ->
                        haveAllure
                                ? new AllureReport.Generated(AllureReport.LINK, 0)
                                : new AllureReport.Skipped(
                                        "not generated when the reports were rebuilt from "
                                                + RESULTS));
    }

    /**
     * Rewrites index.html alone, from results.json, to show {@code allure} as the Allure report's
     * outcome: how a report made in the background reaches the page. Every other file stays as it
     * was written (results.json is only read).
     */
    static Written refreshIndex(Path dir, List<Clause> catalogue, AllureReport.Outcome allure)
            throws IOException {
        synchronized (lockFor(dir)) {
            RunReport run = UntrustedRun.safe(ResultsJson.read(dir.resolve(RESULTS)));
            List<String> problems = new ArrayList<>();
            List<ReportFile> files = new ArrayList<>();
            files.add(existing(dir, MATRIX, "Conformance matrix", MATRIX_NOTE));
            files.addAll(cucumberOutputs(dir));
            files.add(allureEntry(allure, problems));
            files.add(existing(dir, SUMMARY, SUMMARY, SUMMARY_NOTE));
            files.add(existing(dir, PROFILE, PROFILE, PROFILE_NOTE));
            files.add(existing(dir, RESULTS, RESULTS, RESULTS_NOTE));
            ReportFile index =
                    file(
                            dir,
                            INDEX,
                            INDEX,
                            "",
                            () -> IndexPage.render(run, Matrix.of(catalogue, List.of(run)), files),
                            problems);
            List<ReportFile> all = new ArrayList<>(files);
            all.addFirst(index);
            return new Written(all, problems);
        }
    }

    private static final String MATRIX_NOTE = "clauses by verdict; click a cell for its scenarios";
    private static final String SUMMARY_NOTE = "totals and per-clause verdicts, for machines";
    private static final String PROFILE_NOTE =
            "implementation-defined choices observed in this run";
    private static final String RESULTS_NOTE =
            "every scenario result in full; reports can be rebuilt from it";

    /** A file this class wrote earlier, linked when it is there. */
    private static ReportFile existing(Path dir, String name, String label, String note) {
        return Files.isRegularFile(dir.resolve(name))
                ? ReportFile.ok(label, name, note)
                : ReportFile.missing(label, "not written");
    }

    /**
     * The files Cucumber's own plugins write during the run (html, message, junit), linked when
     * they are there.
     */
    private static List<ReportFile> cucumberOutputs(Path dir) {
        return List.of(
                cucumberOutput(
                        dir,
                        CUCUMBER,
                        "Cucumber report",
                        "every scenario and step, as Cucumber ran them; its pass rate counts"
                                + " skipped scenarios (see below)",
                        "html"),
                cucumberOutput(
                        dir,
                        MESSAGES,
                        "Cucumber messages",
                        "Cucumber's message stream (NDJSON), for tools",
                        "message"),
                cucumberOutput(
                        dir,
                        JUNIT,
                        "JUnit XML",
                        "every scenario as a JUnit test case, for CI systems",
                        "junit"));
    }

    private static ReportFile cucumberOutput(
            Path dir, String name, String label, String note, String plugin) {
        if (Files.isRegularFile(dir.resolve(name))) return ReportFile.ok(label, name, note);
        return ReportFile.missing(
                label,
                "no "
                        + name
                        + " in this directory (Cucumber's "
                        + plugin
                        + " plugin writes it during a run)");
    }

    /** The Allure report's line in index.html; a failure is also one of the run's problems. */
    private static ReportFile allureEntry(AllureReport.Outcome outcome, List<String> problems) {
        return switch (outcome) {
            case AllureReport.Generated g ->
                    ReportFile.ok(
                            "Allure report",
                            g.link(),
                            (g.seconds() > 0
                                            ? String.format(
                                                    java.util.Locale.ROOT,
                                                    "one self-contained file (generated in %.1f s)",
                                                    g.seconds())
                                            : "one self-contained file")
                                    + "; its pass rate leaves skipped scenarios out (see below)");
            case AllureReport.Failed f -> {
                problems.add("Allure report not generated: " + f.reason());
                yield ReportFile.missing("Allure report", f.reason());
            }
            case AllureReport.Skipped s -> ReportFile.missing("Allure report", s.reason());
            case AllureReport.Pending p -> ReportFile.pending("Allure report", p.note());
        };
    }

    interface Render {
        String text() throws Exception;
    }

    interface Streamed {
        void to(Writer out) throws Exception;
    }

    /** Renders and writes one file through a temporary name, so a reader never sees half a file. */
    private static ReportFile file(
            Path dir, String name, String label, String note, Render r, List<String> problems) {
        return file(dir, name, label, note, (Streamed) out -> out.write(r.text()), problems);
    }

    private static ReportFile file(
            Path dir, String name, String label, String note, Streamed r, List<String> problems) {
        try {
            Path tmp = dir.resolve(name + ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                r.to(out);
            }
            Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            return ReportFile.ok(label, name, note);
        } catch (Exception e) {
            problems.add(name + " not written: " + e);
            return ReportFile.missing(label, e.toString());
        }
    }
}
