package xmemck.process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import xmemck.ops.Call;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.spi.Capabilities;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;
import xmemck.spi.SutFailure.Kind;
import xmemck.wire.Excerpt;
import xmemck.wire.WireFormatException;

/**
 * An implementation in any language, run as a child process and driven over the line protocol of
 * {@code sut-adapters/PROTOCOL.md}.
 *
 * <p>Surviving a broken implementation is this class's main job. Every wait has a deadline (the per-call timeout);
 * a child that misses it is killed and the call fails {@link Kind#HUNG}; one that exits fails {@link Kind#CRASHED}
 * with its exit status; a line that is not the expected message fails {@link Kind#PROTOCOL}, quoting it. After any
 * of these the child is gone and the next {@link #reset()} starts a fresh one, so a run goes on with the next
 * scenario. Ops are pipelined: {@link #applyAll} writes a whole batch before reading the answers, so a fast
 * implementation is not held back by round trips.
 */
public final class ProcessSut implements Sut {
    static final int QUOTE = 200;

    private final List<String> command;
    private final Duration callTimeout;
    private final Duration startTimeout;
    private final Duration closeGrace;
    private final String kit;
    private final int maxLine;

    private ChildProcess child;
    /** Why the child was stopped, until the next reset starts another. */
    private SutFailure broken;
    private boolean closed;
    private String name = "(not started)";
    private Capabilities capabilities;
    private long seq;
    /** Diagnostics not yet drained: standard error of children already gone, and the adapter's own notes. */
    private final StringBuilder pending = new StringBuilder();

    private ProcessSut(List<String> command, Duration callTimeout, Duration startTimeout, Duration closeGrace, int maxLine) {
        this.command = List.copyOf(command);
        this.maxLine = maxLine;
        this.callTimeout = callTimeout;
        this.startTimeout = startTimeout;
        this.closeGrace = closeGrace;
        String version = ProcessSut.class.getPackage().getImplementationVersion();
        this.kit = "xmemck " + (version == null ? "dev" : version);
    }

    /** Starts the implementation and completes the handshake. */
    public static ProcessSut start(List<String> command, Duration callTimeout, Duration startTimeout, Duration closeGrace) throws SutFailure {
        return start(command, callTimeout, startTimeout, closeGrace, ChildProcess.MAX_LINE);
    }

    /** As above, with a smaller limit on the length of a message line (for tests). */
    static ProcessSut start(List<String> command, Duration callTimeout, Duration startTimeout, Duration closeGrace, int maxLine) throws SutFailure {
        if (command.isEmpty()) throw new IllegalArgumentException("the implementation's command line is empty");
        ProcessSut sut = new ProcessSut(command, callTimeout, startTimeout, closeGrace, maxLine);
        sut.launch();
        return sut;
    }

    @Override public String name() { return name; }

    @Override public Capabilities capabilities() { return capabilities; }

    /** The running child's process id, or -1 when none is running (tests and diagnostics). */
    public long pid() { return child == null ? -1 : child.pid(); }

    public List<String> command() { return command; }

    @Override
    public Result apply(Op op) throws SutFailure {
        return applyAll(List.of(op)).get(0);
    }

    @Override
    public List<Result> applyAll(List<? extends Op> ops) throws SutFailure {
        ChildProcess c = running();
        long first = seq + 1;
        List<String> lines = new ArrayList<>(ops.size());
        for (Op op : ops) lines.add(Protocol.apply(++seq, op));
        c.send(lines);
        List<Result> out = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            String what = "op " + (first + i) + " (" + op.describe() + ")";
            Protocol.Reply reply = await(c, callTimeout, "its answer to " + what);
            if (!(reply instanceof Protocol.Reply.ResultOf r)) throw unexpected(reply, "a result for " + what);
            if (r.seq() != first + i) {
                throw fail(Kind.PROTOCOL, "answered seq " + r.seq() + " where the result for " + what + " was due (results come in the order of the ops)");
            }
            String mismatch = mismatch(op, r.result());
            if (mismatch != null) throw fail(Kind.PROTOCOL, "answered " + what + " with " + mismatch);
            out.add(r.result());
        }
        return out;
    }

    @Override
    public void reset() throws SutFailure {
        if (closed) throw new SutFailure(Kind.INTERNAL, "reset() after close()");
        if (child == null) {
            String why = broken == null ? "" : " after " + broken.kind() + ": " + broken.getMessage();
            launch();
            note("xmemck: restarted the implementation (pid " + child.pid() + ")" + why);
            broken = null;
        }
        ChildProcess c = child;
        c.send(Protocol.reset());
        Protocol.Reply reply = await(c, callTimeout, "its answer to reset");
        if (!(reply instanceof Protocol.Reply.Ready)) throw unexpected(reply, "ready (the answer to reset)");
    }

    @Override
    public String drainDiagnostics() {
        StringBuilder sb = new StringBuilder(pending);
        pending.setLength(0);
        if (child != null) sb.append(child.stderr().drain());
        return sb.toString();
    }

    @Override
    public void close() {
        if (closed) return;
        closed = true;
        if (child != null) {
            child.stop(closeGrace);
            pending.append(child.stderr().drain());
            child = null;
        }
    }

    // ---- starting ----

    private void launch() throws SutFailure {
        ChildProcess c;
        try {
            c = ChildProcess.start(command, maxLine);
        } catch (IOException e) {
            throw new SutFailure(Kind.START_FAILED, "cannot start the implementation " + CommandLine.join(command) + ": " + e.getMessage(), e);
        }
        child = c;
        seq = 0;
        c.send(Protocol.hello(kit));
        Protocol.Reply reply;
        try {
            reply = await(c, startTimeout, "its hello");
        } catch (SutFailure f) {
            // A child that never said hello could not be started, whatever the detail.
            throw f.kind() == Kind.PROTOCOL ? f : new SutFailure(Kind.START_FAILED, "handshake: " + f.getMessage(), f);
        }
        switch (reply) {
            case Protocol.Reply.Hello h -> {
                if (!Protocol.VERSIONS.contains(h.protocol())) {
                    throw fail(Kind.PROTOCOL, "answered the handshake with protocol version " + h.protocol() + "; this kit speaks " + Protocol.VERSIONS);
                }
                name = h.name();
                capabilities = h.capabilities();
                for (String w : h.warnings()) note("xmemck: handshake: " + w);
            }
            case Protocol.Reply.Error e -> throw fail(Kind.START_FAILED, "refused the handshake: " + Excerpt.of(e.message(), QUOTE));
            default -> throw unexpected(reply, "hello");
        }
    }

    // ---- reading answers ----

    private ChildProcess running() throws SutFailure {
        if (closed) throw new SutFailure(Kind.INTERNAL, "the process adapter was closed");
        if (child == null) {
            throw new SutFailure(broken == null ? Kind.INTERNAL : broken.kind(),
                    "the implementation was stopped after an earlier failure and restarts at the next reset"
                            + (broken == null ? "" : " (" + broken.getMessage() + ")"));
        }
        return child;
    }

    /** The next message, or the failure that stands for it: a deadline missed, an exit, an unreadable line. */
    private Protocol.Reply await(ChildProcess c, Duration timeout, String awaited) throws SutFailure {
        Incoming in;
        try {
            in = c.next(timeout);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(Kind.INTERNAL, "interrupted while waiting for " + awaited);
        }
        return switch (in) {
            case null -> {
                String partial = c.partialLine();
                throw fail(Kind.HUNG, "did not send " + awaited + " (nothing arrived for " + timeout.toMillis() + " ms)"
                        + (partial == null ? "" : "; an unfinished line had begun: " + partial) + "; it was killed");
            }
            case Incoming.End end -> throw ended(c, "while the kit waited for " + awaited);
            case Incoming.Failed f -> throw fail(Kind.INTERNAL, f.message());
            case Incoming.Overlong o -> throw fail(Kind.PROTOCOL, "sent a line longer than " + maxLine + " bytes (" + o.length()
                    + " bytes so far) where " + awaited + " was due, beginning " + Excerpt.of(o.prefix(), QUOTE));
            case Incoming.Line line -> {
                try {
                    yield Protocol.parse(line.bytes(), line.length());
                } catch (WireFormatException e) {
                    throw fail(Kind.PROTOCOL, "sent a malformed message where " + awaited + " was due: " + e.getMessage()
                            + "; received " + Excerpt.ofUtf8(line.bytes(), line.length(), QUOTE));
                }
            }
        };
    }

    private SutFailure ended(ChildProcess c, String when) {
        Integer status;
        try {
            status = c.awaitExit(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = null;
        }
        if (status == null) return fail(Kind.PROTOCOL, "closed its standard output " + when + " but did not exit; it was killed");
        String tail = c.stderr().tail(QUOTE * 2);
        return fail(Kind.CRASHED, ExitStatus.describe(status) + " " + when
                + (tail.isEmpty() ? "" : "; its standard error ends with: " + Excerpt.of(tail, QUOTE * 2)));
    }

    private SutFailure unexpected(Protocol.Reply reply, String expected) {
        return switch (reply) {
            case Protocol.Reply.Error e -> fail(Kind.PROTOCOL, "reported an error where " + expected + " was due: "
                    + Excerpt.of(e.message(), QUOTE) + (e.seq() == null ? "" : " (seq " + e.seq() + ")"));
            case Protocol.Reply.Hello h -> fail(Kind.PROTOCOL, "sent a hello where " + expected + " was due");
            case Protocol.Reply.Ready r -> fail(Kind.PROTOCOL, "sent ready where " + expected + " was due");
            case Protocol.Reply.ResultOf r -> fail(Kind.PROTOCOL, "sent a result (seq " + r.seq() + ") where " + expected + " was due");
        };
    }

    /** Whether {@code result} is a possible answer to {@code op}; null if so, else what is wrong with it. */
    static String mismatch(Op op, Result result) {
        if (result instanceof Result.Unsupported) return null;
        return switch (op) {
            case Setup s -> result instanceof Result.Done ? null : kindOf(result) + " (a setup op answers done or unsupported)";
            case Call c -> result instanceof Result.Returned ? null : kindOf(result) + " (a call answers returned or unsupported)";
            case Observe.Bytes b -> {
                if (!(result instanceof Result.Bytes got)) yield kindOf(result) + " (observe_bytes answers bytes or unsupported)";
                if (!got.object().equals(b.object()) || got.from() != b.from() || got.data().length != b.length()) {
                    yield "bytes of " + got.object() + " from " + got.from() + ", " + got.data().length + " bytes long, where "
                            + b.object() + " from " + b.from() + ", " + b.length() + " bytes long was asked";
                }
                yield null;
            }
            case Observe.Digest d -> {
                if (!(result instanceof Result.Digest got)) yield kindOf(result) + " (observe_digest answers digest or unsupported)";
                if (!got.object().equals(d.object()) || got.from() != d.from() || (long) got.pages() * xmemck.ops.Layout.PAGE_SIZE != d.length()) {
                    yield "digests of " + got.object() + " from " + got.from() + ", " + got.pages() + " pages, where "
                            + d.object() + " from " + d.from() + ", " + d.length() / xmemck.ops.Layout.PAGE_SIZE + " pages was asked";
                }
                yield null;
            }
            case Observe.Protection p -> result instanceof Result.Protection ? null : kindOf(result) + " (observe_protection answers protection or unsupported)";
        };
    }

    private static String kindOf(Result r) {
        return switch (r) {
            case Result.Done d -> "done";
            case Result.Returned x -> "returned";
            case Result.Bytes b -> "bytes";
            case Result.Digest d -> "digest";
            case Result.Protection p -> "protection";
            case Result.Unsupported u -> "unsupported";
        };
    }

    /** Stops the child for good (until the next reset) and makes the failure that says why. */
    private SutFailure fail(Kind kind, String message) {
        SutFailure f = new SutFailure(kind, "implementation " + CommandLine.join(command) + " " + message);
        if (child != null) {
            child.kill();
            pending.append(child.stderr().drain());
            child = null;
        }
        broken = f;
        return f;
    }

    private void note(String line) { pending.append(line).append('\n'); }
}
