package xmemck.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import xmemck.files.Adapter;
import xmemck.files.Kit;
import xmemck.files.KitJson;
import xmemck.harness.ScenarioResult;

/**
 * profile.json: the implementation-defined choices the implementation made in this run (what the
 * documentation leaves open: which error wins, what a failed copy leaves behind, ...), per scenario
 * and merged by question, so a run can be compared with a declared profile: "questions" groups the
 * answers by question id, "observations" by the full key (call and question), "scenarios" lists
 * them per scenario, with the implementation's call notes beside them ("notes": information only,
 * left out of "questions" and "observations" and of every drift check).
 *
 * <p>Format decisions: one {@link Contents} record written whole by databind (the file holds only
 * the scenarios that met an open question, so it stays small); maps are sorted so that two runs'
 * files diff cleanly. A declared profile ({@code xmemck.conformance.DeclaredProfile}) is such a
 * file read back, through a partial view of it.
 */
public final class ProfileJson {
    private ProfileJson() {}

    /** The file, member by member in the order written. */
    public record Contents(
            Kit kit,
            Adapter adapter,
            String startedAt,
            Map<String, Map<String, Integer>> questions,
            Map<String, Map<String, Integer>> observations,
            List<Scenario> scenarios) {}

    /**
     * A scenario that met at least one open question or whose implementation noted something, with
     * its answers and its call notes (each sorted by key). Notes ({@code "CALL: note.NAME"}, what a
     * process implementation sent in a result's {@code notes}) are recorded for information only:
     * never judged, and never compared with a declared profile.
     */
    public record Scenario(
            String id,
            String name,
            String uri,
            int line,
            String verdict,
            Map<String, String> implementationDefined,
            @com.fasterxml.jackson.annotation.JsonInclude(
                            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
                    Map<String, String> notes) {}

    /** The question id of call notes starts with this: {@code "copyout(...): note.errno"}. */
    public static final String NOTE_PREFIX = "note.";

    /**
     * Is {@code key} a call note (information from the implementation) rather than an answer to an
     * open question?
     */
    public static boolean isNote(String key) {
        return questionId(key).startsWith(NOTE_PREFIX);
    }

    public static String render(RunReport run) {
        // question -> answer -> how many scenarios gave it; sorted so two runs' files diff cleanly.
        Map<String, Map<String, Integer>> merged = new TreeMap<>();
        Map<String, Map<String, Integer>> byQuestion = new TreeMap<>();
        List<Scenario> scenarios = new ArrayList<>();
        for (ScenarioResult r : run.scenarios()) {
            Map<String, String> seen =
                    r.implementationDefined() == null ? Map.of() : r.implementationDefined();
            if (seen.isEmpty()) continue;
            Map<String, String> answers = new TreeMap<>(), notes = new TreeMap<>();
            seen.forEach((k, v) -> (isNote(k) ? notes : answers).put(k, v));
            scenarios.add(
                    new Scenario(
                            r.id(),
                            r.name(),
                            r.uri(),
                            r.line(),
                            Verdicts.of(r).label(),
                            answers,
                            notes));
            answers.forEach(
                    (q, a) -> {
                        merged.computeIfAbsent(q, k -> new TreeMap<>()).merge(a, 1, Integer::sum);
                        byQuestion
                                .computeIfAbsent(questionId(q), k -> new TreeMap<>())
                                .merge(a, 1, Integer::sum);
                    });
        }
        // In feature order, not run order: a run split into shards and merged writes the same file
        // as one whole run.
        scenarios.sort(
                java.util.Comparator.comparing(Scenario::uri).thenComparingInt(Scenario::line));
        Contents file =
                new Contents(
                        new Kit(run.kitVersion()),
                        run.adapter().json(),
                        run.startedAt(),
                        byQuestion,
                        merged,
                        scenarios);
        return KitJson.write(file) + "\n";
    }

    /**
     * The question a key answers: keys are written "{call}: {question id}" (the call that raised
     * it, then the oracle's question id, e.g. {@code copyout.failure-prefix}); a key without that
     * shape is its own question.
     */
    static String questionId(String key) {
        int at = key.lastIndexOf(": ");
        if (at < 0) return key;
        String id = key.substring(at + 2);
        return id.isEmpty() || id.contains(" ") ? key : id;
    }
}
