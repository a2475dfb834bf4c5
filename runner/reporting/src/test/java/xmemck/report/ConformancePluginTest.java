package xmemck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.cucumber.plugin.event.EmbedEvent;
import io.cucumber.plugin.event.EventHandler;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestRunFinished;
import io.cucumber.plugin.event.TestRunStarted;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import xmemck.glue.ResultAttachments;
import xmemck.harness.ScenarioResult;
import xmemck.oracle.Catalogue;
import xmemck.oracle.Verdict;
import xmemck.records.ResultsJson;
import xmemck.records.RunReport;

/**
 * The plugin end to end, driven by Cucumber's run events: it collects the glue's attachments and
 * writes every file.
 */
class ConformancePluginTest {

    @TempDir Path dir;

    private String savedAllure;

    @BeforeEach
    void save() {
        savedAllure = System.getProperty("xmemck.allure");
        System.setProperty("xmemck.allure", "off");
    }

    @AfterEach
    void restore() {
        if (savedAllure == null) System.clearProperty("xmemck.allure");
        else System.setProperty("xmemck.allure", savedAllure);
    }

    /** What the glue attaches at the end of a scenario. */
    static EmbedEvent attachment(String mediaType, String body) {
        // The plugin does not look at the test case; the event needs one.
        TestCase none =
                (TestCase)
                        java.lang.reflect.Proxy.newProxyInstance(
                                TestCase.class.getClassLoader(),
                                new Class<?>[] {TestCase.class},
                                (proxy, method, args) -> {
                                    throw new UnsupportedOperationException(method.getName());
                                });
        return new EmbedEvent(
                Instant.EPOCH,
                none,
                body.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                mediaType,
                "xmemck");
    }

    /** Collects the handlers the plugin registers, so the test can fire events at it. */
    static final class Publisher implements EventPublisher {
        final Map<Class<?>, EventHandler<?>> handlers = new HashMap<>();

        @Override
        public <T> void registerHandlerFor(Class<T> type, EventHandler<T> handler) {
            handlers.put(type, handler);
        }

        @Override
        public <T> void removeHandlerFor(Class<T> type, EventHandler<T> handler) {
            handlers.remove(type);
        }

        @SuppressWarnings("unchecked")
        <T> void fire(Class<T> type, T event) {
            ((EventHandler<T>) handlers.get(type)).receive(event);
        }
    }

    @Test
    void writesTheReportsOfTheRecordedRunWhenTheRunFinishes() throws Exception {
        Path allureResults = dir.resolve("allure-results");
        Files.createDirectories(allureResults);
        Files.writeString(allureResults.resolve("old-result.json"), "{}");
        String previous = System.getProperty("allure.results.directory");
        System.setProperty("allure.results.directory", allureResults.toString());
        try {
            var plugin = new ConformancePlugin(dir.toString());
            var pub = new Publisher();
            plugin.setEventPublisher(pub);
            Instant t0 = Instant.parse("2025-01-01T00:00:00Z");
            pub.fire(TestRunStarted.class, new TestRunStarted(t0));
            assertTrue(
                    Files.notExists(allureResults.resolve("old-result.json")),
                    "previous Allure results cleared at start");

            String clause = Catalogue.all().getFirst().id();
            pub.fire(
                    EmbedEvent.class,
                    attachment(
                            ResultAttachments.RUN_INFO,
                            ResultAttachments.info(Fixtures.ADAPTER.toRunInfo())));
            pub.fire(
                    EmbedEvent.class,
                    attachment(
                            ResultAttachments.RESULT,
                            ResultAttachments.result(
                                    Fixtures.scenario("passes", Verdict.PASS, clause))));
            pub.fire(
                    EmbedEvent.class, attachment("text/plain", "a screenshot, say: not the kit's"));
            pub.fire(
                    EmbedEvent.class,
                    attachment(
                            ResultAttachments.RESULT,
                            ResultAttachments.result(
                                    Fixtures.scenario("cannot", Verdict.UNSUPPORTED, clause))));
            pub.fire(
                    TestRunFinished.class,
                    new TestRunFinished(
                            t0.plusSeconds(4), new Result(Status.PASSED, Duration.ZERO, null)));
        } finally {
            if (previous == null) System.clearProperty("allure.results.directory");
            else System.setProperty("allure.results.directory", previous);
        }

        for (String f :
                List.of(
                        "index.html",
                        "matrix.html",
                        "summary.json",
                        "profile.json",
                        "results.json")) {
            assertTrue(Files.isRegularFile(dir.resolve(f)), f + " written");
        }
        RunReport back =
                ResultsJson.read(Files.readString(dir.resolve("results.json")), "results.json");
        assertEquals(
                List.of("passes", "cannot"),
                back.scenarios().stream().map(ScenarioResult::name).toList());
        assertEquals(4.0, back.durationSeconds());
        assertEquals("2025-01-01T00:00:00Z", back.startedAt());
        assertEquals(Fixtures.ADAPTER, back.adapter());
        String summary = Files.readString(dir.resolve("summary.json"));
        assertTrue(summary.contains("\"scenariosPerSecond\": 0.5"), summary);
        assertTrue(
                summary.contains("\"verdict\": \"PASS\",\n      \"partial\": true"),
                "one PASS and one UNSUPPORTED: a partial PASS");
        String index = Files.readString(dir.resolve("index.html"));
        assertTrue(
                index.contains("skipped (-Dxmemck.allure=off)"),
                "the skipped Allure report is explained");
        // every catalogued clause has a row
        String matrix = Files.readString(dir.resolve("matrix.html"));
        for (var c : Catalogue.all())
            assertTrue(matrix.contains("id=\"clause-" + Html.esc(c.id()) + "\""), c.id());
    }
}
