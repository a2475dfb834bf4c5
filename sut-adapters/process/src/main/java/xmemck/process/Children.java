package xmemck.process;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every implementation process the kit has started and not yet stopped. One shutdown hook ends them
 * all when the JVM ends without closing them (Ctrl-C, System.exit, an uncaught error), each with
 * its whole process tree (including processes an implementation left behind when it exited, see
 * {@link ProcessTree}), so no implementation outlives the kit. When the JVM is killed outright
 * (SIGKILL) no hook runs: then the implementation sees its standard input close and must exit by
 * itself, as the protocol requires.
 */
final class Children {
    private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private Children() {}

    static void add(ChildProcess child) {
        installHook();
        LIVE.add(child);
    }

    static void remove(ChildProcess child) {
        LIVE.remove(child);
    }

    private static void installHook() {
        if (hooked) return;
        synchronized (Children.class) {
            if (hooked) return;
            Runtime.getRuntime()
                    .addShutdownHook(new Thread(Children::killAll, "xmemck-process-shutdown"));
            hooked = true;
        }
    }

    /**
     * Every tree at once (SIGTERM to all, one grace period, SIGKILL to the rest), so that the JVM's
     * exit waits once.
     */
    private static void killAll() {
        List<ProcessHandle> all = ChildProcess.trees(List.copyOf(LIVE));
        ProcessTree.end(all, ProcessTree.TERM_GRACE);
        LIVE.clear();
    }
}
