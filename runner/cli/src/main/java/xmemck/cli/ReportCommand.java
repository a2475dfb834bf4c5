package xmemck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import xmemck.conformance.Bundle;
import xmemck.conformance.Expectations;
import xmemck.conformance.InputFileException;
import xmemck.oracle.Catalogue;
import xmemck.records.ResultsJson;
import xmemck.records.RunReport;
import xmemck.report.ReportWriter;
import xmemck.report.SuiteIndexPage;

/**
 * {@code ck report DIR...}: rebuild the reports from saved results.json files, without running
 * anything. A folder with a results.json is rebuilt; a folder whose subfolders have them (what
 * {@code ck run} writes for several adapters) gets each of those rebuilt and its overview pages
 * (index.html, the combined matrix) written again.
 */
@Command(
        name = "report",
        mixinStandardHelpOptions = true,
        versionProvider = Ck.Version.class,
        description = {
            "Rebuild the pages and JSON files of saved runs from their results.json (the Allure report is kept as it is).",
            "A folder of runs (one subfolder per adapter) also gets its index.html and combined matrix.html again.",
            "With --merge-into, runs of the same adapter (the shards of a CI matrix) become one run each, in one report."
        },
        footer = {
            "",
            "Exit status: 0 rebuilt (with --merge-into: and every merged run passed); 1 a merged run did not pass;",
            "2 a folder without results, or a results.json that cannot be read; 5 a merged run judged nothing.",
            "",
            "Examples:",
            "  ck report                       the reports/ folder",
            "  ck report reports/linux",
            "  ck report --merge-into merged --expectations acme.expectations artifacts/",
            "                                  every shard's artifact under artifacts/, merged per adapter into merged/"
        })
final class ReportCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
            arity = "0..*",
            paramLabel = "DIR",
            description = "report folders (default: reports)")
    List<Path> dirs = new ArrayList<>();

    @Option(
            names = "--merge-into",
            paramLabel = "OUT",
            description =
                    "merge the runs found under the folders (three levels deep), one run per adapter, into OUT/ADAPTER/")
    Path mergeInto;

    @Option(
            names = "--expectations",
            paramLabel = "FILE",
            description =
                    "with --merge-into: decide the expectations again over all the shards' scenarios")
    Path expectations;

    /** Today's date for expiry decisions (tests set a fixed clock). */
    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (dirs.isEmpty()) dirs = List.of(Path.of("reports"));
        if (expectations != null && mergeInto == null) {
            err.println(
                    "ck report: --expectations goes with --merge-into (a single run's expectations were decided when it ran)");
            return Ck.USAGE;
        }
        if (mergeInto != null) {
            try {
                return merge(out, err);
            } catch (CliProblem p) {
                for (String line : p.getMessage().split("\n")) err.println("ck report: " + line);
                return p.status();
            }
        }
        int status = Ck.OK;
        for (Path dir : dirs) {
            try {
                rebuild(dir, out);
            } catch (CliProblem p) {
                err.println("ck report: " + p.getMessage());
                status = Math.max(status, p.status());
            }
        }
        return status;
    }

    private int merge(PrintWriter out, PrintWriter err) {
        Expectations exp = null;
        if (expectations != null) {
            try {
                exp = Expectations.read(expectations);
            } catch (InputFileException e) {
                throw new CliProblem(Ck.USAGE, e.getMessage());
            }
        }
        List<RunMerge.Merged> merged =
                RunMerge.merge(RunMerge.find(dirs), exp, LocalDate.now(clock));
        Path root = mergeInto.toAbsolutePath().normalize();
        RunPlan.writable(root);
        List<SuiteIndexPage.Entry> entries = new ArrayList<>();
        List<RunReport> runs = new ArrayList<>();
        for (RunMerge.Merged m : merged) {
            Path dir = root.resolve(m.adapter());
            RunPlan.writable(dir);
            ReportWriter.Written w =
                    ReportWriter.write(
                            dir,
                            m.run(),
                            Catalogue.all(),
                            ReportWriter.AllureStep.skipped(
                                    "merged from "
                                            + m.from().size()
                                            + " runs; each run's own folder has its Allure report"));
            for (String p : w.problems()) err.println("ck report: " + p);
            entries.add(new SuiteIndexPage.Entry(m.adapter(), m.run(), m.passed(), m.problems()));
            runs.add(m.run());
            out.println(
                    "ck report: "
                            + m.adapter()
                            + ": "
                            + m.from().size()
                            + " runs merged, "
                            + m.run().scenarios().size()
                            + " scenarios, "
                            + m.run().expectedFailures()
                            + " expected failure(s), "
                            + m.run().unexpectedFailures()
                            + " unexpected FAIL or ERROR: "
                            + (m.passed() ? "passed" : "did NOT pass")
                            + "; "
                            + dir.resolve(ReportWriter.INDEX));
            for (String p : m.problems()) err.println("ck report " + m.adapter() + ": " + p);
        }
        RunCommand.writeSuitePages(root, entries, runs, err);
        int status = Ck.OK;
        for (RunMerge.Merged m : merged)
            status = Math.max(status, AdapterRun.status(m.run(), m.passed()));
        return status;
    }

    private static void rebuild(Path dir, PrintWriter out) {
        if (!Files.isDirectory(dir)) throw new CliProblem(Ck.USAGE, "no folder " + dir);
        ReportWriter.incomplete(dir)
                .ifPresent(note -> out.println("ck report: " + dir + ": INCOMPLETE: " + note));
        if (Files.isRegularFile(dir.resolve(ReportWriter.RESULTS))) {
            rebuildOne(dir, out);
            return;
        }
        List<Path> runs;
        try (Stream<Path> list = Files.list(dir)) {
            runs =
                    list.filter(p -> Files.isRegularFile(p.resolve(ReportWriter.RESULTS)))
                            .sorted()
                            .toList();
        } catch (IOException e) {
            throw new CliProblem(Ck.USAGE, "cannot list " + dir + ": " + e.getMessage());
        }
        if (runs.isEmpty()) {
            throw new CliProblem(
                    Ck.USAGE,
                    "no "
                            + ReportWriter.RESULTS
                            + " in "
                            + dir
                            + " nor in its subfolders: nothing to rebuild");
        }
        List<SuiteIndexPage.Entry> entries = new ArrayList<>();
        List<RunReport> reports = new ArrayList<>();
        for (Path run : runs) {
            ReportWriter.incomplete(run)
                    .ifPresent(note -> out.println("ck report: " + run + ": INCOMPLETE: " + note));
            RunReport r = rebuildOne(run, out);
            reports.add(r);
            entries.add(
                    new SuiteIndexPage.Entry(
                            run.getFileName().toString(), r, passed(run, r), problems(run)));
        }
        StringWriter problems = new StringWriter();
        RunCommand.writeSuitePages(dir, entries, reports, new PrintWriter(problems));
        if (!problems.toString().isEmpty())
            throw new CliProblem(Ck.USAGE, problems.toString().strip());
        out.println(
                "ck report: "
                        + dir.resolve("index.html")
                        + " and "
                        + dir.resolve(SuiteIndexPage.COMBINED_MATRIX)
                        + " over "
                        + runs.size()
                        + " runs");
    }

    private static RunReport rebuildOne(Path dir, PrintWriter out) {
        try {
            ReportWriter.Written w = ReportWriter.rebuild(dir, Catalogue.all());
            for (String p : w.problems()) out.println("ck report: " + dir + ": " + p);
            RunReport run = ResultsJson.read(dir.resolve(ReportWriter.RESULTS));
            out.println(
                    "ck report: rebuilt "
                            + dir.resolve(ReportWriter.INDEX)
                            + " ("
                            + run.scenarios().size()
                            + " scenarios)");
            return run;
        } catch (IOException e) {
            throw new CliProblem(
                    Ck.USAGE,
                    "cannot read " + dir.resolve(ReportWriter.RESULTS) + ": " + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliProblem(Ck.USAGE, e.getMessage());
        }
    }

    /**
     * A run's outcome as its bundle recorded it (the bundle knows about expectations and drift);
     * else from its verdicts.
     */
    private static boolean passed(Path dir, RunReport run) {
        Bundle.Outcome b = bundle(dir);
        return b != null ? b.passed() : run.scenariosPassed();
    }

    private static List<String> problems(Path dir) {
        Bundle.Outcome b = bundle(dir);
        return b == null ? List.of() : b.problems();
    }

    /**
     * The outcome the run's bundle.json records; null when there is none or it cannot be read (the
     * pages then judge by the verdicts).
     */
    private static Bundle.Outcome bundle(Path dir) {
        Path f = dir.resolve(Bundle.FILE);
        if (!Files.isRegularFile(f)) return null;
        try {
            return Bundle.outcome(f);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
