package xmemck.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import xmemck.spi.SutFailure;

/**
 * The kit's side of one helper child ({@link Helper}): starts it, sends it commands and waits for the answers
 * with the per-call timeout, and ends it.
 */
final class HelperClient implements Space {

    /**
     * Helpers ask for SIGKILL when their parent dies, and Linux means the parent <em>thread</em>: a helper
     * started from a short-lived thread (a test's, a pool's) would be killed when that thread ends. So every
     * helper is started from this one daemon thread, which lives as long as the JVM.
     */
    private static final ExecutorService LAUNCHER = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "xmemck-linux-helper-launcher");
        t.setDaemon(true);
        return t;
    });

    private static final String EOF = "\u0000end of output";

    private final Process process;
    private final int pid;
    private final int kitPid;
    private final OutputStream in;
    private final LinkedBlockingQueue<String> answers = new LinkedBlockingQueue<>();
    private final StringBuffer diagnostics = new StringBuffer();
    private final Duration timeout;
    private final Libc c;
    private int memFd = -1;
    private boolean broken;

    private HelperClient(Process process, int pid, int kitPid, Duration timeout, Libc c) {
        this.process = process;
        this.pid = pid;
        this.kitPid = kitPid;
        this.in = process.getOutputStream();
        this.timeout = timeout;
        this.c = c;
    }

    /** Start a helper and wait for it to say it is ready. */
    static HelperClient start(Libc c, int kitPid, Duration timeout) throws SutFailure {
        List<String> command = command(kitPid);
        Process p;
        try {
            p = LAUNCHER.submit(() -> new ProcessBuilder(command).start()).get(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new SutFailure(SutFailure.Kind.START_FAILED, "cannot start a helper process (" + String.join(" ", command) + "): " + e.getCause(), e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new SutFailure(SutFailure.Kind.START_FAILED, "starting a helper process took too long", e);
        }
        HelperClient h = new HelperClient(p, (int) p.pid(), kitPid, timeout, c);
        h.pump();
        // A JVM takes a moment to start, more on a busy machine: allow generously more than one call.
        String ready;
        try {
            ready = h.await(Duration.ofMillis(Math.max(30_000, timeout.toMillis())), "start");
        } catch (SutFailure f) {
            h.close();
            throw new SutFailure(SutFailure.Kind.START_FAILED, "the helper process did not start: " + f.getMessage(), f);
        }
        if (!ready.equals("READY " + p.pid())) {
            h.close();
            throw new SutFailure(SutFailure.Kind.START_FAILED, "helper process " + p.pid() + " said \"" + ready + "\" instead of READY; its diagnostics: " + h.drainDiagnostics());
        }
        return h;
    }

    private static List<String> command(int kitPid) throws SutFailure {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path classes;
        try {
            classes = Path.of(Helper.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new SutFailure(SutFailure.Kind.START_FAILED, "cannot find where the Linux adapter's classes are, to start a helper", e);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        // A small, quickly started JVM: it only parses commands and calls mmap.
        cmd.addAll(List.of("--enable-native-access=ALL-UNNAMED", "-XX:+UseSerialGC", "-Xms4m", "-Xmx32m",
                "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData", "-Xss512k", "-XX:+DisableAttachMechanism",
                "-cp", classes.toString(), Helper.class.getName(), String.valueOf(kitPid)));
        return cmd;
    }

    /** Threads that move the helper's output into the answer queue and its error output into diagnostics. */
    private void pump() {
        Thread out = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII))) {
                String line;
                while ((line = r.readLine()) != null) answers.add(line);
            } catch (IOException ignored) {
                // the helper went away; the EOF marker below says so
            }
            answers.add(EOF);
        }, "xmemck-linux-helper-" + pid + "-out");
        Thread err = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    if (diagnostics.length() < 64 * 1024) diagnostics.append("helper ").append(pid).append(": ").append(line).append('\n');
                }
            } catch (IOException ignored) {
                // nothing more to collect
            }
        }, "xmemck-linux-helper-" + pid + "-err");
        out.setDaemon(true);
        err.setDaemon(true);
        out.start();
        err.start();
    }

    private String await(Duration limit, String what) throws SutFailure {
        String a;
        try {
            a = answers.poll(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SutFailure(SutFailure.Kind.INTERNAL, "interrupted while waiting for helper " + pid);
        }
        if (a == null) {
            broken = true;
            throw new SutFailure(SutFailure.Kind.HUNG, "helper " + pid + " did not answer " + what + " within " + limit.toMillis() + " ms");
        }
        if (a.equals(EOF)) {
            broken = true;
            answers.add(EOF);
            String status = process.isAlive() ? "closed its output" : "exited with status " + exitValue();
            throw new SutFailure(SutFailure.Kind.CRASHED, "helper " + pid + " " + status + " during " + what + "; " + drainDiagnostics());
        }
        return a;
    }

    private int exitValue() {
        try { return process.waitFor(); } catch (InterruptedException e) { Thread.currentThread().interrupt(); return -1; }
    }

    /** Send one command; answers its value ("" when none). */
    private String call(String command) throws OsError, SutFailure {
        if (broken) throw new SutFailure(SutFailure.Kind.CRASHED, "helper " + pid + " failed earlier and cannot take \"" + command + "\"");
        try {
            in.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
            in.flush();
        } catch (IOException e) {
            broken = true;
            throw new SutFailure(SutFailure.Kind.CRASHED, "helper " + pid + " no longer reads its commands: " + e.getMessage());
        }
        String a = await(timeout, "\"" + command + "\"");
        if (a.equals("OK")) return "";
        if (a.startsWith("OK ")) return a.substring(3);
        if (a.startsWith("ERR ")) {
            String[] w = a.split(" ", 3);
            throw new OsError("helper " + pid + ": " + command + " (" + (w.length > 2 ? w[2] : "") + ")", Integer.parseInt(w[1]));
        }
        broken = true;
        throw new SutFailure(SutFailure.Kind.PROTOCOL, "helper " + pid + " answered \"" + a + "\" to \"" + command + "\"");
    }

    private String path(int fd) { return "/proc/" + kitPid + "/fd/" + fd; }

    @Override public int pid() { return pid; }

    @Override public String describe() { return "helper process " + pid; }

    boolean alive() { return !broken && process.isAlive(); }

    @Override public long map(int fd, long length, long fence) throws OsError, SutFailure {
        return Long.parseLong(call("MAP " + path(fd) + " " + length + " " + fence));
    }

    @Override public void mapAt(long addr, long length, int prot, int fd, long offset) throws OsError, SutFailure {
        call("MAPAT " + addr + " " + length + " " + prot + " " + path(fd) + " " + offset);
    }

    @Override public void protect(long addr, long length, int prot) throws OsError, SutFailure {
        call("PROT " + addr + " " + length + " " + prot);
    }

    @Override public void unmap(long addr, long length) throws OsError, SutFailure {
        call("UNMAP " + addr + " " + length);
    }

    @Override public void lock(long addr, long length) throws OsError, SutFailure {
        call("LOCK " + addr + " " + length);
    }

    @Override public void free(long base, long length) throws OsError, SutFailure {
        call("FREE " + base + " " + length);
    }

    @Override public boolean unmappedAt(long addr) throws SutFailure {
        try {
            return call("PROBE " + (addr & -Geometry.PAGE)).equals("1");
        } catch (OsError e) {
            throw new SutFailure(SutFailure.Kind.PROTOCOL, e.getMessage());
        }
    }

    /** Unmap everything the helper mapped, so that it can play another process in the next world. */
    void reset() throws SutFailure {
        try {
            call("RESET");
        } catch (OsError e) {
            throw new SutFailure(SutFailure.Kind.PROTOCOL, e.getMessage());
        }
    }

    @Override public int memFd() throws SutFailure {
        if (memFd < 0) {
            memFd = c.open("/proc/" + pid + "/mem", Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
            if (memFd < 0) {
                throw new SutFailure(SutFailure.Kind.INTERNAL, "cannot open /proc/" + pid + "/mem: " + Libc.errnoName(c.errno())
                        + " (the kernel must let the kit trace its own child; check kernel.yama.ptrace_scope)");
            }
        }
        return memFd;
    }

    String drainDiagnostics() {
        synchronized (diagnostics) {
            String s = diagnostics.toString();
            diagnostics.setLength(0);
            return s;
        }
    }

    /** End the helper: ask, then wait a little, then kill. Never throws. */
    void close() {
        if (memFd >= 0) c.close(memFd);
        memFd = -1;
        try {
            if (process.isAlive() && !broken) {
                in.write("EXIT\n".getBytes(StandardCharsets.US_ASCII));
                in.flush();
            }
        } catch (IOException ignored) {
            // it is going away anyway
        }
        try {
            in.close();
        } catch (IOException ignored) {
            // closing is best effort
        }
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        broken = true;
    }
}
