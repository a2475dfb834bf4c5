package xmemck.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What Cucumber reported for each scenario, read from its message stream ({@code message:} plugin,
 * one JSON envelope per line; the same messages its HTML report is rendered from): a test case's
 * status is the worst status of its steps, and its message that step's message. Attempts that
 * Cucumber retried are left out.
 */
final class CucumberStatuses {
    private CucumberStatuses() {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    // Cucumber's worst-status order (io.cucumber.messages.types.TestStepResultStatus), weakest
    // first.
    private static final List<String> SEVERITY =
            List.of("UNKNOWN", "PASSED", "SKIPPED", "PENDING", "UNDEFINED", "AMBIGUOUS", "FAILED");

    static List<ReportAudit.Shown> read(Path ndjson) throws IOException {
        Map<String, String> pickleName = new HashMap<>();
        Map<String, String> caseToPickle = new HashMap<>();
        Map<String, String> startedToCase = new HashMap<>();
        Map<String, String[]> worst =
                new LinkedHashMap<>(); // testCaseStartedId -> {status, message}
        Set<String> retried = new HashSet<>();
        try (BufferedReader in = Files.newBufferedReader(ndjson, StandardCharsets.UTF_8)) {
            int lineNo = 0;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lineNo++;
                if (line.isBlank()) continue;
                JsonNode e;
                try {
                    e = JSON.readTree(line);
                } catch (RuntimeException x) {
                    throw new IOException(
                            ndjson + ":" + lineNo + ": not a JSON envelope: " + x.getMessage(), x);
                }
                JsonNode n;
                if (!(n = e.path("pickle")).isMissingNode())
                    pickleName.put(text(n, "id"), text(n, "name"));
                else if (!(n = e.path("testCase")).isMissingNode())
                    caseToPickle.put(text(n, "id"), text(n, "pickleId"));
                else if (!(n = e.path("testCaseStarted")).isMissingNode()) {
                    startedToCase.put(text(n, "id"), text(n, "testCaseId"));
                    worst.put(text(n, "id"), new String[] {"UNKNOWN", ""});
                } else if (!(n = e.path("testStepFinished")).isMissingNode()) {
                    JsonNode result = n.path("testStepResult");
                    String[] w = worst.get(text(n, "testCaseStartedId"));
                    String status = text(result, "status");
                    if (w != null && SEVERITY.indexOf(status) > SEVERITY.indexOf(w[0])) {
                        w[0] = status;
                        w[1] = text(result, "message");
                    }
                } else if (!(n = e.path("testCaseFinished")).isMissingNode()
                        && n.path("willBeRetried").asBoolean(false)) {
                    retried.add(text(n, "testCaseStartedId"));
                }
            }
        }
        List<ReportAudit.Shown> out = new ArrayList<>();
        worst.forEach(
                (started, w) -> {
                    if (!retried.contains(started))
                        out.add(
                                new ReportAudit.Shown(
                                        pickleName.get(
                                                caseToPickle.get(startedToCase.get(started))),
                                        w[0],
                                        w[1]));
                });
        return out;
    }

    private static String text(JsonNode n, String field) {
        return n.path(field).asString("");
    }
}
