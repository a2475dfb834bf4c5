package xmemck.faults;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import xmemck.glue.CucumberRun;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;

/**
 * One run of feature files through Cucumber in this JVM against one adapter, with no report plugins
 * (no HTML, no Allure, no conformance reports): only the scenarios' results, as the glue records
 * them.
 *
 * <p>The glue picks its implementation from system properties ({@code xmemck.adapter}, {@code
 * xmemck.sut}, {@code xmemck.fault}); they are set for the run and put back afterwards, so that
 * other tests in this JVM see what they saw before.
 */
record FeatureRun(byte status, List<ScenarioResult> results, double seconds) {

    /**
     * Runs {@code features} (folders or files) against {@code adapter}, the process command line
     * {@code sut} (may be null), selecting scenarios with {@code tags} (a Cucumber tag expression,
     * or null for all).
     */
    static FeatureRun run(String adapter, String sut, String tags, List<Path> features) {
        if (features.isEmpty())
            throw new IllegalArgumentException("no feature files or folders to run");
        Map<String, String> properties = new HashMap<>();
        properties.put("xmemck.adapter", adapter);
        properties.put("xmemck.sut", sut);
        properties.put("xmemck.fault", null);
        properties.put("cucumber.publish.quiet", "true");
        // A plugin of our own replaces Cucumber's default progress output: 1,100 dots per run tell
        // nobody anything.
        List<String> args =
                new ArrayList<>(
                        List.of(
                                "--plugin",
                                Silent.class.getName(),
                                "--no-summary",
                                "--monochrome"));
        if (tags != null && !tags.isBlank()) args.addAll(List.of("--tags", tags));
        for (Path f : features) args.add(f.toString());
        long start = System.nanoTime();
        CucumberRun.Outcome o = new CucumberRun(properties, args, null).execute();
        return new FeatureRun(o.status(), o.read().results(), (System.nanoTime() - start) / 1e9);
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
        @Override
        public void setEventPublisher(io.cucumber.plugin.event.EventPublisher publisher) {}
    }
}
