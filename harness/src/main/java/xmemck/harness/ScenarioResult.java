package xmemck.harness;

import java.util.List;
import java.util.Map;
import xmemck.oracle.Finding;
import xmemck.oracle.Picture;
import xmemck.oracle.Verdict;

/**
 * The result of one scenario (a Gherkin scenario or a fuzz case), as every report consumes it.
 *
 * @param id a stable id (Cucumber's scenario id, or the fuzz case's seed)
 * @param name the scenario's name
 * @param uri the feature file it came from
 * @param line the line of the scenario (or of the example row) in that file
 * @param clauses the clause ids the scenario is tagged with
 * @param verdict its verdict
 * @param reason empty on PASS, else why (the clause and diff, the unsupported condition, the error)
 * @param seconds how long it took
 * @param log the operations run and their verdicts, one line each
 * @param implementationDefined what the implementation chose where the documents leave room
 *     (recorded, not judged)
 * @param findings the departures a FAIL rests on, each naming the clause it breaks (empty unless
 *     FAIL, or an ERROR because observations did not answer what was asked): the only source of a
 *     clause's FAIL
 * @param pictures what the failing call left in the memory it wrote, line by line (empty unless
 *     FAIL)
 */
public record ScenarioResult(
        String id,
        String name,
        String uri,
        int line,
        List<String> clauses,
        Verdict verdict,
        String reason,
        double seconds,
        List<String> log,
        Map<String, String> implementationDefined,
        List<Finding> findings,
        List<Picture> pictures) {
    public ScenarioResult {
        clauses = List.copyOf(clauses);
        log = List.copyOf(log);
        implementationDefined = Map.copyOf(implementationDefined);
        reason = reason == null ? "" : reason;
        findings = List.copyOf(findings);
        pictures = List.copyOf(pictures);
    }

    /** A result without findings or pictures. */
    public ScenarioResult(
            String id,
            String name,
            String uri,
            int line,
            List<String> clauses,
            Verdict verdict,
            String reason,
            double seconds,
            List<String> log,
            Map<String, String> implementationDefined) {
        this(
                id,
                name,
                uri,
                line,
                clauses,
                verdict,
                reason,
                seconds,
                log,
                implementationDefined,
                List.of(),
                List.of());
    }

    /**
     * The clauses the findings break, in order, once each: the clauses this scenario shows FAIL on.
     */
    public List<String> violated() {
        return findings.stream().flatMap(f -> f.breaks().stream()).distinct().toList();
    }
}
