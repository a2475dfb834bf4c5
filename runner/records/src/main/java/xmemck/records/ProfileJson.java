package xmemck.records;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import xmemck.harness.ScenarioResult;

/**
 * profile.json: the implementation-defined choices the implementation made in this run (what the documentation
 * leaves open: which error wins, what a failed copy leaves behind, ...), per scenario and merged by question, so
 * a run can be compared with a declared profile: "questions" groups the answers by question id, "observations" by
 * the full key (call and question), "scenarios" lists them per scenario.
 */
public final class ProfileJson {
    private ProfileJson() {}

    public static String render(RunReport run) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("kit", Map.of("version", run.kitVersion()));
        Map<String, Object> adapter = new LinkedHashMap<>();
        adapter.put("id", run.adapter().id());
        adapter.put("name", run.adapter().name());
        root.put("adapter", adapter);
        root.put("startedAt", run.startedAt());

        // question -> answer -> how many scenarios gave it; sorted so two runs' files diff cleanly.
        Map<String, Map<String, Integer>> merged = new TreeMap<>();
        Map<String, Map<String, Integer>> byQuestion = new TreeMap<>();
        List<Object> scenarios = new ArrayList<>();
        for (ScenarioResult r : run.scenarios()) {
            Map<String, String> seen = r.implementationDefined() == null ? Map.of() : r.implementationDefined();
            if (seen.isEmpty()) continue;
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", r.id());
            s.put("name", r.name());
            s.put("uri", r.uri());
            s.put("line", r.line());
            s.put("verdict", Verdicts.of(r).label());
            s.put("implementationDefined", new TreeMap<>(seen));
            scenarios.add(s);
            seen.forEach((q, a) -> {
                merged.computeIfAbsent(q, k -> new TreeMap<>()).merge(a, 1, Integer::sum);
                byQuestion.computeIfAbsent(questionId(q), k -> new TreeMap<>()).merge(a, 1, Integer::sum);
            });
        }
        root.put("questions", byQuestion);
        root.put("observations", merged);
        root.put("scenarios", scenarios);
        return Json.write(root) + "\n";
    }

    /**
     * The question a key answers: keys are written "{call}: {question id}" (the call that raised it, then the
     * oracle's question id, e.g. {@code copyout.failure-prefix}); a key without that shape is its own question.
     */
    static String questionId(String key) {
        int at = key.lastIndexOf(": ");
        if (at < 0) return key;
        String id = key.substring(at + 2);
        return id.isEmpty() || id.contains(" ") ? key : id;
    }
}
