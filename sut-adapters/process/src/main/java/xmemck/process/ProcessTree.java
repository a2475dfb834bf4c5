package xmemck.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds and ends an implementation's whole process tree: the implementation, everything it started,
 * and everything those started, even after the implementation itself has exited.
 *
 * <p>{@link ProcessHandle#descendants()} alone is not enough: when a process exits, the kernel
 * gives its children to another parent (init, or a subreaper), and they are no longer anybody's
 * descendants of the kit. So every implementation is started with a mark in its environment ({@link
 * #MARK}, a value unique to that start), which its children inherit; at the end, every process of
 * this user that started no earlier than the implementation and carries the mark is part of the
 * tree (the way Jenkins finds the processes a build left behind). A process that clears its
 * environment and whose parent has already exited escapes this; the protocol forbids leaving
 * processes behind in any case (PROTOCOL.md section 2).
 *
 * <p>Ending is polite, then not: SIGTERM to every member, up to {@link #TERM_GRACE} for them to go,
 * then SIGKILL to what is left.
 */
final class ProcessTree {
    private ProcessTree() {}

    /**
     * The environment variable that marks an implementation and its children; documented in
     * PROTOCOL.md.
     */
    static final String MARK = "XMEMCK_IMPLEMENTATION";

    /** How long the members get after SIGTERM before SIGKILL. */
    static final Duration TERM_GRACE = Duration.ofMillis(500);

    private static final AtomicLong STARTS = new AtomicLong();
    private static final Path PROC = Path.of("/proc");

    /** A mark no other start of this JVM, or of any other kit, uses. */
    static String newMark() {
        return ProcessHandle.current().pid()
                + "-"
                + STARTS.incrementAndGet()
                + "-"
                + Long.toHexString(System.nanoTime());
    }

    /**
     * The live members of the tree of {@code root} (the implementation, started at {@code started}
     * with {@code mark} in its environment), the root first if it is alive.
     */
    static List<ProcessHandle> members(ProcessHandle root, String mark, Instant started) {
        Map<Long, ProcessHandle> found = new LinkedHashMap<>();
        if (root.isAlive()) found.put(root.pid(), root);
        root.descendants().forEach(d -> found.putIfAbsent(d.pid(), d));
        if (Files.isDirectory(PROC)) {
            byte[] needle = ("\0" + MARK + "=" + mark + "\0").getBytes(StandardCharsets.UTF_8);
            long self = ProcessHandle.current().pid();
            ProcessHandle.allProcesses()
                    .filter(h -> h.pid() != self && !found.containsKey(h.pid()))
                    .filter(h -> startedSince(h, started))
                    .filter(h -> carries(h.pid(), needle))
                    .forEach(h -> found.put(h.pid(), h));
        }
        return new ArrayList<>(found.values());
    }

    /**
     * Ends every process in {@code members}: SIGTERM, then up to {@code grace} for them to exit,
     * then SIGKILL. Returns once every one is gone or {@code grace} more has passed after the
     * SIGKILL. Never throws.
     */
    static void end(Collection<ProcessHandle> members, Duration grace) {
        List<ProcessHandle> alive = new ArrayList<>();
        for (ProcessHandle h : members) if (h.isAlive()) alive.add(h);
        if (alive.isEmpty()) return;
        for (ProcessHandle h : alive) h.destroy();
        awaitAll(alive, grace);
        boolean killed = false;
        for (ProcessHandle h : alive) {
            if (h.isAlive()) {
                h.destroyForcibly();
                killed = true;
            }
        }
        if (killed) awaitAll(alive, grace);
    }

    private static void awaitAll(List<ProcessHandle> handles, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        try {
            for (ProcessHandle h : handles) {
                while (h.isAlive()) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) return;
                    Thread.sleep(Math.min(10, Math.max(1, left / 1_000_000)));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Started no earlier than {@code started} (with a second's slack: /proc counts start times in
     * clock ticks).
     */
    private static boolean startedSince(ProcessHandle h, Instant started) {
        Optional<Instant> at = h.info().startInstant();
        return at.isEmpty() || !at.get().isBefore(started.minusSeconds(1));
    }

    /**
     * Whether the environment of process {@code pid} holds {@code needle}; false when it cannot be
     * read.
     */
    private static boolean carries(long pid, byte[] needle) {
        byte[] env;
        try {
            env = Files.readAllBytes(PROC.resolve(Long.toString(pid)).resolve("environ"));
        } catch (IOException | SecurityException e) {
            return false; // another user's process, or gone: not ours
        }
        // The environment is NUL-separated; a leading NUL lets the first entry match like the
        // others.
        byte[] padded = new byte[env.length + 2];
        System.arraycopy(env, 0, padded, 1, env.length);
        return indexOf(padded, needle) >= 0;
    }

    private static int indexOf(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) if (hay[i + j] != needle[j]) continue outer;
            return i;
        }
        return -1;
    }
}
