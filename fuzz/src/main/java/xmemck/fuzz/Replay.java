package xmemck.fuzz;

import java.util.List;
import java.util.Optional;
import xmemck.ops.Op;
import xmemck.spi.Sut;

/**
 * Runs a list of operations once more as a case, to read back how it fails: through a fresh
 * session, and with the implementation told at the end that the case is over, exactly as the
 * fuzzing property ran it.
 */
public final class Replay {
    private Replay() {}

    /** Every step of {@code ops} against {@code sut}, and how the case failed. */
    public static SessionProperty.Ran run(Sut sut, List<Op> ops) {
        return SessionProperty.replay(sut, ops);
    }

    /** How {@code ops} fail against {@code sut}, if they do. */
    public static Optional<SessionProperty.Failing> failing(Sut sut, List<Op> ops) {
        return Optional.ofNullable(run(sut, ops).failing());
    }
}
