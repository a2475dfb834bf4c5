package xmemck.conformance;

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
import tools.jackson.core.JsonPointer;
import xmemck.features.Sha256;
import xmemck.features.Shard;
import xmemck.files.FileFormatException;
import xmemck.files.JsonFile;
import xmemck.files.KitJson;
import xmemck.oracle.Catalogue;
import xmemck.oracle.Verdict;
import xmemck.spi.Capability;

/**
 * Checks that a results bundle ({@link Bundle}) is consistent in itself and with this kit. Its
 * shape (every member there, of its type, and no other) is checked by binding it into {@link
 * Bundle.Contents}; what is checked here is what it means: that its totals are the counts of its
 * scenarios' verdicts, that expected failures are FAIL or ERROR scenarios and are counted right,
 * that "passed" follows from the rest (at least one PASS among it), that the judged clauses are
 * those its PASS scenarios name and its FAIL scenarios' findings break, that every hash is a
 * SHA-256 and every clause id, capability, manual page and shard is one this kit knows; and, when
 * given the expectations file, that it is the one the run used. Each problem says where ({@code
 * bundle.json:LINE}) and what is wrong.
 */
public final class BundleCheck {
    private BundleCheck() {}

    /**
     * The outcome: the problems (empty when the bundle is consistent) and a one-line description of
     * the claim.
     */
    public record Result(List<String> problems, String claim, boolean judgedNothing) {
        public Result {
            problems = List.copyOf(problems);
        }

        Result(List<String> problems, String claim) {
            this(problems, claim, false);
        }

        public boolean consistent() {
            return problems.isEmpty();
        }
    }

    /** What a conformance claim requires, as verify-bundle prints it. */
    public static final String CLAIM_RULE =
            "a conformance claim needs at least one PASS, no FAIL or ERROR the expectations file does not list,"
                    + " and no problem; it covers only the clauses it judged";

    private static final Pattern SCENARIO_ID = Pattern.compile(".+:[0-9]+");

    /**
     * Reads and checks {@code file}; an unreadable or non-JSON file is an {@link
     * InputFileException}.
     */
    public static Result verify(Path file, Path expectationsFile) {
        String name = file.toString();
        String text;
        try {
            if (Files.size(file) > KitJson.MAX_DOCUMENT_LENGTH)
                throw new InputFileException(
                        name, 0, "too large for a bundle (" + Files.size(file) + " bytes)");
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InputFileException(name, 0, "cannot read the bundle: " + e.getMessage());
        }
        String expectationsHash = null;
        if (expectationsFile != null) {
            try {
                expectationsHash = Sha256.of(Files.readAllBytes(expectationsFile));
            } catch (IOException e) {
                throw new InputFileException(
                        expectationsFile.toString(),
                        0,
                        "cannot read the expectations file: " + e.getMessage());
            }
        }
        return verify(text, name, expectationsHash);
    }

    /**
     * Checks the bundle text of file {@code name}; {@code expectationsHash} (may be null) is the
     * file the run should have used.
     */
    public static Result verify(String text, String name, String expectationsHash) {
        JsonFile f = JsonFile.of(text, name);
        Map<String, Object> header;
        try {
            f.check();
            header = f.header("format", "formatVersion");
        } catch (FileFormatException e) {
            throw new InputFileException(e);
        }
        Problems c = new Problems(f);
        if (!Bundle.FORMAT.equals(header.get("format"))) {
            c.add(
                    at("format"),
                    "\"format\" is "
                            + quote(header.get("format"))
                            + ", expected \""
                            + Bundle.FORMAT
                            + "\": this is not a results bundle");
            return new Result(c.list, "");
        }
        if (!(header.get("formatVersion") instanceof Long version
                && version == Bundle.FORMAT_VERSION)) {
            c.add(
                    at("formatVersion"),
                    "\"formatVersion\" is "
                            + quote(header.get("formatVersion"))
                            + "; this kit reads version "
                            + Bundle.FORMAT_VERSION);
            return new Result(c.list, "");
        }
        Bundle.Contents b;
        try {
            b = f.read(Bundle.Contents.class);
        } catch (FileFormatException e) {
            return new Result(List.of(e.getMessage()), "");
        }

        capabilities(c, b);
        List<String> cited = Bundle.sources(Catalogue.all());
        for (int i = 0; i < b.sources().size(); i++) {
            String s = b.sources().get(i);
            if (!cited.contains(s))
                c.add(
                        at("sources", i),
                        "sources: "
                                + quote(s)
                                + " is not a page this kit's catalogue cites ("
                                + String.join(", ", cited)
                                + ")");
        }
        c.hash(at("catalogue", "sha256"), "catalogue", b.catalogue().sha256());
        c.count(at("catalogue", "clauses"), "catalogue.clauses", b.catalogue().clauses());
        c.hash(at("features", "sha256"), "features", b.features().sha256());
        c.count(at("features", "scenarios"), "features.scenarios", b.features().scenarios());
        try {
            Shard.parse(b.selection().shard());
        } catch (IllegalArgumentException e) {
            c.add(at("selection", "shard"), "selection.shard: " + e.getMessage());
        }
        Bundle.ExpectationsFile exp = b.expectations();
        if (exp != null) {
            c.hash(at("expectations", "sha256"), "expectations", exp.sha256());
            c.count(at("expectations", "entries"), "expectations.entries", exp.entries());
        }
        if (expectationsHash != null) {
            if (exp == null)
                c.add(
                        at("expectations"),
                        "the run used no expectations file, but one was given to check against");
            else if (!exp.sha256().equals(expectationsHash)) {
                c.add(
                        at("expectations"),
                        "the expectations file given has SHA-256 "
                                + expectationsHash
                                + ", the run used one with "
                                + exp.sha256()
                                + ": the bundle was not made with this file");
            }
        }
        if (b.profile() != null) {
            c.hash(at("profile", "sha256"), "profile", b.profile().sha256());
            c.count(at("profile", "differences"), "profile.differences", b.profile().differences());
        }

        // The scenarios, then everything that must follow from them.
        int[] lines = f.elementLines(at("scenarios"));
        Map<Verdict, Integer> counted = new EnumMap<>(Verdict.class);
        for (Verdict v : Verdict.values()) counted.put(v, 0);
        int expected = 0, unexpected = 0;
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < b.scenarios().size(); i++) {
            Bundle.Scenario s = b.scenarios().get(i);
            int line = i < lines.length ? lines[i] : 0;
            String where = "scenarios[" + i + "]";
            if (!SCENARIO_ID.matcher(s.id()).matches())
                c.add(line, where + ".id \"" + s.id() + "\" is not FILE:LINE");
            if (!ids.add(s.id())) c.add(line, where + ".id \"" + s.id() + "\" appears twice");
            for (String clause : s.clauses()) {
                if (!Catalogue.contains(clause))
                    c.add(
                            line,
                            where
                                    + ": clause "
                                    + quote(clause)
                                    + " is not in this kit's catalogue");
            }
            for (String clause : s.violated()) {
                if (!Catalogue.contains(clause))
                    c.add(
                            line,
                            where
                                    + ".violated: clause "
                                    + quote(clause)
                                    + " is not in this kit's catalogue");
            }
            if (s.verdict().equals(Verdict.FAIL.label()) && s.violated().isEmpty()) {
                c.add(
                        line,
                        where
                                + " is a FAIL that names no clause it breaks (\"violated\" is empty)");
            }
            if (!s.verdict().equals(Verdict.FAIL.label()) && !s.violated().isEmpty()) {
                c.add(
                        line,
                        where
                                + ".violated names clauses, but only a FAIL breaks clauses (its verdict is "
                                + s.verdict()
                                + ")");
            }
            Verdict v = null;
            for (Verdict x : Verdict.values()) if (x.label().equals(s.verdict())) v = x;
            if (v == null) {
                c.add(line, where + ".verdict \"" + s.verdict() + "\" is not a verdict");
                continue;
            }
            counted.merge(v, 1, Integer::sum);
            boolean broken = v == Verdict.FAIL || v == Verdict.ERROR;
            if (s.expected() && !broken)
                c.add(
                        line,
                        where
                                + " is marked expected but its verdict is "
                                + v.label()
                                + ": only FAIL and ERROR can be expected");
            if (s.expected() && broken) expected++;
            if (!s.expected() && broken) unexpected++;
        }
        for (Verdict v : Verdict.values()) {
            long n = b.totals().get(v);
            if (n != counted.get(v))
                c.add(
                        at("totals"),
                        "totals."
                                + v.name()
                                + " is "
                                + n
                                + " but "
                                + counted.get(v)
                                + " scenarios have the verdict "
                                + v.label());
        }
        int listed = b.scenarios().size();
        if (b.scenarioCount() != listed)
            c.add(
                    at("scenarioCount"),
                    "scenarioCount is "
                            + b.scenarioCount()
                            + " but "
                            + listed
                            + " scenarios are listed");
        if (b.features().scenarios() >= 0 && listed > b.features().scenarios()) {
            c.add(
                    at("scenarios"),
                    listed
                            + " scenarios are listed but the features had only "
                            + b.features().scenarios());
        }
        if (b.expectedFailures() != expected) {
            c.add(
                    at("expectedFailures"),
                    "expectedFailures is "
                            + b.expectedFailures()
                            + " but "
                            + expected
                            + " scenarios are marked expected");
        }
        if (expected > 0 && exp == null)
            c.add(
                    at("expectations"),
                    expected
                            + " scenarios are marked expected, but the run used no expectations file");
        if (b.unexpectedFailures() != unexpected) {
            c.add(
                    at("unexpectedFailures"),
                    "unexpectedFailures is "
                            + b.unexpectedFailures()
                            + " but "
                            + unexpected
                            + " FAIL or ERROR scenarios are not marked expected");
        }
        for (String p : b.expectationProblems()) {
            if (!b.problems().contains(p))
                c.add(
                        at("expectationProblems"),
                        "expectationProblems lists "
                                + quote(p)
                                + ", which is not among the problems");
        }
        int passedScenarios = counted.get(Verdict.PASS);
        boolean shouldPass = unexpected == 0 && b.problems().isEmpty() && passedScenarios > 0;
        if (b.passed() != shouldPass) {
            c.add(
                    at("passed"),
                    "\"passed\" is "
                            + b.passed()
                            + " but the bundle shows "
                            + unexpected
                            + " unexpected FAIL or ERROR, "
                            + b.problems().size()
                            + " problems and "
                            + passedScenarios
                            + " PASS scenarios ("
                            + CLAIM_RULE
                            + ")");
        }
        List<String> judged = Bundle.judged(b.scenarios());
        if (!new HashSet<>(judged).equals(new HashSet<>(b.judgedClauses()))) {
            c.add(
                    at("judgedClauses"),
                    "judgedClauses lists "
                            + b.judgedClauses().size()
                            + " clauses, but the scenarios judge "
                            + judged.size()
                            + " (a clause is judged when a PASS scenario names it or a FAIL's findings do): "
                            + String.join(", ", judged));
        }
        boolean nothing = judged.isEmpty();
        String claim =
                "adapter "
                        + b.adapter().id()
                        + ", kit "
                        + b.kit().version()
                        + ", "
                        + listed
                        + " scenarios ("
                        + totalsText(counted)
                        + "), "
                        + expected
                        + " expected failures, "
                        + (nothing
                                ? "no clause judged: this bundle is no conformance claim"
                                : judged.size()
                                        + " of "
                                        + b.catalogue().clauses()
                                        + " clauses judged ("
                                        + String.join(", ", judged)
                                        + ")")
                        + ", passed: "
                        + b.passed();
        return new Result(c.list, claim, nothing);
    }

    private static void capabilities(Problems c, Bundle.Contents b) {
        Set<String> known = new HashSet<>();
        for (Capability k : Capability.values()) known.add(k.name());
        Set<String> have = new HashSet<>();
        List<String> caps = b.adapter().capabilities();
        for (int i = 0; i < caps.size(); i++) {
            if (!known.contains(caps.get(i)))
                c.add(
                        at("adapter", "capabilities", i),
                        "adapter.capabilities: "
                                + quote(caps.get(i))
                                + " is not a capability of this kit");
            else have.add(caps.get(i));
        }
        b.adapter()
                .missing()
                .forEach(
                        (k, why) -> {
                            JsonPointer here = at("adapter", "missing", k);
                            if (!known.contains(k))
                                c.add(
                                        here,
                                        "adapter.missing: "
                                                + quote(k)
                                                + " is not a capability of this kit");
                            if (have.contains(k))
                                c.add(
                                        here,
                                        "adapter: capability "
                                                + k
                                                + " is both supported and missing");
                            if (why.isBlank())
                                c.add(
                                        here,
                                        "adapter.missing."
                                                + k
                                                + ": a missing capability needs its reason");
                        });
    }

    private static String totalsText(Map<Verdict, Integer> counted) {
        StringBuilder b = new StringBuilder();
        for (Verdict v : Verdict.values())
            b.append(b.isEmpty() ? "" : ", ").append(v.label()).append(' ').append(counted.get(v));
        return b.toString();
    }

    private static JsonPointer at(Object... steps) {
        return JsonFile.at(steps);
    }

    private static String quote(Object o) {
        return o instanceof String s ? "\"" + s + "\"" : String.valueOf(o);
    }

    /** Collects problems as "FILE:LINE: message". */
    private static final class Problems {
        final JsonFile file;
        final List<String> list = new ArrayList<>();

        Problems(JsonFile file) {
            this.file = file;
        }

        void add(JsonPointer at, String message) {
            list.add(file.problem(at, message).getMessage());
        }

        void add(int line, String message) {
            list.add(file.problem(line, message).getMessage());
        }

        void count(JsonPointer at, String what, long n) {
            if (n < 0) add(at, what + " must be a whole number of at least 0, found " + n);
        }

        void hash(JsonPointer at, String what, String value) {
            if (!Sha256.HEX.matcher(value).matches()) {
                add(
                        at,
                        what
                                + ": \"sha256\" must be a SHA-256 in 64 lowercase hexadecimal digits, found "
                                + quote(value));
            }
        }
    }
}
