package xmemck.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import xmemck.ops.Op;
import xmemck.ops.Result;

/** One running implementation under test. Not thread-safe: one scenario at a time. */
public interface Sut extends AutoCloseable {

    /** The implementation's own name (for a process implementation, from its handshake). */
    String name();

    Capabilities capabilities();

    /**
     * The clauses whose answers the adapter's own code decides rather than the implementation it
     * drives: clause id (of the kit's catalogue) to the reason, for instance {@code
     * "vm_mvc.einval.cmd"} to {@code "emulated by the adapter: the command check is the adapter's,
     * made before any system call"}. A PASS on such a clause says nothing about the implementation;
     * the reports mark it. Empty by default: everything is the implementation's. The process
     * protocol does not carry it.
     */
    default Map<String, String> emulatedClauses() {
        return Map.of();
    }

    /** Carry out one operation in the current world. */
    Result apply(Op op) throws SutFailure;

    /**
     * Carry out several operations in order and answer one result each; adapters with a round-trip
     * cost override this to batch. Stops at nothing: an {@link Result.Unsupported} answer is a
     * result like any other.
     */
    default List<Result> applyAll(List<? extends Op> ops) throws SutFailure {
        List<Result> out = new ArrayList<>(ops.size());
        for (Op op : ops) out.add(apply(op));
        return out;
    }

    /**
     * Whether every {@link #applyAll} costs a round trip to another process, so that the harness
     * should send a whole scenario at once: it then plans the scenario's operations ahead with the
     * oracle (the reference's outcome of every call) and sends them in one {@link #applyRest},
     * judging the answers as if they had come one batch at a time. Where the plan turns out not to
     * be what the harness sends (an implementation took another allowed outcome, a page digest
     * needs its bytes, the batch failed), the scenario runs again the ordinary way, so the verdicts
     * are the same either way. False by default.
     */
    default boolean prefersWholeScenarios() {
        return false;
    }

    /**
     * The scenario's remaining operations: as {@link #applyAll}, after which nothing follows but
     * {@link #endScenario}, {@link #reset} or {@link #close}. An adapter with a round-trip cost may
     * start discarding the world in the same round trip (the process adapter sends the next {@code
     * reset} behind the operations, and reads its {@code ready} at {@link #endScenario}). By
     * default, {@link #applyAll}.
     */
    default List<Result> applyRest(List<? extends Op> ops) throws SutFailure {
        return applyAll(ops);
    }

    /**
     * How many whole scenarios the adapter would take at once in {@link #sendAhead}: more than one
     * where a round trip to another process costs much more than an operation, so that the
     * implementation works on the next scenarios while the harness judges the last ones. 0 by
     * default: the adapter takes none ahead.
     */
    default int scenariosAhead() {
        return 0;
    }

    /**
     * Sends whole scenarios (every operation of each, as {@link #applyRest} would) without waiting
     * for their answers, each run in a fresh world and followed by the discarding of that world;
     * the answers are read by {@link SentAhead#answers}. Called only between scenarios (after
     * {@link #endScenario} or {@link #reset}, or after another {@code sendAhead}); any other call
     * first reads every answer still on its way, so nothing sent ahead is lost or mistaken for the
     * answer to that call. After it the world is a fresh one, as after {@link #endScenario}. Never
     * throws: scenarios the adapter cannot take (by default, all of them) stand as {@link
     * ScenarioAnswers.NotRun}, and the caller runs them the ordinary way.
     */
    default SentAhead sendAhead(List<List<? extends Op>> scenarios) {
        return SentAhead.notRun(scenarios.size(), "the adapter takes no scenarios ahead");
    }

    /**
     * Discard the world: the next operation starts from an empty one (no processes, objects or
     * descriptors).
     */
    void reset() throws SutFailure;

    /**
     * The scenario is over: its last operation has been answered. An adapter may check here that
     * the implementation said nothing it was not asked (a process that answered an operation twice)
     * and may discard the scenario's world early; a failure it throws is an ERROR of the scenario
     * that just ended, not of the next one. Call it after the scenario's last operation and before
     * its verdict is final (not after an ERROR, when the implementation is discarded anyway); the
     * next call is then {@link #reset()} or {@link #close()}. Does nothing by default.
     */
    default void endScenario() throws SutFailure {}

    /**
     * Diagnostics the implementation produced since the last call (for a process: its stderr);
     * never null.
     */
    default String drainDiagnostics() {
        return "";
    }

    /** Release everything (child processes, mappings, files). Never throws. */
    @Override
    void close();
}
