package xmemck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import xmemck.fuzz.engine.Budget;
import xmemck.fuzz.engine.Outcome;
import xmemck.ops.Addr;
import xmemck.ops.Call;
import xmemck.ops.Result;
import xmemck.spi.SutFailure;
import xmemck.spi.SutOptions;

/**
 * Known findings: a FAIL on a clause the implementation's expectations list is counted and
 * reported, does not fail the run and does not stop the search; a failure on any other clause still
 * fails it.
 */
class KnownFindingsTest {
    private static final JsonMapper JSON = new JsonMapper();
    static final String LISTED = "xmattach.fail.count";

    @TempDir Path reports;

    /** Accepts an attach of 0 bytes or fewer: a FAIL on xmattach.fail.count. */
    static FakeSut attachBug() throws Exception {
        return new FakeSut()
                .answering(
                        c ->
                                c instanceof Call.Xmattach x && x.count() <= 0
                                        ? new Result.Returned(Call.XMEM_SUCC, Map.of())
                                        : null);
    }

    FuzzRun.Summary fuzz(FakeSut sut, long cases, Set<String> known, PrintStream err) {
        var options =
                new FuzzRun.Options(
                                "fake",
                                SutOptions.none(),
                                Budget.calls(cases),
                                1,
                                reports,
                                1,
                                false)
                        .withKnownClauses(known);
        return FuzzRun.run(sut, options, err);
    }

    @Test
    void aFailOnAListedClauseIsCountedNotAFailureAndTheSearchGoesOn() throws Exception {
        FakeSut sut = attachBug();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long cases = 2_000;
        FuzzRun.Summary s =
                fuzz(
                        sut,
                        cases,
                        Set.of(LISTED),
                        new PrintStream(out, true, StandardCharsets.UTF_8));
        assertTrue(s.passed(), "a known finding does not fail the run: " + s.failures());
        assertEquals(cases, s.cases(), "nor stop the search (maxFailures is 1)");
        assertEquals(1, s.known().size(), s.known().toString());
        KnownFinding k = s.known().getFirst();
        assertEquals(LISTED, k.clause());
        assertEquals("FAIL xmattach " + LISTED, k.signature());
        assertTrue(k.count() > 1, "every case that shows it is counted: " + k.count());
        assertTrue(k.count() < cases, k.count() + " of " + cases);
        assertEquals(k.caseIndex() + 1, k.firstSeenCases());
        // The example is the first such case, shrunk while it kept showing this finding (as its
        // main clause), and closed.
        assertTrue(k.example().size() <= 3, "shrunk: " + k.example());
        assertNull(OpRefs.dangling(k.example()), k.example().toString());
        assertEquals(
                "FAIL xmattach " + LISTED,
                Replay.failing(sut, k.example()).orElseThrow().signature());
        try (var files = Files.list(reports)) {
            assertFalse(
                    files.anyMatch(
                            p -> p.getFileName().toString().equals(CounterexampleFiles.FOLDER)),
                    "no regression written for it");
        }

        JsonNode json = JSON.readTree(Files.readString(reports.resolve(SummaryFile.PATH)));
        assertTrue(json.get("passed").booleanValue());
        assertEquals(0, json.get("failures").size());
        assertEquals(List.of(LISTED), List.of(json.get("knownClauses").get(0).stringValue()));
        JsonNode entry = json.get("knownFindings").get(0);
        assertEquals(LISTED, entry.get("clause").stringValue());
        assertEquals(k.count(), entry.get("count").longValue());
        assertEquals(k.firstSeenCases(), entry.get("firstSeenCases").longValue());
        assertTrue(entry.get("firstSeenSeconds").isNumber(), entry.toString());
        assertEquals(k.example().size(), entry.get("operations").intValue());
        List<String> steps = new java.util.ArrayList<>();
        entry.get("example").forEach(step -> steps.add(step.stringValue()));
        assertEquals(
                SummaryFile.steps(k.example()), steps, "the example as the steps of a scenario");
        assertTrue(steps.stream().anyMatch(step -> step.contains("xmattach")), steps.toString());

        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("known finding FAIL xmattach " + LISTED), text);
        assertTrue(
                text.contains("0 failure(s), 1 known finding(s) in " + k.count() + " case(s)"),
                text);
    }

    @Test
    void aFailOnAClauseNotListedStillFails() throws Exception {
        FuzzRun.Summary s = fuzz(attachBug(), 2_000, Set.of("copyout.fail.adi"), null);
        assertFalse(s.passed());
        assertEquals("FAIL xmattach " + LISTED, s.failures().getFirst().signature());
        assertEquals(List.of(), s.known());
        // With two faults and one of them listed, the other is still found, with the listed one
        // counted beside it.
        FakeSut two = FuzzCampaignTest.twoBugs();
        FuzzRun.Summary both =
                FuzzRun.run(
                        two,
                        new FuzzRun.Options(
                                        "fake",
                                        SutOptions.none(),
                                        Budget.calls(3_000),
                                        1,
                                        reports.resolve("two"),
                                        5,
                                        false)
                                .withKnownClauses(Set.of(LISTED)),
                        null);
        assertFalse(both.passed());
        assertTrue(
                both.failures().stream().allMatch(f -> f.signature().startsWith("FAIL copyout ")),
                both.failures().toString());
        assertEquals(
                List.of("FAIL xmattach " + LISTED),
                both.known().stream().map(KnownFinding::signature).toList());
    }

    @Test
    void onlyAFailIsKnownNeverAnError() throws Exception {
        Call.Xmattach zero =
                new Call.Xmattach(
                        SessionPropertyTest.P, Addr.in("u", 0), 0, "dp", Call.USER_ADSPACE);
        var ops = SessionPropertyTest.world(zero);
        Outcome known = new SessionProperty(attachBug(), new Coverage(), Set.of(LISTED)).check(ops);
        assertEquals(
                "FAIL xmattach " + LISTED,
                assertInstanceOf(Outcome.Known.class, known).signature());
        assertInstanceOf(
                Outcome.Fail.class,
                new SessionProperty(attachBug(), new Coverage(), Set.of()).check(ops),
                "not listed: a failure");
        FakeSut crashing =
                new FakeSut()
                        .answering(
                                c -> {
                                    throw new SutFailure(SutFailure.Kind.CRASHED, "gone");
                                });
        assertInstanceOf(
                Outcome.Fail.class,
                new SessionProperty(crashing, new Coverage(), Set.of(LISTED, "crashed"))
                        .check(ops));
    }
}
