package xmemck.linux;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import xmemck.spi.SutFailure;

/**
 * Helper children kept across worlds: starting a JVM costs a fraction of a second, so a reset unmaps what a
 * helper holds and keeps it for the next world's processes.
 */
final class HelperPool {
    private final Libc c;
    private final int kitPid;
    private final Duration timeout;
    private final List<HelperClient> idle = new ArrayList<>();
    private final List<HelperClient> busy = new ArrayList<>();

    HelperPool(Libc c, int kitPid, Duration timeout) {
        this.c = c;
        this.kitPid = kitPid;
        this.timeout = timeout;
    }

    /** A helper with nothing mapped, to play one user process. */
    HelperClient acquire() throws SutFailure {
        while (!idle.isEmpty()) {
            HelperClient h = idle.removeLast();
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

    /** Every helper forgets its world; one that cannot is ended. */
    void resetAll() {
        for (HelperClient h : busy) {
            try {
                if (h.alive()) {
                    h.reset();
                    idle.add(h);
                    continue;
                }
            } catch (SutFailure e) {
                // fall through: a helper that cannot reset is replaced by a fresh one when next needed
            }
            h.close();
        }
        busy.clear();
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
