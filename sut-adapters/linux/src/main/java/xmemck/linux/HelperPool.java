package xmemck.linux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import xmemck.spi.SutFailure;

/**
 * Helper children kept across worlds: starting a JVM costs a fraction of a second. A helper keeps
 * the regions the {@link RegionPool} holds in it, so the n-th process of every world is played by
 * the same helper when it can be: the helpers are handed out in the order the last world took them.
 */
final class HelperPool {
    private final Libc c;
    private final int kitPid;
    private final Duration timeout;

    /** Next to hand out first. */
    private final List<HelperClient> idle = new ArrayList<>();

    /** In the order the world took them. */
    private final List<HelperClient> busy = new ArrayList<>();

    HelperPool(Libc c, int kitPid, Duration timeout) {
        this.c = c;
        this.kitPid = kitPid;
        this.timeout = timeout;
    }

    /** A helper to play one user process. */
    HelperClient acquire() throws SutFailure {
        while (!idle.isEmpty()) {
            HelperClient h = idle.removeFirst();
            if (h.alive()) {
                busy.add(h);
                return h;
            }
            h.close();
        }
        HelperClient h = HelperClient.start(c, kitPid, timeout);
        busy.add(h);
        return h;
    }

    /**
     * The world is over: its helpers become idle, first taken first; a broken, dead or worn one is
     * ended.
     */
    void releaseAll() {
        List<HelperClient> next = new ArrayList<>(busy.size() + idle.size());
        for (HelperClient h : busy) {
            if (h.worn()) h.close();
            else next.add(h);
        }
        next.addAll(idle);
        idle.clear();
        idle.addAll(next);
        busy.clear();
    }

    /** Sends the world's helpers what the world queued for them, without waiting. */
    void flush() throws SutFailure {
        for (int i = 0; i < busy.size(); i++) busy.get(i).commands().flushNeeded();
    }

    /** Pids of every helper still running (for hygiene checks and diagnostics). */
    List<Long> pids() {
        List<Long> out = new ArrayList<>();
        for (HelperClient h : idle) if (h.alive()) out.add((long) h.pid());
        for (HelperClient h : busy) if (h.alive()) out.add((long) h.pid());
        return out;
    }

    String drainDiagnostics() {
        StringBuilder sb = new StringBuilder();
        for (HelperClient h : busy) sb.append(h.drainDiagnostics());
        for (HelperClient h : idle) sb.append(h.drainDiagnostics());
        return sb.toString();
    }

    void close() {
        for (HelperClient h : busy) h.close();
        for (HelperClient h : idle) h.close();
        busy.clear();
        idle.clear();
    }
}
