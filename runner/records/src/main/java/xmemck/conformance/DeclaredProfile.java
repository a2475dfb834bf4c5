package xmemck.conformance;

import xmemck.features.Sha256;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import xmemck.records.Json;

/**
 * An implementation profile declared by its maintainers: the profile.json of a run they accepted (every report
 * directory has one; see {@code reports/README.md}), kept with the implementation. Of that file only
 * {@code "scenarios"} is read: for each scenario (by feature file and name, so that lines moving in a feature file
 * do not matter) the implementation-defined answers it gave, key by key.
 */
public record DeclaredProfile(String source, String sha256, Map<String, Declared> scenarios) {
    public DeclaredProfile { scenarios = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(scenarios)); }

    /** One declared scenario: where it was, and its answers. */
    public record Declared(String uri, String name, String id, Map<String, String> answers, int line) {
        public Declared { answers = java.util.Collections.unmodifiableMap(new TreeMap<>(answers)); }
    }

    /** How a scenario is matched between a run and a declaration: its feature file and its name. */
    public static String key(String uri, String name) { return uri + " \u00bb " + name; }

    public static DeclaredProfile read(Path file) {
        String name = file.toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InputFileException(name, 0, "cannot read the profile: " + e.getMessage());
        }
        return parse(new String(bytes, StandardCharsets.UTF_8), name, Sha256.of(bytes));
    }

    public static DeclaredProfile parse(String text, String source, String sha256) {
        Json.Located doc;
        try {
            doc = Json.parseLocated(text, source);
        } catch (IllegalArgumentException e) {
            // "FILE:LINE:COL: reason" from the JSON reader
            String m = e.getMessage();
            throw new InputFileException(source, lineOf(m, source), "not JSON: " + m.substring(Math.min(m.length(), m.indexOf(": ", source.length()) + 2)));
        }
        if (!(doc.value() instanceof Map<?, ?> root)) throw new InputFileException(source, 1, "a profile is a JSON object (a profile.json that a run wrote)");
        Object list = root.get("scenarios");
        if (!(list instanceof List<?> items)) {
            throw new InputFileException(source, doc.lineOf(root), "no \"scenarios\" list: a declared profile is the profile.json of a run");
        }
        Map<String, Declared> out = new LinkedHashMap<>();
        for (int i = 0; i < items.size(); i++) {
            Object item = items.get(i);
            int line = doc.lineOf(item) > 0 ? doc.lineOf(item) : doc.lineOf(items);
            String at = "scenarios[" + i + "]";
            if (!(item instanceof Map<?, ?> s)) throw new InputFileException(source, line, at + " must be an object");
            String uri = string(s, "uri", at, source, line);
            String scenario = string(s, "name", at, source, line);
            String id = s.get("id") instanceof String x ? x : uri + ":" + (s.get("line") instanceof Number l ? l.longValue() : 0);
            Object answersNode = s.get("implementationDefined");
            if (!(answersNode instanceof Map<?, ?> answers)) {
                throw new InputFileException(source, line, at + ".implementationDefined must be an object of strings");
            }
            Map<String, String> a = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : answers.entrySet()) {
                if (!(e.getValue() instanceof String v)) {
                    throw new InputFileException(source, doc.lineOf(answers), at + ".implementationDefined[\"" + e.getKey() + "\"] must be a string");
                }
                a.put((String) e.getKey(), v);
            }
            Declared before = out.put(key(uri, scenario), new Declared(uri, scenario, id, a, line));
            if (before != null) {
                throw new InputFileException(source, line, "two scenarios of " + uri + " are named \"" + scenario + "\" (lines " + before.line()
                        + " and " + line + " of this file); scenario names must be unique in a feature file");
            }
        }
        return new DeclaredProfile(source, sha256, out);
    }

    private static String string(Map<?, ?> m, String key, String at, String source, int line) {
        if (m.get(key) instanceof String s) return s;
        throw new InputFileException(source, line, at + "." + key + " must be a string");
    }

    /** The line in a "FILE:LINE:COL: reason" message. */
    private static int lineOf(String message, String source) {
        try {
            String rest = message.substring(source.length() + 1);
            return Integer.parseInt(rest.substring(0, rest.indexOf(':')));
        } catch (RuntimeException e) {
            return 0;
        }
    }
}
