package xmemck.glue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import xmemck.harness.ScenarioResult;
import xmemck.ops.Op;
import xmemck.wire.OpCodec;

/**
 * How a scenario's outcome leaves the glue: as attachments to the scenario, which Cucumber hands to
 * every plugin ({@code EmbedEvent}) and writes into its message stream ({@code message:FILE}, one
 * JSON envelope per line). Nothing else carries results out of the glue, so a report built from the
 * message stream and one built live agree.
 */
public final class ResultAttachments {
    private ResultAttachments() {}

    /** A scenario's {@link ScenarioResult}, as JSON. */
    public static final String RESULT = "application/vnd.xmemck.scenario-result+json";

    /**
     * The adapter and the implementation under test ({@link AdapterPool#info()}), as a JSON object
     * of strings.
     */
    public static final String RUN_INFO = "application/vnd.xmemck.run-info+json";

    /** In explain mode: the scenario's operations in their wire form, as a JSON array. */
    public static final String OPS = "application/vnd.xmemck.ops+json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    public static String result(ScenarioResult r) {
        return JSON.writeValueAsString(r);
    }

    public static ScenarioResult result(String json) {
        return JSON.readValue(json, ScenarioResult.class);
    }

    public static String info(Map<String, String> info) {
        return JSON.writeValueAsString(info);
    }

    public static Map<String, String> info(String json) {
        Map<String, String> out = new LinkedHashMap<>();
        JSON.readTree(json).properties().forEach(e -> out.put(e.getKey(), e.getValue().asString()));
        return out;
    }

    public static String ops(List<Op> ops) {
        StringBuilder b = new StringBuilder("[");
        for (Op op : ops) b.append(b.length() > 1 ? "," : "").append(OpCodec.encode(op));
        return b.append(']').toString();
    }

    public static List<Op> ops(String json) {
        List<Op> out = new ArrayList<>();
        for (JsonNode n : JSON.readTree(json)) out.add(OpCodec.decode(n.toString()));
        return out;
    }

    /**
     * What a run left in its message stream: each scenario's result (and operations, in explain
     * mode), and the run info.
     */
    public record Read(
            List<ScenarioResult> results,
            Map<String, List<Op>> opsByScenario,
            Map<String, String> info) {}

    /**
     * Reads a Cucumber message stream (NDJSON): the attachments above, in order. Each attachment
     * envelope is {@code {"attachment": {"body": ..., "mediaType": ..., ...}}}; everything else is
     * skipped.
     */
    public static Read readMessages(Path ndjson) throws IOException {
        List<ScenarioResult> results = new ArrayList<>();
        Map<String, List<Op>> ops = new LinkedHashMap<>();
        Map<String, String> info = Map.of();
        List<Op> pendingOps = null;
        try (BufferedReader in = Files.newBufferedReader(ndjson, StandardCharsets.UTF_8)) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                if (!line.contains("\"attachment\"") || !line.contains("vnd.xmemck")) continue;
                JsonNode a = JSON.readTree(line).get("attachment");
                if (a == null) continue;
                String type = a.path("mediaType").asString(), body = a.path("body").asString();
                switch (type) {
                    case RESULT -> {
                        ScenarioResult r = result(body);
                        results.add(r);
                        if (pendingOps != null) ops.put(r.id(), pendingOps);
                        pendingOps = null;
                    }
                    case RUN_INFO -> info = info(body);
                    case OPS -> pendingOps = ops(body);
                    default -> {}
                }
            }
        }
        return new Read(results, ops, info);
    }
}
