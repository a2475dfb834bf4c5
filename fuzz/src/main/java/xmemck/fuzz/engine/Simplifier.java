package xmemck.fuzz.engine;

import java.util.Comparator;
import java.util.List;

/**
 * Domain simplification of a failing value, after choice shrinking: the domain proposes simpler
 * values (drop an operation, round a count to a page boundary) and each is checked directly. {@link
 * #order} must be a strict order in which every proposal is smaller than its source, so
 * simplification ends.
 */
public interface Simplifier<T> {

    /** Candidates simpler than {@code value}, most promising first. */
    List<T> candidates(T value);

    /** Smaller is simpler. */
    Comparator<T> order();

    /**
     * Simplifies {@code failing} while it keeps showing {@code outcome}'s failure (see {@link
     * Outcome.Fail#answersTo}); answers the simplest value found.
     */
    static <T> Simplified<T> run(
            Simplifier<T> simplifier,
            Property<T> property,
            T failing,
            Outcome.Fail outcome,
            Budget budget) {
        return run(simplifier, property, failing, outcome.signature(), outcome, budget);
    }

    /**
     * Simplifies {@code failing}, whose failure is {@code outcome}, while it keeps showing the
     * failure named {@code signature} (see {@link Outcome.Fail#answersTo}): the failure a search
     * found and shrank, which {@code outcome} shows, though perhaps not as its own signature.
     * Answers the simplest value found.
     */
    static <T> Simplified<T> run(
            Simplifier<T> simplifier,
            Property<T> property,
            T failing,
            String signature,
            Outcome.Fail outcome,
            Budget budget) {
        if (!outcome.answersTo(signature))
            throw new IllegalArgumentException(
                    "the failure " + outcome.signature() + " does not show " + signature);
        Budget.Meter meter = budget.start();
        T best = failing;
        Outcome.Fail bestOutcome = outcome;
        boolean improved = true;
        while (improved && !meter.exhausted()) {
            improved = false;
            for (T candidate : simplifier.candidates(best)) {
                if (simplifier.order().compare(candidate, best) >= 0) continue;
                if (!meter.take()) break;
                Outcome o = Trial.check(property, candidate);
                if (o instanceof Outcome.Fail f && f.answersTo(signature)) {
                    best = candidate;
                    bestOutcome = f;
                    improved = true;
                    break;
                }
            }
        }
        return new Simplified<>(best, bestOutcome, meter.used());
    }

    /** The result of {@link #run}: the value, its failure and how many checks it took. */
    record Simplified<T>(T value, Outcome.Fail outcome, long calls) {}

    /** No domain passes. */
    static <T> Simplifier<T> none() {
        return new Simplifier<>() {
            public List<T> candidates(T value) {
                return List.of();
            }

            public Comparator<T> order() {
                return (a, b) -> 0;
            }
        };
    }
}
