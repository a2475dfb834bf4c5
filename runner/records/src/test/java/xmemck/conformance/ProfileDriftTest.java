package xmemck.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import xmemck.features.Sha256;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Verdict;
import xmemck.records.AdapterInfo;
import xmemck.records.ProfileJson;
import xmemck.records.RunReport;

/**
 * A run against a declared profile (the profile.json of an accepted run): drift is every answer
 * that differs.
 */
class ProfileDriftTest {

    static final String PREFIX = "copyout(k+0, u+4090, 16) from process p1: copyout.failure-effect";
    static final String COUNT0 = "copyout(k+0, u+0, 0) from process p1: copyout.count-nonpositive";

    static ScenarioResult result(String name, int line, Verdict v, Map<String, String> answers) {
        return new ScenarioResult(
                "features/copyout/failures.feature:" + line,
                name,
                "features/copyout/failures.feature",
                line,
                List.of("copyout.succ"),
                v,
                "",
                0.01,
                List.of(),
                answers);
    }

    static List<ScenarioResult> accepted() {
        return List.of(
                result(
                        "a failing copy",
                        10,
                        Verdict.PASS,
                        Map.of(PREFIX, "a prefix: the first 6 of 16 bytes written")),
                result("count zero", 20, Verdict.PASS, Map.of(COUNT0, "0")),
                result("nothing open", 30, Verdict.PASS, Map.of()));
    }

    static DeclaredProfile declared() {
        String json =
                ProfileJson.render(
                        new RunReport("0.1.0", AdapterInfo.unknown(), "", 1, accepted()));
        return DeclaredProfile.parse(json, "acme.profile.json", Sha256.of(json));
    }

    @Test
    void theSameAnswersAreNoDriftEvenWhenLinesMoved() {
        List<ScenarioResult> moved =
                List.of(
                        result(
                                "a failing copy",
                                11,
                                Verdict.PASS,
                                Map.of(PREFIX, "a prefix: the first 6 of 16 bytes written")),
                        result("count zero", 21, Verdict.PASS, Map.of(COUNT0, "0")));
        ProfileDrift.Drift d = ProfileDrift.compare(declared(), moved);
        assertTrue(d.none(), d.differences()::toString);
        assertEquals(2, d.compared());
    }

    @Test
    void everyChangedNewAndVanishedAnswerIsADifference() {
        List<ScenarioResult> now =
                List.of(
                        result(
                                "a failing copy",
                                10,
                                Verdict.FAIL,
                                Map.of(PREFIX, "a prefix: the first 0 of 16 bytes written")),
                        result("count zero", 20, Verdict.PASS, Map.of()),
                        result(
                                "nothing open",
                                30,
                                Verdict.PASS,
                                Map.of(
                                        "copyout(k+0, u+0, -1) from process p1: copyout.count-nonpositive",
                                        "-1")),
                        result("a new scenario", 40, Verdict.PASS, Map.of(COUNT0, "-1")));
        ProfileDrift.Drift d = ProfileDrift.compare(declared(), now);
        assertEquals(
                List.of(
                        "features/copyout/failures.feature:10 (a failing copy): "
                                + PREFIX
                                + ": declared \"a prefix: the first 6 of 16 bytes written\","
                                + " now \"a prefix: the first 0 of 16 bytes written\"",
                        "features/copyout/failures.feature:20 (count zero): "
                                + COUNT0
                                + ": declared \"0\", no longer observed",
                        "features/copyout/failures.feature:30 (nothing open): copyout(k+0, u+0, -1) from process p1: copyout.count-nonpositive:"
                                + " not declared, now \"-1\"",
                        "features/copyout/failures.feature:40 (a new scenario): "
                                + COUNT0
                                + ": not declared, now \"-1\""),
                d.differences().stream().map(ProfileDrift.Difference::describe).toList());
        // profile.json leaves out scenarios without answers, so "nothing open" is undeclared as
        // well as the new one.
        assertEquals(2, d.undeclaredScenarios());
    }

    @Test
    void errorsAndScenariosTheRunDidNotReachAreNotDrift() {
        List<ScenarioResult> now = List.of(result("a failing copy", 10, Verdict.ERROR, Map.of()));
        assertTrue(ProfileDrift.compare(declared(), now).none());
        assertTrue(ProfileDrift.compare(declared(), List.of()).none());
    }

    @Test
    void aMalformedProfileIsNamedWithFileLineAndReason() {
        InputFileException notJson =
                assertThrows(
                        InputFileException.class,
                        () -> DeclaredProfile.parse("{\n  \"scenarios\": [\n  }\n", "p.json", "h"));
        assertEquals("p.json", notJson.file());
        assertEquals(3, notJson.line(), notJson.getMessage());
        assertTrue(notJson.getMessage().startsWith("p.json:3: not JSON: "), notJson.getMessage());

        InputFileException noList =
                assertThrows(
                        InputFileException.class,
                        () -> DeclaredProfile.parse("{\"questions\": {}}", "p.json", "h"));
        assertEquals(
                "p.json:1: no \"scenarios\" list: a declared profile is the profile.json of a run",
                noList.getMessage());

        String noName =
                """
                {
                  "scenarios": [
                    {"uri": "features/a.feature", "name": "x", "implementationDefined": {}},
                    {
                      "uri": "features/a.feature",
                      "implementationDefined": {}
                    }
                  ]
                }
                """;
        assertEquals(
                "p.json:4: scenarios[1].name is missing",
                assertThrows(
                                InputFileException.class,
                                () -> DeclaredProfile.parse(noName, "p.json", "h"))
                        .getMessage());
        String twice =
                """
                {"scenarios": [
                  {"uri": "features/a.feature", "name": "x", "implementationDefined": {}},
                  {"uri": "features/a.feature", "name": "x", "implementationDefined": {"k": "v"}}
                ]}
                """;
        assertTrue(
                assertThrows(
                                InputFileException.class,
                                () -> DeclaredProfile.parse(twice, "p.json", "h"))
                        .getMessage()
                        .startsWith(
                                "p.json:3: two scenarios of features/a.feature are named \"x\""));
        String badAnswer =
                "{\"scenarios\": [{\"uri\": \"u\", \"name\": \"x\", \"implementationDefined\": {\"k\": 3}}]}";
        assertEquals(
                "p.json:1: scenarios[0].implementationDefined[\"k\"] must be a string, found 3",
                assertThrows(
                                InputFileException.class,
                                () -> DeclaredProfile.parse(badAnswer, "p.json", "h"))
                        .getMessage());
    }

    @Test
    void callNotesAreRecordedForInformationAndNeverDrift() {
        String errno = "copyout(k+0, u+4090, 16) from process p1: note.errno";
        List<ScenarioResult> noted =
                List.of(
                        result(
                                "a failing copy",
                                10,
                                Verdict.PASS,
                                Map.of(
                                        PREFIX,
                                        "a prefix: the first 6 of 16 bytes written",
                                        errno,
                                        "14")),
                        result("count zero", 20, Verdict.PASS, Map.of(COUNT0, "0")),
                        result(
                                "nothing open",
                                30,
                                Verdict.PASS,
                                Map.of("copyout(k+0, u+0, 1) from process p1: note.path", "fast")));
        String json =
                ProfileJson.render(new RunReport("0.1.0", AdapterInfo.unknown(), "", 1, noted));
        assertTrue(json.contains("\"notes\": {\n        \"" + errno + "\": \"14\""), json);
        assertTrue(
                !json.contains("\"note.errno\": {"),
                "notes are not answers to open questions: " + json);
        // Declared with its notes; a run whose notes changed, vanished or appeared has not drifted.
        DeclaredProfile withNotes =
                DeclaredProfile.parse(json, "acme.profile.json", Sha256.of(json));
        ProfileDrift.Drift d = ProfileDrift.compare(withNotes, accepted());
        assertTrue(d.none(), d.differences()::toString);
        ProfileDrift.Drift d2 = ProfileDrift.compare(declared(), noted);
        assertTrue(d2.none(), d2.differences()::toString);
    }
}
