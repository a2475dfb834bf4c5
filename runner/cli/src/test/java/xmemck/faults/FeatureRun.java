package xmemck.faults;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import xmemck.harness.RunRecorder;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;

/**
 * One run of feature files through Cucumber in this JVM against one adapter, with no report plugins (no HTML, no
 * Allure, no conformance reports): only the scenarios' results, as the glue records them.
 *
 * <p>The glue picks its implementation from system properties ({@code xmemck.adapter}, {@code xmemck.sut},
 * {@code xmemck.fault}); they are set for the run and put back afterwards, so that other tests in this JVM see
 * what they saw before.
 */
record FeatureRun(byte status, List<ScenarioResult> results, double seconds) {

    private static final List<String> PROPERTIES = List.of("xmemck.adapter", "xmemck.sut", "xmemck.fault", "cucumber.publish.quiet");

    /**
     * Runs {@code features} (folders or files) against {@code adapter}, the process command line {@code sut} (may be
     * null), selecting scenarios with {@code tags} (a Cucumber tag expression, or null for all).
     */
    static FeatureRun run(String adapter, String sut, String tags, List<Path> features) {
        if (features.isEmpty()) throw new IllegalArgumentException("no feature files or folders to run");
        Map<String, String> saved = new HashMap<>();
        for (String p : PROPERTIES) saved.put(p, System.getProperty(p));
        try {
            System.setProperty("xmemck.adapter", adapter);
            if (sut == null) System.clearProperty("xmemck.sut");
            else System.setProperty("xmemck.sut", sut);
            System.clearProperty("xmemck.fault");
            System.setProperty("cucumber.publish.quiet", "true");
            RunRecorder.global().clear();
            // A plugin of our own replaces Cucumber's default progress output: 1,100 dots per run tell nobody anything.
            List<String> args = new ArrayList<>(List.of("--glue", "xmemck.glue", "--plugin", Silent.class.getName(), "--no-summary", "--monochrome"));
            if (tags != null && !tags.isBlank()) args.addAll(List.of("--tags", tags));
            for (Path f : features) args.add(f.toString());
            long start = System.nanoTime();
            byte status = io.cucumber.core.cli.Main.run(args.toArray(String[]::new), FeatureRun.class.getClassLoader());
            return new FeatureRun(status, RunRecorder.global().results(), (System.nanoTime() - start) / 1e9);
        } finally {
            // Leave nothing behind for a later run in this JVM (the Maven suite's reports read the same recorder).
            RunRecorder.global().clear();
            saved.forEach((k, v) -> {
                if (v == null) System.clearProperty(k);
                else System.setProperty(k, v);
            });
        }
    }

    Map<Verdict, Integer> totals() {
        Map<Verdict, Integer> t = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) t.put(v, 0);
        for (ScenarioResult r : results) t.merge(r.verdict(), 1, Integer::sum);
        return t;
    }

    List<ScenarioResult> with(Verdict verdict) {
        return results.stream().filter(r -> r.verdict() == verdict).toList();
    }

    /** A plugin that listens to nothing. */
    public static final class Silent implements io.cucumber.plugin.EventListener {
        @Override public void setEventPublisher(io.cucumber.plugin.event.EventPublisher publisher) { }
    }
}
