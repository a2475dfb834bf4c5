package xmemck.fuzz;

import java.util.List;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.spi.Capabilities;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;

/**
 * An implementation seen through the fuzzer: everything is passed on unchanged, and the first way the implementation
 * failed since {@link #clear} is noted as a {@link SutFailure.Kind}. A case's ERROR is then named by that kind, taken
 * from the failure itself, never from the wording of the harness's message (which also quotes the implementation's
 * own free text).
 *
 * <p>Noted: a {@link SutFailure} thrown by an operation or a reset (its kind); an exception of the adapter
 * ({@link SutFailure.Kind#INTERNAL}); a batch answered with another number of results than it had operations
 * ({@link SutFailure.Kind#PROTOCOL}, as the harness judges it).
 */
final class WatchedSut implements Sut {
    private final Sut sut;
    private SutFailure.Kind failed;

    WatchedSut(Sut sut) { this.sut = sut; }

    /** Forgets the failure noted so far: a new case starts. */
    void clear() { failed = null; }

    /** The first failure since {@link #clear}, or null. */
    SutFailure.Kind failed() { return failed; }

    private void note(SutFailure.Kind kind) { if (failed == null) failed = kind; }

    @Override public String name() { return sut.name(); }

    @Override public Capabilities capabilities() { return sut.capabilities(); }

    @Override public Result apply(Op op) throws SutFailure {
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

    @Override public List<Result> applyAll(List<? extends Op> ops) throws SutFailure {
        List<Result> answers;
        try {
            answers = sut.applyAll(ops);
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

    @Override public void reset() throws SutFailure {
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
    @Override public void endScenario() throws SutFailure { sut.endScenario(); }

    @Override public String drainDiagnostics() { return sut.drainDiagnostics(); }

    @Override public void close() { sut.close(); }
}
