package xmemck.conformance;

import xmemck.features.Sha256;
import xmemck.features.Shard;
import xmemck.features.SuiteScenarios;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Catalogue;
import xmemck.oracle.Clause;
import xmemck.oracle.Verdict;
import xmemck.records.SummaryJson;
import xmemck.records.Json;
import xmemck.records.RunReport;
import xmemck.records.Totals;
import xmemck.records.Verdicts;

/**
 * bundle.json: one run's conformance claim in one file that a machine can check ({@link BundleCheck}): the kit's
 * version, the adapter and its capabilities, the manual pages and catalogue the verdicts refer to, the
 * features and the selection that ran (tags, shard), the expectations file's SHA-256, the declared profile's, the
 * totals, the problems that made the run fail, and every scenario's verdict. The layout is in
 * {@code runner/README.md}.
 */
public final class Bundle {
    private Bundle() {}

    public static final String FILE = "bundle.json";
    public static final String FORMAT = "xmemck-bundle";
    public static final int FORMAT_VERSION = 1;


    /** What produced the run besides its results. {@code expectations} and {@code profile} may be null. */
    public record Context(String createdAt, String implementationCommand, String fault, String tags, Shard shard,
                          SuiteScenarios features, Expectations expectations, DeclaredProfile profile, int profileDifferences,
                          List<String> expectationProblems, List<String> problems, boolean passed) {
        public Context {
            expectationProblems = List.copyOf(expectationProblems);
            problems = List.copyOf(problems);
        }
    }

    /** The bundle of {@code run} (whose expected failures are already marked) as JSON text. */
    public static String render(RunReport run, Context c) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("format", FORMAT);
        root.put("formatVersion", FORMAT_VERSION);
        root.put("kit", Map.of("version", run.kitVersion()));
        root.put("createdAt", c.createdAt());
        root.put("adapter", SummaryJson.adapter(run.adapter()));
        Map<String, Object> impl = new LinkedHashMap<>();
        impl.put("command", c.implementationCommand());
        impl.put("fault", c.fault());
        root.put("implementation", impl);
        root.put("sources", sources(Catalogue.all()));
        Map<String, Object> catalogue = new LinkedHashMap<>();
        catalogue.put("sha256", Sha256.of(Catalogue.tsv()));
        catalogue.put("clauses", Catalogue.all().size());
        root.put("catalogue", catalogue);
        Map<String, Object> features = new LinkedHashMap<>();
        features.put("sha256", c.features().sha256());
        features.put("scenarios", c.features().all().size());
        root.put("features", features);
        Map<String, Object> selection = new LinkedHashMap<>();
        selection.put("tags", c.tags() == null ? "" : c.tags());
        selection.put("shard", c.shard().toString());
        root.put("selection", selection);
        root.put("expectations", c.expectations() == null ? null : fileRef(c.expectations().source(), c.expectations().sha256(),
                "entries", c.expectations().entries().size()));
        root.put("profile", c.profile() == null ? null : fileRef(c.profile().source(), c.profile().sha256(),
                "differences", c.profileDifferences()));
        Totals t = Totals.of(run.scenarios());
        Map<String, Object> totals = new LinkedHashMap<>();
        for (Verdict v : Verdict.values()) totals.put(v.name(), t.get(v));
        root.put("scenarioCount", run.scenarios().size());
        root.put("totals", totals);
        root.put("expectedFailures", run.expectedFailures());
        root.put("unexpectedFailures", run.unexpectedFailures());
        root.put("problems", c.problems());
        // Those of the problems that the expectations file caused (unexpected passes, expired entries): a merge of
        // shards replaces them with its own decision over all shards.
        root.put("expectationProblems", c.expectationProblems());
        root.put("passed", c.passed());
        List<Object> scenarios = new ArrayList<>();
        for (ScenarioResult r : run.scenarios()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("id", r.id());
            s.put("name", r.name());
            s.put("clauses", r.clauses());
            s.put("verdict", Verdicts.of(r).label());
            s.put("expected", run.isExpected(r));
            scenarios.add(s);
        }
        root.put("scenarios", scenarios);
        return Json.write(root) + "\n";
    }

    /** The manual pages the catalogue's clauses cite (the keys of its list of pages), in order of first citation. */
    public static List<String> sources(List<Clause> catalogue) {
        Set<String> out = new LinkedHashSet<>();
        for (Clause c : catalogue) for (Clause.Citation s : c.sources()) if (!s.page().isKit()) out.add(s.page().key());
        return List.copyOf(out);
    }

    /** A file by its name only (no machine's path in a bundle that may be published) and its hash. */
    private static Map<String, Object> fileRef(String path, String sha256, String countKey, int count) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("file", java.nio.file.Path.of(path).getFileName().toString());
        m.put("sha256", sha256);
        m.put(countKey, count);
        return m;
    }
}
