package xmemck.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import xmemck.conformance.Bundle;
import xmemck.conformance.ExpectationCheck;
import xmemck.conformance.ProfileDrift;
import xmemck.glue.CucumberRun;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Catalogue;
import xmemck.oracle.Verdict;
import xmemck.records.AdapterInfo;
import xmemck.records.KitVersion;
import xmemck.records.RunReport;
import xmemck.records.Totals;
import xmemck.report.AllureBackground;
import xmemck.report.AllureReport;
import xmemck.report.ReportWriter;

/**
 * The feature suite against one adapter, in this JVM, through Cucumber with the same plugins as the
 * Maven run, into {@code REPORT-DIR/ADAPTER/}; then the run is held against the expectations and
 * the declared profile, its reports are rewritten to show expected failures, and bundle.json is
 * written.
 */
final class AdapterRun {
    private AdapterRun() {}

    /**
     * How the run went. {@code problems} are what failed it beyond unexpected FAIL and ERROR
     * scenarios.
     */
    record Outcome(
            AdapterChoice adapter,
            Path dir,
            RunReport run,
            ExpectationCheck.Reconciliation reconciliation,
            ProfileDrift.Drift drift,
            List<String> problems,
            boolean passed,
            boolean reportsWritten,
            boolean whole) {

        /**
         * This run's exit status ({@link AdapterRun#status}); {@code whole} is false for one shard
         * of several.
         */
        int status() {
            return AdapterRun.status(run, passed, whole);
        }
    }

    /**
     * Settings that are not part of the plan; {@code together} when other adapters run at the same
     * time (progress then comes in whole lines, never rewritten in place).
     */
    record Settings(
            Long timeoutMillis, boolean allure, boolean progress, Clock clock, boolean together) {}

    static Outcome run(
            RunPlan plan, AdapterChoice a, Settings s, PrintWriter out, PrintWriter err) {
        Path dir = plan.reportRoot().resolve(a.folder());
        LocalDate today = LocalDate.now(s.clock());
        Map<String, String> properties =
                CkRunSetup.properties(
                        a.id(),
                        a.sut(),
                        a.fault(),
                        s.timeoutMillis(),
                        dir,
                        plan.suite().root(),
                        s.allure());
        if (s.together()) properties.put(ProgressPlugin.LINES, "true");
        ProgressPlugin.labelWith(
                dir,
                r ->
                        r.verdict().label()
                                + (ExpectationCheck.covering(plan.expectations(), today, r)
                                                .isPresent()
                                        ? " (expected)"
                                        : ""));
        Instant started = s.clock().instant();
        List<String> unwritten = new ArrayList<>();
        try {
            CkRunSetup.begin(dir, started);
        } catch (IOException e) {
            unwritten.add(dir + ": the previous run's files could not be cleared: " + e);
        }
        long startNanos = System.nanoTime();
        byte status;
        List<ScenarioResult> results = List.of();
        Map<String, String> info = Map.of();
        try {
            out.println(
                    "ck run "
                            + a.id()
                            + ": "
                            + plan.selected().size()
                            + " scenarios"
                            + (plan.shard().isAll() ? "" : " (shard " + plan.shard() + ")")
                            + (a.sut() == null ? "" : ", implementation " + a.sut())
                            + ", reports in "
                            + dir);
            out.flush();
            CucumberRun.Outcome o =
                    new CucumberRun(
                                    properties,
                                    cucumberArguments(plan, dir, s),
                                    CkRunSetup.messages(dir))
                            .execute();
            status = o.status();
            results = o.read().results();
            info = o.read().info();
        } catch (RuntimeException e) {
            status = 1;
            err.println("ck run " + a.id() + ": the features could not be run: " + e);
        } finally {
            ProgressPlugin.forget(dir);
        }
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        Outcome outcome =
                conclude(
                        plan, a, s, dir, today, started, seconds, status, results, info, unwritten,
                        out, err);
        return outcome;
    }

    /**
     * The Allure reports are made on a daemon thread while ck goes on; after the plan's adapters
     * (their verdicts printed) ck waits for them, since the JVM exits right after the overview
     * pages.
     */
    static void awaitAllureReports(PrintWriter out, PrintWriter err) {
        if (AllureBackground.running()) {
            out.println("ck run: waiting for the Allure report(s) still being generated ...");
            out.flush();
        }
        for (String p : AllureBackground.awaitAll()) err.println("ck run: " + p);
        err.flush();
    }

    private static Outcome conclude(
            RunPlan plan,
            AdapterChoice a,
            Settings s,
            Path dir,
            LocalDate today,
            Instant started,
            double seconds,
            byte status,
            List<ScenarioResult> results,
            Map<String, String> info,
            List<String> unwritten,
            PrintWriter out,
            PrintWriter err) {
        ExpectationCheck.Reconciliation rec =
                ExpectationCheck.reconcile(plan.expectations(), results, today, plan.elsewhere());
        ProfileDrift.Drift drift =
                plan.profile() == null ? null : ProfileDrift.compare(plan.profile(), results);
        AdapterInfo adapter =
                info.isEmpty()
                        ? new AdapterInfo(a.id(), a.id(), List.of(), Map.of())
                        : AdapterInfo.fromRunInfo(info);
        RunReport run =
                xmemck.report.UntrustedRun.safe(
                        new RunReport(
                                KitVersion.get(),
                                adapter,
                                started.truncatedTo(ChronoUnit.SECONDS).toString(),
                                seconds,
                                results,
                                rec.notes()));

        Decision d = decide(rec, drift, results, status, plan.shard().isAll());
        if (!plan.shard().isAll()
                && !results.isEmpty()
                && results.stream().noneMatch(r -> r.verdict() == Verdict.PASS)) {
            out.println(
                    "ck run "
                            + a.id()
                            + ": no scenario passed in this shard; ck report --merge-into DIR decides over all shards whether"
                            + " the run judged anything");
        }
        List<String> problems = d.problems();
        boolean passed = d.passed();

        if (!rec.expected().isEmpty()) rewriteReports(dir, run, s.allure(), err);
        writeBundle(plan, a, dir, run, drift, rec.problems(), problems, passed, s.clock(), err);
        // Every file a run writes must be there, written by this run (the previous run's were
        // cleared at its start).
        unwritten.addAll(RunMarker.end(dir));
        summarise(a, run, rec, drift, problems, passed, unwritten, dir, out, err);
        return new Outcome(
                a,
                dir,
                run,
                rec,
                drift,
                problems,
                passed,
                unwritten.isEmpty(),
                plan.shard().isAll());
    }

    /**
     * A run's outcome: what failed it beyond unexpected FAIL and ERROR scenarios, and whether it
     * passed.
     */
    record Decision(List<String> problems, boolean passed, boolean whole) {
        Decision {
            problems = List.copyOf(problems);
        }

        Decision(List<String> problems, boolean passed) {
            this(problems, passed, true);
        }
    }

    /**
     * A run passes when it ran something, no FAIL or ERROR is left that the expectations do not
     * cover, and nothing else went wrong: no unexpected pass or expired expectation, no drift from
     * the declared profile, and no problem Cucumber reported on its own (a non-zero status without
     * any failed scenario).
     */
    static Decision decide(
            ExpectationCheck.Reconciliation rec,
            ProfileDrift.Drift drift,
            List<ScenarioResult> results,
            byte cucumberStatus) {
        return decide(rec, drift, results, cucumberStatus, true);
    }

    /**
     * As above; a run that is one shard of several ({@code whole} false) is not failed for passing
     * no scenario: whether the run passed any is decided over all the shards when they are merged.
     */
    static Decision decide(
            ExpectationCheck.Reconciliation rec,
            ProfileDrift.Drift drift,
            List<ScenarioResult> results,
            byte cucumberStatus,
            boolean whole) {
        List<String> problems = new ArrayList<>(rec.problems());
        if (drift != null) {
            for (ProfileDrift.Difference d : drift.differences())
                problems.add("profile drift: " + d.describe());
        }
        if (results.isEmpty())
            problems.add("no scenario ran (do the features exist, and does --tags select any?)");
        else if (whole && results.stream().noneMatch(r -> r.verdict() == Verdict.PASS))
            problems.add(noPass(results));
        boolean anyBroken =
                results.stream()
                        .anyMatch(
                                r ->
                                        r.verdict() == Verdict.FAIL
                                                || r.verdict() == Verdict.ERROR
                                                || r.verdict() == null);
        if (cucumberStatus != 0 && !anyBroken)
            problems.add(
                    "Cucumber reported a problem (exit status "
                            + cucumberStatus
                            + "); see its output");
        return new Decision(
                problems,
                rec.unexpectedFailures().isEmpty() && problems.isEmpty() && !results.isEmpty(),
                whole);
    }

    /**
     * "312 of 330 clauses judged": a clause is judged when a scenario passed on it or a finding
     * names it.
     */
    static String judgedLine(RunReport run) {
        xmemck.records.Matrix m = xmemck.records.Matrix.of(Catalogue.all(), List.of(run));
        int judged = m.judged(0).size();
        return judged + " of " + (judged + m.notJudged(0).size()) + " clauses judged";
    }

    /**
     * Why a run that ran scenarios but passed none is not passed: nothing judged, or only failures.
     */
    static String noPass(List<ScenarioResult> results) {
        Totals t = Totals.of(results);
        if (t.get(Verdict.FAIL) == 0) {
            return NOTHING_JUDGED
                    + "no scenario passed or failed ("
                    + t.get(Verdict.UNSUPPORTED)
                    + " UNSUPPORTED, "
                    + t.get(Verdict.OUTSIDE_CONTRACT)
                    + " OUTSIDE-CONTRACT, "
                    + t.get(Verdict.ERROR)
                    + " ERROR), so the run makes no conformance claim";
        }
        return NO_PASS;
    }

    /**
     * Is {@code problem} one {@link #noPass} wrote? (A merge of shards decides it again over all of
     * them.)
     */
    static boolean isNoPass(String problem) {
        return problem.startsWith(NOTHING_JUDGED) || problem.equals(NO_PASS);
    }

    private static final String NOTHING_JUDGED = "nothing judged: ";
    private static final String NO_PASS = "no scenario passed, so the run is not passed";

    /** The exit status of one whole run's outcome: 0 passed, 5 nothing judged, else 1. */
    static int status(RunReport run, boolean passed) {
        return status(run, passed, true);
    }

    /**
     * As above; a shard ({@code whole} false) that judged nothing is left to the merge of all
     * shards.
     */
    static int status(RunReport run, boolean passed, boolean whole) {
        if (whole && run.judgedNothing()) return Ck.NOTHING_JUDGED;
        return passed ? Ck.OK : Ck.FAILED;
    }

    private static List<String> cucumberArguments(RunPlan plan, Path dir, Settings s) {
        // ck prints its own summary; Cucumber's repeats every failure with a stack trace.
        List<String> args = new ArrayList<>(List.of("--no-summary"));
        CkRunSetup.reportPlugins(dir, s.allure()).values().forEach(args::addAll);
        if (s.progress())
            args.addAll(
                    List.of(
                            "--plugin",
                            ProgressPlugin.class.getName() + ":" + plan.selected().size()));
        if (!plan.tags().isEmpty()) args.addAll(List.of("--tags", plan.tags()));
        args.addAll(plan.featureArguments());
        return args;
    }

    /**
     * The report plugin wrote the pages without knowing the expectations: write them again, showing
     * its Allure report as it stands (still being generated in the background, or done).
     */
    private static void rewriteReports(Path dir, RunReport run, boolean allure, PrintWriter err) {
        boolean haveAllure = allure && Files.isRegularFile(dir.resolve(AllureReport.LINK));
        ReportWriter.Written w =
                ReportWriter.write(
                        dir,
                        run,
                        Catalogue.all(),
                        r ->
                                AllureBackground.state(dir)
                                        .orElseGet(
                                                () ->
                                                        haveAllure
                                                                ? new AllureReport.Generated(
                                                                        AllureReport.LINK, 0)
                                                                : new AllureReport.Skipped(
                                                                        allure
                                                                                ? "not generated (see allure-generate.log)"
                                                                                : "skipped (--no-allure)")));
        for (String p : w.problems()) err.println("ck run: " + p);
    }

    private static void writeBundle(
            RunPlan plan,
            AdapterChoice a,
            Path dir,
            RunReport run,
            ProfileDrift.Drift drift,
            List<String> expectationProblems,
            List<String> problems,
            boolean passed,
            Clock clock,
            PrintWriter err) {
        Bundle.Context c =
                new Bundle.Context(
                        clock.instant().truncatedTo(ChronoUnit.SECONDS).toString(),
                        a.sut(),
                        a.fault(),
                        plan.tags(),
                        plan.shard(),
                        plan.suite(),
                        plan.expectations().source().isEmpty() ? null : plan.expectations(),
                        plan.profile(),
                        drift == null ? 0 : drift.differences().size(),
                        expectationProblems,
                        problems,
                        passed);
        try {
            RunMarker.writeAtomically(dir.resolve(Bundle.FILE), Bundle.render(run, c));
        } catch (IOException | RuntimeException e) {
            err.println("ck run: " + Bundle.FILE + " not written: " + e);
        }
    }

    private static void summarise(
            AdapterChoice a,
            RunReport run,
            ExpectationCheck.Reconciliation rec,
            ProfileDrift.Drift drift,
            List<String> problems,
            boolean passed,
            List<String> unwritten,
            Path dir,
            PrintWriter out,
            PrintWriter err) {
        Totals t = Totals.of(run.scenarios());
        StringBuilder line = new StringBuilder();
        for (Verdict v : Verdict.values())
            line.append(line.isEmpty() ? "" : ", ").append(v.label()).append(' ').append(t.get(v));
        out.printf(
                Locale.ROOT,
                "ck run %s: %d scenario(s) in %.2f s (%.0f scenarios/s): %s%s%n",
                a.id(),
                run.scenarios().size(),
                run.durationSeconds(),
                run.scenariosPerSecond(),
                line,
                run.expectedFailures() > 0
                        ? "; " + run.expectedFailures() + " expected failure(s)"
                        : "");
        int shown = 0;
        for (ScenarioResult r : rec.unexpectedFailures()) {
            if (shown++ == 20) {
                err.println(
                        "  ... and "
                                + (rec.unexpectedFailures().size() - 20)
                                + " more (see the reports)");
                break;
            }
            // The first two lines of the reason: the clauses, then the first finding (the reports
            // have the rest).
            List<String> reason =
                    r.reason() == null ? List.of() : r.reason().lines().limit(2).toList();
            err.println("  " + r.verdict().label() + "  " + r.id() + "  " + r.name());
            for (String l : reason) err.println("      " + l);
        }
        for (String p : problems) err.println("ck run " + a.id() + ": " + p);
        for (var e : rec.notExercised())
            out.println(
                    "ck run "
                            + a.id()
                            + ": "
                            + e.where()
                            + ": "
                            + e.target().describe()
                            + " was not exercised by this run");
        for (var e : rec.undecided()) {
            out.println(
                    "ck run "
                            + a.id()
                            + ": "
                            + e.where()
                            + ": "
                            + e.target().describe()
                            + " passed in this shard but has scenarios in other"
                            + " shards: ck report --merge-into DIR --expectations FILE decides over all shards");
        }
        if (drift != null && drift.none())
            out.println(
                    "ck run "
                            + a.id()
                            + ": no drift from the declared profile ("
                            + drift.compared()
                            + " scenarios compared)");
        if (drift != null && !drift.none()) {
            err.println(
                    "ck run "
                            + a.id()
                            + ": "
                            + drift.differences().size()
                            + " difference(s) from the declared profile; if the new behaviour is"
                            + " intended, declare it: copy "
                            + dir.resolve(xmemck.report.ReportWriter.PROFILE)
                            + " over the declared profile");
        }
        out.println(
                "ck run "
                        + a.id()
                        + ": "
                        + (passed
                                ? "passed"
                                : run.judgedNothing()
                                        ? "did NOT pass: nothing judged"
                                        : "did NOT pass")
                        + "; "
                        + judgedLine(run)
                        + (unwritten.isEmpty()
                                ? "; reports: " + dir.resolve(ReportWriter.INDEX)
                                : "; its reports were NOT all written:"));
        for (String u : unwritten) err.println("ck run " + a.id() + ": reports not written: " + u);
        out.flush();
        err.flush();
    }
}
