package xmemck.fuzz.engine;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The property-based search: generate cases from a seed, check each, and shrink every failure of a
 * new kind to a minimal counterexample. Case {@code i} of seed {@code s} draws from {@link
 * #caseSeed}{@code (s, i)}, so any case replays from the seed and its index alone.
 *
 * <p>A failure is of a new kind when no counterexample found so far shows it: neither by its
 * signature nor among the other failures its minimised case shows ({@link
 * Outcome.Fail#alsoAnswersTo}). Shrinking may end on a case that shows a second kind of failure
 * too; a later case of that second kind would shrink to the same counterexample, so it is not
 * shrunk again and reported twice. A kind that no minimised case shows is never skipped.
 *
 * <p>A case whose outcome is {@link Outcome.Known} (a failure the caller listed as known) is no
 * failure: it does not count toward {@code maxFailures} and the search goes on. Each kind is
 * counted, and the first case of each kind is shrunk as a counterexample of its signature, as an
 * example ({@link Report#known}).
 */
public final class Search<T> {

    /**
     * @param search how many cases / how long to search (time spent shrinking does not count)
     * @param shrink the budget for shrinking each failure's choices
     * @param simplify the budget for the domain passes on each failure
     * @param maxFailures stop after this many distinct failures (by signature)
     */
    public record Settings(Budget search, Budget shrink, Budget simplify, int maxFailures) {
        public Settings {
            if (maxFailures < 1)
                throw new IllegalArgumentException("maxFailures must be >= 1, got " + maxFailures);
        }

        public static Settings cases(long cases) {
            return new Settings(Budget.calls(cases), defaultShrink(), defaultSimplify(), 1);
        }

        public Settings withMaxFailures(int n) {
            return new Settings(search, shrink, simplify, n);
        }

        public Settings withSearch(Budget b) {
            return new Settings(b, shrink, simplify, maxFailures);
        }

        public Settings withShrink(Budget b) {
            return new Settings(search, b, simplify, maxFailures);
        }

        public static Budget defaultShrink() {
            return new Budget(20_000, java.time.Duration.ofSeconds(20));
        }

        public static Budget defaultSimplify() {
            return new Budget(5_000, java.time.Duration.ofSeconds(10));
        }
    }

    /**
     * Told about every case and every counterexample, as they happen (progress lines, coverage).
     */
    public interface Listener<T> {
        default void onCase(long index, Trial<T> trial) {}

        /** A failure of a new kind was found; shrinking starts now. */
        default void onFailure(long index, Trial<T> trial) {}

        /**
         * A failure has been shrunk: called at once, before the search goes on, so that it can be
         * shown and kept.
         */
        default void onCounterexample(Counterexample<T> counterexample) {}

        /**
         * A case showed a known failure ({@link Outcome.Known}); told for every such case, after
         * {@link #onCase}.
         */
        default void onKnown(long index, Trial<T> trial) {}

        /**
         * The first case of a kind of known failure has been shrunk, as an example of it: called at
         * once.
         */
        default void onKnownExample(Counterexample<T> example) {}
    }

    /**
     * A kind of known failure the search met ({@link Outcome.Known}): its signature, how many of
     * the search's cases showed it, the first such case and when the search first saw it (as {@link
     * Counterexample#firstSeenCases} and {@link Counterexample#firstSeenSeconds} say), and that
     * case shrunk as an example.
     */
    public record KnownFailure<T>(
            String signature,
            long count,
            long caseIndex,
            long firstSeenCases,
            double firstSeenSeconds,
            Counterexample<T> example) {}

    /**
     * What a run did. {@code generatorErrors} counts cases whose generator threw (a defect of the
     * generators).
     */
    public record Report<T>(
            long seed,
            long cases,
            long invalid,
            long generatorErrors,
            String firstInvalidReason,
            double seconds,
            List<Counterexample<T>> failures,
            List<KnownFailure<T>> known) {
        public Report {
            failures = List.copyOf(failures);
            known = List.copyOf(known);
        }

        public boolean passed() {
            return failures.isEmpty();
        }
    }

    private final Gen<T> gen;
    private final Property<T> property;
    private final Simplifier<T> simplifier;
    private final Settings settings;
    private final Listener<T> listener;

    public Search(
            Gen<T> gen,
            Property<T> property,
            Simplifier<T> simplifier,
            Settings settings,
            Listener<T> listener) {
        this.gen = gen;
        this.property = property;
        this.simplifier = simplifier;
        this.settings = settings;
        this.listener = listener;
    }

    public Search(Gen<T> gen, Property<T> property, Settings settings) {
        this(gen, property, Simplifier.none(), settings, new Listener<>() {});
    }

    /**
     * The seed of case {@code index} of a run with seed {@code seed} (a SplitMix64 mix of both).
     */
    public static long caseSeed(long seed, long index) {
        long z = seed + (index + 1) * 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Case {@code index} of seed {@code seed}, generated and checked again. */
    public static <T> Trial<T> replay(Gen<T> gen, Property<T> property, long seed, long index) {
        return Trial.run(gen, property, Choices.random(caseSeed(seed, index)));
    }

    /** The case that {@code choices} generate, checked again. */
    public static <T> Trial<T> replay(Gen<T> gen, Property<T> property, long[] choices) {
        return Trial.run(gen, property, Choices.replay(choices));
    }

    public Report<T> run(long seed) {
        return run(seed, 0);
    }

    /**
     * Case {@code index} of {@code seed} alone, shrunk if it fails: how one case found earlier is
     * looked at again.
     */
    public Report<T> runCase(long seed, long index) {
        return new Search<>(
                        gen, property, simplifier, settings.withSearch(Budget.calls(1)), listener)
                .run(seed, index);
    }

    private Report<T> run(long seed, long firstIndex) {
        long start = System.nanoTime();
        Budget.Meter meter = settings.search().start();
        List<Counterexample<T>> found = new ArrayList<>();
        Set<String> covered =
                new HashSet<>(); // every kind of failure some counterexample found so far shows
        Map<String, long[]> knownCounts = new LinkedHashMap<>(); // signature -> {count}
        Map<String, Counterexample<T>> knownExamples = new LinkedHashMap<>();
        long index = firstIndex, invalid = 0, generatorErrors = 0;
        String firstInvalid = null;
        Ahead<T> ahead = new Ahead<>(gen, property, seed, index);
        while (found.size() < settings.maxFailures() && meter.take()) {
            Trial<T> trial = ahead.next(meter).check(property);
            listener.onCase(index, trial);
            if (trial.outcome() instanceof Outcome.Invalid inv) {
                invalid++;
                if (inv.reason().startsWith(Trial.GENERATOR_THREW)) generatorErrors++;
                if (firstInvalid == null) firstInvalid = inv.reason();
            } else if (trial.outcome() instanceof Outcome.Known k) {
                listener.onKnown(index, trial);
                long[] count = knownCounts.computeIfAbsent(k.signature(), s -> new long[1]);
                if (count[0]++ == 0) {
                    long shrinkStart = System.nanoTime();
                    Counterexample<T> example =
                            minimiseKnown(
                                    seed,
                                    index,
                                    trial,
                                    k,
                                    index - firstIndex + 1,
                                    (shrinkStart - start) / 1e9);
                    knownExamples.put(k.signature(), example);
                    listener.onKnownExample(example);
                    meter.extend(System.nanoTime() - shrinkStart);
                }
            } else if (trial.failed() && !covered.contains(trial.signature())) {
                long shrinkStart = System.nanoTime();
                listener.onFailure(index, trial);
                Counterexample<T> c =
                        minimise(
                                seed,
                                index,
                                trial,
                                index - firstIndex + 1,
                                (shrinkStart - start) / 1e9);
                covered.add(c.signature());
                covered.add(c.outcome().signature());
                covered.addAll(c.outcome().alsoAnswersTo());
                found.add(c);
                listener.onCounterexample(c);
                meter.extend(
                        System.nanoTime()
                                - shrinkStart); // the search's time budget is for searching
            }
            index++;
        }
        List<KnownFailure<T>> known = new ArrayList<>();
        knownCounts.forEach(
                (signature, count) -> {
                    Counterexample<T> e = knownExamples.get(signature);
                    known.add(
                            new KnownFailure<>(
                                    signature,
                                    count[0],
                                    e.caseIndex(),
                                    e.firstSeenCases(),
                                    e.firstSeenSeconds(),
                                    e));
                });
        return new Report<>(
                seed,
                index - firstIndex,
                invalid,
                generatorErrors,
                firstInvalid,
                (System.nanoTime() - start) / 1e9,
                found,
                known);
    }

    /**
     * The search's cases, drawn in order; for a property with a {@link Property#lookahead}, drawn
     * that many at a time, and told to the property ({@link Property#upcoming}) one draw before
     * they are checked: while one lot is checked, the next is on its way. Case values depend on the
     * seed and the index alone, so drawing early changes no case.
     */
    private static final class Ahead<T> {
        private final Gen<T> gen;
        private final Property<T> property;
        private final long seed;
        private final int lookahead;
        private final java.util.ArrayDeque<Trial.Drawn<T>> drawn = new java.util.ArrayDeque<>();
        private long nextIndex;

        Ahead(Gen<T> gen, Property<T> property, long seed, long firstIndex) {
            this.gen = gen;
            this.property = property;
            this.seed = seed;
            this.lookahead = Math.max(0, property.lookahead());
            this.nextIndex = firstIndex;
        }

        /** The next case, for the meter that has just allowed it. */
        Trial.Drawn<T> next(Budget.Meter meter) {
            if (lookahead == 0) return draw();
            // Two lots at most: the one being checked and the next; no more than the budget
            // allows.
            while (drawn.size() <= lookahead) {
                long left = meter.callsLeft() + 1 - drawn.size();
                int n = (int) Math.min(lookahead, left);
                if (n <= 0) break;
                List<T> values = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    Trial.Drawn<T> d = draw();
                    drawn.addLast(d);
                    if (d.invalid() == null) values.add(d.value());
                }
                if (!values.isEmpty()) tell(values);
            }
            return drawn.isEmpty() ? draw() : drawn.pollFirst();
        }

        /**
         * Tells the property of {@code values}; a property that fails at it loses only its head
         * start: the cases are checked as they would have been, and whatever is wrong shows there.
         */
        private void tell(List<T> values) {
            try {
                property.upcoming(values);
            } catch (RuntimeException e) {
                // see above
            }
        }

        private Trial.Drawn<T> draw() {
            return Trial.draw(gen, Choices.random(caseSeed(seed, nextIndex++)));
        }
    }

    /**
     * Shrinks the choices, then applies the domain passes to the value. {@code casesRun} and {@code
     * secondsIn} say when the search first saw the failure (see {@link
     * Counterexample#firstSeenCases}).
     */
    public Counterexample<T> minimise(
            long seed, long index, Trial<T> failing, long casesRun, double secondsIn) {
        return minimise(property, seed, index, failing, casesRun, secondsIn);
    }

    /**
     * Shrinks a case that showed the known failure {@code known}, keeping to it: through a property
     * under which that known failure is the failure (and every other outcome is not), so that
     * shrinking neither slips to another failure nor to a case where the known one is only among
     * the others.
     */
    private Counterexample<T> minimiseKnown(
            long seed,
            long index,
            Trial<T> trial,
            Outcome.Known known,
            long casesRun,
            double secondsIn) {
        Property<T> asFailure =
                value ->
                        switch (property.check(value)) {
                            case Outcome.Known k -> new Outcome.Fail(k.signature(), k.detail());
                            case Outcome.Invalid i -> i;
                            default -> Outcome.PASS;
                        };
        Trial<T> failing =
                new Trial<>(
                        trial.choices(),
                        trial.spans(),
                        trial.value(),
                        new Outcome.Fail(known.signature(), known.detail()));
        return minimise(asFailure, seed, index, failing, casesRun, secondsIn);
    }

    private Counterexample<T> minimise(
            Property<T> property,
            long seed,
            long index,
            Trial<T> failing,
            long casesRun,
            double secondsIn) {
        Shrinker<T> shrinker = new Shrinker<>(gen, property, failing, settings.shrink());
        Trial<T> shrunk = shrinker.shrink();
        // The shrinker keeps only candidates that show the original failure: its signature, or one
        // of the others.
        // So is every candidate of the domain passes: the signature they keep to is the original's,
        // not the shrunk
        // case's own (which may name another finding first).
        Simplifier.Simplified<T> simple =
                Simplifier.run(
                        simplifier,
                        property,
                        shrunk.value(),
                        failing.signature(),
                        (Outcome.Fail) shrunk.outcome(),
                        settings.simplify());
        return new Counterexample<>(
                failing.signature(),
                seed,
                index,
                failing.choices(),
                failing.value(),
                shrunk.choices(),
                shrunk.value(),
                simple.value(),
                simple.outcome(),
                shrinker.calls() + simple.calls(),
                casesRun,
                secondsIn);
    }
}
