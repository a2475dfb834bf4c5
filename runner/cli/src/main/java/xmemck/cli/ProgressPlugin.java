package xmemck.cli;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EmbedEvent;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.TestRunStarted;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import xmemck.glue.ResultAttachments;
import xmemck.glue.RunScope;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;

/**
 * The progress of a long run on standard error ({@code xmemck.cli.ProgressPlugin:TOTAL}, TOTAL the
 * number of scenarios planned): each scenario that fails or errs as it happens, and a line with the
 * count, the verdicts so far, the elapsed time and an estimate of the time left, at most every few
 * seconds (rewritten in place on a terminal).
 */
public final class ProgressPlugin implements ConcurrentEventListener {
    /**
     * How a finished scenario's verdict is shown ("FAIL (expected)"), per run (keyed by its report
     * folder, as runs of several adapters go on at once); set by the command before a run.
     */
    private static final Map<String, Function<ScenarioResult, String>> LABELLERS =
            new ConcurrentHashMap<>();

    private static final Function<ScenarioResult, String> PLAIN = r -> r.verdict().label();

    static void labelWith(Path reportDir, Function<ScenarioResult, String> f) {
        LABELLERS.put(reportDir.toString(), f);
    }

    /** The run of {@code reportDir} is over. */
    static void forget(Path reportDir) {
        LABELLERS.remove(reportDir.toString());
    }

    /**
     * The run property that asks for whole lines even on a terminal: runs going on at once would
     * overwrite each other's line.
     */
    static final String LINES = "xmemck.progress.lines";

    private static final long EVERY_NANOS = 3_000_000_000L;

    private final int total;
    private final PrintStream err = System.err;
    private final boolean terminal = System.console() != null && !RunScope.current().flag(LINES);
    private final Function<ScenarioResult, String> labeller =
            LABELLERS.getOrDefault(RunScope.current().property("xmemck.reportDir", ""), PLAIN);
    private final Map<Verdict, Integer> counts = new EnumMap<>(Verdict.class);
    private long started, lastPrinted;
    private int done;
    private String adapter = "";

    public ProgressPlugin(String total) {
        int t;
        try {
            t = Integer.parseInt(total.strip());
        } catch (RuntimeException e) {
            t = 0;
        }
        this.total = t;
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        publisher.registerHandlerFor(
                TestRunStarted.class,
                e -> {
                    started = System.nanoTime();
                    lastPrinted = started;
                    adapter = RunScope.current().property("xmemck.adapter", "");
                });
        publisher.registerHandlerFor(EmbedEvent.class, this::attached);
    }

    /** A scenario ended: the glue attached its result (the last thing it does for a scenario). */
    private synchronized void attached(EmbedEvent e) {
        if (!ResultAttachments.RESULT.equals(e.getMediaType())) return;
        done++;
        ScenarioResult last =
                ResultAttachments.result(
                        new String(e.getData(), java.nio.charset.StandardCharsets.UTF_8));
        Verdict v = last.verdict() == null ? Verdict.ERROR : last.verdict();
        counts.merge(v, 1, Integer::sum);
        if (v == Verdict.FAIL || v == Verdict.ERROR) {
            clearLine();
            err.println("  " + labeller.apply(last) + "  " + last.id() + "  " + last.name());
        }
        long now = System.nanoTime();
        if (now - lastPrinted >= EVERY_NANOS || done == total) {
            lastPrinted = now;
            line(now);
        }
    }

    private void line(long now) {
        double seconds = (now - started) / 1e9;
        StringBuilder b = new StringBuilder("ck run ").append(adapter).append(": ").append(done);
        if (total > 0)
            b.append('/')
                    .append(total)
                    .append(String.format(Locale.ROOT, " (%d%%)", done * 100 / total));
        b.append(" scenarios");
        for (Verdict v : Verdict.values())
            if (counts.getOrDefault(v, 0) > 0)
                b.append(", ").append(v.label()).append(' ').append(counts.get(v));
        b.append(String.format(Locale.ROOT, ", %.0f s", seconds));
        if (total > done && done > 0)
            b.append(
                    String.format(
                            Locale.ROOT, ", about %.0f s left", seconds / done * (total - done)));
        if (terminal) {
            err.print("\r" + b + "\u001b[K");
            if (done == total) err.println();
        } else {
            err.println(b);
        }
        err.flush();
    }

    private void clearLine() {
        if (terminal) err.print("\r\u001b[K");
    }
}
