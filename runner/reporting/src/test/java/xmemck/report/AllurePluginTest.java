package xmemck.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.cucumber.plugin.event.EmbedEvent;
import io.cucumber.plugin.event.TestRunStarted;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import xmemck.glue.ResultAttachments;

/** Allure gets every event and attachment but the kit's own JSON attachments. */
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
}
