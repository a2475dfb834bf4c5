package xmemck.glue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import xmemck.spi.Adapters;
import xmemck.spi.Capabilities;
import xmemck.spi.Capability;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;
import xmemck.spi.SutOptions;

/**
 * The implementations under test of a run: each scenario borrows one (its {@link
 * xmemck.harness.Session} resets it) and gives it back when it ends, so that consecutive scenarios
 * reuse an open implementation and scenarios running in parallel each have their own. Chosen by the
 * run's properties ({@link RunScope}: system properties in the Maven build, the properties {@code
 * ck run} gives each run), so that both select it the same way:
 *
 * <ul>
 *   <li>{@code xmemck.adapter}: the adapter id (default {@code reference});
 *   <li>{@code xmemck.sut}: the command line of a process implementation;
 *   <li>{@code xmemck.fault}: a seeded fault, for adapters that have them;
 *   <li>{@code xmemck.timeoutMillis}: the per-call timeout.
 * </ul>
 *
 * After a scenario ends in ERROR its implementation may be in any state (crashed, hung): it is
 * closed, never reused, and the next scenario opens a fresh one.
 *
 * <p>A failed open is the borrowing scenario's ERROR, and the next borrow tries again (a start can
 * fail by chance). After {@value #MAX_FAILED_STARTS} failed opens in a row the pool gives up for
 * the rest of the run: every later borrow fails at once with "gave up after 3 failed starts: " and
 * the last reason, so that an implementation that cannot start costs three start timeouts, not one
 * per scenario (hours for the suite). A successful open starts the count again; {@link #closeAll()}
 * (the end of a run) forgets it.
 *
 * <p>The pool is the run-scoped object of the glue: Cucumber's object factory creates objects per
 * scenario, and a run's implementations must outlive scenarios. Each run has its own ({@link
 * RunScope}); {@link Hooks} closes it when the run ends.
 */
public final class AdapterPool {
    /** The pool of the Cucumber run on this thread ({@link RunScope#current()}). */
    public static AdapterPool run() {
        return RunScope.current().pool();
    }

    /** Failed opens in a row after which the pool stops trying. */
    static final int MAX_FAILED_STARTS = 3;

    /** Opens one implementation: the adapter of the run's properties, or a stand-in in tests. */
    @FunctionalInterface
    interface Opener {
        Sut open(String adapterId) throws SutFailure;
    }

    private final Opener opener;
    private final Deque<Sut> idle = new ArrayDeque<>();

    /** Failed opens in a row, and why the last one failed. */
    private int failedStarts;

    private String lastFailure;

    /** Set once the pool has given up: the reason every later borrow fails with. */
    private String gaveUp;

    private Map<String, String> info = Map.of();

    // Any adapter's text well-formed and cut, as the process adapter's is (PROTOCOL.md, "Limits").
    AdapterPool() {
        this(id -> xmemck.wire.UntrustedSut.of(Adapters.find(id).open(options())));
    }

    /** A pool that opens with {@code opener} (tests; the run's pool is {@link #run()}). */
    AdapterPool(Opener opener) {
        this.opener = opener;
    }

    public static String adapterId() {
        String id = RunScope.current().property("xmemck.adapter", "").strip();
        return id.isEmpty() ? "reference" : id;
    }

    /**
     * The settings passed to the adapter, from the run's properties above (blank ones are left
     * out).
     */
    public static SutOptions options() {
        Map<String, String> settings = new LinkedHashMap<>();
        put(settings, "sut", "xmemck.sut");
        put(settings, "fault", "xmemck.fault");
        put(settings, "timeoutMillis", "xmemck.timeoutMillis");
        return new SutOptions(settings);
    }

    /** An open implementation for one scenario. @throws ScenarioError when it cannot be opened */
    synchronized Sut borrow() {
        Sut s = idle.poll();
        if (s != null) return s;
        if (gaveUp != null) throw new ScenarioError(gaveUp);
        String id = adapterId();
        try {
            s = opener.open(id);
            info = describe(id, s);
            failedStarts = 0;
            return s;
        } catch (SutFailure f) {
            lastFailure =
                    "adapter " + id + " could not be opened: " + f.kind() + ": " + f.getMessage();
        } catch (RuntimeException e) {
            lastFailure = "adapter " + id + " could not be opened: " + e.getMessage();
        }
        if (++failedStarts >= MAX_FAILED_STARTS) {
            gaveUp = "gave up after " + failedStarts + " failed starts: " + lastFailure;
            throw new ScenarioError(gaveUp);
        }
        throw new ScenarioError(lastFailure);
    }

    /** The scenario is over and its implementation is fine: the next scenario may use it. */
    synchronized void giveBack(Sut s) {
        idle.push(s);
    }

    /**
     * The scenario ended in ERROR: its implementation is closed; the next scenario opens a fresh
     * one.
     */
    synchronized void discard(Sut s) {
        if (s != null) s.close();
    }

    /**
     * Close every implementation at the end of the run; the next run opens fresh ones and counts
     * failures afresh.
     */
    public synchronized void closeAll() {
        for (Sut s : idle) s.close();
        idle.clear();
        failedStarts = 0;
        lastFailure = null;
        gaveUp = null;
    }

    /**
     * The adapter and the implementation of the run, as the reports describe them (empty before one
     * was opened).
     */
    public synchronized Map<String, String> info() {
        return info;
    }

    /** The {@link #info()} last handed out by {@link #infoIfChanged()}. */
    private Map<String, String> attachedInfo;

    /**
     * {@link #info()} when it differs from what this method last answered, else null: the run's
     * description is attached to the first scenario and again only when it changes (a restarted
     * implementation that names itself otherwise), not to every scenario, where it would be the
     * same bytes a thousand times in every report.
     */
    public synchronized Map<String, String> infoIfChanged() {
        if (info.equals(attachedInfo)) return null;
        attachedInfo = info;
        return info;
    }

    /** A run starts: its first scenario carries the description ({@link #infoIfChanged()}). */
    public synchronized void runStarts() {
        attachedInfo = null;
    }

    /** Keys of {@link #info()}. */
    public static final String INFO_ADAPTER = "adapter";

    public static final String INFO_IMPLEMENTATION = "implementation";
    public static final String INFO_CAPABILITIES = "capabilities";

    /**
     * Prefix of one key per missing capability ({@code missing.ADI}), whose value is the adapter's
     * reason.
     */
    public static final String INFO_MISSING_PREFIX = "missing.";

    /**
     * Prefix of one key per clause the adapter emulates ({@code emulated.vm_mvc.einval.cmd}), whose
     * value is the adapter's reason ({@link Sut#emulatedClauses()}).
     */
    public static final String INFO_EMULATED_PREFIX = "emulated.";

    private static Map<String, String> describe(String id, Sut sut) {
        Map<String, String> info = new LinkedHashMap<>();
        info.put(INFO_ADAPTER, id);
        info.put(INFO_IMPLEMENTATION, sut.name());
        Capabilities caps = sut.capabilities();
        StringJoiner have = new StringJoiner(",");
        for (Capability c : Capability.values()) {
            if (caps.supported().contains(c)) have.add(c.name());
            else info.put(INFO_MISSING_PREFIX + c.name(), caps.missing().get(c));
        }
        info.put(INFO_CAPABILITIES, have.toString());
        sut.emulatedClauses()
                .forEach((clause, why) -> info.put(INFO_EMULATED_PREFIX + clause, why));
        return Map.copyOf(info);
    }

    private static void put(Map<String, String> settings, String key, String property) {
        String value = RunScope.current().property(property, "").strip();
        if (!value.isEmpty()) settings.put(key, value);
    }
}
