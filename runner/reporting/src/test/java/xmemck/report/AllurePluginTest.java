package xmemck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cucumber.plugin.event.EmbedEvent;
import io.cucumber.plugin.event.HookTestStep;
import io.cucumber.plugin.event.PickleStepTestStep;
import io.cucumber.plugin.event.Result;
import io.cucumber.plugin.event.Status;
import io.cucumber.plugin.event.TestCase;
import io.cucumber.plugin.event.TestRunStarted;
import io.cucumber.plugin.event.TestStep;
import io.cucumber.plugin.event.TestStepFinished;
import io.cucumber.plugin.event.TestStepStarted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import xmemck.glue.ResultAttachments;

/** Allure gets every event and attachment but the kit's own JSON attachments and hooks. */
class AllurePluginTest {

    @Test
    void theKitsOwnAttachmentsDoNotReachAllure() {
        ConformancePluginTest.Publisher cucumber = new ConformancePluginTest.Publisher();
        var allure = new AllurePlugin.WithoutKitAttachments(cucumber);
        List<String> embedded = new ArrayList<>();
        List<Object> started = new ArrayList<>();
        allure.registerHandlerFor(EmbedEvent.class, e -> embedded.add(e.getMediaType()));
        allure.registerHandlerFor(TestRunStarted.class, started::add);

        for (String type :
                List.of(
                        ResultAttachments.RESULT,
                        ResultAttachments.RUN_INFO,
                        ResultAttachments.OPS,
                        "image/svg+xml",
                        "text/plain"))
            cucumber.fire(EmbedEvent.class, ConformancePluginTest.attachment(type, "{}"));
        cucumber.fire(TestRunStarted.class, new TestRunStarted(Instant.EPOCH));

        assertEquals(List.of("image/svg+xml", "text/plain"), embedded);
        assertEquals(1, started.size(), "other events pass unchanged");
    }

    /** The kit's hooks are no steps of Allure's (no fixture files); the scenario's steps are. */
    @Test
    void theKitsHooksDoNotReachAllure() {
        ConformancePluginTest.Publisher cucumber = new ConformancePluginTest.Publisher();
        var allure = new AllurePlugin.WithoutKitAttachments(cucumber);
        List<Object> started = new ArrayList<>(), finished = new ArrayList<>();
        allure.registerHandlerFor(TestStepStarted.class, e -> started.add(e.getTestStep()));
        allure.registerHandlerFor(TestStepFinished.class, e -> finished.add(e.getTestStep()));
        HookTestStep hook = proxy(HookTestStep.class);
        PickleStepTestStep step = proxy(PickleStepTestStep.class);
        TestCase scenario = proxy(TestCase.class);
        for (TestStep s : List.of(hook, step, hook)) {
            cucumber.fire(TestStepStarted.class, new TestStepStarted(Instant.EPOCH, scenario, s));
            cucumber.fire(
                    TestStepFinished.class,
                    new TestStepFinished(
                            Instant.EPOCH,
                            scenario,
                            s,
                            new Result(Status.PASSED, java.time.Duration.ZERO, null)));
        }
        assertEquals(List.of(step), started);
        assertEquals(List.of(step), finished);
    }

    private static <T> T proxy(Class<T> type) {
        return type.cast(
                java.lang.reflect.Proxy.newProxyInstance(
                        type.getClassLoader(),
                        new Class<?>[] {type},
                        (p, method, args) ->
                                switch (method.getName()) {
                                    case "equals" -> p == args[0];
                                    case "hashCode" -> System.identityHashCode(p);
                                    case "toString" -> type.getSimpleName();
                                    default ->
                                            throw new UnsupportedOperationException(
                                                    method.getName());
                                }));
    }
}
