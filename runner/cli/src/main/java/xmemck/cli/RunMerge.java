package xmemck.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import xmemck.conformance.Bundle;
import xmemck.conformance.ExpectationCheck;
import xmemck.conformance.Expectations;
import xmemck.harness.ScenarioResult;
import xmemck.records.ResultsJson;
import xmemck.records.RunReport;
import xmemck.report.ReportWriter;

/**
 * Runs of one adapter made in pieces (the shards of a CI matrix) merged into one run: their
 * scenarios together, their expected failures and problems together; and, given the expectations
 * file, the expectations decided again over all the scenarios (an entry whose scenarios passed in
 * one shard may fail in another).
 */
final class RunMerge {
    private RunMerge() {}

    /**
     * One saved run: its folder, its results, and the outcome its bundle records (null when it has
     * no bundle).
     */
    record Saved(Path dir, RunReport run, Bundle.Outcome bundle) {}

    /** One merged run: the runs it came from, the run, its problems and outcome. */
    record Merged(
            String adapter,
            List<Path> from,
            RunReport run,
            List<String> problems,
            boolean passed) {}

    /**
     * Every results.json at most three folders below each of {@code roots}, read with its bundle.
     */
    static List<Saved> find(List<Path> roots) {
        List<Saved> out = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) throw new CliProblem(Ck.USAGE, "no folder " + root);
            List<Path> files;
            try (Stream<Path> walk = Files.walk(root, 3)) {
                files =
                        walk.filter(
                                        p ->
                                                p.getFileName()
                                                                .toString()
                                                                .equals(ReportWriter.RESULTS)
                                                        && Files.isRegularFile(p))
                                .sorted()
                                .toList();
            } catch (IOException e) {
                throw new CliProblem(Ck.USAGE, "cannot read " + root + ": " + e.getMessage());
            }
            for (Path f : files) out.add(read(f.getParent()));
        }
        if (out.isEmpty())
            throw new CliProblem(
                    Ck.USAGE,
                    "no " + ReportWriter.RESULTS + " under " + roots + ": nothing to merge");
        return out;
    }

    static Saved read(Path dir) {
        Path results = dir.resolve(ReportWriter.RESULTS);
        RunReport run;
        try {
            run = ResultsJson.read(results);
        } catch (IllegalArgumentException e) {
            throw new CliProblem(Ck.USAGE, e.getMessage());
        }
        Bundle.Outcome bundle = null;
        Path b = dir.resolve(Bundle.FILE);
        if (Files.isRegularFile(b)) {
            try {
                bundle = Bundle.outcome(b);
            } catch (IllegalArgumentException e) {
                throw new CliProblem(Ck.USAGE, "cannot read the bundle: " + e.getMessage());
            }
        }
        return new Saved(dir, run, bundle);
    }

    /**
     * The runs grouped by adapter and merged; {@code expectations} (may be null) is decided again
     * over each whole.
     */
    static List<Merged> merge(List<Saved> saved, Expectations expectations, LocalDate today) {
        Map<String, List<Saved>> byAdapter = new LinkedHashMap<>();
        for (Saved s : saved)
            byAdapter.computeIfAbsent(s.run().adapter().id(), k -> new ArrayList<>()).add(s);
        List<Merged> out = new ArrayList<>();
        byAdapter.forEach(
                (adapter, parts) -> out.add(mergeOne(adapter, parts, expectations, today)));
        return out;
    }

    private static Merged mergeOne(
            String adapter, List<Saved> parts, Expectations expectations, LocalDate today) {
        List<ScenarioResult> scenarios = new ArrayList<>();
        Map<String, Path> seen = new LinkedHashMap<>();
        Map<String, String> notes = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        String startedAt = null;
        double seconds = 0;
        for (Saved s : parts) {
            for (ScenarioResult r : s.run().scenarios()) {
                Path before = seen.putIfAbsent(r.id(), s.dir());
                if (before != null) {
                    throw new CliProblem(
                            Ck.USAGE,
                            "scenario "
                                    + r.id()
                                    + " of adapter "
                                    + adapter
                                    + " is in both "
                                    + before
                                    + " and "
                                    + s.dir()
                                    + ": merge the shards of one run, not two runs of the same adapter");
                }
                scenarios.add(r);
            }
            notes.putAll(s.run().expected());
            if (!s.run().startedAt().isEmpty()
                    && (startedAt == null || s.run().startedAt().compareTo(startedAt) < 0))
                startedAt = s.run().startedAt();
            seconds += s.run().durationSeconds();
            // Whether anything passed is decided over the merged run, not per shard.
            problems.addAll(
                    problems(s, expectations != null).stream()
                            .filter(p -> !AdapterRun.isNoPass(p))
                            .toList());
        }
        RunReport first = parts.getFirst().run();
        if (expectations != null) {
            ExpectationCheck.Reconciliation rec =
                    ExpectationCheck.reconcile(expectations, scenarios, today);
            notes = rec.notes();
            problems.addAll(rec.problems());
        }
        RunReport run =
                new RunReport(
                        first.kitVersion(), first.adapter(), startedAt, seconds, scenarios, notes);
        if (!scenarios.isEmpty() && !run.anyPassed()) problems.add(AdapterRun.noPass(scenarios));
        boolean passed =
                run.unexpectedFailures() == 0 && problems.isEmpty() && !scenarios.isEmpty();
        return new Merged(adapter, parts.stream().map(Saved::dir).toList(), run, problems, passed);
    }

    /**
     * A part's problems from its bundle; without its expectation problems when the merge decides
     * those again.
     */
    private static List<String> problems(Saved s, boolean withoutExpectationProblems) {
        List<String> out = new ArrayList<>();
        if (s.bundle() == null) return out;
        for (String p : s.bundle().problems()) {
            if (!(withoutExpectationProblems && s.bundle().expectationProblems().contains(p)))
                out.add(s.dir().getFileName() + ": " + p);
        }
        return out;
    }
}
