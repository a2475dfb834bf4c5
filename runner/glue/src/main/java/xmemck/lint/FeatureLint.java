package xmemck.lint;

import io.cucumber.gherkin.GherkinParser;
import io.cucumber.messages.types.Envelope;
import io.cucumber.messages.types.Examples;
import io.cucumber.messages.types.Feature;
import io.cucumber.messages.types.FeatureChild;
import io.cucumber.messages.types.GherkinDocument;
import io.cucumber.messages.types.ParseError;
import io.cucumber.messages.types.Pickle;
import io.cucumber.messages.types.PickleStep;
import io.cucumber.messages.types.PickleStepType;
import io.cucumber.messages.types.PickleTag;
import io.cucumber.messages.types.RuleChild;
import io.cucumber.messages.types.Scenario;
import io.cucumber.messages.types.Step;
import io.cucumber.messages.types.TableRow;
import io.cucumber.messages.types.Tag;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import xmemck.oracle.Catalogue;
import xmemck.oracle.Clause;

/**
 * The features' lint: one check per rule, each problem with the file and line it is about.
 *
 * <ol>
 *   <li>{@link #malformed}: every feature file parses;
 *   <li>{@link #foreignFiles}: the features folder holds only .feature files;
 *   <li>{@link #missingClauseTag}: every scenario carries at least one {@code @clause:<id>} tag
 *       (its own, its examples', its rule's or its feature's);
 *   <li>{@link #unknownClauseTags}: every {@code @clause:} tag names a clause of the catalogue;
 *   <li>{@link #uncoveredClauses}: every catalogue clause has at least one scenario;
 *   <li>{@link #unmatchedSteps}: every step matches exactly one step definition;
 *   <li>{@link #noCallOrClaim}: every scenario calls a service (a When step) and ends with a claim
 *       (a Then step);
 *   <li>{@link #outlinesWithoutRows}: every Scenario Outline has example rows (else it silently
 *       runs nothing);
 *   <li>{@link #duplicateNames}: scenario names (with an outline's values filled in) are unique in
 *       their file.
 * </ol>
 */
public final class FeatureLint {

    public static final String CLAUSE_TAG = "@clause:";

    /**
     * One problem: the rule it breaks and where. {@code line} is 0 when the problem has no line.
     */
    public record Problem(String rule, String file, long line, String message) {
        @Override
        public String toString() {
            return file + (line > 0 ? ":" + line : "") + ": " + message + " [" + rule + "]";
        }
    }

    /**
     * One parsed feature file: its display name (features/...), the document (null when it did not
     * parse), its scenarios.
     */
    public record FeatureFile(
            String name, GherkinDocument document, List<Pickle> pickles, List<ParseError> errors) {}

    /** The parsed features folder. */
    public record Features(Path root, List<FeatureFile> files, List<String> otherFiles) {}

    private FeatureLint() {}

    /**
     * The checks without which a run's results mean nothing (a file that does not parse, a scenario
     * that names no clause or an unknown one, a step no definition matches): {@code ck run} refuses
     * to start when one fails.
     */
    public static List<Problem> blocking(Path root) {
        Features f = parse(root);
        List<Problem> out = new ArrayList<>();
        out.addAll(malformed(f));
        out.addAll(missingClauseTag(f));
        out.addAll(unknownClauseTags(f, Catalogue.all()));
        out.addAll(unmatchedSteps(f, StepMatcher.forGlue("xmemck.glue")));
        return out;
    }

    /** Every check over {@code root} with the catalogue and the glue of this kit. */
    public static List<Problem> all(Path root) {
        Features f = parse(root);
        StepMatcher steps = StepMatcher.forGlue("xmemck.glue");
        List<Problem> out = new ArrayList<>();
        out.addAll(malformed(f));
        out.addAll(foreignFiles(f));
        out.addAll(missingClauseTag(f));
        out.addAll(unknownClauseTags(f, Catalogue.all()));
        out.addAll(uncoveredClauses(f, Catalogue.all()));
        out.addAll(unmatchedSteps(f, steps));
        out.addAll(noCallOrClaim(f));
        out.addAll(outlinesWithoutRows(f));
        out.addAll(duplicateNames(f));
        return out;
    }

    /** Parse every {@code .feature} file under {@code root}, in path order. */
    public static Features parse(Path root) {
        if (!Files.isDirectory(root))
            throw new IllegalArgumentException("no features folder at " + root);
        GherkinParser parser = GherkinParser.builder().includeSource(false).build();
        List<FeatureFile> files = new ArrayList<>();
        List<String> others = new ArrayList<>();
        Path base = root.toAbsolutePath().normalize();
        Path parent = base.getParent() == null ? base : base.getParent();
        try (Stream<Path> walk = Files.walk(base)) {
            for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                String name = parent.relativize(p).toString().replace('\\', '/');
                if (!p.getFileName().toString().endsWith(".feature")) {
                    others.add(name);
                    continue;
                }
                GherkinDocument doc = null;
                List<Pickle> pickles = new ArrayList<>();
                List<ParseError> errors = new ArrayList<>();
                try (Stream<Envelope> envelopes = parser.parse(p)) {
                    for (Envelope e : envelopes.toList()) {
                        if (e.getGherkinDocument().isPresent()) doc = e.getGherkinDocument().get();
                        e.getPickle().ifPresent(pickles::add);
                        e.getParseError().ifPresent(errors::add);
                    }
                }
                files.add(new FeatureFile(name, doc, pickles, errors));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot read the features under " + root + ": " + e.getMessage(), e);
        }
        return new Features(root, files, others);
    }

    // ------------------------------------------------------------------ the rules

    public static List<Problem> malformed(Features f) {
        List<Problem> out = new ArrayList<>();
        for (FeatureFile file : f.files()) {
            for (ParseError e : file.errors()) {
                long line = e.getSource().getLocation().map(l -> l.getLine()).orElse(0L);
                out.add(
                        new Problem(
                                "parse",
                                file.name(),
                                line,
                                "malformed feature: " + e.getMessage()));
            }
        }
        return out;
    }

    public static List<Problem> foreignFiles(Features f) {
        List<Problem> out = new ArrayList<>();
        for (String other : f.otherFiles()) {
            out.add(
                    new Problem(
                            "only-features",
                            other,
                            0,
                            "the features folder holds only .feature files (put other files elsewhere)"));
        }
        return out;
    }

    public static List<Problem> missingClauseTag(Features f) {
        List<Problem> out = new ArrayList<>();
        for (FeatureFile file : f.files()) {
            Index index = Index.of(file);
            Set<String> reported = new HashSet<>();
            for (Pickle p : file.pickles()) {
                if (p.getTags().stream().anyMatch(t -> t.getName().startsWith(CLAUSE_TAG)))
                    continue;
                // One report per scenario, or per examples block of an outline.
                String key =
                        p.getAstNodeIds().size() > 1
                                ? index.examplesOfRow.getOrDefault(
                                        p.getAstNodeIds().get(1), p.getAstNodeIds().get(1))
                                : p.getAstNodeIds().get(0);
                if (reported.add(key)) {
                    out.add(
                            new Problem(
                                    "clause-tag",
                                    file.name(),
                                    index.line(p),
                                    "scenario \""
                                            + p.getName()
                                            + "\" has no "
                                            + CLAUSE_TAG
                                            + "<id> tag"
                                            + " (put one on the scenario, its examples, its rule or its feature)"));
                }
            }
        }
        return out;
    }

    public static List<Problem> unknownClauseTags(Features f, Collection<Clause> catalogue) {
        Set<String> known = new HashSet<>();
        for (Clause c : catalogue) known.add(c.id());
        List<Problem> out = new ArrayList<>();
        for (FeatureFile file : f.files()) {
            for (Tag t : Index.of(file).tags) {
                if (!t.getName().startsWith(CLAUSE_TAG)) continue;
                String id = t.getName().substring(CLAUSE_TAG.length());
                if (!known.contains(id)) {
                    out.add(
                            new Problem(
                                    "known-clause",
                                    file.name(),
                                    t.getLocation().getLine(),
                                    "tag "
                                            + t.getName()
                                            + " names no clause of the catalogue ("
                                            + Catalogue.RESOURCE
                                            + ")"
                                            + suggestion(id, known)));
                }
            }
        }
        return out;
    }

    public static List<Problem> uncoveredClauses(Features f, Collection<Clause> catalogue) {
        Set<String> tagged = new HashSet<>();
        for (FeatureFile file : f.files()) {
            for (Pickle p : file.pickles()) {
                for (PickleTag t : p.getTags())
                    if (t.getName().startsWith(CLAUSE_TAG))
                        tagged.add(t.getName().substring(CLAUSE_TAG.length()));
            }
        }
        List<Problem> out = new ArrayList<>();
        for (Clause c : catalogue) {
            if (!tagged.contains(c.id())) {
                out.add(
                        new Problem(
                                "covered-clause",
                                Catalogue.RESOURCE,
                                0,
                                "clause "
                                        + c.id()
                                        + " ("
                                        + c.summary()
                                        + ") has no scenario tagged "
                                        + CLAUSE_TAG
                                        + c.id()));
            }
        }
        return out;
    }

    public static List<Problem> unmatchedSteps(Features f, StepMatcher steps) {
        List<Problem> out = new ArrayList<>();
        Map<String, List<StepMatcher.Definition>> matched =
                new HashMap<>(); // sweeps repeat the same steps
        for (FeatureFile file : f.files()) {
            Index index = Index.of(file);
            Set<String> reported = new HashSet<>();
            for (Pickle p : file.pickles()) {
                for (PickleStep s : p.getSteps()) {
                    List<StepMatcher.Definition> m =
                            matched.computeIfAbsent(s.getText(), steps::matching);
                    if (m.size() == 1 || !reported.add(s.getText())) continue;
                    long line = index.line(s.getAstNodeIds().get(0));
                    String row =
                            s.getAstNodeIds().size() > 1
                                    ? " (example at line "
                                            + index.line(s.getAstNodeIds().get(1))
                                            + ")"
                                    : "";
                    out.add(
                            new Problem(
                                    "step-defined",
                                    file.name(),
                                    line,
                                    m.isEmpty()
                                            ? "no step definition matches \""
                                                    + s.getText()
                                                    + "\""
                                                    + row
                                                    + nearest(s.getText(), steps)
                                            : "\""
                                                    + s.getText()
                                                    + "\""
                                                    + row
                                                    + " matches "
                                                    + m.size()
                                                    + " step definitions: "
                                                    + m.stream()
                                                            .map(StepMatcher.Definition::method)
                                                            .toList()));
                }
            }
        }
        return out;
    }

    public static List<Problem> noCallOrClaim(Features f) {
        List<Problem> out = new ArrayList<>();
        for (FeatureFile file : f.files()) {
            Index index = Index.of(file);
            Set<String> reported = new HashSet<>();
            for (Pickle p : file.pickles()) {
                List<PickleStep> steps = p.getSteps();
                boolean calls =
                        steps.stream()
                                .anyMatch(
                                        s ->
                                                s.getType().orElse(PickleStepType.UNKNOWN)
                                                        == PickleStepType.ACTION);
                boolean endsWithClaim =
                        !steps.isEmpty()
                                && steps.getLast().getType().orElse(PickleStepType.UNKNOWN)
                                        == PickleStepType.OUTCOME;
                if ((calls && endsWithClaim) || !reported.add(p.getAstNodeIds().get(0))) continue;
                out.add(
                        new Problem(
                                "call-and-claim",
                                file.name(),
                                index.line(p.getAstNodeIds().get(0)),
                                "scenario \""
                                        + p.getName()
                                        + "\" must "
                                        + (calls ? "" : "call a service in a When step and ")
                                        + (endsWithClaim
                                                ? ""
                                                : "end with a Then step that states the documented outcome")));
            }
        }
        return out;
    }

    public static List<Problem> outlinesWithoutRows(Features f) {
        List<Problem> out = new ArrayList<>();
        for (FeatureFile file : f.files()) {
            for (Scenario s : Index.of(file).scenarios) {
                boolean outline =
                        !s.getExamples().isEmpty()
                                || s.getKeyword().strip().startsWith("Scenario Outline")
                                || s.getKeyword().strip().startsWith("Scenario Template");
                int rows = s.getExamples().stream().mapToInt(e -> e.getTableBody().size()).sum();
                if (outline && rows == 0) {
                    out.add(
                            new Problem(
                                    "outline-rows",
                                    file.name(),
                                    s.getLocation().getLine(),
                                    "scenario outline \""
                                            + s.getName()
                                            + "\" has no example rows, so it would run nothing"));
                }
            }
        }
        return out;
    }

    public static List<Problem> duplicateNames(Features f) {
        List<Problem> out = new ArrayList<>();
        for (FeatureFile file : f.files()) {
            Index index = Index.of(file);
            Map<String, Long> first = new HashMap<>();
            for (Pickle p : file.pickles()) {
                long line = index.line(p);
                Long earlier = first.putIfAbsent(p.getName(), line);
                if (earlier != null) {
                    out.add(
                            new Problem(
                                    "unique-name",
                                    file.name(),
                                    line,
                                    "scenario name \""
                                            + p.getName()
                                            + "\" is already used at line "
                                            + earlier
                                            + " (put the example's values in an outline's name)"));
                }
            }
        }
        return out;
    }

    // ------------------------------------------------------------------ helpers

    /** Lines of the document's nodes by id, its scenarios and its tags. */
    private static final class Index {
        final Map<String, Long> lines = new HashMap<>();
        final Map<String, String> examplesOfRow = new HashMap<>();
        final List<Scenario> scenarios = new ArrayList<>();
        final List<Tag> tags = new ArrayList<>();

        static Index of(FeatureFile file) {
            Index i = new Index();
            if (file.document() != null) file.document().getFeature().ifPresent(i::feature);
            return i;
        }

        void feature(Feature f) {
            tags.addAll(f.getTags());
            for (FeatureChild c : f.getChildren()) {
                c.getBackground().ifPresent(b -> b.getSteps().forEach(this::step));
                c.getScenario().ifPresent(this::scenario);
                c.getRule()
                        .ifPresent(
                                r -> {
                                    tags.addAll(r.getTags());
                                    for (RuleChild rc : r.getChildren()) {
                                        rc.getBackground()
                                                .ifPresent(b -> b.getSteps().forEach(this::step));
                                        rc.getScenario().ifPresent(this::scenario);
                                    }
                                });
            }
        }

        void scenario(Scenario s) {
            scenarios.add(s);
            tags.addAll(s.getTags());
            lines.put(s.getId(), s.getLocation().getLine());
            s.getSteps().forEach(this::step);
            for (Examples e : s.getExamples()) {
                tags.addAll(e.getTags());
                lines.put(e.getId(), e.getLocation().getLine());
                for (TableRow r : e.getTableBody()) {
                    lines.put(r.getId(), r.getLocation().getLine());
                    examplesOfRow.put(r.getId(), e.getId());
                }
            }
        }

        void step(Step s) {
            lines.put(s.getId(), s.getLocation().getLine());
        }

        long line(String astNodeId) {
            return lines.getOrDefault(astNodeId, 0L);
        }

        /** A scenario's line, or its example row's line for an outline. */
        long line(Pickle p) {
            return line(p.getAstNodeIds().getLast());
        }
    }

    private static String suggestion(String id, Set<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String k : known) {
            int d = distance(id, k);
            if (d < bestDistance) {
                best = k;
                bestDistance = d;
            }
        }
        return best != null && bestDistance <= Math.max(3, id.length() / 4)
                ? "; did you mean @clause:" + best + "?"
                : "";
    }

    private static String nearest(String text, StepMatcher steps) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (StepMatcher.Definition d : steps.definitions()) {
            int dist = distance(text.replaceAll("[0-9]+", "0"), d.expression());
            if (dist < bestDistance) {
                best = d.expression();
                bestDistance = dist;
            }
        }
        return best == null ? "" : "; the nearest step definition is \"" + best + "\"";
    }

    /** Levenshtein distance, for suggestions. */
    static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                cur[j] =
                        Math.min(
                                Math.min(cur[j - 1] + 1, prev[j] + 1),
                                prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }
}
