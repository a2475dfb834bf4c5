package xmemck.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xmemck.features.Sha256;
import xmemck.features.Shard;
import xmemck.features.ShardTest;
import xmemck.files.KitJson;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;
import xmemck.records.AdapterInfo;
import xmemck.records.RunReport;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;

/** The results bundle: what it holds, and the check that finds every inconsistency in it. */
class BundleTest {

    static final String EXPECTATIONS_TEXT =
            "clause copyout.fail.adi 2027-03-31 ADI not checked yet\n";
    static final Expectations EXPECTATIONS =
            Expectations.parse(
                    EXPECTATIONS_TEXT, "dir/acme.expectations", Sha256.of(EXPECTATIONS_TEXT));

    static ScenarioResult result(String id, Verdict v, String clause) {
        List<xmemck.oracle.Finding> findings =
                v == Verdict.FAIL
                        ? List.of(
                                new xmemck.oracle.Finding(
                                        clause,
                                        xmemck.oracle.Finding.Kind.RETURN_VALUE,
                                        "returned 0"))
                        : List.of();
        return new ScenarioResult(
                id,
                "scenario " + id,
                "features/copyout/adi.feature",
                1,
                List.of(clause),
                v,
                "",
                0.01,
                List.of(),
                Map.of(),
                findings,
                List.of());
    }

    static String bundle(boolean passed, List<String> problems) {
        List<ScenarioResult> results =
                List.of(
                        result("features/copyout/adi.feature:10", Verdict.FAIL, "copyout.fail.adi"),
                        result("features/copyout/copies.feature:5", Verdict.PASS, "copyout.succ"),
                        result(
                                "features/copyout/copies.feature:9",
                                Verdict.UNSUPPORTED,
                                "copyout.succ"));
        ExpectationCheck.Reconciliation rec =
                ExpectationCheck.reconcile(EXPECTATIONS, results, LocalDate.of(2027, 1, 1));
        AdapterInfo adapter =
                AdapterInfo.of(
                        "acme",
                        "acme kernel 6.2",
                        Capabilities.allBut(Map.of(Capability.ADI, "no SPARC")));
        RunReport run =
                new RunReport("0.1.0", adapter, "2027-01-01T00:00:00Z", 3.0, results, rec.notes());
        return Bundle.render(
                run,
                new Bundle.Context(
                        "2027-01-01T00:01:00Z",
                        "./acme --kit",
                        null,
                        "not @slow",
                        new Shard(1, 2),
                        ShardTest.SUITE,
                        EXPECTATIONS,
                        null,
                        0,
                        problems,
                        problems,
                        passed));
    }

    static final String GOOD = bundle(true, List.of());

    @SuppressWarnings("unchecked")
    @Test
    void aBundleHoldsTheClaimAMachineNeeds() {
        Map<String, Object> b = (Map<String, Object>) KitJson.parse(GOOD, "bundle.json");
        assertEquals("xmemck-bundle", b.get("format"));
        assertEquals("acme", ((Map<String, Object>) b.get("adapter")).get("id"));
        assertEquals(
                Map.of("ADI", "no SPARC"), ((Map<String, Object>) b.get("adapter")).get("missing"));
        assertEquals(
                List.of(
                        "adi",
                        "bcopy",
                        "copyout",
                        "ddi_copyout",
                        "linux-adi",
                        "vm_mvc.de",
                        "xmattach",
                        "xmdetach",
                        "xmemout",
                        "xmemout.fr"),
                ((List<String>) b.get("sources")).stream().sorted().toList(),
                "the manual pages the catalogue cites");
        assertEquals(
                Map.of(
                        "file",
                        "acme.expectations",
                        "sha256",
                        Sha256.of(EXPECTATIONS_TEXT),
                        "entries",
                        1L),
                b.get("expectations"),
                "the file by name only, no machine's path");
        assertEquals(Map.of("tags", "not @slow", "shard", "1/2"), b.get("selection"));
        assertEquals(1L, b.get("expectedFailures"));
        assertEquals(0L, b.get("unexpectedFailures"));
        Map<String, Object> first = ((List<Map<String, Object>>) b.get("scenarios")).getFirst();
        assertEquals(
                Map.of(
                        "id",
                        "features/copyout/adi.feature:10",
                        "name",
                        "scenario features/copyout/adi.feature:10",
                        "clauses",
                        List.of("copyout.fail.adi"),
                        "verdict",
                        "FAIL",
                        "violated",
                        List.of("copyout.fail.adi"),
                        "expected",
                        true),
                first);
        assertEquals(
                List.of("copyout.succ", "copyout.fail.adi"),
                b.get("judgedClauses"),
                "the claim: the clauses a PASS or a finding decided");
        assertEquals(
                ShardTest.SUITE.sha256(), ((Map<String, Object>) b.get("features")).get("sha256"));
    }

    @Test
    void aBundleAsWrittenIsConsistent() {
        BundleCheck.Result r = BundleCheck.verify(GOOD, "bundle.json", null);
        assertEquals(List.of(), r.problems());
        assertEquals(
                "adapter acme, kit 0.1.0, 3 scenarios (PASS 1, OUTSIDE-CONTRACT 0, UNSUPPORTED 1, FAIL 1, ERROR 0), 1 expected failures,"
                        + " 2 of "
                        + xmemck.oracle.Catalogue.all().size()
                        + " clauses judged (copyout.succ, copyout.fail.adi), passed: true",
                r.claim());
        assertFalse(r.judgedNothing());
        assertTrue(
                BundleCheck.verify(
                                bundle(false, List.of("acme.expectations:3: unexpected pass: ...")),
                                "b",
                                null)
                        .consistent());
    }

    static List<String> problems(String text) {
        return BundleCheck.verify(text, "bundle.json", null).problems();
    }

    @Test
    void totalsThatDoNotMatchTheVerdictsAreFoundWithTheirLine() {
        String tampered = GOOD.replace("\"PASS\": 1,", "\"PASS\": 2,");
        int line = lineOf(tampered, "\"totals\"");
        assertEquals(
                List.of(
                        "bundle.json:"
                                + line
                                + ": totals.PASS is 2 but 1 scenarios have the verdict PASS"),
                problems(tampered));
    }

    @Test
    void everyOtherInconsistencyIsFound() {
        assertTrue(
                problems(GOOD.replace("\"expected\": true", "\"expected\": false")).stream()
                        .anyMatch(
                                p ->
                                        p.contains(
                                                "expectedFailures is 1 but 0 scenarios are marked expected")),
                "an expected failure unmarked");
        assertTrue(
                problems(GOOD.replace("\"passed\": true", "\"passed\": false")).stream()
                        .anyMatch(
                                p ->
                                        p.contains(
                                                "\"passed\" is false but the bundle shows 0 unexpected FAIL or ERROR, 0 problems and 1 PASS scenarios")));
        assertTrue(
                problems(
                                GOOD.replace(
                                        "\"judgedClauses\": [\n    \"copyout.succ\",",
                                        "\"judgedClauses\": ["))
                        .stream()
                        .anyMatch(
                                p ->
                                        p.contains(
                                                "judgedClauses lists 1 clauses, but the scenarios judge 2")),
                "a judged clause left out of the claim");
        assertTrue(
                problems(
                                GOOD.replace(
                                        "\"violated\": [\n        \"copyout.fail.adi\"\n      ]",
                                        "\"violated\": []"))
                        .stream()
                        .anyMatch(p -> p.contains("is a FAIL that names no clause it breaks")),
                "a FAIL without the clauses it breaks");
        assertTrue(
                problems(
                                GOOD.replace(
                                        "\"verdict\": \"UNSUPPORTED\",\n      \"violated\": [],\n      \"expected\": false",
                                        "\"verdict\": \"UNSUPPORTED\",\n      \"violated\": [],\n      \"expected\": true"))
                        .stream()
                        .anyMatch(
                                p ->
                                        p.contains(
                                                "is marked expected but its verdict is UNSUPPORTED")));
        assertTrue(
                problems(GOOD.replace("\"copyout.succ\"", "\"copyout.made-up\"")).stream()
                        .anyMatch(
                                p ->
                                        p.contains(
                                                "clause \"copyout.made-up\" is not in this kit's catalogue")));
        assertTrue(
                problems(GOOD.replace(Sha256.of(EXPECTATIONS_TEXT), "abc")).stream()
                        .anyMatch(
                                p ->
                                        p.contains(
                                                "\"sha256\" must be a SHA-256 in 64 lowercase hexadecimal digits, found \"abc\"")));
        assertTrue(
                problems(GOOD.replace("\"ADI\": \"no SPARC\"", "\"TELEPORT\": \"no\"")).stream()
                        .anyMatch(
                                p ->
                                        p.contains(
                                                "adapter.missing: \"TELEPORT\" is not a capability of this kit")));
        assertTrue(
                problems(GOOD.replace("\"shard\": \"1/2\"", "\"shard\": \"3/2\"")).stream()
                        .anyMatch(p -> p.contains("shard 3/2 does not exist")));
        assertTrue(
                problems(
                                GOOD.replace(
                                        "\"expectationProblems\": []",
                                        "\"expectationProblems\": [\"x\"]"))
                        .stream()
                        .anyMatch(
                                p ->
                                        p.contains(
                                                "expectationProblems lists \"x\", which is not among the problems")));
        assertTrue(
                problems(GOOD.replace("\"scenarioCount\": 3", "\"scenarioCount\": 4")).stream()
                        .anyMatch(
                                p -> p.contains("scenarioCount is 4 but 3 scenarios are listed")));
        assertTrue(
                problems(GOOD.replace("\"copyout\",", "\"nowhere\",")).stream()
                        .anyMatch(
                                p ->
                                        p.contains(
                                                "sources: \"nowhere\" is not a page this kit's catalogue cites")));
    }

    /** A run of an implementation that answers unsupported to everything. */
    static String skeletonBundle(boolean passed) {
        List<ScenarioResult> results =
                List.of(
                        result(
                                "features/copyout/copies.feature:5",
                                Verdict.UNSUPPORTED,
                                "copyout.succ"),
                        result(
                                "features/copyout/copies.feature:9",
                                Verdict.OUTSIDE_CONTRACT,
                                "copyout.succ"));
        RunReport run =
                new RunReport(
                        "0.1.0",
                        AdapterInfo.of("skeleton", "skeleton", Capabilities.allBut(Map.of())),
                        "2027-01-01T00:00:00Z",
                        3.0,
                        results);
        List<String> problems = List.of("nothing judged: no scenario passed or failed");
        return Bundle.render(
                run,
                new Bundle.Context(
                        "2027-01-01T00:01:00Z",
                        "./skeleton",
                        null,
                        "",
                        new Shard(1, 1),
                        ShardTest.SUITE,
                        null,
                        null,
                        0,
                        List.of(),
                        problems,
                        passed));
    }

    @Test
    void aBundleThatJudgedNothingIsNoConformanceClaim() {
        BundleCheck.Result r = BundleCheck.verify(skeletonBundle(false), "bundle.json", null);
        assertEquals(List.of(), r.problems());
        assertTrue(r.judgedNothing());
        assertTrue(
                r.claim().contains("no clause judged: this bundle is no conformance claim"),
                r.claim());
        assertTrue(skeletonBundle(false).contains("\"judgedClauses\": []"));
        // Calling it passed is inconsistent: a claim needs a PASS.
        assertTrue(
                BundleCheck.verify(
                                skeletonBundle(true)
                                        .replace(
                                                "\"problems\": [\n    \"nothing judged: no scenario passed or failed\"\n  ]",
                                                "\"problems\": []"),
                                "bundle.json",
                                null)
                        .problems()
                        .stream()
                        .anyMatch(p -> p.contains("\"passed\" is true")));
    }

    @Test
    void theExpectationsFileCanBeCheckedToBeTheOneTheRunUsed() {
        assertTrue(BundleCheck.verify(GOOD, "b", Sha256.of(EXPECTATIONS_TEXT)).consistent());
        List<String> p =
                BundleCheck.verify(GOOD, "b", Sha256.of(EXPECTATIONS_TEXT + "# edited\n"))
                        .problems();
        assertEquals(1, p.size(), p::toString);
        assertTrue(p.getFirst().contains("the bundle was not made with this file"), p.getFirst());
    }

    @Test
    void somethingThatIsNotABundleIsSaidSo() {
        assertEquals(
                List.of(
                        "b:1: \"format\" is \"xmemck-results\", expected \"xmemck-bundle\": this is not a results bundle"),
                BundleCheck.verify("{\"format\": \"xmemck-results\"}", "b", null).problems());
        InputFileException e =
                assertThrows(
                        InputFileException.class,
                        () -> BundleCheck.verify("{\n\"format\": ", "b", null));
        assertTrue(e.getMessage().startsWith("b:2: not JSON: "), e.getMessage());
        assertEquals(2, e.line());
        InputFileException deep =
                assertThrows(
                        InputFileException.class,
                        () -> BundleCheck.verify("[".repeat(50_000), "b", null));
        assertTrue(
                deep.getMessage()
                        .startsWith(
                                "b:1: beyond the limits of the kit's files: Document nesting depth"),
                deep.getMessage());
        assertThrows(
                InputFileException.class,
                () -> BundleCheck.verify(Path.of("no", "such", "bundle.json"), null));
    }

    @Test
    void theShapeIsCheckedByBindingWithThePlace() {
        String typo =
                GOOD.replace(
                        "\"expectedFailures\": 1,",
                        "\"expectedFailures\": 1,\n  \"expectedFailure\": 1,");
        List<String> p = problems(typo);
        assertEquals(1, p.size(), p::toString);
        assertTrue(
                p.getFirst()
                        .startsWith(
                                "bundle.json:"
                                        + lineOf(typo, "\"expectedFailure\":")
                                        + ": expectedFailure is not a member of this format"),
                p.getFirst());
        String count = GOOD.replace("\"scenarioCount\": 3", "\"scenarioCount\": \"3\"");
        assertEquals(
                List.of(
                        "bundle.json:"
                                + lineOf(count, "\"scenarioCount\"")
                                + ": scenarioCount must be a whole number, found a string"),
                problems(count));
        String noHash = GOOD.replaceFirst("\"sha256\": \"[0-9a-f]+\",\n", "");
        assertEquals(
                List.of(
                        "bundle.json:"
                                + lineOf(noHash, "\"catalogue\"")
                                + ": catalogue.sha256 is missing"),
                problems(noHash));
        String nullKit = GOOD.replace("\"version\": \"0.1.0\"", "\"version\": null");
        assertEquals(
                List.of(
                        "bundle.json:"
                                + lineOf(nullKit, "\"version\"")
                                + ": kit.version must not be null"),
                problems(nullKit));
        assertTrue(
                problems(GOOD.replace("\"expected\": true", "\"expected\": \"yes\""))
                        .getFirst()
                        .endsWith(": scenarios[0].expected must be true or false, found a string"));
    }

    @Test
    void eachScenarioProblemIsAtItsScenariosLine() {
        String tampered = GOOD.replace("\"verdict\": \"PASS\"", "\"verdict\": \"MAYBE\"");
        int line = lineOf(tampered, "\"id\": \"features/copyout/copies.feature:5\"") - 1;
        assertTrue(
                problems(tampered)
                        .contains(
                                "bundle.json:"
                                        + line
                                        + ": scenarios[1].verdict \"MAYBE\" is not a verdict"),
                problems(tampered)::toString);
    }

    static int lineOf(String text, String needle) {
        return (int) text.substring(0, text.indexOf(needle)).chars().filter(c -> c == '\n').count()
                + 1;
    }
}
