package xmemck.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import xmemck.glue.CucumberRun;
import xmemck.glue.ScenarioRun;
import xmemck.harness.ScenarioResult;
import xmemck.lint.FeatureLint;
import xmemck.lint.StepMatcher;
import xmemck.ops.Op;
import xmemck.oracle.Verdict;

/**
 * The operations a Gherkin text stands for, read with the features' own glue: the text is run
 * through Cucumber against the reference implementation (which does what the oracle allows, so
 * every step runs), and the harness steps of each scenario are collected. A text without a {@code
 * Feature:} line is taken as the steps of one scenario.
 */
final class FeatureOps {
    private FeatureOps() {}

    /**
     * One scenario's operations; {@code note} is what the kit said about it when it was not PASS (a
     * disagreement, an error).
     */
    record ScenarioOps(String name, int line, List<Op> ops, String note) {}

    private static final Pattern FEATURE =
            Pattern.compile("(?m)^\\s*(Feature|Ability|Business Need):");

    /** Lines the wrapper adds before the user's text. */
    private static final int WRAP_LINES = 2;

    static List<ScenarioOps> read(String text, String displayName) {
        boolean wrap = !FEATURE.matcher(text).find();
        String feature =
                wrap ? "Feature: ck explain\n  Scenario: " + displayName + "\n" + text : text;
        int shift = wrap ? WRAP_LINES : 0;
        Path dir;
        try {
            dir = Files.createTempDirectory("ck-explain");
        } catch (IOException e) {
            throw new CliProblem(Ck.USAGE, "cannot create a temporary folder: " + e.getMessage());
        }
        try {
            Path features = Files.createDirectories(dir.resolve("features"));
            Files.writeString(features.resolve("explain.feature"), feature, StandardCharsets.UTF_8);
            check(features, displayName, shift);
            return run(features, shift);
        } catch (IOException e) {
            throw new CliProblem(Ck.USAGE, "cannot write a temporary file: " + e.getMessage());
        } finally {
            delete(dir);
        }
    }

    /**
     * The text must parse and every step must match the glue: else the problems, with the user's
     * lines.
     */
    private static void check(Path features, String displayName, int shift) {
        FeatureLint.Features f = FeatureLint.parse(features);
        List<FeatureLint.Problem> problems = new ArrayList<>(FeatureLint.malformed(f));
        problems.addAll(FeatureLint.unmatchedSteps(f, StepMatcher.forGlue("xmemck.glue")));
        if (problems.isEmpty()) return;
        StringBuilder b = new StringBuilder();
        for (FeatureLint.Problem p : problems) {
            long line = p.line() - shift;
            b.append(displayName)
                    .append(line > 0 ? ":" + line : "")
                    .append(": ")
                    .append(p.message())
                    .append('\n');
        }
        b.append(
                "(ck explain reads the step vocabulary of runner/README.md, or the operations as JSON)");
        throw new CliProblem(Ck.USAGE, b.toString());
    }

    private static List<ScenarioOps> run(Path features, int shift) {
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("xmemck.adapter", "reference");
        properties.put("xmemck.sut", null);
        properties.put("xmemck.fault", null);
        properties.put("xmemck.features", features.toString());
        // Explain mode: a question needs no Then step, and each scenario's operations come back
        // attached.
        properties.put(ScenarioRun.EXPLAIN, "true");
        CucumberRun.Outcome o =
                new CucumberRun(
                                properties,
                                List.of("--no-summary", "--monochrome", features.toString()),
                                null)
                        .execute();
        List<ScenarioOps> out = new ArrayList<>();
        for (ScenarioResult r : o.read().results()) {
            // What an explanation says of itself (outside the contract, unsupported) is not
            // repeated as a note.
            boolean quiet =
                    r.verdict() == Verdict.PASS
                            || r.verdict() == Verdict.OUTSIDE_CONTRACT
                            || r.verdict() == Verdict.UNSUPPORTED;
            out.add(
                    new ScenarioOps(
                            r.name(),
                            r.line() - shift,
                            o.read().opsByScenario().getOrDefault(r.id(), List.of()),
                            quiet ? "" : r.verdict().label() + ": " + r.reason()));
        }
        return out;
    }

    private static void delete(Path dir) {
        try {
            xmemck.files.Trees.delete(dir);
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }
}
