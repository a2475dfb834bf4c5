package xmemck.fuzz;

import java.util.List;
import xmemck.ops.Op;

/**
 * A known finding a fuzz run met: a FAIL whose clause the implementation's expectations list (see
 * {@link SessionProperty}). It does not fail the run; the run counts it and keeps one example.
 *
 * @param clause the listed clause (the first clause the failing step's findings break)
 * @param signature verdict, operation and clause, as a {@link Failure}'s
 * @param count how many of the search's cases showed it (cases tried while shrinking not counted)
 * @param caseIndex the first such case's index in the run (replay from seed and index)
 * @param firstSeenCases how many cases the run had made when it first saw it, that case included
 * @param firstSeenSeconds wall-clock seconds from the start of the search to that moment
 * @param example the first such case, shrunk while it kept showing this finding
 */
public record KnownFinding(
        String clause,
        String signature,
        long count,
        long caseIndex,
        long firstSeenCases,
        double firstSeenSeconds,
        List<Op> example) {
    public KnownFinding {
        example = List.copyOf(example);
    }
}
