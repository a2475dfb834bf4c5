package xmemck.fuzz;

import java.util.List;
import java.util.Optional;
import xmemck.harness.Session;
import xmemck.harness.Step;
import xmemck.oracle.Verdict;
import xmemck.ops.Op;
import xmemck.spi.Sut;

/** Runs a list of operations once more through a fresh session, to read back the failing step. */
public final class Replay {
    private Replay() {}

    /** The steps of {@code ops} against {@code sut}. */
    public static List<Step> steps(Sut sut, List<Op> ops) {
        try (Session session = new Session(sut)) {
            session.runAll(ops);
            return session.steps();
        }
    }

    /** The first FAIL or ERROR step, if any. */
    public static Optional<Step> failing(List<Step> steps) {
        return steps.stream().filter(s -> s.verdict() == Verdict.FAIL || s.verdict() == Verdict.ERROR).findFirst();
    }
}
