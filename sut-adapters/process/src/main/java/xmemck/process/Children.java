package xmemck.process;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every implementation process the kit has started and not yet stopped. One shutdown hook kills them all when the
 * JVM ends without closing them (Ctrl-C, System.exit, an uncaught error), so no implementation outlives the kit.
 * When the JVM is killed outright (SIGKILL) no hook runs: then the implementation sees its standard input close and
 * must exit by itself, as the protocol requires.
 */
final class Children {
    private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();
    private static volatile boolean hooked;

    private Children() {}

    static void add(ChildProcess child) {
        installHook();
        LIVE.add(child);
    }

    static void remove(ChildProcess child) { LIVE.remove(child); }

    private static void installHook() {
        if (hooked) return;
        synchronized (Children.class) {
            if (hooked) return;
            Runtime.getRuntime().addShutdownHook(new Thread(Children::killAll, "xmemck-process-shutdown"));
            hooked = true;
        }
    }

    private static void killAll() {
        for (ChildProcess c : LIVE) c.kill();
    }
}
