package xmemck.features;

import io.cucumber.messages.types.Examples;
import io.cucumber.messages.types.Feature;
import io.cucumber.messages.types.FeatureChild;
import io.cucumber.messages.types.GherkinDocument;
import io.cucumber.messages.types.Pickle;
import io.cucumber.messages.types.PickleTag;
import io.cucumber.messages.types.RuleChild;
import io.cucumber.messages.types.Scenario;
import io.cucumber.messages.types.TableRow;
import io.cucumber.tagexpressions.Expression;
import io.cucumber.tagexpressions.TagExpressionParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import xmemck.lint.FeatureLint;

/**
 * Every scenario of a features folder as Cucumber will run it (one per Scenario, one per example
 * row of an outline), with the id the reports give it ({@code features/copyout/adi.feature:23}: the
 * folder's name, the path in it, and the line of the Scenario keyword or of the example row). Read
 * without running anything, so a run can be planned: which scenarios a shard holds, which ones a
 * tag expression selects, how many a progress line counts to, and whether an expectations file
 * names scenarios that exist.
 */
public record SuiteScenarios(Path root, List<SuiteScenario> all, String sha256) {
    public SuiteScenarios {
        all = List.copyOf(all);
    }

    /** One scenario. {@code tags} are all its tags, inherited ones included, with their "@". */
    public record SuiteScenario(String id, String file, int line, String name, List<String> tags) {
        public SuiteScenario {
            tags = List.copyOf(tags);
        }
    }

    /**
     * Reads every .feature file under {@code root} (which must exist). A file that does not parse
     * adds no scenario.
     */
    public static SuiteScenarios read(Path root) {
        FeatureLint.Features features = FeatureLint.parse(root);
        List<SuiteScenario> out = new ArrayList<>();
        Path base = root.toAbsolutePath().normalize();
        Path parent = base.getParent() == null ? base : base.getParent();
        MessageDigest digest = Sha256.digest();
        for (FeatureLint.FeatureFile f : features.files()) {
            try {
                digest.update(f.name().getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
                digest.update(Files.readAllBytes(parent.resolve(f.name())));
                digest.update((byte) 0);
            } catch (IOException e) {
                throw new UncheckedIOException(
                        "cannot read " + f.name() + ": " + e.getMessage(), e);
            }
            if (f.document() == null) continue;
            Map<String, Integer> lines = astLines(f.document());
            for (Pickle p : f.pickles()) {
                List<String> ids = p.getAstNodeIds();
                Integer line = ids.isEmpty() ? null : lines.get(ids.getLast());
                if (line == null) continue;
                out.add(
                        new SuiteScenario(
                                f.name() + ":" + line,
                                f.name(),
                                line,
                                p.getName(),
                                p.getTags().stream().map(PickleTag::getName).toList()));
            }
        }
        return new SuiteScenarios(root, out, Sha256.hex(digest));
    }

    /** The scenario with this id, if the features have one. */
    public Optional<SuiteScenario> byId(String id) {
        for (SuiteScenario s : all) if (s.id().equals(id)) return Optional.of(s);
        return Optional.empty();
    }

    /**
     * The scenarios of {@code shard} that {@code tags} (a Cucumber tag expression; blank for all)
     * selects.
     */
    public List<SuiteScenario> select(Shard shard, String tags) {
        Expression e = tags == null || tags.isBlank() ? null : parseTags(tags);
        List<SuiteScenario> out = new ArrayList<>();
        for (SuiteScenario s : all) {
            if (shard.contains(s.id()) && (e == null || e.evaluate(s.tags()))) out.add(s);
        }
        return out;
    }

    /** The scenarios of {@code shard}, whatever their tags. */
    public List<SuiteScenario> inShard(Shard shard) {
        return select(shard, null);
    }

    /**
     * Cucumber's feature arguments that run exactly {@code chosen}: one {@code path:line:line...}
     * per file. Cucumber runs a pickle when its own line is listed (the Scenario line, or an
     * example row's line), so an outline row listed alone runs alone.
     */
    public List<String> locations(List<SuiteScenario> chosen) {
        Path base = root.toAbsolutePath().normalize();
        Path parent = base.getParent() == null ? base : base.getParent();
        Map<String, StringBuilder> byFile = new LinkedHashMap<>();
        for (SuiteScenario s : chosen) {
            byFile.computeIfAbsent(s.file(), f -> new StringBuilder(parent.resolve(f).toString()))
                    .append(':')
                    .append(s.line());
        }
        return byFile.values().stream().map(StringBuilder::toString).toList();
    }

    /**
     * A tag expression as Cucumber reads it; a malformed one is an IllegalArgumentException naming
     * it.
     */
    public static Expression parseTags(String tags) {
        try {
            return TagExpressionParser.parse(tags);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(
                    "--tags \"" + tags + "\" is not a tag expression: " + e.getMessage());
        }
    }

    /** The line of every scenario and example row of a document, by AST node id. */
    private static Map<String, Integer> astLines(GherkinDocument doc) {
        Map<String, Integer> lines = new HashMap<>();
        Optional<Feature> feature = doc.getFeature();
        if (feature.isEmpty()) return lines;
        for (FeatureChild c : feature.get().getChildren()) {
            c.getScenario().ifPresent(s -> scenario(s, lines));
            c.getRule()
                    .ifPresent(
                            r -> {
                                for (RuleChild rc : r.getChildren())
                                    rc.getScenario().ifPresent(s -> scenario(s, lines));
                            });
        }
        return lines;
    }

    private static void scenario(Scenario s, Map<String, Integer> lines) {
        lines.put(s.getId(), s.getLocation().getLine().intValue());
        for (Examples ex : s.getExamples()) {
            for (TableRow row : ex.getTableBody())
                lines.put(row.getId(), row.getLocation().getLine().intValue());
        }
    }
}
