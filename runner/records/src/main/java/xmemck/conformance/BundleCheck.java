package xmemck.conformance;

import xmemck.features.Sha256;
import xmemck.features.Shard;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import xmemck.oracle.Catalogue;
import xmemck.oracle.Verdict;
import xmemck.records.Json;
import xmemck.spi.Capability;

/**
 * Checks that a results bundle ({@link Bundle}) is consistent in itself and with this kit: its format, that its totals
 * are the counts of its scenarios' verdicts, that expected failures are FAIL or ERROR scenarios and are counted
 * right, that "passed" follows from the rest, that every hash is a SHA-256 and every clause id, capability and seed
 * is one this kit knows; and, when given the expectations file, that it is the one the run used. Each problem says
 * where ({@code bundle.json:LINE}) and what is wrong.
 */
public final class BundleCheck {
    private BundleCheck() {}

    /** The outcome: the problems (empty when the bundle is consistent) and a one-line description of the claim. */
    public record Result(List<String> problems, String claim) {
        public Result { problems = List.copyOf(problems); }

        public boolean consistent() { return problems.isEmpty(); }
    }

    private static final Pattern SCENARIO_ID = Pattern.compile(".+:[0-9]+");

    /** Reads and checks {@code file}; an unreadable or non-JSON file is an {@link InputFileException}. */
    public static Result verify(Path file, Path expectationsFile) {
        String name = file.toString();
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputFileException(name, 0, "cannot read the bundle: " + e.getMessage());
        }
        String expectationsHash = null;
        if (expectationsFile != null) {
            try {
                expectationsHash = Sha256.of(Files.readAllBytes(expectationsFile));
            } catch (IOException e) {
                throw new InputFileException(expectationsFile.toString(), 0, "cannot read the expectations file: " + e.getMessage());
            }
        }
        return verify(text, name, expectationsHash);
    }

    /** Checks the bundle text of file {@code name}; {@code expectationsHash} (may be null) is the file the run should have used. */
    public static Result verify(String text, String name, String expectationsHash) {
        Json.Located doc;
        try {
            doc = Json.parseLocated(text, name);
        } catch (IllegalArgumentException e) {
            throw new InputFileException(name, 0, "not JSON: " + e.getMessage());
        }
        if (!(doc.value() instanceof Map<?, ?> root)) throw new InputFileException(name, 1, "a bundle is a JSON object");
        Checker c = new Checker(name, doc);
        int top = doc.lineOf(root);

        if (!Bundle.FORMAT.equals(root.get("format"))) {
            c.add(top, "\"format\" is " + quote(root.get("format")) + ", expected \"" + Bundle.FORMAT + "\": this is not a results bundle");
            return new Result(c.problems, "");
        }
        if (!(root.get("formatVersion") instanceof Number fv) || fv.longValue() != Bundle.FORMAT_VERSION) {
            c.add(top, "\"formatVersion\" is " + quote(root.get("formatVersion")) + "; this kit reads version " + Bundle.FORMAT_VERSION);
            return new Result(c.problems, "");
        }
        Map<?, ?> kit = c.object(root, "kit", top);
        String kitVersion = kit == null ? "?" : c.string(kit, "version", doc.lineOf(kit));

        Map<?, ?> adapter = c.object(root, "adapter", top);
        String adapterId = "?";
        if (adapter != null) {
            int at = doc.lineOf(adapter);
            adapterId = c.string(adapter, "id", at);
            c.string(adapter, "name", at);
            capabilities(c, adapter, at);
        }

        sources(c, root, top);
        Map<?, ?> catalogue = c.object(root, "catalogue", top);
        if (catalogue != null) c.hash(catalogue, "sha256", doc.lineOf(catalogue));
        Map<?, ?> features = c.object(root, "features", top);
        long featureScenarios = -1;
        if (features != null) {
            c.hash(features, "sha256", doc.lineOf(features));
            featureScenarios = c.count(features, "scenarios", doc.lineOf(features));
        }
        Map<?, ?> selection = c.object(root, "selection", top);
        if (selection != null) {
            c.string(selection, "tags", doc.lineOf(selection));
            String shard = c.string(selection, "shard", doc.lineOf(selection));
            if (shard != null) {
                try {
                    Shard.parse(shard);
                } catch (IllegalArgumentException e) {
                    c.add(doc.lineOf(selection), "selection.shard: " + e.getMessage());
                }
            }
        }
        Object exp = root.get("expectations");
        String usedHash = null;
        if (exp != null) {
            if (exp instanceof Map<?, ?> e) {
                c.string(e, "file", doc.lineOf(e));
                usedHash = c.hash(e, "sha256", doc.lineOf(e));
                c.count(e, "entries", doc.lineOf(e));
            } else {
                c.add(top, "\"expectations\" must be null or an object");
            }
        }
        if (expectationsHash != null) {
            if (usedHash == null) c.add(top, "the run used no expectations file, but one was given to check against");
            else if (!usedHash.equals(expectationsHash)) {
                c.add(exp instanceof Map<?, ?> e ? doc.lineOf(e) : top, "the expectations file given has SHA-256 " + expectationsHash
                        + ", the run used one with " + usedHash + ": the bundle was not made with this file");
            }
        }
        Object prof = root.get("profile");
        if (prof != null) {
            if (prof instanceof Map<?, ?> p) {
                c.string(p, "file", doc.lineOf(p));
                c.hash(p, "sha256", doc.lineOf(p));
                c.count(p, "differences", doc.lineOf(p));
            } else {
                c.add(top, "\"profile\" must be null or an object");
            }
        }

        // The scenarios, then everything that must follow from them.
        Object list = root.get("scenarios");
        List<?> scenarios = list instanceof List<?> l ? l : null;
        if (scenarios == null) c.add(top, "\"scenarios\" must be a list");
        Map<Verdict, Integer> counted = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) counted.put(v, 0);
        int expected = 0, unexpected = 0;
        Set<String> ids = new HashSet<>();
        if (scenarios != null) {
            for (int i = 0; i < scenarios.size(); i++) {
                Object item = scenarios.get(i);
                int at = doc.lineOf(item) > 0 ? doc.lineOf(item) : doc.lineOf(scenarios);
                String where = "scenarios[" + i + "]";
                if (!(item instanceof Map<?, ?> s)) {
                    c.add(at, where + " must be an object");
                    continue;
                }
                String id = c.string(s, "id", at);
                if (id != null && !SCENARIO_ID.matcher(id).matches()) c.add(at, where + ".id \"" + id + "\" is not FILE:LINE");
                if (id != null && !ids.add(id)) c.add(at, where + ".id \"" + id + "\" appears twice");
                c.string(s, "name", at);
                if (s.get("clauses") instanceof List<?> clauses) {
                    for (Object cl : clauses) {
                        if (!(cl instanceof String id2) || !Catalogue.contains(id2)) {
                            c.add(at, where + ": clause " + quote(cl) + " is not in this kit's catalogue");
                        }
                    }
                } else {
                    c.add(at, where + ".clauses must be a list of clause ids");
                }
                Verdict v = null;
                String label = c.string(s, "verdict", at);
                for (Verdict x : Verdict.values()) if (x.label().equals(label)) v = x;
                if (label != null && v == null) c.add(at, where + ".verdict \"" + label + "\" is not a verdict");
                boolean isExpected = s.get("expected") instanceof Boolean b && b;
                if (!(s.get("expected") instanceof Boolean)) c.add(at, where + ".expected must be true or false");
                if (v == null) continue;
                counted.merge(v, 1, Integer::sum);
                boolean broken = v == Verdict.FAIL || v == Verdict.ERROR;
                if (isExpected && !broken) c.add(at, where + " is marked expected but its verdict is " + v.label() + ": only FAIL and ERROR can be expected");
                if (isExpected && broken) expected++;
                if (!isExpected && broken) unexpected++;
            }
        }
        Map<?, ?> totals = c.object(root, "totals", top);
        int total = 0;
        if (totals != null) {
            for (Verdict v : Verdict.values()) {
                long n = c.count(totals, v.name(), doc.lineOf(totals));
                total += (int) Math.max(n, 0);
                if (n >= 0 && n != counted.get(v)) {
                    c.add(doc.lineOf(totals), "totals." + v.name() + " is " + n + " but " + counted.get(v) + " scenarios have the verdict " + v.label());
                }
            }
        }
        int listed = scenarios == null ? 0 : scenarios.size();
        long scenarioCount = c.count(root, "scenarioCount", top);
        if (scenarioCount >= 0 && scenarioCount != listed) c.add(top, "scenarioCount is " + scenarioCount + " but " + listed + " scenarios are listed");
        if (featureScenarios >= 0 && listed > featureScenarios) {
            c.add(top, listed + " scenarios are listed but the features had only " + featureScenarios);
        }
        long expectedCount = c.count(root, "expectedFailures", top);
        if (expectedCount >= 0 && expectedCount != expected) c.add(top, "expectedFailures is " + expectedCount + " but " + expected + " scenarios are marked expected");
        if (expected > 0 && exp == null) c.add(top, expected + " scenarios are marked expected, but the run used no expectations file");
        long unexpectedCount = c.count(root, "unexpectedFailures", top);
        if (unexpectedCount >= 0 && unexpectedCount != unexpected) {
            c.add(top, "unexpectedFailures is " + unexpectedCount + " but " + unexpected + " FAIL or ERROR scenarios are not marked expected");
        }
        List<?> problems = root.get("problems") instanceof List<?> p ? p : null;
        if (problems == null) c.add(top, "\"problems\" must be a list");
        if (!(root.get("expectationProblems") instanceof List<?> ep)) c.add(top, "\"expectationProblems\" must be a list");
        else if (problems != null) {
            for (Object p : ep) if (!problems.contains(p)) c.add(top, "expectationProblems lists " + quote(p) + ", which is not among the problems");
        }
        Object passed = root.get("passed");
        boolean shouldPass = unexpected == 0 && (problems == null || problems.isEmpty()) && listed > 0;
        if (!(passed instanceof Boolean b)) c.add(top, "\"passed\" must be true or false");
        else if (b != shouldPass) {
            c.add(top, "\"passed\" is " + b + " but the bundle shows " + unexpected + " unexpected FAIL or ERROR, "
                    + (problems == null ? "?" : problems.size()) + " problems and " + listed + " scenarios");
        }
        String claim = "adapter " + adapterId + ", kit " + kitVersion + ", " + listed + " scenarios (" + totalsText(counted) + "), "
                + expected + " expected failures, passed: " + passed;
        return new Result(c.problems, claim);
    }

    private static void capabilities(Checker c, Map<?, ?> adapter, int at) {
        Set<String> known = new HashSet<>();
        for (Capability k : Capability.values()) known.add(k.name());
        Set<String> have = new HashSet<>();
        if (adapter.get("capabilities") instanceof List<?> caps) {
            for (Object x : caps) {
                if (!(x instanceof String s) || !known.contains(s)) c.add(at, "adapter.capabilities: " + quote(x) + " is not a capability of this kit");
                else have.add(s);
            }
        } else {
            c.add(at, "adapter.capabilities must be a list");
        }
        if (adapter.get("missing") instanceof Map<?, ?> missing) {
            for (Map.Entry<?, ?> e : missing.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (!known.contains(k)) c.add(at, "adapter.missing: " + quote(k) + " is not a capability of this kit");
                if (have.contains(k)) c.add(at, "adapter: capability " + k + " is both supported and missing");
                if (!(e.getValue() instanceof String s) || s.isBlank()) c.add(at, "adapter.missing." + k + ": a missing capability needs its reason");
            }
        } else {
            c.add(at, "adapter.missing must be an object");
        }
    }

    private static void sources(Checker c, Map<?, ?> root, int top) {
        List<String> cited = Bundle.sources(Catalogue.all());
        if (!(root.get("sources") instanceof List<?> sources)) {
            c.add(top, "\"sources\" must be the list of the manual pages the catalogue cites");
            return;
        }
        for (Object s : sources) {
            if (!(s instanceof String t) || !cited.contains(t)) c.add(top, "sources: " + quote(s) + " is not a page this kit's catalogue cites (" + String.join(", ", cited) + ")");
        }
    }

    private static String totalsText(Map<Verdict, Integer> counted) {
        StringBuilder b = new StringBuilder();
        for (Verdict v : Verdict.values()) b.append(b.isEmpty() ? "" : ", ").append(v.label()).append(' ').append(counted.get(v));
        return b.toString();
    }

    private static String quote(Object o) { return o instanceof String s ? "\"" + s + "\"" : String.valueOf(o); }

    /** Collects problems as "FILE:LINE: message" and reads typed members, reporting what is missing. */
    private static final class Checker {
        final String name;
        final Json.Located doc;
        final List<String> problems = new ArrayList<>();

        Checker(String name, Json.Located doc) { this.name = name; this.doc = doc; }

        void add(int line, String message) { problems.add(name + (line > 0 ? ":" + line : "") + ": " + message); }

        Map<?, ?> object(Map<?, ?> m, String key, int line) {
            if (m.get(key) instanceof Map<?, ?> o) return o;
            add(line, "\"" + key + "\" must be an object");
            return null;
        }

        String string(Map<?, ?> m, String key, int line) {
            if (m.get(key) instanceof String s) return s;
            add(line, "\"" + key + "\" must be a string");
            return null;
        }

        /** A whole number of at least 0, or -1 (reported) when it is not one. */
        long count(Map<?, ?> m, String key, int line) {
            if (m.get(key) instanceof Number n && n.doubleValue() == n.longValue() && n.longValue() >= 0) return n.longValue();
            add(line, "\"" + key + "\" must be a whole number of at least 0, found " + quote(m.get(key)));
            return -1;
        }

        String hash(Map<?, ?> m, String key, int line) {
            Object v = m.get(key);
            if (v instanceof String s && Sha256.HEX.matcher(s).matches()) return s;
            add(line, "\"" + key + "\" must be a SHA-256 in 64 lowercase hexadecimal digits, found " + quote(v));
            return null;
        }
    }
}
