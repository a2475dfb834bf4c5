package xmemck.report;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EmbedEvent;
import io.cucumber.plugin.event.EventHandler;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.HookTestStep;
import io.cucumber.plugin.event.TestStepFinished;
import io.cucumber.plugin.event.TestStepStarted;
import io.qameta.allure.cucumber7jvm.AllureCucumber7Jvm;

/**
 * Allure's Cucumber plugin, without the kit's own attachments and hooks. The glue attaches each
 * scenario's result (and the run's description) as JSON for the kit's reports to read from the
 * message stream ({@code application/vnd.xmemck.*}); in Allure they were a file per scenario that a
 * reader never opens (the status, its message and any failure picture say the same), and probing
 * those files was most of the time Allure took to make its report. The kit's hooks open each
 * scenario's world and record its result; Allure made a fixture file of each, two per scenario. A
 * failure the recording hook raises (a verdict that is not PASS never looks passed) still fails the
 * scenario: Allure takes a scenario's status from its end. Every other attachment (the failure
 * pictures, now on the scenario itself) and every other event reach Allure as before.
 */
public final class AllurePlugin implements ConcurrentEventListener {
    /** The media types of the kit's own attachments start so. */
    static final String KIT_MEDIA_TYPES = "application/vnd.xmemck.";

    private final AllureCucumber7Jvm allure = new AllureCucumber7Jvm();

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        allure.setEventPublisher(new WithoutKitAttachments(publisher));
    }

    /** {@code publisher}, with the kit's own attachments kept from the handlers of attachments. */
    record WithoutKitAttachments(EventPublisher publisher) implements EventPublisher {
        @Override
        @SuppressWarnings("unchecked")
        public <T> void registerHandlerFor(Class<T> type, EventHandler<T> handler) {
            if (type == EmbedEvent.class) {
                EventHandler<EmbedEvent> embeds = (EventHandler<EmbedEvent>) handler;
                publisher.registerHandlerFor(
                        EmbedEvent.class,
                        e -> {
                            if (!forTheKit(e)) embeds.receive(e);
                        });
            } else if (type == TestStepStarted.class) {
                EventHandler<TestStepStarted> steps = (EventHandler<TestStepStarted>) handler;
                publisher.registerHandlerFor(
                        TestStepStarted.class,
                        e -> {
                            if (!(e.getTestStep() instanceof HookTestStep)) steps.receive(e);
                        });
            } else if (type == TestStepFinished.class) {
                EventHandler<TestStepFinished> steps = (EventHandler<TestStepFinished>) handler;
                publisher.registerHandlerFor(
                        TestStepFinished.class,
                        e -> {
                            if (!(e.getTestStep() instanceof HookTestStep)) steps.receive(e);
                        });
            } else {
                publisher.registerHandlerFor(type, handler);
            }
        }

        @Override
        public <T> void removeHandlerFor(Class<T> type, EventHandler<T> handler) {
            publisher.removeHandlerFor(type, handler);
        }
    }

    static boolean forTheKit(EmbedEvent e) {
        return e.getMediaType() != null && e.getMediaType().startsWith(KIT_MEDIA_TYPES);
    }
}
