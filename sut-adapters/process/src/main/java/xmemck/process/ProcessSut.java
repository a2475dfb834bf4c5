package xmemck.process;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import xmemck.ops.Call;
import xmemck.ops.Observe;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.ops.Setup;
import xmemck.spi.Capabilities;
import xmemck.spi.ScenarioAnswers;
import xmemck.spi.SentAhead;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;
import xmemck.spi.SutFailure.Kind;
import xmemck.wire.Excerpt;
import xmemck.wire.WireFormatException;

/**
 * An implementation in any language, run as a child process and driven over the line protocol of
 * {@code sut-adapters/PROTOCOL.md}.
 *
 * <p>Surviving a broken implementation is this class's main job. Every wait has two deadlines: the
 * silence timeout (nothing arrived for {@code timeoutMillis}) and an overall deadline for the whole
 * answer ({@link #deadline}), so that neither a silent child nor one that trickles a byte at a time
 * holds the kit. A child that misses either is killed and the call fails {@link Kind#HUNG}; one
 * that exits fails {@link Kind#CRASHED} with its exit status, even when a process it started keeps
 * its standard output open; a line that is not the expected message, or breaks a limit of the
 * protocol (line length, number length, nesting depth: PROTOCOL.md, "Limits"), fails {@link
 * Kind#PROTOCOL}, quoting it. After any of these the child and everything it started are gone and
 * the next {@link #reset()} starts a fresh one, so a run goes on with the next scenario; after
 * {@link #MAX_FAILED_STARTS} failed starts in a row it stops trying. Ops are pipelined: {@link
 * #applyAll} writes a whole batch before reading the answers, so a fast implementation is not held
 * back by round trips.
 *
 * <p>{@link #endScenario()} sends the next scenario's {@code reset} at once and reads its {@code
 * ready}: anything the implementation wrote after its last answer arrives before that {@code ready}
 * (answers come in order), so an extra answer is found deterministically and reported for the
 * scenario that caused it, at the cost of no extra round trip (the following {@link #reset()} then
 * has nothing left to do). {@link #applyRest} (a whole case, from the fuzzer) writes that {@code
 * reset} behind the case's last op, in the same write, and {@link #endScenario()} only reads its
 * {@code ready}: one round trip for the whole case.
 *
 * <p>{@link #sendAhead} goes further: {@value #SCENARIOS_AHEAD} whole scenarios, each followed by
 * its {@code reset}, in one write, read only when their answers are asked for, so that the
 * implementation works on them while the kit judges the scenarios before. The pipe then holds
 * answers nobody has read yet; every other call reads them first ({@link #drain}), in order, each
 * scenario's answers and then its {@code ready}, so that they are never taken for the answer to
 * that call and an extra answer is still charged to the scenario it follows.
 */
public final class ProcessSut implements Sut {
    static final int QUOTE = 200;

    /** The overall deadline of one answer is this many silence timeouts, ... */
    static final int DEADLINE_TIMEOUTS = 10;

    /**
     * ... plus one more timeout per this many bytes the answer asked for is expected to take
     * (base64, digests).
     */
    static final long BYTES_PER_TIMEOUT = 1 << 20;

    /**
     * After this many failed starts in a row, {@link #reset()} fails at once instead of trying
     * again.
     */
    static final int MAX_FAILED_STARTS = 3;

    /**
     * How many scenarios {@link #sendAhead} takes in one write. Enough that a write's cost is
     * spread thin, few enough that the kit never waits long for the first answer of the next write.
     */
    static final int SCENARIOS_AHEAD = 16;

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

    /**
     * Whether endScenario() has already given the child a fresh world, so that the next reset() has
     * nothing to do.
     */
    private boolean fresh;

    /** Whether {@link #applyRest} sent a {@code reset} whose {@code ready} is not read yet. */
    private boolean resetSent;

    /** Failed starts in a row (by reset(), after a failure), and why the last one failed. */
    private int failedStarts;

    private String lastStartFailure;

    /**
     * The first seq and the descriptions of the last batch of ops, to name an op an extra answer
     * repeats.
     */
    private long batchFirst;

    private List<? extends Op> batch = List.of();

    /** Scenarios sent ahead whose answers are not read yet, oldest first. */
    private final ArrayDeque<Ahead> inFlight = new ArrayDeque<>();

    /**
     * Diagnostics not yet drained: standard error of children already gone, and the adapter's own
     * notes.
     */
    private final StringBuilder pending = new StringBuilder();

    private ProcessSut(
            List<String> command,
            Duration callTimeout,
            Duration startTimeout,
            Duration closeGrace,
            int maxLine) {
        this.command = List.copyOf(command);
        this.maxLine = maxLine;
        this.callTimeout = callTimeout;
        this.startTimeout = startTimeout;
        this.closeGrace = closeGrace;
        String version = ProcessSut.class.getPackage().getImplementationVersion();
        this.kit = "xmemck " + (version == null ? "dev" : version);
    }

    /** Starts the implementation and completes the handshake. */
    public static ProcessSut start(
            List<String> command, Duration callTimeout, Duration startTimeout, Duration closeGrace)
            throws SutFailure {
        return start(command, callTimeout, startTimeout, closeGrace, ChildProcess.MAX_LINE);
    }

    /** As above, with a smaller limit on the length of a message line (for tests). */
    static ProcessSut start(
            List<String> command,
            Duration callTimeout,
            Duration startTimeout,
            Duration closeGrace,
            int maxLine)
            throws SutFailure {
        if (command.isEmpty())
            throw new IllegalArgumentException("the implementation's command line is empty");
        ProcessSut sut = new ProcessSut(command, callTimeout, startTimeout, closeGrace, maxLine);
        sut.launch();
        return sut;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Capabilities capabilities() {
        return capabilities;
    }

    /** The running child's process id, or -1 when none is running (tests and diagnostics). */
    public long pid() {
        return child == null ? -1 : child.pid();
    }

    public List<String> command() {
        return command;
    }

    @Override
    public Result apply(Op op) throws SutFailure {
        return applyAll(List.of(op)).get(0);
    }

    /** True: every batch costs a round trip through the pipes. */
    @Override
    public boolean prefersWholeScenarios() {
        return true;
    }

    /**
     * As {@link #applyAll}, with the {@code reset} that ends the scenario sent right behind the
     * operations, in the same write; its {@code ready} is read at {@link #endScenario} (or at the
     * next {@link #reset}), after which anything the implementation said besides its answers is
     * found as it is now.
     */
    @Override
    public List<Result> applyRest(List<? extends Op> ops) throws SutFailure {
        return applyAll(ops, true);
    }

    @Override
    public List<Result> applyAll(List<? extends Op> ops) throws SutFailure {
        return applyAll(ops, false);
    }

    private List<Result> applyAll(List<? extends Op> ops, boolean last) throws SutFailure {
        drain();
        ChildProcess c = running();
        if (resetSent) readReady(c, false);
        fresh = false;
        long first = seq + 1;
        byte[] lines = Protocol.batch(first, ops, last);
        seq += ops.size();
        batchFirst = first;
        batch = ops;
        c.send(lines);
        resetSent = last;
        return readAnswers(c, ops, first);
    }

    /** The answers to {@code ops}, sent to {@code c} with seq numbers from {@code first} on. */
    private List<Result> readAnswers(ChildProcess c, List<? extends Op> ops, long first)
            throws SutFailure {
        List<Result> out = new ArrayList<>(ops.size());
        for (int i = 0; i < ops.size(); i++) {
            Op op = ops.get(i);
            long n = first + i;
            java.util.function.Supplier<String> what = () -> "op " + n + " (" + op.describe() + ")";
            if (op instanceof Call && unsupportedSetup(ops, out) instanceof Integer k) {
                // The scenario stops at that set-up: the call after it (and its observations) went
                // in the same batch,
                // but ran in a world the implementation could not build. Their answers are read,
                // not judged (the harness
                // counts those ops as not run), and an implementation that stumbles over them is
                // restarted, not reported.
                return lenient(
                        c,
                        ops,
                        out,
                        first,
                        "set-up op "
                                + (first + k)
                                + " was unsupported ("
                                + ((Result.Unsupported) out.get(k)).reason()
                                + ")");
            }
            Protocol.Reply reply =
                    await(
                            c,
                            callTimeout,
                            deadline(callTimeout, answerBytes(op)),
                            () -> "its answer to " + what.get());
            if (!(reply instanceof Protocol.Reply.ResultOf r))
                throw unexpected(reply, "a result for " + what.get());
            if (r.seq() >= 1 && r.seq() < first + i) {
                throw fail(
                        Kind.PROTOCOL,
                        "answered "
                                + opNamed(r.seq())
                                + " a second time where the result for "
                                + what.get()
                                + " was due (each op gets exactly one answer)");
            }
            if (r.seq() != first + i) {
                throw fail(
                        Kind.PROTOCOL,
                        "answered seq "
                                + r.seq()
                                + " where the result for "
                                + what.get()
                                + " was due (results come in the order of the ops)");
            }
            String mismatch = mismatch(op, r.result());
            if (mismatch != null)
                throw fail(Kind.PROTOCOL, "answered " + what.get() + " with " + mismatch);
            out.add(r.result());
        }
        return out;
    }

    /**
     * The index of the first set-up among the answered {@code ops} that was answered unsupported,
     * or null.
     */
    private static Integer unsupportedSetup(List<? extends Op> ops, List<Result> out) {
        for (int k = 0; k < out.size(); k++) {
            if (ops.get(k) instanceof Setup && out.get(k) instanceof Result.Unsupported) return k;
        }
        return null;
    }

    /**
     * The answers to {@code ops} from {@code out.size()} on, read without judging them: each is
     * kept when it is a result with the right seq, and stands as {@code unsupported} otherwise. The
     * first line that is not such a result, or a crash, hang or over-long line, stops the
     * implementation quietly (the next {@link #reset()} starts a fresh one) and the rest stand as
     * {@code unsupported}.
     */
    private List<Result> lenient(
            ChildProcess c, List<? extends Op> ops, List<Result> out, long first, String why) {
        Result notRun = new Result.Unsupported("not run: " + why);
        while (out.size() < ops.size() && child == c) {
            long n = first + out.size();
            Protocol.Reply reply;
            try {
                reply =
                        await(
                                c,
                                callTimeout,
                                deadline(callTimeout, answerBytes(ops.get(out.size()))),
                                "its answer to op " + n);
            } catch (SutFailure f) {
                note("xmemck: after " + why + ": " + f.getMessage());
                break;
            }
            if (reply instanceof Protocol.Reply.ResultOf r && r.seq() == n) {
                out.add(r.result());
            } else {
                note(
                        "xmemck: after "
                                + why
                                + ": "
                                + fail(Kind.PROTOCOL, "did not answer op " + n + " with its result")
                                        .getMessage());
                break;
            }
        }
        while (out.size() < ops.size()) out.add(notRun);
        return out;
    }

    @Override
    public int scenariosAhead() {
        return SCENARIOS_AHEAD;
    }

    /**
     * Writes the scenarios, each followed by a {@code reset}, in one write, and returns at once
     * (the write itself waits for the first answer of the write before, see {@link Ahead}); their
     * answers are read when asked for, or before any other call. Should the world not be a fresh
     * one (a scenario was left without {@link #endScenario}), a {@code reset} goes first.
     */
    @Override
    public SentAhead sendAhead(List<List<? extends Op>> scenarios) {
        int n = scenarios.size();
        if (closed) return SentAhead.notRun(n, "the process adapter was closed");
        if (child == null)
            return SentAhead.notRun(
                    n,
                    "the implementation was stopped after an earlier failure and restarts at the next reset");
        ChildProcess c = child;
        if (inFlight.isEmpty() && !fresh) {
            try {
                discardWorld(c, false);
            } catch (SutFailure f) {
                // Not lost: the scenarios run again the ordinary way, and restart it.
                note("xmemck: before scenarios sent ahead: " + f.getMessage());
                return SentAhead.notRun(n, f.getMessage());
            }
        }
        fresh = false;
        long first = seq + 1;
        byte[] lines = Protocol.scenarios(first, scenarios);
        for (List<? extends Op> s : scenarios) seq += s.size();
        Ahead ahead = new Ahead(c, List.copyOf(scenarios), first, lines);
        Ahead before = inFlight.peekLast();
        inFlight.addLast(ahead);
        if (before == null || before.started()) ahead.write();
        return ahead;
    }

    /** Reads the answers of every scenario sent ahead and not read yet, oldest first. */
    private void drain() {
        while (!inFlight.isEmpty()) inFlight.peekFirst().readThrough(Integer.MAX_VALUE);
    }

    /**
     * Scenarios sent ahead to one child, in one write, read one scenario at a time, and only as far
     * as asked: the first is judged while the child still works on the others.
     *
     * <p>The write waits until the first answer of the write before it has been read, so that the
     * pipe never holds more than the scenarios being worked on and the next lot. An implementation
     * that flushes only when no further request is waiting (the C library) would otherwise keep
     * finding the next lot in its input and hold back the answers the kit is waiting for until it
     * has run that lot too: the kit and the implementation would take turns instead of working at
     * once.
     */
    private final class Ahead implements SentAhead {
        private final ChildProcess sentTo;
        private final List<List<? extends Op>> scenarios;
        private final List<ScenarioAnswers> read;
        private long nextSeq;

        /** The write, until it is sent. */
        private byte[] held;

        Ahead(
                ChildProcess sentTo,
                List<List<? extends Op>> scenarios,
                long firstSeq,
                byte[] lines) {
            this.sentTo = sentTo;
            this.scenarios = scenarios;
            this.read = new ArrayList<>(scenarios.size());
            this.nextSeq = firstSeq;
            this.held = lines;
        }

        /** Sends the write, unless it went already or its child is gone. */
        void write() {
            if (held != null && child == sentTo && !closed) sentTo.send(held);
            held = null;
        }

        /** Whether an answer of it has been read: the write after it may go. */
        boolean started() {
            return !read.isEmpty();
        }

        @Override
        public int size() {
            return scenarios.size();
        }

        @Override
        public ScenarioAnswers answer(int index) {
            java.util.Objects.checkIndex(index, scenarios.size());
            // Answers come in the order they were sent: those of earlier writes are read first.
            while (read.size() <= index && !inFlight.isEmpty() && inFlight.peekFirst() != this)
                inFlight.peekFirst().readThrough(Integer.MAX_VALUE);
            readThrough(index);
            return read.get(index);
        }

        /** Reads the scenarios up to {@code index}; leaves the queue once all are read. */
        void readThrough(int index) {
            write(); // the writes before it are read: it may go
            int last = Math.min(index, scenarios.size() - 1);
            while (read.size() <= last) {
                List<? extends Op> ops = scenarios.get(read.size());
                read.add(
                        child == sentTo && !closed
                                ? readScenario(sentTo, ops, nextSeq)
                                : new ScenarioAnswers.NotRun(
                                        "an earlier scenario sent ahead stopped the implementation"));
                nextSeq += ops.size();
                if (read.size() == 1) next().ifPresent(Ahead::write);
            }
            if (read.size() == scenarios.size()) inFlight.remove(this);
        }

        /** The write after this one, if there is one. */
        private java.util.Optional<Ahead> next() {
            boolean found = false;
            for (Ahead a : inFlight) {
                if (found) return java.util.Optional.of(a);
                found = a == this;
            }
            return java.util.Optional.empty();
        }
    }

    /** One scenario sent ahead: its answers, then the {@code ready} of the reset behind it. */
    private ScenarioAnswers readScenario(ChildProcess c, List<? extends Op> ops, long first) {
        batchFirst = first;
        batch = ops;
        fresh = false;
        List<Result> results;
        try {
            results = readAnswers(c, ops, first);
        } catch (SutFailure f) {
            return new ScenarioAnswers.Failed(f);
        } catch (RuntimeException e) {
            return new ScenarioAnswers.Failed(
                    fail(Kind.INTERNAL, "could not be read: the adapter failed: " + e));
        }
        // Stopped while its answers were read leniently (after an unsupported set-up): nothing
        // more to read of this child.
        if (child != c) return new ScenarioAnswers.Answered(results, null);
        try {
            readReady(c, true);
            fresh = true;
            return new ScenarioAnswers.Answered(results, null);
        } catch (SutFailure f) {
            return new ScenarioAnswers.Answered(results, f);
        }
    }

    @Override
    public void reset() throws SutFailure {
        if (closed) throw new SutFailure(Kind.INTERNAL, "reset() after close()");
        drain();
        if (child != null && fresh) {
            fresh = false; // endScenario() already reset the world and read the answer
            return;
        }
        if (child == null) restart();
        discardWorld(child, false);
    }

    /**
     * Checks that the implementation said nothing after the scenario's last answer, and gives it a
     * fresh world for the next scenario: sends {@code reset} now (unless {@link #applyRest} sent it
     * behind the last operations) and reads up to its {@code ready}. A line before that {@code
     * ready} (an op answered twice, a stray message) is a {@link Kind#PROTOCOL} failure of the
     * scenario that just ended; so is a crash, hang or breach while discarding its world. Costs no
     * extra round trip: the next {@link #reset()} returns at once. Does nothing when the
     * implementation was already stopped by a failure.
     */
    @Override
    public void endScenario() throws SutFailure {
        drain();
        if (closed || child == null || fresh) return;
        discardWorld(child, true);
        fresh = true;
    }

    /**
     * Gives {@code c} a fresh world: sends {@code reset}, unless {@link #applyRest} already sent it
     * behind the last operations, and reads its {@code ready} ({@code ending}: as {@link
     * #readReady}).
     */
    private void discardWorld(ChildProcess c, boolean ending) throws SutFailure {
        if (!resetSent) c.send(Protocol.reset());
        readReady(c, ending);
    }

    /**
     * Reads the {@code ready} that answers the {@code reset} sent last; {@code ending}: that reset
     * ends a scenario (else it starts one, and an extra answer found here is the previous one's).
     */
    private void readReady(ChildProcess c, boolean ending) throws SutFailure {
        resetSent = false;
        String awaited =
                ending
                        ? "ready (the answer to the reset that ends the scenario, sent after the scenario's last answer)"
                        : "ready (the answer to reset)";
        Protocol.Reply reply =
                await(
                        c,
                        callTimeout,
                        deadline(callTimeout, 0),
                        ending ? awaited : "its answer to reset");
        if (reply instanceof Protocol.Reply.Ready) return;
        String extra = extra(reply);
        if (extra == null) throw unexpected(reply, awaited);
        throw fail(
                Kind.PROTOCOL,
                ending ? extra : extra + " (found at the reset that starts the next scenario)");
    }

    /**
     * What is wrong with a message that came where no answer was due, when it is an extra answer;
     * else null.
     */
    private String extra(Protocol.Reply reply) {
        return switch (reply) {
            case Protocol.Reply.ResultOf r
                    when r.seq() >= 1 && r.seq() < batchFirst + batch.size() ->
                    "answered "
                            + opNamed(r.seq())
                            + " a second time, after the scenario's last answer (each op gets exactly one answer)";
            case Protocol.Reply.ResultOf r ->
                    "sent a result for seq "
                            + r.seq()
                            + ", which is none of the scenario's ops, after the scenario's last answer";
            case Protocol.Reply.Error e ->
                    "reported an error after the scenario's last answer, where nothing was due: "
                            + Excerpt.of(e.message(), QUOTE)
                            + (e.seq() == null ? "" : " (seq " + e.seq() + ")");
            default -> null;
        };
    }

    /** "op 7 (observe u[0, 8))" when op 7 was in the last batch, else "op 7". */
    private String opNamed(long n) {
        long i = n - batchFirst;
        return "op "
                + n
                + (i >= 0 && i < batch.size() ? " (" + batch.get((int) i).describe() + ")" : "");
    }

    /**
     * The overall deadline of an answer: {@value #DEADLINE_TIMEOUTS} silence timeouts, plus one
     * timeout for every {@value #BYTES_PER_TIMEOUT} bytes the answer is expected to take. With the
     * default 5 s timeout: 50 s for a small answer, about 2 hours for the base64 of a 1 GiB region
     * (1.43 GB, at least 200 KiB/s).
     */
    static Duration deadline(Duration timeout, long answerBytes) {
        long units =
                DEADLINE_TIMEOUTS
                        + (Math.max(0, answerBytes) + BYTES_PER_TIMEOUT - 1) / BYTES_PER_TIMEOUT;
        long t = ChildProcess.nanos(timeout);
        long total =
                units != 0 && t > Long.MAX_VALUE / 4 / units
                        ? Long.MAX_VALUE / 4
                        : t * units; // saturates, never wraps
        return Duration.ofNanos(total);
    }

    /**
     * How many bytes the answer to {@code op} is expected to take: the base64 of the bytes, the
     * digests.
     */
    static long answerBytes(Op op) {
        return switch (op) {
            case Observe.Bytes b -> Math.min(Math.max(0, b.length()), 1L << 40) / 3 * 4 + 4;
            case Observe.Digest d ->
                    Math.min(Math.max(0, d.length()), 1L << 40)
                            / xmemck.ops.Layout.PAGE_SIZE
                            * 19; // "0123456789abcdef",
            default -> 0;
        };
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
        // Answers still on their way are read, not mistaken for something nobody asked for.
        drain();
        closed = true;
        if (child != null) {
            // Costs nothing: only what has already arrived is looked at. An adapter user that calls
            // endScenario() has
            // had anything of this kind reported as an ERROR already.
            String unread = child.unread();
            if (unread != null)
                note(
                        "xmemck: protocol: the implementation wrote what nobody asked for before it was closed: "
                                + unread);
            child.stop(closeGrace);
            pending.append(child.stderr().drain());
            child = null;
        }
    }

    // ---- starting ----

    /**
     * Starts a fresh child after a failure. After {@value #MAX_FAILED_STARTS} failed starts in a
     * row it gives up, and every later reset fails at once with the reason: an implementation that
     * cannot start must not cost a start timeout per scenario.
     */
    private void restart() throws SutFailure {
        if (failedStarts >= MAX_FAILED_STARTS) {
            throw new SutFailure(
                    Kind.START_FAILED,
                    "gave up after " + failedStarts + " failed starts: " + lastStartFailure);
        }
        String why = broken == null ? "" : " after " + broken.kind() + ": " + broken.getMessage();
        try {
            launch();
        } catch (SutFailure f) {
            failedStarts++;
            lastStartFailure = f.kind() + ": " + f.getMessage();
            throw f;
        }
        failedStarts = 0;
        note("xmemck: restarted the implementation (pid " + child.pid() + ")" + why);
        broken = null;
    }

    private void launch() throws SutFailure {
        ChildProcess c;
        try {
            c = ChildProcess.start(command, maxLine, Protocol::parse);
        } catch (IOException e) {
            throw new SutFailure(
                    Kind.START_FAILED,
                    "cannot start the implementation "
                            + CommandLine.join(command)
                            + ": "
                            + e.getMessage(),
                    e);
        }
        child = c;
        seq = 0;
        fresh = false;
        resetSent = false;
        batchFirst = 1;
        batch = List.of();
        c.send(Protocol.hello(kit));
        Protocol.Reply reply;
        try {
            reply = await(c, startTimeout, deadline(startTimeout, 0), "its hello");
        } catch (SutFailure f) {
            // A child that never said hello could not be started, whatever the detail.
            throw f.kind() == Kind.PROTOCOL
                    ? f
                    : new SutFailure(Kind.START_FAILED, "handshake: " + f.getMessage(), f);
        }
        switch (reply) {
            case Protocol.Reply.Hello h -> {
                if (!Protocol.VERSIONS.contains(h.protocol())) {
                    throw fail(
                            Kind.PROTOCOL,
                            "answered the handshake with protocol version "
                                    + h.protocol()
                                    + "; this kit speaks "
                                    + Protocol.VERSIONS);
                }
                name = h.name();
                capabilities = h.capabilities();
                for (String w : h.warnings()) note("xmemck: handshake: " + w);
            }
            case Protocol.Reply.Error e ->
                    throw fail(
                            Kind.START_FAILED,
                            "refused the handshake: " + Excerpt.of(e.message(), QUOTE));
            default -> throw unexpected(reply, "hello");
        }
    }

    // ---- reading answers ----

    private ChildProcess running() throws SutFailure {
        if (closed) throw new SutFailure(Kind.INTERNAL, "the process adapter was closed");
        if (child == null) {
            throw new SutFailure(
                    broken == null ? Kind.INTERNAL : broken.kind(),
                    "the implementation was stopped after an earlier failure and restarts at the next reset"
                            + (broken == null ? "" : " (" + broken.getMessage() + ")"));
        }
        return child;
    }

    /**
     * The next message, or the failure that stands for it: silence for {@code timeout}, the overall
     * {@code deadline} missed, an exit, a line over a limit, an unreadable line.
     */
    private Protocol.Reply await(
            ChildProcess c, Duration timeout, Duration deadline, String awaited) throws SutFailure {
        return await(c, timeout, deadline, () -> awaited);
    }

    /** As above, with what was awaited worded only when a failure needs it. */
    private Protocol.Reply await(
            ChildProcess c,
            Duration timeout,
            Duration deadline,
            java.util.function.Supplier<String> awaitedText)
            throws SutFailure {
        Incoming in;
        try {
            in = c.next(timeout, deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw fail(Kind.INTERNAL, "interrupted while waiting for " + awaitedText.get());
        }
        return switch (in) {
            case Incoming.Silence s -> {
                String partial = c.partialLine();
                throw fail(
                        Kind.HUNG,
                        "did not send "
                                + awaitedText.get()
                                + " (nothing arrived for "
                                + timeout.toMillis()
                                + " ms)"
                                + (partial == null
                                        ? ""
                                        : "; an unfinished line had begun: " + partial)
                                + "; it was killed");
            }
            case Incoming.Overdue o -> {
                String partial = c.partialLine();
                throw fail(
                        Kind.HUNG,
                        "did not finish "
                                + awaitedText.get()
                                + " within the deadline for one answer ("
                                + deadline.toMillis()
                                + " ms: "
                                + DEADLINE_TIMEOUTS
                                + " times the timeout of "
                                + timeout.toMillis()
                                + " ms, plus one timeout per MiB asked for)"
                                + "; bytes kept arriving, but too slowly"
                                + (partial == null ? "" : "; the unfinished line: " + partial)
                                + "; it was killed");
            }
            case Incoming.End end ->
                    throw ended(c, "while the kit waited for " + awaitedText.get(), false);
            case Incoming.Exited x ->
                    throw ended(c, "while the kit waited for " + awaitedText.get(), true);
            case Incoming.Failed f -> throw fail(Kind.INTERNAL, f.message());
            case Incoming.Overlong o ->
                    throw fail(
                            Kind.PROTOCOL,
                            "sent a line longer than the limit on line length ("
                                    + maxLine
                                    + " bytes; "
                                    + o.length()
                                    + " bytes so far) where "
                                    + awaitedText.get()
                                    + " was due, beginning "
                                    + Excerpt.of(o.prefix(), QUOTE));
            case Incoming.Line line -> {
                // Decoded by the reader thread already; anything else it met is met here again.
                if (line.decoded() instanceof Protocol.Reply reply) yield reply;
                try {
                    if (line.decoded() instanceof WireFormatException e) throw e;
                    yield Protocol.parse(line.bytes(), line.length());
                } catch (WireFormatException e) {
                    throw fail(
                            Kind.PROTOCOL,
                            "sent a malformed message where "
                                    + awaitedText.get()
                                    + " was due: "
                                    + e.getMessage()
                                    + "; received "
                                    + Excerpt.ofUtf8(line.bytes(), line.length(), QUOTE));
                }
            }
        };
    }

    /**
     * The failure for an implementation whose output ended ({@code stillOpen}: it exited, but a
     * process it started holds its standard output open).
     */
    private SutFailure ended(ChildProcess c, String when, boolean stillOpen) {
        Integer status;
        try {
            status = c.awaitExit(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            status = null;
        }
        if (status == null)
            return fail(
                    Kind.PROTOCOL,
                    "closed its standard output " + when + " but did not exit; it was killed");
        String tail = c.stderr().tail(QUOTE * 2);
        return fail(
                Kind.CRASHED,
                ExitStatus.describe(status)
                        + " "
                        + when
                        + (stillOpen
                                ? " (its standard output stayed open: a process it started holds it, and was killed)"
                                : "")
                        + (tail.isEmpty()
                                ? ""
                                : "; its standard error ends with: "
                                        + Excerpt.of(tail, QUOTE * 2)));
    }

    private SutFailure unexpected(Protocol.Reply reply, String expected) {
        return switch (reply) {
            case Protocol.Reply.Error e ->
                    fail(
                            Kind.PROTOCOL,
                            "reported an error where "
                                    + expected
                                    + " was due: "
                                    + Excerpt.of(e.message(), QUOTE)
                                    + (e.seq() == null ? "" : " (seq " + e.seq() + ")"));
            case Protocol.Reply.Hello h ->
                    fail(Kind.PROTOCOL, "sent a hello where " + expected + " was due");
            case Protocol.Reply.Ready r ->
                    fail(Kind.PROTOCOL, "sent ready where " + expected + " was due");
            case Protocol.Reply.ResultOf r ->
                    fail(
                            Kind.PROTOCOL,
                            "sent a result (seq " + r.seq() + ") where " + expected + " was due");
        };
    }

    /**
     * Whether {@code result} is a possible answer to {@code op}; null if so, else what is wrong
     * with it.
     */
    static String mismatch(Op op, Result result) {
        if (result instanceof Result.Unsupported) return null;
        return switch (op) {
            case Setup s ->
                    result instanceof Result.Done
                            ? null
                            : kindOf(result) + " (a setup op answers done or unsupported)";
            case Call c ->
                    result instanceof Result.Returned
                            ? null
                            : kindOf(result) + " (a call answers returned or unsupported)";
            case Observe.Bytes b -> {
                if (!(result instanceof Result.Bytes got))
                    yield kindOf(result) + " (observe_bytes answers bytes or unsupported)";
                if (!got.object().equals(b.object())
                        || got.from() != b.from()
                        || got.data().length != b.length()) {
                    yield "bytes of "
                            + objectName(got.object())
                            + " from "
                            + got.from()
                            + ", "
                            + got.data().length
                            + " bytes long, where "
                            + b.object()
                            + " from "
                            + b.from()
                            + ", "
                            + b.length()
                            + " bytes long was asked";
                }
                yield null;
            }
            case Observe.Digest d -> {
                if (!(result instanceof Result.Digest got))
                    yield kindOf(result) + " (observe_digest answers digest or unsupported)";
                if (!got.object().equals(d.object())
                        || got.from() != d.from()
                        || (long) got.pages() * xmemck.ops.Layout.PAGE_SIZE != d.length()) {
                    yield "digests of "
                            + objectName(got.object())
                            + " from "
                            + got.from()
                            + ", "
                            + got.pages()
                            + " pages, where "
                            + d.object()
                            + " from "
                            + d.from()
                            + ", "
                            + d.length() / xmemck.ops.Layout.PAGE_SIZE
                            + " pages was asked";
                }
                yield null;
            }
            case Observe.Protection p ->
                    result instanceof Result.Protection
                            ? null
                            : kindOf(result)
                                    + " (observe_protection answers protection or unsupported)";
        };
    }

    /**
     * An object name the implementation sent: as is when it is a name the protocol allows, else as
     * an escaped excerpt.
     */
    private static String objectName(String name) {
        return NAME.matcher(name).matches() ? name : Excerpt.of(name, 80);
    }

    private static final java.util.regex.Pattern NAME =
            java.util.regex.Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]{0,63}");

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
        SutFailure f =
                new SutFailure(kind, "implementation " + CommandLine.join(command) + " " + message);
        if (child != null) {
            child.kill();
            pending.append(child.stderr().drain());
            child = null;
        }
        broken = f;
        resetSent = false;
        return f;
    }

    private void note(String line) {
        pending.append(line).append('\n');
    }
}
