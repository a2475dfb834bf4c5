package xmemck.fuzz.engine;

/**
 * A failure found by {@link Search}, with everything needed to replay it: the run's {@code seed}
 * and the case's {@code caseIndex} (replay from seed), the original and shrunk choice sequences
 * (replay from choices), and the final {@code value} after domain simplification (replay the value
 * itself; domain passes act on values, so {@code value} may be simpler than what {@code choices}
 * generate).
 *
 * @param signature the failure's kind, shared by every stage
 * @param original the case as first found
 * @param shrunk the case after choice shrinking ({@code choices} generate exactly this)
 * @param value the final, simplest failing value
 * @param outcome the failure of {@code value}: it {@linkplain Outcome.Fail#answersTo answers to}
 *     {@code signature}, and names every other kind of failure {@code value} shows
 * @param shrinkCalls property checks spent on shrinking and simplifying
 * @param firstSeenCases how many cases the search had run when it first saw this failure, the
 *     failing case included
 * @param firstSeenSeconds wall-clock seconds from the start of the search to that moment (shrinking
 *     of earlier failures included: it is the time a campaign waits for the failure)
 */
public record Counterexample<T>(
        String signature,
        long seed,
        long caseIndex,
        long[] originalChoices,
        T original,
        long[] choices,
        T shrunk,
        T value,
        Outcome.Fail outcome,
        long shrinkCalls,
        long firstSeenCases,
        double firstSeenSeconds) {}
