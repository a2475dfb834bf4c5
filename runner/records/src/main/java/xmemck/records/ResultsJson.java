package xmemck.records;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xmemck.harness.ScenarioResult;

/**
 * results.json: the whole run, every scenario result in full, in a form {@link #read} turns back into the same
 * {@link RunReport}, so the reports can be rebuilt from a saved run.
 */
public final class ResultsJson {
    private ResultsJson() {}

    /** Identifies the file and its layout; bump the version on an incompatible change. */
    public static final String FORMAT = "xmemck-results";
    public static final int FORMAT_VERSION = 1;

    public static String render(RunReport run) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("kit", Map.of("version", run.kitVersion()));
        root.put("adapter", SummaryJson.adapter(run.adapter()));
        root.put("startedAt", run.startedAt());
        root.put("durationSeconds", run.durationSeconds());
        List<Object> scenarios = new ArrayList<>();
        for (ScenarioResult r : run.scenarios()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", r.id());
            s.put("name", r.name());
            s.put("uri", r.uri());
            s.put("line", r.line());
            s.put("clauses", r.clauses() == null ? List.of() : r.clauses());
            s.put("verdict", Verdicts.of(r).label());
            s.put("reason", r.reason());
            s.put("seconds", r.seconds());
            s.put("log", r.log() == null ? List.of() : r.log());
            s.put("implementationDefined", r.implementationDefined() == null ? Map.of() : r.implementationDefined());
            // Only for a FAIL or ERROR the expectations file lists: why it is expected (optional member).
            if (run.isExpected(r)) s.put("expected", run.expected().get(r.id()));
            scenarios.add(s);
        }
        root.put("scenarios", scenarios);
        return Json.write(root) + "\n";
    }

    /** Reads a results.json; {@code where} (the file name) prefixes every error message. */
    public static RunReport read(String text, String where) {
        Map<String, Object> root = obj(Json.parse(text, where), where);
        Object format = root.get("format");
        if (!FORMAT.equals(format)) {
            throw new IllegalArgumentException(where + ": not a results file (\"format\" is " + format + ", expected \"" + FORMAT + "\")");
        }
        long version = num(root, "formatVersion", where).longValue();
        if (version != FORMAT_VERSION) {
            throw new IllegalArgumentException(where + ": results format version " + version + " is not supported (this kit reads " + FORMAT_VERSION + ")");
        }
        String kit = str(obj(root.get("kit"), where + ": kit"), "version", where + ": kit");
        Map<String, Object> a = obj(root.get("adapter"), where + ": adapter");
        AdapterInfo adapter = new AdapterInfo(str(a, "id", where + ": adapter"), str(a, "name", where + ": adapter"),
                strings(a.get("capabilities"), where + ": adapter.capabilities"),
                stringMap(a.get("missing"), where + ": adapter.missing"));
        List<ScenarioResult> scenarios = new ArrayList<>();
        Map<String, String> expected = new LinkedHashMap<>();
        Object list = root.get("scenarios");
        if (!(list instanceof List<?> items)) throw new IllegalArgumentException(where + ": \"scenarios\" must be a list");
        for (int i = 0; i < items.size(); i++) {
            String at = where + ": scenarios[" + i + "]";
            Map<String, Object> s = obj(items.get(i), at);
            scenarios.add(new ScenarioResult(str(s, "id", at), str(s, "name", at), str(s, "uri", at),
                    num(s, "line", at).intValue(), strings(s.get("clauses"), at + ".clauses"),
                    Verdicts.parse(str(s, "verdict", at), at + ".verdict"), optStr(s, "reason"),
                    num(s, "seconds", at).doubleValue(), strings(s.get("log"), at + ".log"),
                    stringMap(s.get("implementationDefined"), at + ".implementationDefined")));
            if (s.containsKey("expected")) expected.put(str(s, "id", at), str(s, "expected", at));
        }
        return new RunReport(kit, adapter, str(root, "startedAt", where), num(root, "durationSeconds", where).doubleValue(), scenarios, expected);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o, String where) {
        if (o instanceof Map<?, ?> m) return (Map<String, Object>) m;
        throw new IllegalArgumentException(where + ": expected an object");
    }

    private static String str(Map<String, Object> m, String key, String where) {
        if (m.get(key) instanceof String s) return s;
        throw new IllegalArgumentException(where + ": \"" + key + "\" must be a string");
    }

    private static String optStr(Map<String, Object> m, String key) {
        return m.get(key) instanceof String s ? s : null;
    }

    private static Number num(Map<String, Object> m, String key, String where) {
        if (m.get(key) instanceof Number n) return n;
        throw new IllegalArgumentException(where + ": \"" + key + "\" must be a number");
    }

    private static List<String> strings(Object o, String where) {
        if (o == null) return List.of();
        if (!(o instanceof List<?> l)) throw new IllegalArgumentException(where + ": expected a list of strings");
        List<String> out = new ArrayList<>();
        for (Object x : l) {
            if (!(x instanceof String s)) throw new IllegalArgumentException(where + ": expected a list of strings");
            out.add(s);
        }
        return out;
    }

    private static Map<String, String> stringMap(Object o, String where) {
        if (o == null) return Map.of();
        Map<String, String> out = new LinkedHashMap<>();
        obj(o, where).forEach((k, v) -> {
            if (!(v instanceof String s)) throw new IllegalArgumentException(where + ": \"" + k + "\" must be a string");
            out.put(k, s);
        });
        return out;
    }
}
