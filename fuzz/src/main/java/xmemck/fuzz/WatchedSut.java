package xmemck.fuzz;

import java.util.ArrayList;
import java.util.List;
import xmemck.ops.Call;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.spi.Capabilities;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;

/**
 * An implementation seen through the fuzzer: everything is passed on unchanged, and the first way
 * the implementation failed since {@link #clear} is noted as a {@link SutFailure.Kind}. A case's
 * ERROR is then named by that kind, taken from the failure itself, never from the wording of the
 * harness's message (which also quotes the implementation's own free text).
 *
 * <p>Noted: a {@link SutFailure} thrown by an operation or a reset (its kind); an exception of the
 * adapter ({@link SutFailure.Kind#INTERNAL}); a batch answered with another number of results than
 * it had operations ({@link SutFailure.Kind#PROTOCOL}, as the harness judges it).
 *
 * <p>A batch of set-ups followed by a call (the harness sends a case's set-ups, its call and the
 * call's observations together) goes on as two: the set-ups, then, if every one was done, the call
 * and its observations. An implementation that fails in the second is noted as failing on that call
 * ({@link #failedOn}), which the harness cannot tell from one batch, so that a crash in a copyout
 * is named {@code ERROR copyout crashed} and not after the case's first set-up. When a set-up was
 * not done the call is not sent and its answers are {@link Result.Unsupported} placeholders: the
 * harness stops at that set-up and never looks at them, as it would not have sent the call one
 * operation at a time.
 */
final class WatchedSut implements Sut {
    private final Sut sut;
    private SutFailure.Kind failed;
    private Op failedOn;

    WatchedSut(Sut sut) {
        this.sut = sut;
    }

    /** Forgets the failure noted so far: a new case starts. */
    void clear() {
        failed = null;
        failedOn = null;
    }

    /** The first failure since {@link #clear}, or null. */
    SutFailure.Kind failed() {
        return failed;
    }

    /**
     * The call of a batch the implementation failed on after its set-ups were done (see above), or
     * null.
     */
    Op failedOn() {
        return failedOn;
    }

    private void note(SutFailure.Kind kind) {
        if (failed == null) failed = kind;
    }

    @Override
    public String name() {
        return sut.name();
    }

    @Override
    public Capabilities capabilities() {
        return sut.capabilities();
    }

    @Override
    public Result apply(Op op) throws SutFailure {
        try {
            return sut.apply(op);
        } catch (SutFailure f) {
            note(f.kind());
            throw f;
        } catch (RuntimeException e) {
            note(SutFailure.Kind.INTERNAL);
            throw e;
        }
    }

    @Override
    public List<Result> applyAll(List<? extends Op> ops) throws SutFailure {
        int call = 0;
        while (call < ops.size() && !(ops.get(call) instanceof Call)) call++;
        if (call == 0 || call == ops.size()) return batch(ops);
        List<Result> answers = batch(ops.subList(0, call));
        if (answers == null || answers.size() != call) return answers;
        List<Result> all = new ArrayList<>(answers);
        if (answers.stream().allMatch(r -> r instanceof Result.Done)) {
            List<Result> rest;
            try {
                rest = batch(ops.subList(call, ops.size()));
            } catch (SutFailure | RuntimeException e) {
                if (failedOn == null) failedOn = ops.get(call);
                throw e;
            }
            if (rest == null || rest.size() != ops.size() - call) return rest;
            all.addAll(rest);
        } else {
            for (int k = call; k < ops.size(); k++)
                all.add(new Result.Unsupported("not sent: a set-up before it was not done"));
        }
        return all;
    }

    private List<Result> batch(List<? extends Op> ops) throws SutFailure {
        return batch(ops, sut::applyAll);
    }

    /** How a batch goes to the implementation: {@link Sut#applyAll} or {@link Sut#applyRest}. */
    @FunctionalInterface
    private interface Sending {
        List<Result> send(List<? extends Op> ops) throws SutFailure;
    }

    private List<Result> batch(List<? extends Op> ops, Sending sending) throws SutFailure {
        List<Result> answers;
        try {
            answers = sending.send(ops);
        } catch (SutFailure f) {
            note(f.kind());
            throw f;
        } catch (RuntimeException e) {
            note(SutFailure.Kind.INTERNAL);
            throw e;
        }
        if (answers == null) note(SutFailure.Kind.INTERNAL);
        else if (answers.size() != ops.size()) note(SutFailure.Kind.PROTOCOL);
        return answers;
    }

    @Override
    public boolean prefersWholeScenarios() {
        return sut.prefersWholeScenarios();
    }

    /** Passed on as one batch: the harness's own split ({@link #applyAll}) does not apply. */
    @Override
    public List<Result> applyRest(List<? extends Op> ops) throws SutFailure {
        return batch(ops, sut::applyRest);
    }

    @Override
    public int scenariosAhead() {
        return sut.scenariosAhead();
    }

    /**
     * Passed on, not noted: a scenario's failure comes back in its own answers, and the caller runs
     * that scenario again.
     */
    @Override
    public xmemck.spi.SentAhead sendAhead(List<List<? extends Op>> scenarios) {
        return sut.sendAhead(scenarios);
    }

    @Override
    public void reset() throws SutFailure {
        try {
            sut.reset();
        } catch (SutFailure f) {
            note(f.kind());
            throw f;
        } catch (RuntimeException e) {
            note(SutFailure.Kind.INTERNAL);
            throw e;
        }
    }

    /** Not noted: the caller turns a failure here into the case's ERROR itself. */
    @Override
    public void endScenario() throws SutFailure {
        sut.endScenario();
    }

    @Override
    public String drainDiagnostics() {
        return sut.drainDiagnostics();
    }

    @Override
    public java.util.Map<String, String> emulatedClauses() {
        return sut.emulatedClauses();
    }

    @Override
    public void close() {
        sut.close();
    }
}
