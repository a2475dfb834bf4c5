package xmemck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static xmemck.report.Fixtures.scenario;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xmemck.files.KitJson;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;
import xmemck.records.AdapterInfo;
import xmemck.records.Matrix;
import xmemck.records.ProfileJson;
import xmemck.records.ResultsJson;
import xmemck.records.RunReport;
import xmemck.records.SummaryJson;

/**
 * summary.json, profile.json and results.json: well-formed, complete, and results.json reads back.
 */
class JsonFilesTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> obj(Object o) {
        return (Map<String, Object>) o;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object o) {
        return (List<Object>) o;
    }

    private static Map<String, Object> summary(RunReport run) {
        return obj(
                KitJson.parse(
                        SummaryJson.render(run, Matrix.of(Fixtures.CATALOGUE, List.of(run))),
                        "summary.json"));
    }

    @Test
    void summaryHasTheDocumentedFields() {
        Map<String, Object> s = summary(Fixtures.mixedRun());
        assertEquals("0.1.0", obj(s.get("kit")).get("version"));
        assertEquals("xmemck reference", obj(s.get("adapter")).get("name"));
        assertEquals(List.of("COPYOUT", "VM_MVC"), obj(s.get("adapter")).get("capabilities"));
        assertEquals(Map.of("ADI", "not on this hardware"), obj(s.get("adapter")).get("missing"));
        assertEquals(2.0, s.get("durationSeconds"));
        assertEquals(3.0, s.get("scenariosPerSecond"));
        assertEquals(
                Map.of(
                        "PASS",
                        2L,
                        "FAIL",
                        1L,
                        "UNSUPPORTED",
                        1L,
                        "ERROR",
                        1L,
                        "OUTSIDE_CONTRACT",
                        1L),
                s.get("totals"));
        assertEquals(false, s.get("passed"));
    }

    @Test
    void summaryListsEveryClauseWithItsAggregatedVerdict() {
        List<Object> clauses = list(summary(Fixtures.mixedRun()).get("clauses"));
        Map<String, Object> byId = new java.util.HashMap<>();
        for (Object c : clauses) byId.put((String) obj(c).get("id"), c);
        assertEquals(6, clauses.size(), "5 catalogued + 1 named by a scenario only");
        assertEquals("FAIL", obj(byId.get("xmemout.fail.range")).get("verdict"));
        assertEquals(2L, obj(byId.get("xmemout.fail.range")).get("scenarios"));
        assertEquals("ERROR", obj(byId.get("copyout.succ")).get("verdict"));
        assertEquals("UNSUPPORTED", obj(byId.get("copyout.fail.adi")).get("verdict"));
        assertEquals("NO-SCENARIO", obj(byId.get("vm_mvc.enoent")).get("verdict"));
        assertEquals(0L, obj(byId.get("vm_mvc.enoent")).get("scenarios"));
        assertEquals(false, obj(byId.get("inv.no-write-outside")).get("catalogued"));
        assertEquals(
                List.of("vm_mvc.enoent"),
                summary(Fixtures.mixedRun()).get("clausesWithoutScenario"));
    }

    @Test
    void summaryOfAnEmptyRunIsWellFormedWithZeroRate() {
        RunReport empty = new RunReport("0.1.0", AdapterInfo.unknown(), "", 0, List.of());
        Map<String, Object> s = summary(empty);
        assertEquals(0.0, s.get("scenariosPerSecond"));
        assertEquals(0L, s.get("scenarioCount"));
        assertEquals(
                Map.of(
                        "PASS",
                        0L,
                        "FAIL",
                        0L,
                        "UNSUPPORTED",
                        0L,
                        "ERROR",
                        0L,
                        "OUTSIDE_CONTRACT",
                        0L),
                s.get("totals"));
        assertEquals(5, list(s.get("clauses")).size());
        assertEquals(false, s.get("passed"), "a run that judged nothing is not passed");
        assertEquals(true, s.get("judgedNothing"));
    }

    @Test
    void outsideContractIsSpelledWithAHyphenAsAVerdict() {
        RunReport run = Fixtures.run(scenario("oc", Verdict.OUTSIDE_CONTRACT, "copyout.succ"));
        Map<String, Object> s = summary(run);
        Object c =
                list(s.get("clauses")).stream()
                        .filter(x -> obj(x).get("id").equals("copyout.succ"))
                        .findFirst()
                        .orElseThrow();
        assertEquals("OUTSIDE-CONTRACT", obj(c).get("verdict"));
    }

    @Test
    void resultsReadBackToTheSameRun() {
        RunReport run =
                Fixtures.run(
                        scenario(
                                Fixtures.NASTY,
                                Verdict.UNSUPPORTED,
                                Map.of("copyout.partial", "wrote 8 of 64"),
                                "copyout.fail.adi"),
                        scenario("multi\nline", Verdict.OUTSIDE_CONTRACT, "copyout.succ"),
                        scenario("plain", Verdict.PASS));
        RunReport back = ResultsJson.read(ResultsJson.render(run), "results.json");
        assertEquals(run, back);
    }

    @Test
    void findingsAndPicturesReadBackAsData() {
        ScenarioResult plain = scenario("one byte too far", Verdict.FAIL, "copyout.succ");
        xmemck.oracle.Finding f =
                new xmemck.oracle.Finding(
                        "inv.no-write-outside",
                        xmemck.oracle.Finding.Kind.WRITE_OUTSIDE,
                        "region u: bytes changed outside the destination",
                        new xmemck.oracle.Finding.Bytes("u", 8192, 8192, 1),
                        List.of());
        xmemck.oracle.Picture p =
                new xmemck.oracle.Picture(
                        "u",
                        "region u",
                        2,
                        List.of(new xmemck.oracle.Picture.Range(0, 100)),
                        List.of(
                                new xmemck.oracle.Picture.Row(
                                        xmemck.oracle.Picture.Place.GUARD_AFTER,
                                        2,
                                        2,
                                        false,
                                        "x" + "o".repeat(63))),
                        "0",
                        "0 (copyout.succ)",
                        List.of(8192L));
        ScenarioResult failing =
                new ScenarioResult(
                        plain.id(),
                        plain.name(),
                        plain.uri(),
                        plain.line(),
                        plain.clauses(),
                        plain.verdict(),
                        plain.reason(),
                        plain.seconds(),
                        plain.log(),
                        plain.implementationDefined(),
                        List.of(
                                f,
                                new xmemck.oracle.Finding(
                                        "copyout.fail.paging-fault",
                                        xmemck.oracle.Finding.Kind.RETURN_VALUE,
                                        "returned 0",
                                        null,
                                        List.of("copyout.ioctl-efault"))),
                        List.of(p));
        RunReport run = Fixtures.run(failing, scenario("plain", Verdict.PASS));
        String text = ResultsJson.render(run);
        RunReport back = ResultsJson.read(text, "results.json");
        assertEquals(run, back);
        assertEquals(
                List.of(
                        "inv.no-write-outside",
                        "copyout.fail.paging-fault",
                        "copyout.ioctl-efault"),
                back.scenarios().getFirst().violated());
        assertEquals(
                1,
                text.split("\"findings\"", -1).length - 1,
                "only the FAIL carries findings: " + text);
    }

    @Test
    void badResultsFilesAreRejectedWithThePlace() {
        var notOurs =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> ResultsJson.read("{\"format\":\"other\"}", "r.json"));
        assertTrue(
                notOurs.getMessage().startsWith("r.json:1: not a results file"),
                notOurs.getMessage());
        String text =
                ResultsJson.render(Fixtures.mixedRun())
                        .replaceFirst("\"verdict\": \"PASS\"", "\"verdict\": \"MAYBE\"");
        var badVerdict =
                assertThrows(
                        IllegalArgumentException.class, () -> ResultsJson.read(text, "r.json"));
        assertEquals(
                "r.json:"
                        + lineOf(text, "\"MAYBE\"")
                        + ": scenarios[0].verdict: unknown verdict \"MAYBE\"",
                badVerdict.getMessage());
        String noSeconds =
                ResultsJson.render(Fixtures.mixedRun())
                        .replaceFirst("\"seconds\": [0-9.]+,", "\"seconds\": \"soon\",");
        assertEquals(
                "r.json:"
                        + lineOf(noSeconds, "\"soon\"")
                        + ": scenarios[0].seconds must be a number, found a string",
                assertThrows(
                                IllegalArgumentException.class,
                                () -> ResultsJson.read(noSeconds, "r.json"))
                        .getMessage());
        var notJson =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ResultsJson.read(
                                        "{\"format\": \"xmemck-results\",\n\"formatVersion\": 1,\n}",
                                        "r.json"));
        assertTrue(notJson.getMessage().startsWith("r.json:3: not JSON: "), notJson.getMessage());
        var deep =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ResultsJson.read(
                                        "{\"format\": \"xmemck-results\", \"formatVersion\": 1, \"later\": "
                                                + "[".repeat(100_000),
                                        "r.json"));
        assertTrue(
                deep.getMessage()
                        .startsWith(
                                "r.json:1: beyond the limits of the kit's files: Document nesting depth"),
                deep.getMessage());
    }

    @Test
    void resultsAreWrittenIndentedOneScenarioAfterTheOther() {
        String text =
                ResultsJson.render(Fixtures.run(scenario("plain", Verdict.PASS, "copyout.succ")));
        assertTrue(
                text.startsWith(
                        "{\n  \"format\": \"xmemck-results\",\n  \"formatVersion\": 1,\n  \"kit\": {\n    \"version\": \"0.1.0\"\n  },\n"),
                text);
        assertTrue(text.contains("\n  \"scenarios\": [\n    {\n      \"id\": "), text);
        assertTrue(text.endsWith("\n    }\n  ]\n}\n"), text);
        assertTrue(!text.contains("\"expected\""), "only an expected failure has the member");
    }

    static int lineOf(String text, String needle) {
        return (int) text.substring(0, text.indexOf(needle)).chars().filter(c -> c == '\n').count()
                + 1;
    }

    @Test
    void profileRecordsImplementationDefinedChoicesPerScenarioAndMerged() {
        RunReport run =
                Fixtures.run(
                        scenario(
                                "a",
                                Verdict.PASS,
                                Map.of(
                                        "xmemout.count-zero",
                                        "XMEM_SUCC",
                                        "vm_mvc.precedence",
                                        "ENOENT"),
                                "xmemout.succ"),
                        scenario(
                                "b",
                                Verdict.PASS,
                                Map.of("xmemout.count-zero", "XMEM_SUCC"),
                                "xmemout.succ"),
                        scenario(
                                "c",
                                Verdict.FAIL,
                                Map.of("xmemout.count-zero", "XMEM_FAIL"),
                                "xmemout.succ"),
                        scenario("d", Verdict.PASS, "xmemout.succ"));
        Map<String, Object> p = obj(KitJson.parse(ProfileJson.render(run), "profile.json"));
        assertEquals(
                Map.of(
                        "xmemout.count-zero",
                        Map.of("XMEM_SUCC", 2L, "XMEM_FAIL", 1L),
                        "vm_mvc.precedence",
                        Map.of("ENOENT", 1L)),
                p.get("observations"));
        assertEquals(
                Map.of(
                        "xmemout.count-zero",
                        Map.of("XMEM_SUCC", 2L, "XMEM_FAIL", 1L),
                        "vm_mvc.precedence",
                        Map.of("ENOENT", 1L)),
                p.get("questions"),
                "keys without a call prefix are their own question");
        List<Object> scenarios = list(p.get("scenarios"));
        assertEquals(3, scenarios.size(), "scenarios without observations are left out");
        assertEquals("a", obj(scenarios.getFirst()).get("name"));
        assertEquals(
                Map.of("xmemout.count-zero", "XMEM_SUCC", "vm_mvc.precedence", "ENOENT"),
                obj(scenarios.getFirst()).get("implementationDefined"));
        assertEquals("reference", obj(p.get("adapter")).get("id"));
    }

    @Test
    void profileGroupsAnswersByQuestionIdAcrossCalls() {
        RunReport run =
                Fixtures.run(
                        scenario(
                                "a",
                                Verdict.PASS,
                                Map.of(
                                        "copyout(kbuf+0, ubuf+0, 8192) from process p1: copyout.failure-prefix",
                                        "4096 of 8192"),
                                "copyout.succ"),
                        scenario(
                                "b",
                                Verdict.PASS,
                                Map.of(
                                        "copyout(kbuf+0, ubuf+9, 8192) from process p1: copyout.failure-prefix",
                                        "4087 of 8192"),
                                "copyout.succ"),
                        scenario(
                                "c",
                                Verdict.PASS,
                                Map.of("odd key: with spaces", "x"),
                                "copyout.succ"));
        Map<String, Object> p = obj(KitJson.parse(ProfileJson.render(run), "profile.json"));
        assertEquals(
                Map.of(
                        "copyout.failure-prefix",
                        Map.of("4096 of 8192", 1L, "4087 of 8192", 1L),
                        "odd key: with spaces",
                        Map.of("x", 1L)),
                p.get("questions"));
        assertEquals(3, obj(p.get("observations")).size(), "observations keep the full keys");
    }

    @Test
    void adapterInfoSurvivesTheRunInfoMap() {
        AdapterInfo a =
                AdapterInfo.of(
                        "reference",
                        "ref impl",
                        xmemck.spi.Capabilities.allBut(
                                Map.of(
                                        xmemck.spi.Capability.ADI,
                                        "no tags",
                                        xmemck.spi.Capability.USER_BLOCK,
                                        "none")));
        AdapterInfo back = AdapterInfo.fromRunInfo(a.toRunInfo());
        assertEquals(a, back);
        assertTrue(back.capabilities().contains("COPYOUT"));
        assertEquals("no tags", back.missing().get("ADI"));
        assertEquals(AdapterInfo.unknown(), AdapterInfo.fromRunInfo(Map.of()));
    }
}
