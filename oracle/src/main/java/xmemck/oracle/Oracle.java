package xmemck.oracle;

import java.util.List;
import xmemck.ops.Call;
import xmemck.ops.Observe;
import xmemck.ops.Result;
import xmemck.ops.Setup;

/**
 * The executable specification for one world. Build the world with {@link #apply}, then for each call ask
 * {@link #expect}, observe what {@link #observationsFor} names, {@link #judge} and {@link #commit}.
 * Deterministic; sparse (cost proportional to the pages touched).
 */
public final class Oracle {

    public Oracle() {
        throw new UnsupportedOperationException("oracle not implemented yet");
    }

    /** Apply a setup op to the model. @throws WorldError when the op is ill-formed in this world */
    public void apply(Setup op) { throw new UnsupportedOperationException(); }

    /** The allowed outcomes of {@code call} in the current world; does not change the world. */
    public Expectation expect(Call call) { throw new UnsupportedOperationException(); }

    /**
     * What must be observed to judge {@code call}: each object any alternative may write (whole, with guards),
     * and the call's source object (for {@code inv.source-unchanged}); protections an alternative may change.
     */
    public List<Observe> observationsFor(Call call, Expectation expectation) { throw new UnsupportedOperationException(); }

    /**
     * Does the implementation's outcome ({@code returned}, and {@code observed}: one result per op of
     * {@link #observationsFor}, in order) lie in the allowed set? Checks the invariants too.
     */
    public Judgement judge(Call call, Expectation expectation, long returned, List<Result> observed) { throw new UnsupportedOperationException(); }

    /** Adopt the implementation's outcome as the new world (memory as observed, descriptor changes of the matched alternative). */
    public void commit(Call call, Judgement judgement, List<Result> observed) { throw new UnsupportedOperationException(); }

    /** The model's own answer to an observation. */
    public Result observe(Observe op) { throw new UnsupportedOperationException(); }

    /**
     * Behave as the reference implementation: choose the canonical allowed alternative (a copy that stops at
     * the first byte it cannot write), apply it, and return what the call returns. Outside the contract the
     * reference does nothing and returns the value named by the clause's documentation (-1 where none).
     */
    public Result.Returned perform(Call call) { throw new UnsupportedOperationException(); }
}
