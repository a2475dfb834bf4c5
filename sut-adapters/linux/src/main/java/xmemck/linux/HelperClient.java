package xmemck.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import xmemck.spi.SutFailure;

/**
 * The kit's side of one helper child ({@link Helper}): starts it, turns the address-space changes
 * the adapter asks for into its commands ({@link Commands}, which sends them and reads the answers
 * with the per-call timeout), and ends it.
 */
final class HelperClient implements Space {

    /**
     * Helpers ask for SIGKILL when their parent dies, and Linux means the parent <em>thread</em>: a
     * helper started from a short-lived thread (a test's, a pool's) would be killed when that
     * thread ends. So every helper is started from this one daemon thread, which lives as long as
     * the JVM.
     */
    private static final ExecutorService LAUNCHER =
            Executors.newSingleThreadExecutor(
                    r -> {
                        Thread t = new Thread(r, "xmemck-linux-helper-launcher");
                        t.setDaemon(true);
                        return t;
                    });

    private final Process process;
    private final int pid;
    private final int kitPid;
    private final Channel channel;
    private final StringBuffer diagnostics = new StringBuffer();
    private final Duration timeout;
    private final Libc c;
    private final Commands commands;
    private int memFd = -1;
    private int mapsFd = -1;

    private HelperClient(Process process, Channel channel, int kitPid, Duration timeout, Libc c) {
        this.process = process;
        this.pid = (int) process.pid();
        this.channel = channel;
        this.kitPid = kitPid;
        this.timeout = timeout;
        this.c = c;
        this.commands =
                new Commands(
                        channel,
                        timeout.toMillis(),
                        "helper " + pid,
                        what ->
                                new SutFailure(
                                        SutFailure.Kind.CRASHED,
                                        "helper "
                                                + pid
                                                + " "
                                                + (process.isAlive()
                                                        ? "closed its end of the answers"
                                                        : "exited with status " + exitValue())
                                                + " during "
                                                + what
                                                + "; "
                                                + drainDiagnostics()));
    }

    /** Start a helper and wait for it to say it is ready. */
    static HelperClient start(Libc c, int kitPid, Duration timeout) throws SutFailure {
        Channel channel;
        try {
            channel = new Channel(c);
        } catch (OsError e) {
            throw new SutFailure(
                    SutFailure.Kind.START_FAILED,
                    "cannot make the pipes to a helper process: " + e.getMessage(),
                    e);
        }
        List<String> command = command(kitPid, channel.farEnds());
        Process p;
        try {
            // Its output and error output are diagnostics only (the answers come over the channel);
            // it reads no input.
            p =
                    LAUNCHER.submit(
                                    () ->
                                            new ProcessBuilder(command)
                                                    .redirectErrorStream(true)
                                                    .redirectInput(
                                                            ProcessBuilder.Redirect.from(
                                                                    new java.io.File("/dev/null")))
                                                    .start())
                            .get(timeout.toMillis() + 10_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            channel.close();
            throw new SutFailure(
                    SutFailure.Kind.START_FAILED,
                    "cannot start a helper process ("
                            + String.join(" ", command)
                            + "): "
                            + e.getCause(),
                    e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            channel.close();
            throw new SutFailure(
                    SutFailure.Kind.START_FAILED, "starting a helper process took too long", e);
        }
        HelperClient h = new HelperClient(p, channel, kitPid, timeout, c);
        h.collectDiagnostics();
        // A JVM takes a moment to start, more on a busy machine: allow generously more than one
        // call.
        String ready;
        try {
            ready = h.awaitStart(Math.max(30_000, timeout.toMillis()));
        } catch (SutFailure f) {
            h.close();
            throw new SutFailure(
                    SutFailure.Kind.START_FAILED,
                    "the helper process did not start: " + f.getMessage(),
                    f);
        }
        if (!ready.equals("READY " + p.pid())) {
            h.close();
            throw new SutFailure(
                    SutFailure.Kind.START_FAILED,
                    "helper process "
                            + p.pid()
                            + " said \""
                            + ready
                            + "\" instead of READY; its diagnostics: "
                            + h.drainDiagnostics());
        }
        channel.handOver();
        return h;
    }

    private static List<String> command(int kitPid, int[] farEnds) throws SutFailure {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path classes;
        try {
            classes =
                    Path.of(
                            Helper.class
                                    .getProtectionDomain()
                                    .getCodeSource()
                                    .getLocation()
                                    .toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new SutFailure(
                    SutFailure.Kind.START_FAILED,
                    "cannot find where the Linux adapter's classes are, to start a helper",
                    e);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        // A small, quickly started JVM: it only parses commands and calls mmap.
        cmd.addAll(
                List.of(
                        "--enable-native-access=ALL-UNNAMED",
                        "-XX:+UseSerialGC",
                        "-Xms4m",
                        "-Xmx32m",
                        "-XX:TieredStopAtLevel=1",
                        "-XX:-UsePerfData",
                        "-Xss512k",
                        "-XX:+DisableAttachMechanism",
                        "-cp",
                        classes.toString(),
                        Helper.class.getName(),
                        String.valueOf(kitPid),
                        String.valueOf(farEnds[0]),
                        String.valueOf(farEnds[1])));
        return cmd;
    }

    /**
     * A thread that keeps what the helper prints (its JVM's warnings, a stack trace) as
     * diagnostics.
     */
    private void collectDiagnostics() {
        Thread t =
                new Thread(
                        () -> {
                            try (BufferedReader r =
                                    new BufferedReader(
                                            new InputStreamReader(
                                                    process.getInputStream(),
                                                    StandardCharsets.UTF_8))) {
                                String line;
                                while ((line = r.readLine()) != null) {
                                    if (diagnostics.length() < 64 * 1024)
                                        diagnostics
                                                .append("helper ")
                                                .append(pid)
                                                .append(": ")
                                                .append(line)
                                                .append('\n');
                                }
                            } catch (IOException ignored) {
                                // nothing more to collect
                            }
                        },
                        "xmemck-linux-helper-" + pid + "-output");
        t.setDaemon(true);
        t.start();
    }

    /**
     * The helper's first line. Until it has opened its ends of the pipes the kit holds them too, so
     * a helper that dies early does not end the answers: its process is watched instead.
     */
    private String awaitStart(long limitMillis) throws SutFailure {
        long deadline = System.nanoTime() + limitMillis * 1_000_000L;
        while (System.nanoTime() < deadline) {
            String a = commands.first(100);
            if (a != null) return a;
            if (!process.isAlive()) {
                throw new SutFailure(
                        SutFailure.Kind.CRASHED,
                        "helper "
                                + pid
                                + " exited with status "
                                + exitValue()
                                + " while starting; "
                                + drainDiagnostics());
            }
        }
        commands.abandon();
        throw new SutFailure(
                SutFailure.Kind.HUNG,
                "helper " + pid + " did not say it was ready within " + limitMillis + " ms");
    }

    private int exitValue() {
        try {
            return process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    /**
     * The commands sent to this helper (for settling, ticketing and the restores of kept regions).
     */
    Commands commands() {
        return commands;
    }

    private String path(int fd) {
        return "/proc/" + kitPid + "/fd/" + fd;
    }

    @Override
    public int pid() {
        return pid;
    }

    @Override
    public String describe() {
        return "helper process " + pid;
    }

    boolean alive() {
        return !commands.broken() && process.isAlive();
    }

    /**
     * Whether to replace the helper at the reset: it failed, or something nobody waited for failed
     * in it.
     */
    boolean worn() {
        return commands.stale() || !alive();
    }

    @Override
    public long map(int fd, long length, long fence) throws OsError, SutFailure {
        return Long.parseLong(commands.call("MAP " + path(fd) + " " + length + " " + fence));
    }

    @Override
    public void mapAt(long addr, long length, int prot, int fd, long offset) throws SutFailure {
        commands.post(
                "MAPAT " + addr + " " + length + " " + prot + " " + path(fd) + " " + offset, true);
    }

    @Override
    public void mapIntoHole(long addr, long length, int prot, int fd, long offset)
            throws SutFailure {
        commands.post(
                "MAPHOLE " + addr + " " + length + " " + prot + " " + path(fd) + " " + offset,
                true);
    }

    @Override
    public void protect(long addr, long length, int prot) throws SutFailure {
        commands.post("PROT " + addr + " " + length + " " + prot, false);
    }

    @Override
    public void unmap(long addr, long length) throws SutFailure {
        commands.post("UNMAP " + addr + " " + length, true);
    }

    @Override
    public void free(long base, long length) throws SutFailure {
        commands.post("FREE " + base + " " + length, true);
    }

    @Override
    public boolean unmappedAt(long addr) throws SutFailure {
        try {
            return commands.call("PROBE " + (addr & -Geometry.PAGE)).equals("1");
        } catch (OsError e) {
            throw new SutFailure(SutFailure.Kind.PROTOCOL, e.getMessage());
        }
    }

    @Override
    public int memFd() throws SutFailure {
        if (memFd < 0) {
            memFd = c.open("/proc/" + pid + "/mem", Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
            if (memFd < 0) {
                throw new SutFailure(
                        SutFailure.Kind.INTERNAL,
                        "cannot open /proc/"
                                + pid
                                + "/mem: "
                                + Libc.errnoName(c.errno())
                                + " (the kernel must let the kit trace its own child; check kernel.yama.ptrace_scope)");
            }
        }
        return memFd;
    }

    @Override
    public int mapsFd() throws SutFailure {
        if (mapsFd < 0) {
            mapsFd = c.open("/proc/" + pid + "/maps", Libc.O_RDONLY | Libc.O_CLOEXEC, 0);
            if (mapsFd < 0)
                throw new SutFailure(
                        SutFailure.Kind.INTERNAL,
                        "cannot open /proc/" + pid + "/maps: " + Libc.errnoName(c.errno()));
        }
        return mapsFd;
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
        if (mapsFd >= 0) c.close(mapsFd);
        memFd = mapsFd = -1;
        boolean ask = process.isAlive() && !commands.broken();
        commands.abandon();
        if (ask) channel.write("EXIT\n");
        channel.close(); // the end of the commands: a helper that did not take EXIT leaves at that
        try {
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
