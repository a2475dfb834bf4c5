package xmemck.report;

import io.cucumber.plugin.ConcurrentEventListener;
import io.cucumber.plugin.event.EmbedEvent;
import io.cucumber.plugin.event.EventHandler;
import io.cucumber.plugin.event.EventPublisher;
import io.cucumber.plugin.event.HookTestStep;
import io.cucumber.plugin.event.TestStepFinished;
import io.cucumber.plugin.event.TestStepStarted;
import io.qameta.allure.Allure;
import io.qameta.allure.AllureLifecycle;
import io.qameta.allure.cucumber7jvm.AllureCucumber7Jvm;
import java.nio.file.Path;

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

    private final AllureCucumber7Jvm allure = new AllureCucumber7Jvm(lifecycle());

    /**
     * Allure keeps one lifecycle per JVM, writing to the results folder it was created with; a run
     * of {@code ck run} (several may run at once, {@link xmemck.glue.RunScope}) writes into its own
     * folder through a lifecycle of its own, whose writer reuses the previous run's files ({@link
     * RecyclingResultsWriter}). Outside {@code ck run}, Allure's.
     */
    private static AllureLifecycle lifecycle() {
        String dir = xmemck.glue.RunScope.current().ownProperty(AllureReport.RESULTS_PROPERTY);
        return dir == null
                ? Allure.getLifecycle()
                : new AllureLifecycle(new RecyclingResultsWriter(Path.of(dir)));
    }

    @Override
    public void setEventPublisher(EventPublisher publisher) {
        allure.setEventPublisher(new WithoutKitAttachments(publisher));
    }

    /** {@code publisher}, with the kit's own attachments kept from the handlers of attachments. */
    record WithoutKitAttachments(EventPublisher publisher) implements EventPublisher {
        @Override
        public <T> void registerHandlerFor(Class<T> type, EventHandler<T> handler) {
            if (type == EmbedEvent.class) {
                only(EmbedEvent.class, handler, e -> !forTheKit(e));
            } else if (type == TestStepStarted.class) {
                only(
                        TestStepStarted.class,
                        handler,
                        e -> !(e.getTestStep() instanceof HookTestStep));
            } else if (type == TestStepFinished.class) {
                only(
                        TestStepFinished.class,
                        handler,
                        e -> !(e.getTestStep() instanceof HookTestStep));
            } else {
                publisher.registerHandlerFor(type, handler);
            }
        }

        /**
         * Registers {@code handler} (one for events of {@code type}) for the events {@code keep}
         * takes.
         */
        private <E> void only(
                Class<E> type, EventHandler<?> handler, java.util.function.Predicate<E> keep) {
            @SuppressWarnings("unchecked")
            EventHandler<E> h = (EventHandler<E>) handler;
            publisher.registerHandlerFor(
                    type,
                    e -> {
                        if (keep.test(e)) h.receive(e);
                    });
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
