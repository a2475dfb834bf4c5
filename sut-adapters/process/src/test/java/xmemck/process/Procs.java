package xmemck.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** What /proc says about a process: the tests' independent witness that no child is left behind. */
final class Procs {
    private Procs() {}

    /**
     * The process's state letter from /proc/PID/stat (R, S, Z, ...), or null when there is no such
     * process.
     */
    static String state(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            // The command name is in parentheses and may contain spaces; the state follows the last
            // ')'.
            return stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
        } catch (IOException e) {
            return null;
        }
    }

    /**
     * Waits until the process no longer exists at all (neither running nor a zombie); true if it is
     * gone.
     */
    static boolean awaitGone(long pid, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (state(pid) == null) return true;
            Thread.sleep(20);
        }
        return state(pid) == null;
    }

    /**
     * Waits until the process is no longer running. A process whose parent was the implementation
     * is reparented when the implementation dies, and reaping it is then its new parent's business:
     * dead is what the kit owes.
     */
    static boolean awaitDead(long pid, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            String s = state(pid);
            if (s == null || s.equals("Z") || s.equals("X")) return true;
            Thread.sleep(20);
        }
        String s = state(pid);
        return s == null || s.equals("Z") || s.equals("X");
    }

    /** Live descendants of this JVM whose command line mentions {@code word}. */
    static List<ProcessHandle> descendantsRunning(String word) {
        return ProcessHandle.current()
                .descendants()
                .filter(ProcessHandle::isAlive)
                .filter(
                        h -> {
                            String s = state(h.pid());
                            return s != null && !s.equals("Z");
                        })
                .filter(
                        h ->
                                h.info().commandLine().orElse("").contains(word)
                                        || h.info().command().orElse("").contains(word))
                .toList();
    }
}
