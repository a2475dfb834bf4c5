package xmemck.fuzz;

import xmemck.ops.Call;
import xmemck.ops.Op;
import xmemck.ops.Result;
import xmemck.spi.Capabilities;
import xmemck.spi.Sut;
import xmemck.spi.SutFailure;

/**
 * The reference implementation with one planted bug, to check that fuzzing finds it and shrinks it
 * to the known minimum. The bug is made by changing a copy's count before the reference performs
 * it, so the implementation stays consistent with itself (every later observation agrees with what
 * it did).
 */
final class PlantedBugSut implements Sut {

    enum Bug {
        /** Copies of 9 bytes or more leave their last byte unwritten (and still succeed). */
        DROPS_LAST_BYTE_OF_9_PLUS,
        /** Every copy writes one byte more than asked, past the end of the destination range. */
        WRITES_ONE_PAST_THE_END
    }

    private final Sut reference;
    private final Bug bug;
    private final boolean whole;

    /** Cases sent to it whole, planned ahead ({@link Sut#prefersWholeScenarios}). */
    int wholeCases;

    PlantedBugSut(Sut reference, Bug bug) {
        this(reference, bug, false);
    }

    /** {@code whole}: it asks for whole cases, as an implementation behind a pipe does. */
    PlantedBugSut(Sut reference, Bug bug, boolean whole) {
        this.reference = reference;
        this.bug = bug;
        this.whole = whole;
    }

    @Override
    public boolean prefersWholeScenarios() {
        return whole;
    }

    @Override
    public java.util.List<Result> applyRest(java.util.List<? extends Op> ops) throws SutFailure {
        wholeCases++;
        return applyAll(ops);
    }

    @Override
    public String name() {
        return reference.name() + " with bug " + bug;
    }

    @Override
    public Capabilities capabilities() {
        return reference.capabilities();
    }

    @Override
    public Result apply(Op op) throws SutFailure {
        return reference.apply(op instanceof Call c ? planted(c) : op);
    }

    private Call planted(Call call) {
        return switch (call) {
            case Call.Copyout c when applies(c.cn()) ->
                    new Call.Copyout(c.context(), c.driverbuf(), c.userbuf(), changed(c.cn()));
            case Call.DdiCopyout c when applies(c.cn()) ->
                    new Call.DdiCopyout(
                            c.context(), c.driverbuf(), c.buf(), changed(c.cn()), c.flags());
            case Call.Xmemout x when applies(x.count()) ->
                    new Call.Xmemout(x.context(), x.kaddr(), x.uaddr(), changed(x.count()), x.dp());
            default -> call;
        };
    }

    private boolean applies(long count) {
        return switch (bug) {
            case DROPS_LAST_BYTE_OF_9_PLUS -> count >= 9;
            case WRITES_ONE_PAST_THE_END -> count >= 0;
        };
    }

    private long changed(long count) {
        return switch (bug) {
            case DROPS_LAST_BYTE_OF_9_PLUS -> count - 1;
            case WRITES_ONE_PAST_THE_END -> count + 1;
        };
    }

    @Override
    public void reset() throws SutFailure {
        reference.reset();
    }

    @Override
    public void close() {
        reference.close();
    }
}
