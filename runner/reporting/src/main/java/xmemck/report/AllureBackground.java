package xmemck.report;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import xmemck.oracle.Clause;

/**
 * Allure reports made on one thread of their own, so that a run's verdict and the next adapter's
 * run need not wait for them. When a report is done, the run's index.html is rewritten from its
 * results.json to link it (or say why it is missing); whoever started reports in the background
 * waits for them with {@link #awaitAll} before the JVM exits, since the thread is a daemon and
 * would otherwise be cut off.
 *
 * <p>One report at a time: on a small machine two generations at once would only slow each other
 * and the run.
 */
public final class AllureBackground {
    private AllureBackground() {}

    private static final ExecutorService WORKER =
            Executors.newSingleThreadExecutor(
                    // A daemon: a generation the caller gave up on (timeout) must not keep the JVM
                    // alive. It serves every run, so it keeps no run's scope (RunScope) from the
                    // run that happened to start it.
                    Thread.ofPlatform()
                            .name("xmemck-allure")
                            .daemon(true)
                            .inheritInheritableThreadLocals(false)
                            .factory());

    /**
     * A report directory's generation: its outcome once known (under the directory's lock), and its
     * end.
     */
    private static final class Job {
        volatile AllureReport.Outcome outcome;
        final CompletableFuture<Void> done = new CompletableFuture<>();
    }

    private static final Map<Path, Job> JOBS = new ConcurrentHashMap<>();

    private static final AllureReport.Pending PENDING =
            new AllureReport.Pending(
                    "being generated in the background; this page links it when it is ready");

    private static Path key(Path dir) {
        return dir.toAbsolutePath().normalize();
    }

    /**
     * Loads and exercises the generator of {@code tool} on the worker ({@link
     * AllureGenerator#warmUp}) while the features run, so the run's own report starts warm.
     * Problems are left for the real generation to report.
     */
    static void warmUp(AllureCommandline.Found tool) {
        if (!(tool instanceof AllureCommandline.Home(Path home))) return;
        WORKER.execute(
                () -> {
                    try {
                        AllureGenerator.of(home).warmUp();
                    } catch (Exception | LinkageError e) {
                        // the real generation meets the same problem and says so in the report
                    }
                });
    }

    /**
     * Generates on the worker and waits for it, at most {@code timeoutSeconds}: the synchronous
     * Allure step (Maven's feature suite, where nobody would wait for a background report).
     */
    static AllureReport.Outcome generateAndWait(
            Supplier<AllureReport.Outcome> generate, long timeoutSeconds) {
        var f = CompletableFuture.supplyAsync(generate, WORKER);
        try {
            return f.get(timeoutSeconds, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            return new AllureReport.Failed(
                    "the Allure report was not generated within "
                            + timeoutSeconds
                            + " s (-Dxmemck.allure.timeoutSeconds)");
        } catch (ExecutionException e) {
            return new AllureReport.Failed("the Allure generator failed: " + e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new AllureReport.Failed("interrupted while generating the Allure report");
        }
    }

    /**
     * Starts generating {@code dir}'s Allure report and returns at once. When it ends, index.html
     * of {@code dir} is rewritten from its results.json to show the outcome ({@link
     * ReportWriter#refreshIndex}).
     */
    static AllureReport.Pending start(
            Path dir, List<Clause> catalogue, Supplier<AllureReport.Outcome> generate) {
        Path k = key(dir);
        Job job = new Job();
        JOBS.put(k, job);
        WORKER.execute(
                () -> {
                    AllureReport.Outcome o;
                    try {
                        o = generate.get();
                    } catch (RuntimeException | Error e) {
                        o = new AllureReport.Failed("the Allure generator failed: " + e);
                    }
                    try {
                        finish(k, job, o, catalogue);
                    } finally {
                        job.done.complete(null);
                    }
                });
        return PENDING;
    }

    private static void finish(Path dir, Job job, AllureReport.Outcome o, List<Clause> catalogue) {
        // Under the directory's lock, so a concurrent rewrite of the pages sees either the pending
        // or the final outcome.
        synchronized (ReportWriter.lockFor(dir)) {
            job.outcome = o;
            try {
                ReportWriter.Written w = ReportWriter.refreshIndex(dir, catalogue, o);
                // The Allure failure itself goes to whoever waits (awaitAll); anything else is said
                // here.
                for (String p : w.problems())
                    if (!(o instanceof AllureReport.Failed f && p.endsWith(f.reason())))
                        System.err.println("xmemck report: " + p);
            } catch (Exception e) {
                System.err.println(
                        "xmemck report: the pages of "
                                + dir
                                + " could not be updated with the Allure report: "
                                + e);
            }
        }
    }

    /**
     * What became of {@code dir}'s background report: {@link AllureReport.Pending} while it runs,
     * its outcome once done; empty when none was started in this JVM. Read it under {@link
     * ReportWriter#lockFor} (as {@link ReportWriter#write} calls its Allure step) to agree with the
     * pages.
     */
    public static Optional<AllureReport.Outcome> state(Path dir) {
        Job job = JOBS.get(key(dir));
        if (job == null) return Optional.empty();
        AllureReport.Outcome o = job.outcome;
        return Optional.of(o != null ? o : PENDING);
    }

    /**
     * Waits for {@code dir}'s background report, if one runs (before a new run clears that
     * directory).
     */
    static void await(Path dir, long timeoutSeconds) {
        Job job = JOBS.get(key(dir));
        if (job != null) waitFor(job, timeoutSeconds);
    }

    /** How long a report may take: {@code -Dxmemck.allure.timeoutSeconds}, default 600. */
    static long timeoutSeconds() {
        return Long.getLong("xmemck.allure.timeoutSeconds", 600);
    }

    /**
     * {@link #awaitAll(long)} with the configured timeout ({@code -Dxmemck.allure.timeoutSeconds},
     * default 600).
     */
    public static List<String> awaitAll() {
        return awaitAll(timeoutSeconds());
    }

    /**
     * Waits for every background report still running, at most {@code timeoutSeconds} in all;
     * returns one line for each report directory whose Allure report was not made (or not in time),
     * empty when all were.
     */
    public static List<String> awaitAll(long timeoutSeconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        List<String> problems = new ArrayList<>();
        for (Map.Entry<Path, Job> e : JOBS.entrySet()) {
            long left = Math.max(0, TimeUnit.NANOSECONDS.toSeconds(deadline - System.nanoTime()));
            if (!waitFor(e.getValue(), left)) {
                problems.add(
                        e.getKey()
                                + ": the Allure report was not generated within "
                                + timeoutSeconds
                                + " s");
                continue;
            }
            if (e.getValue().outcome instanceof AllureReport.Failed f)
                problems.add(e.getKey() + ": Allure report not generated: " + f.reason());
            JOBS.remove(e.getKey(), e.getValue()); // reported once; the pages already show it
        }
        return problems;
    }

    /** Whether any background report is still being generated. */
    public static boolean running() {
        return JOBS.values().stream().anyMatch(j -> !j.done.isDone());
    }

    private static boolean waitFor(Job job, long timeoutSeconds) {
        try {
            job.done.get(timeoutSeconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true; // never completed exceptionally; the outcome says what happened
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
