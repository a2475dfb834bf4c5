package xmemck.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One running implementation process and the three threads that keep its pipes moving: a writer (so that a child
 * that stops reading can never block the kit: the caller only waits on the reply queue, with a deadline), a reader
 * that cuts standard output into lines, and a collector that keeps standard error. Knows nothing of the protocol.
 */
final class ChildProcess {
    /** Longest message line accepted: an observation of 64 MiB of memory, in base64, with room to spare. */
    static final int MAX_LINE = 96 << 20;

    private final Process process;
    private final List<String> command;
    private final BlockingQueue<Incoming> replies = new LinkedBlockingQueue<>();
    private final BlockingQueue<Object> outgoing = new LinkedBlockingQueue<>();
    private final StderrBuffer stderr = new StderrBuffer();
    private final Thread stderrThread;
    /** The start of the line being read, and its length so far, for the message when a reply never completes. */
    private volatile String partialPrefix = "";
    private volatile long partialLength;
    private static final Object CLOSE_STDIN = new Object();

    private ChildProcess(Process process, List<String> command) {
        this.process = process;
        this.command = List.copyOf(command);
        String tag = "xmemck-child-" + process.pid();
        Thread writer = new Thread(this::writeLoop, tag + "-stdin");
        Thread reader = new Thread(this::readLoop, tag + "-stdout");
        stderrThread = new Thread(this::stderrLoop, tag + "-stderr");
        for (Thread t : List.of(writer, reader, stderrThread)) {
            t.setDaemon(true);
            t.start();
        }
    }

    static ChildProcess start(List<String> command) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command);
        Process p = pb.start();
        ChildProcess c = new ChildProcess(p, command);
        Children.add(c);
        return c;
    }

    long pid() { return process.pid(); }

    List<String> command() { return command; }

    boolean alive() { return process.isAlive(); }

    /** Queues lines for the implementation's standard input; they are written in order, then flushed. */
    void send(List<String> lines) { outgoing.addAll(lines); }

    void send(String line) { outgoing.add(line); }

    /** Closes the implementation's standard input once everything queued has been written. */
    void closeInput() { outgoing.add(CLOSE_STDIN); }

    /** The next thing read from standard output, or null when nothing came within {@code timeout}. */
    Incoming next(Duration timeout) throws InterruptedException {
        return replies.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Non-null when a reply line has started but not ended: its beginning and length, for a timeout message. */
    String partialLine() {
        long n = partialLength;
        return n == 0 ? null : wireExcerpt(partialPrefix) + (n > partialPrefix.length() ? " (" + n + " bytes so far)" : "");
    }

    StderrBuffer stderr() { return stderr; }

    /**
     * Waits up to {@code timeout} for the process to end, then lets the stderr collector catch up so that its last
     * words are in the buffer. Returns the exit status, or null if it is still running.
     */
    Integer awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) return null;
        stderrThread.join(500);
        return process.exitValue();
    }

    /**
     * Ends the process and every process it started, without mercy: what the kit does to an implementation that
     * hung, crashed or broke the protocol. Waits until the process is reaped, so no zombie is left.
     */
    void kill() { terminate(process.descendants().toList()); }

    /**
     * The polite ending: close standard input (the protocol's "stop"), give the implementation {@code grace} to
     * exit, ask it to terminate, then kill what is left, including anything it started. Never throws.
     */
    void stop(Duration grace) {
        List<ProcessHandle> known = process.descendants().toList();
        closeInput();
        try {
            if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroy();
                process.waitFor(500, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            terminate(known);
        }
    }

    private void terminate(List<ProcessHandle> known) {
        List<ProcessHandle> all = new ArrayList<>(known);
        all.addAll(process.descendants().toList());
        process.destroyForcibly();
        for (ProcessHandle d : all) d.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Children.remove(this);
    }

    private void writeLoop() {
        try (OutputStream out = process.getOutputStream()) {
            byte[] nl = {'\n'};
            while (true) {
                Object item = outgoing.take();
                if (item == CLOSE_STDIN) return;
                out.write(((String) item).getBytes(StandardCharsets.UTF_8));
                out.write(nl);
                if (outgoing.isEmpty()) out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // The child went away (broken pipe) or the kit is shutting down: the reader reports what happened.
        }
    }

    private void readLoop() {
        byte[] buf = new byte[1 << 16];
        byte[] line = new byte[1 << 12];
        int len = 0;
        long overlong = 0;
        try (InputStream in = process.getInputStream()) {
            while (true) {
                int n = in.read(buf);
                if (n < 0) break;
                int start = 0;
                for (int i = 0; i < n; i++) {
                    if (buf[i] != '\n') continue;
                    int piece = i - start;
                    if (overlong > 0) {
                        replies.add(new Incoming.Overlong(partialPrefix, overlong + piece));
                        overlong = 0;
                    } else {
                        line = append(line, len, buf, start, piece);
                        len += piece;
                        int end = len > 0 && line[len - 1] == '\r' ? len - 1 : len;
                        replies.add(new Incoming.Line(new String(line, 0, end, StandardCharsets.UTF_8)));
                    }
                    len = 0;
                    partialLength = 0;
                    start = i + 1;
                }
                int rest = n - start;
                if (rest > 0) {
                    if (overlong > 0) {
                        overlong += rest;
                    } else if ((long) len + rest > MAX_LINE) {
                        overlong = len + rest;
                        len = 0;
                    } else {
                        line = append(line, len, buf, start, rest);
                        if (len == 0) partialPrefix = new String(line, 0, Math.min(rest, 200), StandardCharsets.UTF_8);
                        len += rest;
                    }
                    partialLength = overlong > 0 ? overlong : len;
                }
            }
            if (len > 0) replies.add(new Incoming.Line(new String(line, 0, len, StandardCharsets.UTF_8)));
            replies.add(new Incoming.End());
        } catch (IOException e) {
            replies.add(new Incoming.Failed("reading its standard output failed: " + e.getMessage()));
        }
    }

    private static byte[] append(byte[] line, int len, byte[] src, int from, int count) {
        if (len + count > line.length) line = java.util.Arrays.copyOf(line, Math.max(len + count, line.length * 2));
        System.arraycopy(src, from, line, len, count);
        return line;
    }

    private void stderrLoop() {
        byte[] buf = new byte[8192];
        try (InputStream err = process.getErrorStream()) {
            int n;
            while ((n = err.read(buf)) >= 0) stderr.append(buf, n);
        } catch (IOException e) {
            // The pipe closed under us: the process is gone.
        }
    }

    private static String wireExcerpt(String s) { return xmemck.spi.wire.Excerpt.of(s, 200); }
}
