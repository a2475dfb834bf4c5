package xmemck.fuzz.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The search reports each kind of failure once, keeps to the kind it found while shrinking, and
 * says when it saw each.
 */
class SearchTest {

    /**
     * Numbers of 500 or more fail: odd ones as "big"; even ones as "even", which also shows "big".
     * Numbers below 10 fail as "small". Both a "big" and an "even" case shrink to 500, which shows
     * both kinds.
     */
    static final Property<Integer> KINDS =
            n -> {
                if (n >= 500)
                    return n % 2 == 0
                            ? new Outcome.Fail("even", "" + n, Set.of("big"))
                            : new Outcome.Fail("big", "" + n);
                return n < 10 ? new Outcome.Fail("small", "" + n) : Outcome.PASS;
            };

    @Test
    void aKindThatAnEarlierCounterexampleShowsIsNotReportedAgainButEveryOtherKindIs() {
        Set<String> seenAfterTheFirst = new HashSet<>();
        List<Counterexample<Integer>> reported = new ArrayList<>();
        Search.Listener<Integer> listener =
                new Search.Listener<>() {
                    @Override
                    public void onCase(long index, Trial<Integer> trial) {
                        if (!reported.isEmpty() && trial.failed())
                            seenAfterTheFirst.add(trial.signature());
                    }

                    @Override
                    public void onCounterexample(Counterexample<Integer> c) {
                        reported.add(c);
                    }
                };
        var report =
                new Search<>(
                                Gens.ints(0, 1000),
                                KINDS,
                                Simplifier.none(),
                                Search.Settings.cases(2_000).withMaxFailures(5),
                                listener)
                        .run(3);
        // Both kinds that shrink to 500 came up after the first counterexample (else this test
        // would prove nothing) ...
        assertTrue(
                seenAfterTheFirst.containsAll(Set.of("big", "even")),
                "kinds seen after the first counterexample: " + seenAfterTheFirst);
        // ... yet 500 is reported once, and "small", which it does not show, is not lost.
        assertEquals(2, report.failures().size(), report.failures().toString());
        assertEquals(
                Set.of(500, 0),
                Set.of(report.failures().get(0).value(), report.failures().get(1).value()));
        Counterexample<Integer> fiveHundred =
                report.failures().stream().filter(c -> c.value() == 500).findFirst().orElseThrow();
        assertTrue(
                fiveHundred.outcome().answersTo("big") && fiveHundred.outcome().answersTo("even"));
        assertEquals(
                report.failures(),
                reported,
                "each counterexample is told to the listener as it is made");
    }

    @Test
    void eachCounterexampleSaysWhenItsFailureWasFirstSeen() {
        var report =
                new Search<>(
                                Gens.ints(0, 1000),
                                KINDS,
                                Simplifier.none(),
                                Search.Settings.cases(2_000).withMaxFailures(5),
                                new Search.Listener<>() {})
                        .run(3);
        long casesBefore = 0;
        double secondsBefore = 0;
        for (Counterexample<Integer> c : report.failures()) {
            assertEquals(
                    c.caseIndex() + 1,
                    c.firstSeenCases(),
                    "cases 0.." + c.caseIndex() + " had run");
            assertTrue(c.firstSeenCases() > casesBefore, "found in order");
            assertTrue(
                    c.firstSeenSeconds() >= secondsBefore
                            && c.firstSeenSeconds() <= report.seconds(),
                    c.firstSeenSeconds() + " in " + report.seconds());
            casesBefore = c.firstSeenCases();
            secondsBefore = c.firstSeenSeconds();
        }
        // A case run alone (ck fuzz --case): it is the only case run, so it was seen after one.
        var one =
                new Search<>(Gens.ints(0, 1000), KINDS, Search.Settings.cases(1))
                        .runCase(3, report.failures().getFirst().caseIndex());
        assertEquals(1, one.failures().getFirst().firstSeenCases());
    }

    @Test
    void theDomainPassesKeepToTheKindTheSearchFoundNotToTheShrunkCasesFirstName() {
        // A list with an element >= 500 fails "big"; a list of one such element names "single"
        // first and shows "big"
        // too; the list [7] fails "single" alone. Shrinking a "big" failure ends at [500] ("single"
        // and "big"); the
        // domain pass proposes [7], which is smaller but no longer "big": it must be refused.
        Property<List<Integer>> p =
                l -> {
                    if (l.equals(List.of(7))) return new Outcome.Fail("single", "" + l);
                    if (l.stream().noneMatch(v -> v >= 500)) return Outcome.PASS;
                    return l.size() == 1
                            ? new Outcome.Fail("single", "" + l, Set.of("big"))
                            : new Outcome.Fail("big", "" + l);
                };
        Simplifier<List<Integer>> toSeven =
                new Simplifier<>() {
                    public List<List<Integer>> candidates(List<Integer> v) {
                        return List.of(List.of(7));
                    }

                    public Comparator<List<Integer>> order() {
                        return Comparator.comparingInt(
                                (List<Integer> l) -> l.stream().mapToInt(Integer::intValue).sum());
                    }
                };
        Trial<List<Integer>> big =
                Trial.run(ShrinkTest.INT_LISTS, p, Choices.replay(new long[] {1, 3, 1, 900, 0}));
        assertEquals("big", big.signature());
        var search =
                new Search<>(
                        ShrinkTest.INT_LISTS,
                        p,
                        toSeven,
                        Search.Settings.cases(1),
                        new Search.Listener<>() {});
        Counterexample<List<Integer>> cx = search.minimise(0, 0, big, 1, 0);
        assertEquals(List.of(500), cx.shrunk());
        assertNotEquals(
                "big",
                ((Outcome.Fail) Trial.check(p, cx.shrunk())).signature(),
                "the shrunk case names another kind first");
        assertEquals(List.of(500), cx.value(), "[7] is not a \"big\" failure");
        assertTrue(cx.outcome().answersTo("big"));
        // Simplifier.run itself: told the kind, it keeps to it; a failure that does not show the
        // kind is refused outright.
        Outcome.Fail shrunk = (Outcome.Fail) Trial.check(p, List.of(500));
        assertEquals(
                List.of(500),
                Simplifier.run(toSeven, p, List.of(500), "big", shrunk, Budget.calls(10)).value());
        assertEquals(
                List.of(7),
                Simplifier.run(toSeven, p, List.of(500), "single", shrunk, Budget.calls(10))
                        .value());
        assertThrows(
                IllegalArgumentException.class,
                () -> Simplifier.run(toSeven, p, List.of(500), "small", shrunk, Budget.calls(10)));
    }

    @Test
    void aKnownFailureIsCountedWithAShrunkExampleAndNeitherFailsNorStopsTheSearch() {
        // Numbers of 500 or more are a known failure; numbers below 10 fail. maxFailures 1: only a
        // failure stops the search.
        Property<Integer> p =
                n ->
                        n >= 500
                                ? new Outcome.Known("big", "" + n)
                                : n < 10 ? new Outcome.Fail("small", "" + n) : Outcome.PASS;
        List<Long> toldKnown = new ArrayList<>();
        List<Counterexample<Integer>> examples = new ArrayList<>();
        Search.Listener<Integer> listener =
                new Search.Listener<>() {
                    @Override
                    public void onKnown(long index, Trial<Integer> trial) {
                        toldKnown.add(index);
                    }

                    @Override
                    public void onKnownExample(Counterexample<Integer> e) {
                        examples.add(e);
                    }
                };
        Property<Integer> knownOnly =
                n -> n >= 500 ? new Outcome.Known("big", "" + n) : Outcome.PASS;
        var report =
                new Search<>(
                                Gens.ints(0, 1000),
                                knownOnly,
                                Simplifier.none(),
                                Search.Settings.cases(300),
                                listener)
                        .run(3);
        assertTrue(report.passed(), report.failures().toString());
        assertEquals(300, report.cases(), "the search ran its whole budget");
        assertEquals(1, report.known().size());
        Search.KnownFailure<Integer> big = report.known().getFirst();
        assertEquals("big", big.signature());
        assertEquals(
                toldKnown.size(),
                big.count(),
                "every search case that showed it, and no case tried while shrinking");
        assertTrue(big.count() > 100, "about half the cases: " + big.count());
        assertEquals(toldKnown.getFirst() + 1, big.firstSeenCases());
        assertEquals(500, big.example().value(), "shrunk to the smallest case that still shows it");
        assertEquals(List.of(big.example()), examples);

        var mixed =
                new Search<>(
                                Gens.ints(0, 1000),
                                p,
                                Simplifier.none(),
                                Search.Settings.cases(2_000),
                                new Search.Listener<>() {})
                        .run(3);
        assertEquals(
                List.of("small"),
                mixed.failures().stream().map(Counterexample::signature).toList(),
                "the other failure is found");
        assertEquals(
                List.of("big"),
                mixed.known().stream().map(Search.KnownFailure::signature).toList());
    }

    /**
     * A property that looks ahead is told of each lot of cases before it checks any of them, and of
     * the next lot before the last one is checked; it checks the same cases in the same order as
     * one that does not, and is told of no more than the budget allows.
     */
    @Test
    void aPropertyThatLooksAheadIsToldOfTheSameCasesBeforeItChecksThem() {
        List<Integer> checkedPlain = new ArrayList<>();
        new Search<>(
                        Gens.ints(0, 1000),
                        n -> {
                            checkedPlain.add(n);
                            return Outcome.PASS;
                        },
                        Search.Settings.cases(23))
                .run(99);
        List<Integer> told = new ArrayList<>(), checked = new ArrayList<>();
        List<Integer> toldWhenChecked = new ArrayList<>();
        Property<Integer> ahead =
                lookingAhead(
                        5,
                        n -> {
                            toldWhenChecked.add(told.size());
                            checked.add(n);
                        },
                        told::addAll);
        new Search<>(Gens.ints(0, 1000), ahead, Search.Settings.cases(23)).run(99);
        assertEquals(checkedPlain, checked);
        assertEquals(checkedPlain, told, "every case told, once, in order, none past the budget");
        // Before the first check two lots are told (the one checked and the next); a lot is told
        // when the one before it starts to be checked.
        assertEquals(
                List.of(10, 10, 10, 10, 10, 15, 15, 15, 15, 15), toldWhenChecked.subList(0, 10));
        for (int i = 0; i < checked.size(); i++)
            assertTrue(toldWhenChecked.get(i) >= Math.min(23, i + 1 + 5), "case " + i);
    }

    /** A property that fails when told of cases loses only its head start. */
    @Test
    void aPropertyThatFailsWhenToldOfCasesStillHasThemChecked() {
        List<Integer> checked = new ArrayList<>();
        Property<Integer> failing =
                lookingAhead(
                        4,
                        checked::add,
                        values -> {
                            throw new IllegalStateException("cannot send them");
                        });
        var report = new Search<>(Gens.ints(0, 1000), failing, Search.Settings.cases(9)).run(5);
        assertEquals(9, report.cases());
        assertEquals(9, checked.size());
        assertTrue(report.passed());
    }

    /**
     * A property that passes every case, taking {@code lookahead} cases ahead: {@code onCheck} sees
     * each case checked, {@code onTold} each lot it is told of.
     */
    private static Property<Integer> lookingAhead(
            int lookahead, Consumer<Integer> onCheck, Consumer<List<Integer>> onTold) {
        return new Property<>() {
            @Override
            public Outcome check(Integer n) {
                onCheck.accept(n);
                return Outcome.PASS;
            }

            @Override
            public int lookahead() {
                return lookahead;
            }

            @Override
            public void upcoming(List<Integer> values) {
                onTold.accept(values);
            }
        };
    }
}
