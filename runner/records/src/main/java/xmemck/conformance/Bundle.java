package xmemck.conformance;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import xmemck.features.Sha256;
import xmemck.features.Shard;
import xmemck.features.SuiteScenarios;
import xmemck.files.Adapter;
import xmemck.files.JsonFile;
import xmemck.files.Kit;
import xmemck.files.KitJson;
import xmemck.files.VerdictCounts;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Catalogue;
import xmemck.oracle.Clause;
import xmemck.records.RunReport;
import xmemck.records.SummaryJson;
import xmemck.records.Totals;
import xmemck.records.Verdicts;

/**
 * bundle.json: one run's conformance claim in one file that a machine can check ({@link
 * BundleCheck}): the kit's version, the adapter and its capabilities, the manual pages and
 * catalogue the verdicts refer to, the features and the selection that ran (tags, shard), the
 * expectations file's SHA-256, the declared profile's, the totals, the problems that made the run
 * fail, and every scenario's verdict. The layout is in {@code runner/README.md}.
 *
 * <p>Format decisions: the records below are the format, written whole by databind (one short line
 * per scenario) and read back strictly by {@link BundleCheck}: every member required (only {@code
 * expectations}, {@code profile} and the implementation's {@code command} and {@code fault} may be
 * null), no member the format does not name, no string where a count belongs. So the checker itself
 * only checks what the bundle means.
 */
public final class Bundle {
    private Bundle() {}

    public static final String FILE = "bundle.json";
    public static final String FORMAT = "xmemck-bundle";
    public static final int FORMAT_VERSION = 2;

    /**
     * What produced the run besides its results. {@code expectations} and {@code profile} may be
     * null.
     */
    public record Context(
            String createdAt,
            String implementationCommand,
            String fault,
            String tags,
            Shard shard,
            SuiteScenarios features,
            Expectations expectations,
            DeclaredProfile profile,
            int profileDifferences,
            List<String> expectationProblems,
            List<String> problems,
            boolean passed) {
        public Context {
            expectationProblems = List.copyOf(expectationProblems);
            problems = List.copyOf(problems);
        }
    }

    /** The whole file, member by member in the order written. */
    public record Contents(
            String format,
            @JsonProperty(required = true) int formatVersion,
            Kit kit,
            String createdAt,
            Adapter adapter,
            Implementation implementation,
            List<String> sources,
            CatalogueHash catalogue,
            FeaturesHash features,
            Selection selection,
            @JsonSetter(nulls = Nulls.SET) ExpectationsFile expectations,
            @JsonSetter(nulls = Nulls.SET) ProfileFile profile,
            @JsonProperty(required = true) int scenarioCount,
            VerdictCounts totals,
            @JsonProperty(required = true) int expectedFailures,
            @JsonProperty(required = true) int unexpectedFailures,
            List<String> problems,
            // Those of the problems that the expectations file caused (unexpected passes, expired
            // entries): a
            // merge of shards replaces them with its own decision over all shards.
            List<String> expectationProblems,
            @JsonProperty(required = true) boolean passed,
            // The claim: the clauses the run judged (a scenario passed on it, or a finding names
            // it), in catalogue
            // order; a bundle with none judged nothing and is no conformance claim.
            List<String> judgedClauses,
            List<Scenario> scenarios) {}

    /**
     * The implementation's command line (process adapters) and the seeded fault it ran with; either
     * may be null.
     */
    public record Implementation(
            @JsonSetter(nulls = Nulls.SET) String command,
            @JsonSetter(nulls = Nulls.SET) String fault) {}

    /** The clause catalogue the verdicts refer to: its SHA-256 and how many clauses it has. */
    public record CatalogueHash(String sha256, @JsonProperty(required = true) int clauses) {}

    /** The features the scenarios came from: their SHA-256 and how many scenarios they have. */
    public record FeaturesHash(String sha256, @JsonProperty(required = true) int scenarios) {}

    /** What of the features ran: the tag expression ("" for all) and the shard ("1/1" for all). */
    public record Selection(String tags, String shard) {}

    /**
     * The expectations file, by name only (no machine's path in a bundle that may be published).
     */
    public record ExpectationsFile(
            String file, String sha256, @JsonProperty(required = true) int entries) {}

    /** The declared profile, by name only, and how many differences from it the run had. */
    public record ProfileFile(
            String file, String sha256, @JsonProperty(required = true) int differences) {}

    /**
     * One scenario's verdict (a label), the clauses its findings break ({@code violated}: a FAIL's,
     * else empty) and whether the expectations file lists its failure.
     */
    public record Scenario(
            String id,
            String name,
            List<String> clauses,
            String verdict,
            List<String> violated,
            @JsonProperty(required = true) boolean expected) {}

    /**
     * What others read of a bundle: the run's outcome as it decided it; the rest of the file is not
     * read.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Outcome(
            @JsonProperty(required = true) boolean passed,
            List<String> problems,
            List<String> expectationProblems) {}

    /** The bundle of {@code run} (whose expected failures are already marked) as JSON text. */
    public static String render(RunReport run, Context c) {
        List<Scenario> scenarios = new ArrayList<>();
        for (ScenarioResult r : run.scenarios()) {
            scenarios.add(
                    new Scenario(
                            r.id(),
                            r.name(),
                            r.clauses(),
                            Verdicts.of(r).label(),
                            Verdicts.of(r) == xmemck.oracle.Verdict.FAIL ? r.violated() : List.of(),
                            run.isExpected(r)));
        }
        Contents file =
                new Contents(
                        FORMAT,
                        FORMAT_VERSION,
                        new Kit(run.kitVersion()),
                        c.createdAt(),
                        run.adapter().json(),
                        new Implementation(c.implementationCommand(), c.fault()),
                        sources(Catalogue.all()),
                        new CatalogueHash(Sha256.of(Catalogue.tsv()), Catalogue.all().size()),
                        new FeaturesHash(c.features().sha256(), c.features().all().size()),
                        new Selection(c.tags() == null ? "" : c.tags(), c.shard().toString()),
                        c.expectations() == null
                                ? null
                                : new ExpectationsFile(
                                        fileName(c.expectations().source()),
                                        c.expectations().sha256(),
                                        c.expectations().entries().size()),
                        c.profile() == null
                                ? null
                                : new ProfileFile(
                                        fileName(c.profile().source()),
                                        c.profile().sha256(),
                                        c.profileDifferences()),
                        run.scenarios().size(),
                        SummaryJson.counts(Totals.of(run.scenarios())),
                        run.expectedFailures(),
                        run.unexpectedFailures(),
                        c.problems(),
                        c.expectationProblems(),
                        c.passed(),
                        judged(scenarios),
                        scenarios);
        return KitJson.write(file) + "\n";
    }

    /**
     * The clauses the scenarios judged, in catalogue order (ids the catalogue does not know last,
     * sorted): those a PASS scenario is tagged with and those a FAIL scenario's findings name.
     */
    public static List<String> judged(List<Scenario> scenarios) {
        Set<String> ids = new java.util.TreeSet<>();
        for (Scenario s : scenarios) {
            if (s.verdict().equals(xmemck.oracle.Verdict.PASS.label())) ids.addAll(s.clauses());
            if (s.verdict().equals(xmemck.oracle.Verdict.FAIL.label())) ids.addAll(s.violated());
        }
        List<String> out = new ArrayList<>();
        for (Clause c : Catalogue.all()) if (ids.remove(c.id())) out.add(c.id());
        out.addAll(ids);
        return out;
    }

    /**
     * The outcome a saved bundle records; a {@link xmemck.files.FileFormatException} when it cannot
     * be read.
     */
    public static Outcome outcome(Path file) {
        return JsonFile.of(file).read(Outcome.class);
    }

    /**
     * The manual pages the catalogue's clauses cite (the keys of its list of pages), in order of
     * first citation.
     */
    public static List<String> sources(List<Clause> catalogue) {
        Set<String> out = new LinkedHashSet<>();
        for (Clause c : catalogue)
            for (Clause.Citation s : c.sources()) if (!s.page().isKit()) out.add(s.page().key());
        return List.copyOf(out);
    }

    /** A file by its name only (no machine's path in a bundle that may be published). */
    private static String fileName(String path) {
        return Path.of(path).getFileName().toString();
    }
}
