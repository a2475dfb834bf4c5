package xmemck.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import xmemck.conformance.DeclaredProfile;
import xmemck.conformance.ExpectationCheck;
import xmemck.conformance.Expectations;
import xmemck.conformance.InputFileException;
import xmemck.features.Shard;
import xmemck.features.SuiteScenarios;
import xmemck.lint.FeatureLint;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;

/**
 * Everything {@code ck run} checks before it runs anything, so that bad input is said at once and
 * not after an hour: the shard, the tag expression, the expectations and profile files, the
 * adapters, the features (and their blocking lint), that the selection holds scenarios, that the
 * report directory can be written, and that every implementation starts.
 */
record RunPlan(
        List<AdapterChoice> adapters,
        Shard shard,
        String tags,
        SuiteScenarios suite,
        List<SuiteScenarios.SuiteScenario> selected,
        Expectations expectations,
        DeclaredProfile profile,
        Path reportRoot,
        List<String> notes,
        Map<String, Expectations> builtIn) {

    /**
     * The kit's own known findings for a built-in adapter that runs a real system, beside its
     * sources: they apply when no {@code --expectations} is given, so that the default run shows
     * each finding as expected, with its reason, instead of failing on behaviour the kit documents.
     * Today only Linux has some.
     */
    static final Map<String, String> BUILT_IN_EXPECTATIONS =
            Map.of("linux", "sut-adapters/linux/linux.expectations");

    /**
     * The plan for one adapter: the expectations that hold for it (the kit's own for a built-in
     * adapter, unless replaced).
     */
    RunPlan forAdapter(AdapterChoice a) {
        Expectations own = builtIn.get(a.id());
        if (own == null || a.sut() != null) return this;
        return new RunPlan(
                adapters, shard, tags, suite, selected, own, profile, reportRoot, notes, builtIn);
    }

    /** The command's options, as the plan needs them. */
    record Request(
            AdapterOptions adapter,
            String tags,
            Path reportDir,
            Path features,
            Shard shard,
            Path expectations,
            Path profile) {}

    static RunPlan prepare(Request q) {
        Shard shard = q.shard() == null ? Shard.ALL : q.shard();
        String tags = q.tags() == null ? "" : q.tags().strip();
        if (!tags.isEmpty()) {
            try {
                SuiteScenarios.parseTags(tags);
            } catch (IllegalArgumentException e) {
                throw new CliProblem(Ck.USAGE, e.getMessage());
            }
        }
        Expectations expectations = Expectations.none();
        DeclaredProfile profile = null;
        try {
            if (q.expectations() != null) expectations = Expectations.read(q.expectations());
            if (q.profile() != null) profile = DeclaredProfile.read(q.profile());
        } catch (InputFileException e) {
            throw new CliProblem(Ck.USAGE, e.getMessage());
        }
        List<String> notes = new ArrayList<>();
        List<AdapterChoice> adapters = q.adapter().choose(notes);

        if (!Files.isDirectory(q.features())) {
            throw new CliProblem(
                    Ck.USAGE,
                    "no features folder at " + q.features() + " (give one with --features DIR)");
        }
        List<FeatureLint.Problem> problems = FeatureLint.blocking(q.features());
        if (!problems.isEmpty()) {
            StringBuilder b = new StringBuilder();
            for (FeatureLint.Problem p : problems) b.append(p).append('\n');
            b.append(problems.size()).append(" problem(s) in the features; nothing was run");
            throw new CliProblem(Ck.USAGE, b.toString());
        }
        SuiteScenarios suite = SuiteScenarios.read(q.features());
        List<SuiteScenarios.SuiteScenario> selected = suite.select(shard, tags);
        if (selected.isEmpty()) {
            throw new CliProblem(
                    Ck.USAGE,
                    "no scenario to run: of the "
                            + suite.all().size()
                            + " scenarios in "
                            + q.features()
                            + ", "
                            + suite.inShard(shard).size()
                            + " are in shard "
                            + shard
                            + (tags.isEmpty() ? "" : " and none of them matches --tags " + tags));
        }
        List<String> unknown =
                new ArrayList<>(ExpectationCheck.unknownScenarios(expectations, suite));
        Map<String, Expectations> builtIn = new LinkedHashMap<>();
        if (q.expectations() == null) {
            // The kit's root is the features folder's parent: the same in a clone, in ./ck and in
            // tests.
            Path kit = q.features().toAbsolutePath().normalize().getParent();
            for (AdapterChoice a : adapters) {
                String file = BUILT_IN_EXPECTATIONS.get(a.id());
                if (file == null || kit == null || !Files.isRegularFile(kit.resolve(file)))
                    continue;
                try {
                    Expectations own = Expectations.read(kit.resolve(file));
                    builtIn.put(a.id(), own);
                    unknown.addAll(ExpectationCheck.unknownScenarios(own, suite));
                    notes.add(
                            a.id()
                                    + ": the kit's known findings on this system apply ("
                                    + file
                                    + ", "
                                    + own.entries().size()
                                    + " entr"
                                    + (own.entries().size() == 1 ? "y" : "ies")
                                    + "); --expectations FILE replaces them");
                } catch (InputFileException e) {
                    throw new CliProblem(Ck.USAGE, e.getMessage());
                }
            }
        }
        if (!unknown.isEmpty()) throw new CliProblem(Ck.USAGE, String.join("\n", unknown));

        Path root = q.reportDir().toAbsolutePath().normalize();
        writable(root);
        for (AdapterChoice a : adapters) writable(root.resolve(a.folder()));
        for (AdapterChoice a : adapters) starts(a, q.adapter().timeoutMillis);
        return new RunPlan(
                adapters,
                shard,
                tags,
                suite,
                selected,
                expectations,
                profile,
                root,
                notes,
                Map.copyOf(builtIn));
    }

    /** The report directory must exist or be creatable, and take a file. */
    static void writable(Path dir) {
        try {
            Files.createDirectories(dir);
            Path probe = Files.createTempFile(dir, ".ck-write-check", ".tmp");
            Files.delete(probe);
        } catch (IOException | SecurityException e) {
            throw new CliProblem(
                    Ck.USAGE,
                    "cannot write reports to "
                            + dir
                            + ": "
                            + e
                            + " (give a folder you can write with --report-dir DIR)");
        }
    }

    /**
     * Opens and closes the implementation once: one that does not start is said now, with its error
     * and exit status.
     */
    static void starts(AdapterChoice a, Long timeoutMillis) {
        Sut sut;
        try {
            sut = xmemck.spi.Adapters.find(a.id()).open(a.options(timeoutMillis));
        } catch (SutFailure f) {
            throw new CliProblem(
                    Ck.ADAPTER_FAILED,
                    "the "
                            + a.id()
                            + " adapter could not start its implementation"
                            + (a.sut() == null ? "" : " (" + a.sut() + ")")
                            + ": "
                            + f.kind()
                            + ": "
                            + f.getMessage());
        } catch (IllegalArgumentException e) {
            throw new CliProblem(Ck.USAGE, "the " + a.id() + " adapter: " + e.getMessage());
        } catch (RuntimeException e) {
            throw new CliProblem(
                    Ck.ADAPTER_FAILED, "the " + a.id() + " adapter failed to open: " + e);
        }
        sut.close();
    }

    /**
     * The scenarios the other shards of this run's partition run (with the same tags); none without
     * shards.
     */
    List<SuiteScenarios.SuiteScenario> elsewhere() {
        if (shard.isAll()) return List.of();
        java.util.Set<String> mine = new java.util.HashSet<>();
        for (SuiteScenarios.SuiteScenario s : selected) mine.add(s.id());
        return suite.select(Shard.ALL, tags).stream().filter(s -> !mine.contains(s.id())).toList();
    }

    /** Cucumber's feature arguments: the folder, or the exact scenarios of a shard. */
    List<String> featureArguments() {
        if (shard.isAll()) return List.of(suite.root().toAbsolutePath().normalize().toString());
        return suite.locations(suite.inShard(shard));
    }
}
