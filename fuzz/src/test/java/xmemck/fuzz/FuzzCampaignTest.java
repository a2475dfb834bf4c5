package xmemck.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import xmemck.files.KitJson;
import xmemck.fuzz.engine.Budget;
import xmemck.ops.Call;
import xmemck.ops.Result;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;
import xmemck.spi.SutOptions;

/**
 * A fuzz campaign against implementations with known bugs: what the summary records of each failure
 * (its kind, when it was first seen), that each counterexample is shown and written while the
 * search goes on, that an extra answer is charged to the case that caused it, that no
 * counterexample sends an operation about something it does not create, and that the summary
 * describes the implementation as it declared itself.
 */
class FuzzCampaignTest {
    private static final JsonMapper JSON = new JsonMapper();

    @TempDir Path reports;

    /**
     * Accepts an attach of 0 bytes or fewer (xmattach.fail.count) and fails every 1-byte copyout
     * with EFAULT.
     */
    static FakeSut twoBugs() throws Exception {
        return new FakeSut()
                .answering(
                        c ->
                                switch (c) {
                                    case Call.Xmattach x when x.count() <= 0 ->
                                            new Result.Returned(Call.XMEM_SUCC, Map.of());
                                    case Call.Copyout x when x.cn() == 1 ->
                                            new Result.Returned(Call.EFAULT, Map.of());
                                    default -> null;
                                });
    }

    FuzzRun.Summary fuzz(FakeSut sut, long cases, PrintStream err) {
        return FuzzRun.run(
                sut,
                new FuzzRun.Options(
                        "fake", SutOptions.none(), Budget.calls(cases), 1, reports, 5, false),
                err);
    }

    @Test
    void eachFailureIsRecordedWithItsKindAndWhenItWasFirstSeen() throws Exception {
        FakeSut sut = twoBugs();
        FuzzRun.Summary s = fuzz(sut, 3_000, null);
        Set<String> signatures = new HashSet<>();
        for (Failure f : s.failures()) signatures.add(f.signature());
        assertTrue(signatures.contains("FAIL xmattach xmattach.fail.count"), signatures.toString());
        assertTrue(
                signatures.stream().anyMatch(x -> x.startsWith("FAIL copyout ")),
                signatures.toString());
        assertEquals(s.failures().size(), signatures.size(), "each kind once");

        JsonNode entries =
                JSON.readTree(Files.readString(reports.resolve("fuzz/summary.json")))
                        .get("failures");
        assertEquals(s.failures().size(), entries.size());
        long casesBefore = 0;
        for (int i = 0; i < s.failures().size(); i++) {
            Failure f = s.failures().get(i);
            assertEquals(
                    SessionProperty.clauseOf(f.signature()),
                    f.clause(),
                    "the clause is the one it was found and shrunk for");
            // The minimised case still fails the same way (same verdict, same clause) when run
            // again.
            assertTrue(
                    Replay.failing(sut, f.ops()).orElseThrow().answersTo(f.signature()),
                    f.signature() + ": " + f.ops());
            assertEquals(f.caseIndex() + 1, f.firstSeenCases(), "the search starts at case 0");
            assertTrue(f.firstSeenCases() > casesBefore, "failures are listed as they were found");
            casesBefore = f.firstSeenCases();
            assertTrue(
                    f.firstSeenSeconds() >= 0 && f.firstSeenSeconds() <= s.seconds(),
                    f.firstSeenSeconds() + " within the run's " + s.seconds());
            JsonNode e = entries.get(i);
            assertEquals(f.firstSeenCases(), e.get("firstSeenCases").longValue());
            assertEquals(
                    KitJson.round(f.firstSeenSeconds()), e.get("firstSeenSeconds").doubleValue());
            assertEquals(f.clause(), e.get("clause").stringValue());
            assertTrue(e.get("alsoBreaks").isArray(), e.toString());
        }
    }

    @Test
    void noCounterexampleSendsAnOperationAboutSomethingItDoesNotCreate() throws Exception {
        FuzzRun.Summary s = fuzz(twoBugs(), 3_000, null);
        assertFalse(s.failures().isEmpty());
        for (Failure f : s.failures())
            assertNull(OpRefs.dangling(f.ops()), f.signature() + ": " + f.ops());
        assertEquals(0, s.invalidCases(), "the generator's cases are all closed");
    }

    @Test
    void eachCounterexampleIsShownAndWrittenWhileTheSearchGoesOn() throws Exception {
        FakeSut sut =
                new FakeSut()
                        .answering(
                                c ->
                                        c instanceof Call.Xmattach x && x.count() <= 0
                                                ? new Result.Returned(Call.XMEM_SUCC, Map.of())
                                                : null);
        List<Integer> resetsWhenShown = new ArrayList<>();
        List<Boolean> writtenWhenShown = new ArrayList<>();
        PrintStream err =
                new PrintStream(
                        new Lines(
                                line -> {
                                    if (line.startsWith("  replay: ")) {
                                        resetsWhenShown.add(sut.resets);
                                        writtenWhenShown.add(
                                                Files.isRegularFile(
                                                        reports.resolve(
                                                                line.substring(
                                                                        "  replay: ".length()))));
                                    }
                                }),
                        true,
                        StandardCharsets.UTF_8);
        long cases = 2_000;
        FuzzRun.Summary s = fuzz(sut, cases, err);
        assertEquals(1, s.failures().size(), s.failures().toString());
        assertEquals(
                List.of(true),
                writtenWhenShown,
                "the feature is on disk when the counterexample is shown");
        Failure f = s.failures().getFirst();
        assertTrue(
                f.firstSeenCases() < cases / 2,
                "found early enough that the search had much left to do: " + f.firstSeenCases());
        // Every case resets the implementation once. Shown after the search, no case would have run
        // after it.
        long casesAfter = sut.resets - resetsWhenShown.getFirst();
        assertTrue(
                casesAfter >= cases - f.firstSeenCases(),
                "only "
                        + casesAfter
                        + " resets after it was shown; the search ran "
                        + (cases - f.firstSeenCases())
                        + " more cases after finding it");
    }

    @Test
    void anExtraAnswerIsAnErrorOfTheCaseThatCausedItAndShrinksToIt() throws Exception {
        FakeSut sut =
                new FakeSut()
                        .extraAnswerAfter(
                                ops ->
                                        ops.stream()
                                                .anyMatch(
                                                        o ->
                                                                o instanceof Call.Copyout c
                                                                        && c.cn() == 1));
        FuzzRun.Summary s = fuzz(sut, 3_000, null);
        assertEquals(1, s.failures().size(), s.failures().toString());
        Failure f = s.failures().getFirst();
        assertEquals("ERROR end protocol", f.signature());
        assertEquals("ERROR", f.verdict());
        assertEquals("protocol", f.clause());
        assertTrue(f.reproduced(), "the replay tells the implementation the case is over too");
        assertTrue(
                f.ops().stream().anyMatch(o -> o instanceof Call.Copyout c && c.cn() == 1),
                f.ops().toString());
        assertTrue(f.ops().size() <= 4, "shrunk to the copyout and what it needs: " + f.ops());
        assertTrue(f.message().contains("a second time"), f.message());
    }

    @Test
    void theSummaryDescribesTheImplementationAsItDeclaredItself() throws Exception {
        FakeSut sut =
                new FakeSut()
                        .withCapabilities(
                                Capabilities.allBut(
                                        Map.of(
                                                Capability.ADI,
                                                "no tagged memory on this machine")));
        fuzz(sut, 50, null);
        JsonNode adapter =
                JSON.readTree(Files.readString(reports.resolve("fuzz/summary.json")))
                        .get("adapter");
        assertEquals("fake", adapter.get("id").stringValue());
        assertEquals(sut.name(), adapter.get("name").stringValue());
        List<String> declared = new ArrayList<>();
        adapter.get("capabilities").forEach(c -> declared.add(c.stringValue()));
        assertTrue(declared.contains("COPYOUT") && !declared.contains("ADI"), declared.toString());
        assertEquals(Capability.values().length - 1, declared.size());
        assertEquals(
                "no tagged memory on this machine",
                adapter.get("missing").get("ADI").stringValue());
    }

    /** An output stream that hands each complete line to a consumer as it is written. */
    static final class Lines extends OutputStream {
        private final Consumer<String> onLine;
        private final StringBuilder line = new StringBuilder();

        Lines(Consumer<String> onLine) {
            this.onLine = onLine;
        }

        @Override
        public void write(int b) {
            if (b == '\n') {
                onLine.accept(line.toString());
                line.setLength(0);
            } else line.append((char) b);
        }
    }
}
