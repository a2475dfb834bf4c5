package xmemck.glue;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import xmemck.harness.RunRecorder;
import xmemck.spi.Adapters;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;
import xmemck.spi.SutOptions;
import xmemck.spi.SutProvider;

/**
 * The one implementation under test of a run, opened once and reused by every scenario (each scenario's
 * {@link xmemck.harness.Session} resets it). Chosen by system properties, so that Maven and {@code ck run} select it
 * the same way:
 * <ul>
 *   <li>{@code xmemck.adapter}: the adapter id (default {@code reference});</li>
 *   <li>{@code xmemck.sut}: the command line of a process implementation;</li>
 *   <li>{@code xmemck.fault}: a seeded fault, for adapters that have them;</li>
 *   <li>{@code xmemck.timeoutMillis}: the per-call timeout.</li>
 * </ul>
 * After a scenario ends in ERROR the implementation may be in any state (crashed, hung): it is discarded and the next
 * scenario opens a fresh one, so one broken scenario never stops the others. When opening fails, every scenario
 * reports that failure (without trying again, so that a missing implementation costs one timeout, not one per
 * scenario).
 */
public final class AdapterHolder {
    /** Keys this class writes into {@link RunRecorder#runInfo()} for the reports. */
    public static final String INFO_ADAPTER = "adapter";
    public static final String INFO_IMPLEMENTATION = "implementation";
    public static final String INFO_CAPABILITIES = "capabilities";
    /** Prefix of one key per missing capability ({@code missing.ADI}), whose value is the adapter's reason. */
    public static final String INFO_MISSING_PREFIX = "missing.";

    private static Sut sut;
    private static String failure;

    private AdapterHolder() {}

    public static String adapterId() {
        String id = System.getProperty("xmemck.adapter", "").strip();
        return id.isEmpty() ? "reference" : id;
    }

    /** The settings passed to the adapter, from the system properties above (blank ones are left out). */
    public static SutOptions options() {
        Map<String, String> settings = new LinkedHashMap<>();
        put(settings, "sut", "xmemck.sut");
        put(settings, "fault", "xmemck.fault");
        put(settings, "timeoutMillis", "xmemck.timeoutMillis");
        return new SutOptions(settings);
    }

    /** The open implementation, opening it on first use. @throws ScenarioError when it cannot be opened */
    public static synchronized Sut sut() {
        if (sut != null) return sut;
        if (failure != null) throw new ScenarioError(failure);
        String id = adapterId();
        try {
            SutProvider provider = Adapters.find(id);
            sut = provider.open(options());
            describe(id, sut);
            return sut;
        } catch (SutFailure f) {
            failure = "adapter " + id + " could not be opened: " + f.kind() + ": " + f.getMessage();
        } catch (RuntimeException e) {
            failure = "adapter " + id + " could not be opened: " + e.getMessage();
        }
        throw new ScenarioError(failure);
    }

    /** Close the implementation after an ERROR; the next scenario opens a fresh one (once). */
    public static synchronized void discard() {
        if (sut != null) sut.close();
        sut = null;
        failure = null;
    }

    /** Close the implementation at the end of the run; the next run opens a fresh one. */
    public static synchronized void close() {
        if (sut != null) sut.close();
        sut = null;
        failure = null;
    }

    /** Diagnostics the open implementation produced since last asked (its stderr), or "". */
    public static synchronized String drainDiagnostics() {
        return sut == null ? "" : sut.drainDiagnostics();
    }

    private static void describe(String id, Sut sut) {
        Map<String, String> info = RunRecorder.global().runInfo();
        info.put(INFO_ADAPTER, id);
        info.put(INFO_IMPLEMENTATION, sut.name());
        Capabilities caps = sut.capabilities();
        StringJoiner have = new StringJoiner(",");
        for (Capability c : Capability.values()) {
            if (caps.supported().contains(c)) have.add(c.name());
            else info.put(INFO_MISSING_PREFIX + c.name(), caps.missing().get(c));
        }
        info.put(INFO_CAPABILITIES, have.toString());
    }

    private static void put(Map<String, String> settings, String key, String property) {
        String value = System.getProperty(property, "").strip();
        if (!value.isEmpty()) settings.put(key, value);
    }
}
